"""Settings shared by every environment. Machine-specific values come from config.env."""

from config.env import (
    BASE_DIR,
    VAR_DIR,
    archive_proxy_url,
    archive_storage,
    broker_url,
    database_config,
    env,
)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Each app depends only on those above it (docs/architecture.md).
    "apps.core",
    "apps.accounts",
    "apps.regions",
    "apps.actors",
    "apps.sources",
    "apps.archiving",
    "apps.cases",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every answer that is not streamed; If-None-Match gets 304 Not Modified.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, and from where (admin, API), in the history tables.
    "apps.core.audit.AuditMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# PostgreSQL: the role the web server and workers connect as, when `migrate` runs as the
# role that owns the tables. After each migrate it is granted reading and adding rows on
# history tables, and no more (docs/audit.md, deploy/postgres/).
DATABASE_APP_ROLE = env.str("DATABASE_APP_ROLE", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("uk", "Українська"), ("ru", "Русский")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True  # every timestamp is stored in UTC
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing folder
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# The cache holds API throttling counters: per process by default; a shared cache
# (CACHE_URL=redis://...) makes the limits hold across web server processes.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

MEDIA_ROOT = env.path("CHILDTRACE_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Captures (WARC files): a local folder by default, S3-compatible by configuration.
    "archive": archive_storage(),
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.core.api.permissions.ReadForAllWriteForStaff"],
    "DEFAULT_FILTER_BACKENDS": [
        "apps.core.api.filters.RejectNulBytes",
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.api.throttling.PartnerKeyThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "partner_key": env.str("API_PARTNER_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.errors.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ChildTrace API",
    "DESCRIPTION": (
        "Records of Russia's deportation and forced transfer of Ukrainian children. "
        "Partners authenticate with the header `Authorization: Api-Key <key>` and see published "
        "records only. Lists use cursor pagination: follow 'next' until it is null."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and ReDoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents the errors it can give, in the one error shape.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ShareEnum": "apps.cases.models.Share",
        "ClaimSideEnum": "apps.cases.models.ClaimSide",
        "RegionKindEnum": "apps.regions.models.RegionKind",
        "OrganizationKindEnum": "apps.actors.models.OrganizationKind",
        "SourceKindEnum": "apps.sources.models.SourceKind",
        "BoundPrecisionEnum": "apps.core.dates.BoundPrecision",
        # An incident's report date and a source's publication date: one choice set.
        "SingleDatePrecisionEnum": "apps.core.dates.SINGLE_DATE_PRECISIONS",
    },
}

# Celery: JSON only, bounded run time. The filesystem broker is the embedded default so
# that `make run` needs no server; CELERY_BROKER_URL switches to Redis or RabbitMQ.
CELERY_BROKER_URL = broker_url()
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # Every folder kombu's filesystem transport writes, under var/: left unset, each is
    # relative to the working directory ("control" holds the exchange tables).
    _queue_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message is acknowledged when its task has run, and given back if the worker process
# dies; the database's capture jobs (with leases) are what make a capture never lost.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TIMEZONE = "UTC"
# Celery beat's state, for a beat started without --schedule (default: the working directory).
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ROUTES = {"archiving.*": {"queue": env.str("ARCHIVE_QUEUE", default="archive")}}
CELERY_BEAT_SCHEDULE = {
    # Re-queue capture jobs whose message was lost or whose worker died (lease expired).
    "archiving-sweep": {"task": "archiving.sweep", "schedule": 60.0},
    # Re-check archived sources for link rot.
    "archiving-recheck": {"task": "archiving.recheck", "schedule": 60.0 * 60},
}

# Archiving: the workers that fetch every cited URL (docs/archiving.md).
ARCHIVE_QUEUE = env.str("ARCHIVE_QUEUE", default="archive")
# Send capture jobs to the workers. Off in tests, which run jobs in-process or turn it on
# for a real worker; the job rows are written either way.
ARCHIVE_DISPATCH = env.bool("ARCHIVE_DISPATCH", default=True)
ARCHIVE_PROXY_URL = archive_proxy_url()
ARCHIVE_USER_AGENT = env.str(
    "ARCHIVE_USER_AGENT",
    default="ChildTrace-archiver/1 (evidence preservation; +https://github.com/childtrace)",
)
ARCHIVE_CONNECT_TIMEOUT = env.float("ARCHIVE_CONNECT_TIMEOUT", default=10.0)
ARCHIVE_READ_TIMEOUT = env.float("ARCHIVE_READ_TIMEOUT", default=30.0)
# Wall-clock limit for one fetch, body included (a server that drips a byte a second).
ARCHIVE_TOTAL_TIMEOUT = env.float("ARCHIVE_TOTAL_TIMEOUT", default=120.0)
ARCHIVE_MAX_BODY_BYTES = env.int("ARCHIVE_MAX_BODY_BYTES", default=100 * 1024 * 1024)
ARCHIVE_MAX_REDIRECTS = env.int("ARCHIVE_MAX_REDIRECTS", default=10)
ARCHIVE_MAX_ATTEMPTS = env.int("ARCHIVE_MAX_ATTEMPTS", default=6)
ARCHIVE_RETRY_BASE_SECONDS = env.float("ARCHIVE_RETRY_BASE_SECONDS", default=30.0)
ARCHIVE_RETRY_MAX_SECONDS = env.float("ARCHIVE_RETRY_MAX_SECONDS", default=6 * 60 * 60)
ARCHIVE_LEASE_SECONDS = env.int("ARCHIVE_LEASE_SECONDS", default=15 * 60)
# A pending job this late (its message lost with a broker outage) is queued again.
ARCHIVE_SWEEP_GRACE_SECONDS = env.int("ARCHIVE_SWEEP_GRACE_SECONDS", default=120)
# Politeness: at most one request to the same host per this many seconds.
ARCHIVE_HOST_INTERVAL = env.float("ARCHIVE_HOST_INTERVAL", default=2.0)
ARCHIVE_RECHECK_DAYS = env.int("ARCHIVE_RECHECK_DAYS", default=30)
ARCHIVE_RECHECK_BATCH = env.int("ARCHIVE_RECHECK_BATCH", default=200)
# Tests only: one loopback "127.0.0.1:port" the fetcher may reach. Never set in production.
ARCHIVE_ALLOW_LOOPBACK = env.str("ARCHIVE_ALLOW_LOOPBACK", default="")
ARCHIVE_TELEGRAM_HOSTS = ["t.me", "telegram.me", "telegram.dog", "www.t.me"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

ADMIN_SITE_HEADER = "ChildTrace"

# History (docs/audit.md): a past version is shown, never restored over the record (a
# revert would bypass review and publication); corrections are new changes.
SIMPLE_HISTORY_REVERT_DISABLED = True
