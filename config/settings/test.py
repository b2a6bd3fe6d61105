"""Test settings: fast hashing, in-memory mail, no whitenoise manifest."""

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "archive": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
CELERY_TASK_ALWAYS_EAGER = False
ARCHIVE_DISPATCH = False
