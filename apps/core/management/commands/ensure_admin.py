import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from config.env import VAR_DIR


class Command(BaseCommand):
    help = (
        "Make sure a local admin login exists and print it. The password is generated "
        "once and kept in var/admin-password.txt (readable only by you); delete that "
        "file to get a new one."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, username: str, url: str, **options) -> None:
        User = get_user_model()
        secret_file = VAR_DIR / "admin-password.txt"
        user = User.objects.filter(username=username).first()
        password = secret_file.read_text().strip() if secret_file.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User(username=username, is_staff=True, is_superuser=True)
            user.is_active = True
            user.set_password(password)
            user.save()
            secret_file.write_text(password + "\n")
            secret_file.chmod(0o600)
        line = "=" * 64
        self.stdout.write(
            f"\n{line}\n  ChildTrace is starting at {url}\n"
            f"  Log in as  {username}  /  {password}\n"
            f"  (database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
            f"password kept in {secret_file})\n{line}\n"
        )
