import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a user's second factor (a lost or replaced phone), so that they set up a new "
        "one at their next login, with an enrollment code you issue them "
        "(manage.py issue_two_factor_enrollment). Recorded with the reason."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help="Why, for the record.")

    def handle(self, *args, username: str, reason: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not reason.strip():
            raise CommandError("Give the reason (--reason), for the record.")
        removed = second_factor_reset(
            user=user, by=f"manage.py two_factor_reset (OS user {getpass.getuser()})", reason=reason
        )
        if not removed:
            raise CommandError(f"{username} has no second factor set up.")
        self.stdout.write(
            f"Removed {removed} second factor(s) of {username} and ended their sessions. To "
            "set up a new one they need an enrollment code: manage.py "
            f"issue_two_factor_enrollment {username}"
        )
