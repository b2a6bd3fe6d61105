"""'Archive now' on a source's own page, and a failed capture retried from there: for
those who may change sources, with the job the workers run."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.archiving.models import Capture, CaptureJob, Outcome
from apps.archiving.services import capture_job_run
from tests.archiving.helpers import new_source, open_job
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed(site):
    """A source whose capture failed: the site refused it (403)."""
    url = site.page("/refused", "<p>no</p>", status=403)
    source = new_source(url)
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.FAILED
    return source


@pytest.fixture
def reader(client):
    """Staff who may view sources, not change them."""
    user = UserFactory(username="reader")
    user.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(user)
    return client


def page(client, source) -> str:
    response = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_archive_now_on_the_source_page_queues_a_capture(site, staff_client, user):
    source = new_source(site.page("/statement", "<title>Statement</title><p>text</p>"))
    capture_job_run(job_id=open_job(source).pk)
    archive = reverse("admin:sources_source_archive", args=[source.pk])
    text = page(staff_client, source)
    assert f'action="{archive}"' in text and ">Archive now</button>" in text

    response = staff_client.post(archive, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:sources_source_change", args=[source.pk]
    )
    assert "Capture queued." in response.content.decode()
    job = open_job(source)
    assert (job.kind, job.requested_by) == ("again", user)
    assert "A new capture is queued." in response.content.decode()


def test_asking_twice_queues_one_capture_and_says_so(site, staff_client):
    source = new_source(site.page("/statement", "<p>text</p>"))  # its first job waits
    archive = reverse("admin:sources_source_archive", args=[source.pk])
    response = staff_client.post(archive, follow=True)
    assert "already queued; it is not queued twice" in response.content.decode()
    assert CaptureJob.objects.filter(source=source).count() == 1


def test_a_failed_capture_is_retried_from_the_source_page(failed, site, staff_client):
    text = page(staff_client, failed)
    assert "Not archived: the server answered 403" in text
    assert ">Retry capture</button>" in text

    staff_client.post(reverse("admin:sources_source_archive", args=[failed.pk]))
    site.page("/refused", "<title>Now public</title><p>yes</p>")
    assert capture_job_run(job_id=open_job(failed).pk) == Outcome.ARCHIVED
    assert list(
        Capture.objects.filter(source=failed).order_by("pk").values_list("outcome", flat=True)
    ) == [Outcome.FAILED, Outcome.ARCHIVED]
    assert "Archived on" in page(staff_client, failed)


def test_a_reader_sees_no_button_and_cannot_queue(failed, reader):
    archive = reverse("admin:sources_source_archive", args=[failed.pk])
    text = page(reader, failed)
    assert archive not in text and "Retry capture" not in text
    assert reader.post(archive).status_code == 403
    assert not CaptureJob.objects.open().filter(source=failed).exists()


def test_archiving_is_asked_for_with_a_post(failed, staff_client):
    archive = reverse("admin:sources_source_archive", args=[failed.pk])
    assert staff_client.get(archive).status_code == 405
    assert not CaptureJob.objects.open().filter(source=failed).exists()


@pytest.mark.parametrize("object_id", ["999999", "abc", "1e3"])
def test_no_such_source_is_a_404(staff_client, object_id):
    response = staff_client.post(f"/admin/sources/source/{object_id}/archive/")
    assert response.status_code == 404
    assert not CaptureJob.objects.exists()


def test_a_source_without_a_url_offers_nothing_to_archive(staff_client):
    from tests.factories import SourceFactory

    report = SourceFactory(url_as_cited="", url=None, title="A printed report")
    assert "Archive now" not in page(staff_client, report)
    response = staff_client.post(
        reverse("admin:sources_source_archive", args=[report.pk]), follow=True
    )
    assert "no URL: there is nothing to archive" in response.content.decode()
    assert not CaptureJob.objects.exists()
