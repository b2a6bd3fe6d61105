from django.core.management.base import BaseCommand, CommandError

from apps.archiving.models import JobKind
from apps.archiving.selectors import source_list_unarchived
from apps.archiving.services import capture_request_many
from apps.core.services import system_user
from apps.sources.models import Source


class Command(BaseCommand):
    help = (
        "Queue captures: of the sources given by id, or of every source with a URL that "
        "has no archived copy yet (--unarchived). A source whose capture already waits is "
        "not queued twice. Fetching goes through ARCHIVE_PROXY_URL when it is set."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("ids", nargs="*", type=int, help="Source ids.")
        parser.add_argument(
            "--unarchived", action="store_true", help="Every source not archived yet."
        )

    def handle(self, *args, ids: list[int], unarchived: bool, **options) -> None:
        if bool(ids) == unarchived:
            raise CommandError("Give source ids, or --unarchived (not both).")
        if ids:
            sources = list(Source.objects.filter(pk__in=ids))
            missing = sorted(set(ids) - {s.pk for s in sources})
            if missing:
                raise CommandError(f"No source with id {', '.join(map(str, missing))}.")
        else:
            sources = list(source_list_unarchived())
        queued = capture_request_many(sources=sources, user=system_user(), kind=JobKind.AGAIN)
        self.stdout.write(self.style.SUCCESS(f"{queued} capture(s) queued."))
