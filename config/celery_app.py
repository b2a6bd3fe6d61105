"""The Celery application. Celery is the transport; the database holds the truth."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

from apps.core import audit
from config.env import check_settings_for_environment

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
# Refuses to start a worker (or anything that loads the project: config/__init__.py
# imports this module) on the local settings of a production installation.
check_settings_for_environment(os.environ["DJANGO_SETTINGS_MODULE"])

app = Celery("childtrace")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# History rows written by a task name it, with the worker as their origin.
_audit_tokens: dict[str, object] = {}


@task_prerun.connect
def _audit_begin(task_id=None, task=None, **kwargs) -> None:
    _audit_tokens[task_id] = audit.begin(audit.Origin.WORKER, f"task {task.name}")


@task_postrun.connect
def _audit_end(task_id=None, **kwargs) -> None:
    token = _audit_tokens.pop(task_id, None)
    if token is not None:
        audit.end(token)
