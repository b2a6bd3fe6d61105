from django.core.management.base import BaseCommand, CommandError

from apps.core.services import system_user
from apps.regions.services import ReferenceDataError, regions_load_reference


class Command(BaseCommand):
    help = (
        "Load Ukraine, Russia and Belarus and every Ukrainian and Russian first-level "
        "region (ISO 3166-2) with English, Ukrainian and Russian names. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            report = regions_load_reference(user=system_user())
        except ReferenceDataError as exc:
            raise CommandError(f"Reference data rejected, nothing loaded: {exc}") from exc
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"Regions: {report.changed} rows written."))
