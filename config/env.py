"""Environment parsing: one place, strict, with defaults that need no server.

Every setting that differs between machines comes from an environment variable. A
value that does not parse stops start-up with a message naming the variable, rather
than running with a guess.
"""

from pathlib import Path

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
    return config


def broker_url() -> str:
    url = env.str("CELERY_BROKER_URL", default=DEFAULT_BROKER_URL)
    scheme = url.split("://", 1)[0]
    if scheme not in {"filesystem", "redis", "rediss", "amqp", "pyamqp", "memory"}:
        raise ImproperlyConfigured(f"CELERY_BROKER_URL has an unsupported scheme: {scheme!r}")
    return url
