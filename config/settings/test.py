"""Test settings: fast hashing, in-memory mail, no whitenoise manifest."""

from config.env import archive_storage
from config.settings.base import *  # noqa: F403
from config.settings.base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # In memory, unless a worker process the tests start is told where the test keeps it.
    "archive": (
        archive_storage()
        if env.str("ARCHIVE_STORAGE_URL", default="")
        else {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    ),
}
CELERY_TASK_ALWAYS_EAGER = False
# Jobs run in-process in tests; a worker process the tests start is told otherwise.
ARCHIVE_DISPATCH = env.bool("ARCHIVE_DISPATCH", default=False)

# The worker tests start real Celery workers on Redis (db 15, a queue of their own).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# A file, not memory, so that a worker process the tests start opens the same database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
# The worker tests' workers take no remote-control commands: no broadcast bindings are
# left in Redis.
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
