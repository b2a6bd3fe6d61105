"""What a worker writes is recorded as the worker's: origin `worker`, actor the task."""

import pytest

from apps.archiving.models import Capture, CaptureJob
from apps.archiving.tasks import capture_job_task
from apps.core.audit import Origin
from apps.core.services import SYSTEM_USERNAME
from tests.archiving.helpers import new_source, open_job

pytestmark = pytest.mark.django_db


def test_a_capture_run_by_a_task_is_recorded_as_the_workers(site, user):
    source = new_source(
        site.page("/article", "<html><title>t</title><p>text</p></html>"), user=user
    )
    job = open_job(source)

    assert capture_job_task.apply(args=(job.pk,)).get() == "archived"

    capture = Capture.objects.get(job=job)
    created = Capture.history.get(id=capture.pk)
    assert (created.history_origin, created.history_actor, created.history_user.username) == (
        Origin.WORKER,
        "task archiving.capture",
        SYSTEM_USERNAME,
    )
    rows = list(CaptureJob.history.filter(id=job.pk).order_by("history_id"))
    assert [(r.status, r.history_origin) for r in rows] == [
        ("pending", Origin.UNKNOWN),  # asked for by the test's own code
        ("running", Origin.WORKER),
        ("done", Origin.WORKER),
    ]
    assert rows[0].history_user == user
    assert {r.history_actor for r in rows[1:]} == {"task archiving.capture"}
