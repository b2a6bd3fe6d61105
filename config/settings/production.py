"""Production: everything from the environment, nothing insecure by default.

`manage.py check --deploy` is clean with these settings (tests/core/test_deploy.py).
Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto (docs/security.md).
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # required: no default in production
# The proxy terminates TLS and says so in X-Forwarded-Proto; it must overwrite any such
# header a client sends.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=True)
# The container's health check asks over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Superusers and reviewers must log in with a second factor.
CHILDTRACE_REQUIRE_2FA = env.bool("CHILDTRACE_REQUIRE_2FA", default=True)

if ARCHIVE_ALLOW_LOOPBACK:  # noqa: F405
    raise ImproperlyConfigured(
        "ARCHIVE_ALLOW_LOOPBACK lets the archiver reach this machine: it is for tests only."
    )
