from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from apps.evidence.models import EvidencePackage
from apps.evidence.verify import verify_package


class Command(BaseCommand):
    help = (
        "Check an evidence package offline: every file has the SHA-256 and size its "
        "manifest lists, no file was added, each WARC's payload digests and recorded "
        "SHA-256 still match, and SHA256SUMS holds the manifest's own hash. Exits 0 when "
        "intact, 1 naming each failing file when not."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("package", metavar="FILE.zip")

    def handle(self, *args, **options) -> None:
        verdict = verify_package(options["package"])
        if not verdict.intact:
            for problem in verdict.problems:
                self.stderr.write(f"FAILED {problem}")
            raise CommandError(
                f"{options['package']} is NOT intact: {len(verdict.problems)} problem(s)."
            )
        manifest = verdict.manifest
        built_by = manifest.get("built_by", {}).get("username", "?")
        self.stdout.write(
            f"Built {manifest.get('built_at')} by {built_by} on "
            f"{manifest.get('installation')} ({manifest.get('software')})."
        )
        self.stdout.write(
            f"{len(manifest.get('incidents', []))} incident(s), {verdict.captures} capture(s), "
            f"{verdict.warc_records} WARC response record(s), {verdict.files} files checked."
        )
        if verdict.timestamp:
            self.stdout.write(f"RFC 3161 timestamp of the manifest: {verdict.timestamp}.")
        self.stdout.write(f"Manifest SHA-256: {verdict.manifest_sha256}")
        self.stdout.write(self._recorded(verdict.manifest_sha256))
        self.stdout.write(self.style.SUCCESS(f"{options['package']} is intact."))

    def _recorded(self, digest: str) -> str:
        """Whether this installation built it (not needed to verify; told when known)."""
        try:
            record = EvidencePackage.objects.filter(manifest_sha256=digest).first()
        except DatabaseError:  # no database at hand: verification is offline anyway
            return "(No database at hand to look up where it was built.)"
        if record is None:
            return "This installation has no record of building it (built elsewhere?)."
        return (
            f"Recorded here as package #{record.pk}, built {record.built_at:%Y-%m-%d %H:%M} "
            f"UTC by {record.built_by.get_username()}."
        )
