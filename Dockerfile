# Production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    CHILDTRACE_VAR_DIR=/var/lib/childtrace

RUN groupadd --system app && useradd --system --gid app --home /app app \
    && mkdir -p /var/lib/childtrace/archive /var/lib/childtrace/media \
    && chown -R app:app /var/lib/childtrace

WORKDIR /app
# The pinned runtime dependencies (no test tools); the code runs from /app itself.
COPY requirements/production.txt requirements/production.txt
RUN pip install -r requirements/production.txt
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
