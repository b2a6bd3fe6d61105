from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump's custom format, or SQLite's online backup) and "
        "every capture file of the archive storage into a new dated directory, with a "
        "manifest of SHA-256 hashes (docs/operations.md). Exits with an error if a "
        "capture's WARC file is missing or differs from its recorded hash."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.VAR_DIR / "backups",
            help="The folder the backup directory is made in (default: var/backups).",
        )

    def handle(self, *args, output: Path, **options) -> None:
        try:
            report = backup_create(into=output.resolve())
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{report.path}\n  database: {report.database_file}\n"
            f"  capture files: {report.files} ({report.bytes:,} bytes)\n"
            f"  captures checked against their WARC hashes: {report.captures}"
        )
        if report.problems:
            raise CommandError(
                f"the backup is written, but {len(report.problems)} capture(s) have no "
                "intact file:\n  " + "\n  ".join(report.problems)
            )
        self.stdout.write(self.style.SUCCESS("Backup complete."))
