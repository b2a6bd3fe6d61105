from django.core.management.base import BaseCommand, CommandError

from apps.cases.models import ChildGroup
from apps.cases.totals import children_total
from apps.core.services import system_user
from apps.demo.services import DemoDataError, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo dataset made from the two seed reports (ISW, 2025): incidents, "
        "child groups, officials, organizations and every cited URL. Needs load_regions. "
        "Creates only what is missing; never changes an existing record."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--archive",
            action="store_true",
            help="Also queue a capture of every demo source. Off by default: the demo cites "
            "Russian state media and officials' channels, and fetching them reveals this "
            "machine's address to them (see ARCHIVE_PROXY_URL).",
        )

    def handle(self, *args, **options) -> None:
        try:
            report = demo_load(user=system_user(), archive=options["archive"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(f"  {line}")
        total = children_total(ChildGroup.objects.all())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {report.changed} rows written. Children in all groups, each "
                f"counted once: {total}."
            )
        )
