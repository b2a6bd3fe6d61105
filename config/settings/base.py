"""Settings shared by every environment. Machine-specific values come from config.env."""

import datetime as dt

from csp.constants import NONE, SELF, UNSAFE_INLINE

from config.env import (
    BASE_DIR,
    VAR_DIR,
    archive_proxy_url,
    archive_storage,
    broker_url,
    database_config,
    env,
    number_at_least,
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # Each app depends only on those above it (docs/architecture.md).
    "apps.core",
    "apps.accounts",
    "apps.regions",
    "apps.actors",
    "apps.sources",
    "apps.archiving",
    "apps.cases",
    "apps.evidence",
    "apps.demo",
    "apps.operations",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Above ConditionalGet: the ETag is computed before no-store is added (Django makes
    # none for a no-store answer), and its 304 answers get the no-store too.
    "apps.core.middleware.ApiNoStoreMiddleware",
    # ETag on every answer that is not streamed; If-None-Match gets 304 Not Modified.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, and from where (admin, API), in the history tables.
    "apps.core.audit.AuditMiddleware",
    "apps.accounts.middleware.PartnerKeyAccessMiddleware",
    # Last (django-axes asks for it): turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Logins (docs/security.md). Failed logins lock out the username and, separately, the
# address they came from, for a cool-off; each is recorded in accounts.AccessEvent (axes'
# own logs are off: its AccessAttempt rows are only the running count).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Attempts refused during a lockout do not extend it: it ends a cool-off after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "apps.accounts.client_ip.client_ip"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Masked in the running count's copy of the form (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]
# Superusers unlock with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
AXES_ENABLE_ADMIN = False
# Partner keys: an address that sends this many invalid keys within the cool-off is
# refused (429) until the cool-off has passed.
API_KEY_FAILURE_LIMIT = env.int("API_KEY_FAILURE_LIMIT", default=10)
API_KEY_COOLOFF = dt.timedelta(minutes=env.int("API_KEY_COOLOFF_MINUTES", default=15))
# How many reverse proxies, each appending to X-Forwarded-For, stand between the clients
# and this server: 0 takes the connection's address (apps/accounts/client_ip.py).
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Second factor (TOTP): when on, superusers and reviewers must have one to use the admin
# or the API. Anyone who has set one up gives its code at login either way.
CHILDTRACE_REQUIRE_2FA = env.bool("CHILDTRACE_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "ChildTrace"
# Sessions end when the browser closes, and after at most SESSION_COOKIE_AGE since the
# login (or the session's last change) in any case.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE_SECONDS", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy on every page: scripts, styles, images and fonts from this site
# only, no inline script, nothing framed, no plugin (docs/security.md). Inline style
# attributes (a few in Django's and django-simple-history's admin templates) are allowed:
# an attribute holds no selector and runs nothing; <style> elements are not (except on
# the ReDoc page, config/api_router.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

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
    "DEFAULT_PERMISSION_CLASSES": ["apps.core.api.permissions.RolePolicy"],
    "DEFAULT_FILTER_BACKENDS": [
        "apps.core.api.filters.RejectNulBytes",
        "django_filters.rest_framework.DjangoFilterBackend",
        "apps.core.api.filters.LiveRowsSearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.StableCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.api.throttling.PartnerKeyThrottle",
        "apps.core.api.throttling.PersonThrottle",
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
        "records only. Lists use cursor pagination: follow 'next' until it is null. "
        "Incremental sync: GET /api/v1/incidents/?updated_since=T for what changed, and "
        "GET /api/v1/incidents/removed/?since=T for the incidents withdrawn or deleted "
        "since T (delete your copies, with their groups and citations)."
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
# How often beat runs the capture sweep. A killed worker's job is taken again two thirds
# of a lease to a lease after the kill (ARCHIVE_LEASE_SECONDS), plus up to this.
ARCHIVE_SWEEP_SECONDS = number_at_least("ARCHIVE_SWEEP_SECONDS", default=30.0, minimum=1)
CELERY_BEAT_SCHEDULE = {
    # Re-queue capture jobs whose message was lost or whose worker died (lease expired).
    "archiving-sweep": {
        "task": "archiving.sweep",
        "schedule": ARCHIVE_SWEEP_SECONDS,
    },
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
# A worker renews its job's lease every third of this while the capture runs, so a lease
# runs out only when its worker stopped; the sweep then sends the job again.
ARCHIVE_LEASE_SECONDS = number_at_least("ARCHIVE_LEASE_SECONDS", default=90.0, minimum=1)
# A job whose lease ran out this many times (its worker stopped each time) is not tried
# again: it is recorded as a failed capture that says so.
ARCHIVE_MAX_CRASHES = number_at_least("ARCHIVE_MAX_CRASHES", default=3, minimum=1, whole=True)
# A pending job this late (its message lost with a broker outage) is queued again.
ARCHIVE_SWEEP_GRACE_SECONDS = env.int("ARCHIVE_SWEEP_GRACE_SECONDS", default=120)
# Politeness: at most one request to the same host per this many seconds.
ARCHIVE_HOST_INTERVAL = env.float("ARCHIVE_HOST_INTERVAL", default=2.0)
ARCHIVE_RECHECK_DAYS = env.int("ARCHIVE_RECHECK_DAYS", default=30)
ARCHIVE_RECHECK_BATCH = env.int("ARCHIVE_RECHECK_BATCH", default=200)
# Tests only: one loopback "127.0.0.1:port" the fetcher may reach. Never set in production.
ARCHIVE_ALLOW_LOOPBACK = env.str("ARCHIVE_ALLOW_LOOPBACK", default="")
ARCHIVE_TELEGRAM_HOSTS = ["t.me", "telegram.me", "telegram.dog", "www.t.me"]
# Evidence packages (docs/evidence.md): the installation's name in each manifest (default:
# this machine's name), and an RFC 3161 timestamp authority for the manifest (none: off).
EVIDENCE_INSTALLATION_NAME = env.str("EVIDENCE_INSTALLATION_NAME", default="")
EVIDENCE_TSA_URL = env.str("EVIDENCE_TSA_URL", default="")
EVIDENCE_TSA_TIMEOUT = env.float("EVIDENCE_TSA_TIMEOUT", default=30.0)

# Review (docs/publication.md): the reviewer who publishes an incident may not be the
# last person who edited it, its groups or its citations.
CHILDTRACE_FOUR_EYES = env.bool("CHILDTRACE_FOUR_EYES", default=True)

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
