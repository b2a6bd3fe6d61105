import os
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.cases.models import Incident
from apps.core.services import system_user
from apps.core.visibility import Viewer
from apps.evidence.services import EvidencePackageError, build_package
from apps.evidence.tsa import TimestampError


class Command(BaseCommand):
    help = (
        "Build an evidence package: a zip of the chosen incidents as JSON, their sources' "
        "captures (WARC and text), the history of every record and a manifest of SHA-256 "
        "hashes (docs/evidence.md). Check it with verify_package."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--incident",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="An incident's id (repeat for more).",
        )
        parser.add_argument(
            "--all-published", action="store_true", help="Every published incident."
        )
        parser.add_argument("-o", "--output", required=True, metavar="FILE.zip")
        parser.add_argument(
            "--user",
            help="The user name recorded as the builder (default: the system user).",
        )

    def handle(self, *args, **options) -> None:
        ids = set(options["incident"])
        if options["all_published"]:
            ids |= set(Incident.objects.filter(is_published=True).values_list("pk", flat=True))
        if not ids:
            raise CommandError("Name incidents with --incident ID, or use --all-published.")
        by = self._user(options["user"])
        output = Path(options["output"])
        if output.is_dir():
            raise CommandError(f"{output} is a folder: give the zip file's name.")
        folder = output.resolve().parent
        if not folder.is_dir():
            raise CommandError(f"No folder {folder}: nothing written.")
        self.stdout.write(f"Building the package of {len(ids)} incident(s) ...")
        # Written beside the target and renamed at the end: on error, nothing is left.
        handle, temporary = tempfile.mkstemp(prefix=".evidence-", suffix=".zip", dir=folder)
        try:
            with os.fdopen(handle, "w+b") as out:
                # Whoever runs commands here reads the database itself: all records.
                built = build_package(sorted(ids), by=by, out=out, viewer=Viewer.staff())
            os.replace(temporary, output)
        except (EvidencePackageError, TimestampError) as exc:
            raise CommandError(f"{exc} Nothing written.") from exc
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {len(built.record.incident_ids)} incident(s), "
                f"{built.captures} capture(s), {built.files} files. Manifest SHA-256 "
                f"{built.manifest_sha256} (recorded as package #{built.record.pk})."
            )
        )

    def _user(self, username: str | None):
        if not username:
            return system_user()
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
