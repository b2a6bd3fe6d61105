import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import EnrollmentRefused, second_factor_enrollment_issue


class Command(BaseCommand):
    help = (
        "Issue a one-time code with which a user sets up their first second factor at "
        "/account/two-factor/ (valid 72 hours; replaces an earlier unused one). Prints the "
        "code, which is stored only as a digest: give it to the user in person or over "
        "another channel than their password. Recorded as an access event."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        try:
            enrollment, code = second_factor_enrollment_issue(
                user=user,
                by=f"manage.py issue_two_factor_enrollment (OS user {getpass.getuser()})",
            )
        except EnrollmentRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(
            f"Enrollment code for {username}: {code}\n"
            f"Valid once, until {enrollment.expires_at:%Y-%m-%d %H:%M} UTC, at "
            "/account/two-factor/ together with the first code of their authenticator app."
        )
