"""The Celery application. Celery is the transport; the database holds the truth."""

import os

from celery import Celery

from config.env import check_settings_for_environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Refuses to start a worker (or anything that loads the project: config/__init__.py
# imports this module) on the local settings of a production installation.
check_settings_for_environment(os.environ["DJANGO_SETTINGS_MODULE"])

app = Celery("childtrace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
