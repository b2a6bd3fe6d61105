from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into this installation's database "
        "(DATABASE_URL) and archive storage (ARCHIVE_STORAGE_URL), then check every "
        "restored file and every capture's WARC against the hashes (docs/operations.md). "
        "The backup is checked first; a database that holds tables is refused unless "
        "--replace is given; a storage file that differs from the backup's is never "
        "overwritten."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="The backup directory.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Restore into a database that holds tables: PostgreSQL drops and "
            "recreates the objects the backup holds (pg_restore --clean); SQLite replaces "
            "the whole database.",
        )
        parser.add_argument(
            "--no-owner",
            action="store_true",
            help="PostgreSQL: the restoring role owns every object (pg_restore "
            "--no-owner), for a server without the backup's roles.",
        )

    def handle(self, *args, backup: Path, replace: bool, no_owner: bool, **options) -> None:
        try:
            report = backup_restore(path=backup, replace=replace, keep_owners=not no_owner)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored {report.path}\n  database: {report.database_file}\n"
            f"  capture files: {report.files} ({report.bytes:,} bytes), read back and checked\n"
            f"  captures checked against their WARC hashes: {report.captures}"
        )
        if report.problems:
            raise CommandError(
                f"{len(report.problems)} problem(s) after restoring:\n  "
                + "\n  ".join(report.problems)
            )
        self.stdout.write(self.style.SUCCESS("Restore complete: every hash matches."))
