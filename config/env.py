"""Environment parsing: one place, strict, with defaults that need no server.

Every setting that differs between machines comes from an environment variable. A
value that does not parse stops start-up with a message naming the variable, rather
than running with a guess.
"""

from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read if present (never committed); real environment wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime state of the embedded default (SQLite file, filesystem broker, media).
VAR_DIR = Path(env.str("CHILDTRACE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'childtrace.sqlite3'}"
DEFAULT_BROKER_URL = "filesystem://"


def database_config() -> dict:
    url = env.str("DATABASE_URL", default=DEFAULT_DATABASE_URL)
    try:
        config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several types here
        raise ImproperlyConfigured(f"DATABASE_URL does not parse: {exc}") from exc
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to PostgreSQL or SQLite, not {engine or url!r}"
        )
    if engine == "django.db.backends.sqlite3":
        # Several processes write (the web server and the workers): transactions take the
        # write lock when they begin and wait for it, rather than failing with "database
        # is locked" when a read turns into a write; WAL lets readers go on meanwhile.
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


def broker_url() -> str:
    url = env.str("CELERY_BROKER_URL", default=DEFAULT_BROKER_URL)
    scheme = url.split("://", 1)[0]
    if scheme not in {"filesystem", "redis", "rediss", "amqp", "pyamqp", "memory"}:
        raise ImproperlyConfigured(f"CELERY_BROKER_URL has an unsupported scheme: {scheme!r}")
    return url


def archive_storage() -> dict:
    """Where captures (WARC files) are kept: a local folder or an S3-compatible bucket.

    ARCHIVE_STORAGE_URL is `file:///absolute/folder` (the default is var/archive) or
    `s3://bucket/prefix?endpoint_url=https://...&region_name=...` (needs the `s3` extra;
    credentials come from the usual AWS_* variables).
    """
    url = env.str("ARCHIVE_STORAGE_URL", default=(VAR_DIR / "archive").as_uri())
    parts = urlsplit(url)
    if parts.scheme == "file":
        if not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"ARCHIVE_STORAGE_URL needs an absolute path: {url!r}")
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": unquote(parts.path), "base_url": None},
        }
    if parts.scheme == "s3":
        if not parts.netloc:
            raise ImproperlyConfigured(f"ARCHIVE_STORAGE_URL names no bucket: {url!r}")
        options = {"bucket_name": parts.netloc, "location": parts.path.strip("/")}
        allowed = {"endpoint_url", "region_name"}
        for key, value in parse_qsl(parts.query):
            if key not in allowed:
                raise ImproperlyConfigured(
                    f"ARCHIVE_STORAGE_URL: unknown option {key!r} (known: {sorted(allowed)})"
                )
            options[key] = value
        # Evidence is never served from a public bucket URL: downloads go through the app.
        options.update(
            {"default_acl": "private", "querystring_auth": True, "file_overwrite": False}
        )
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    raise ImproperlyConfigured(
        f"ARCHIVE_STORAGE_URL must start with file:// or s3://, not {parts.scheme!r}"
    )


def archive_proxy_url() -> str:
    """The proxy every archiving fetch goes through (empty: direct)."""
    url = env.str("ARCHIVE_PROXY_URL", default="")
    if url:
        scheme = url.split("://", 1)[0]
        if scheme not in {"http", "https", "socks5", "socks5h", "socks4", "socks4a"}:
            raise ImproperlyConfigured(
                f"ARCHIVE_PROXY_URL must be http://, https:// or socks5h:// (e.g. Tor at "
                f"socks5h://127.0.0.1:9050), not {scheme!r}"
            )
    return url


def number_at_least(name: str, *, default: float, minimum: float, whole: bool = False) -> float:
    """A number from the environment, refused (naming the variable) below `minimum`."""
    value = env.int(name, default=default) if whole else env.float(name, default=default)
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum:g}, not {value:g}")
    return value


# DJANGO_ENV names the kind of installation: "production" on a server (the Docker image
# sets it), empty or "local" on a laptop. On a production installation only the
# production settings may load: the local ones run with DEBUG and a known secret key.
PRODUCTION_SETTINGS = "config.settings.production"
ENVIRONMENTS = {"", "local", "test", "production"}


def check_settings_for_environment(settings_module: str) -> None:
    environment = env.str("DJANGO_ENV", default="")
    if environment not in ENVIRONMENTS:
        raise ImproperlyConfigured(
            f"DJANGO_ENV={environment!r} is not one of {sorted(ENVIRONMENTS - {''})}"
        )
    if environment == "production" and settings_module != PRODUCTION_SETTINGS:
        raise ImproperlyConfigured(
            f"DJANGO_ENV=production, but DJANGO_SETTINGS_MODULE is {settings_module!r}: a "
            f"production installation runs only with {PRODUCTION_SETTINGS} (the local and "
            "test settings have DEBUG on and a known secret key). Set "
            f"DJANGO_SETTINGS_MODULE={PRODUCTION_SETTINGS}."
        )
