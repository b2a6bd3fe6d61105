# Production image: gunicorn for the web, the same image for the Celery worker and beat.
#
# psycopg runs on its C implementation (psycopg-c), compiled against Debian's libpq: the
# build stage has the compiler and libpq-dev and turns requirements/production.txt (the
# pinned runtime set, with psycopg-c; `make lock` writes it) into wheels; the runtime
# stage installs only those wheels and needs libpq5 alone (and the PostgreSQL client
# tools, for backups). psycopg[binary] (dev and CI)
# bundles its own libpq; here the system's libpq gets Debian's security updates.
# (RUN --mount needs BuildKit, the default builder since Docker Engine 23.)
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libpq-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements/production.txt /tmp/production.txt
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r /tmp/production.txt

FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    DJANGO_ENV=production \
    CHILDTRACE_VAR_DIR=/var/lib/childtrace
# psycopg fails at import rather than fall back silently to another implementation.
ENV PSYCOPG_IMPL=c

# postgresql-client: pg_dump and pg_restore for `manage.py backup` / `restore`; Debian
# bookworm's are version 15, as the database server's (docker-compose.yml).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system app && useradd --system --gid app --home /app app \
    && mkdir -p /var/lib/childtrace/archive /var/lib/childtrace/media \
        /var/lib/childtrace/backups \
    && chown -R app:app /var/lib/childtrace

WORKDIR /app
# The pinned runtime dependencies (no test tools), from the build stage's wheels only;
# the code runs from /app itself.
COPY requirements/production.txt requirements/production.txt
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-index --find-links=/wheels -r requirements/production.txt \
    && python -c "import psycopg; assert psycopg.pq.__impl__ == 'c', psycopg.pq.__impl__"
COPY manage.py pyproject.toml ./
COPY apps apps
COPY config config
COPY templates templates
COPY static static

# collectstatic needs a secret key to import settings; this one is used for nothing else.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input \
    && chown -R app:app /var/lib/childtrace

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--timeout", "60"]
