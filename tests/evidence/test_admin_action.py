"""'Build evidence package' on the incident list: for those who may view incidents
(viewers, investigators, reviewers), never for a partner account."""

import io
import zipfile

import pytest
from django.urls import reverse

from apps.cases.models import Incident
from apps.evidence.models import EvidencePackage
from apps.evidence.verify import verify_package
from tests.factories import (
    InvestigatorFactory,
    ReviewerFactory,
    UserFactory,
    ViewerFactory,
    role_group,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:cases_incident_changelist"


def post_action(client, ids):
    return client.post(
        reverse(CHANGELIST),
        {"action": "build_evidence_package", "_selected_action": ids},
    )


def chosen() -> list[int]:
    return list(Incident.objects.order_by("pk").values_list("pk", flat=True)[:2])


@pytest.mark.parametrize("factory", [ViewerFactory, InvestigatorFactory, ReviewerFactory])
def test_staff_who_may_view_incidents_download_a_package_that_verifies(demo, client, factory):
    person = factory()
    client.force_login(person)
    response = post_action(client, chosen())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert verify_package(io.BytesIO(body)).intact
    record = EvidencePackage.objects.get()
    assert (record.built_by, record.incident_ids) == (person, chosen())
    assert response["X-Manifest-SHA256"] == record.manifest_sha256
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert "manifest.json" in archive.namelist()


def test_the_action_is_offered_to_a_viewer(demo, client):
    client.force_login(ViewerFactory())
    page = client.get(reverse(CHANGELIST))
    assert b'value="build_evidence_package"' in page.content


def test_a_partner_account_gets_no_package(demo, client):
    """A partner's account, even one marked staff, holds no permission to view
    incidents: no action, no page, no package."""
    partner = UserFactory(username="partner-org")
    partner.groups.set([role_group("partner")])
    client.force_login(partner)
    response = post_action(client, chosen())
    assert response.status_code == 403
    assert not EvidencePackage.objects.exists()


def test_a_non_staff_partner_is_sent_to_the_login(demo, client):
    partner = UserFactory(username="partner-user", is_staff=False)
    partner.groups.set([role_group("partner")])
    client.force_login(partner)
    response = post_action(client, chosen())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not EvidencePackage.objects.exists()


def test_the_package_list_is_read_only_with_bounded_queries(
    demo, client, django_assert_max_num_queries
):
    """The record of packages built: listed in a fixed number of queries, and nobody
    (not even an administrator) changes or deletes a row there."""
    from apps.evidence.services import build_package

    for person in (ViewerFactory(), InvestigatorFactory(), ReviewerFactory()):
        with io.BytesIO() as out:
            build_package(chosen(), by=person, out=out)
    admin_user = UserFactory(username="administrator", is_superuser=True)
    client.force_login(admin_user)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("admin:evidence_evidencepackage_changelist"))
    assert page.status_code == 200 and page.content.count(b"field-manifest_sha256") == 3
    record = EvidencePackage.objects.first()
    change = client.get(reverse("admin:evidence_evidencepackage_change", args=[record.pk]))
    assert b'name="_save"' not in change.content
    delete = client.get(reverse("admin:evidence_evidencepackage_delete", args=[record.pk]))
    assert delete.status_code == 403
