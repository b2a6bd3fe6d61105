"""No hard delete of evidence: incidents, groups, citations, sources and captures are
soft-deleted with a reason (apps.core.softdelete), by those who may delete them, on every
path; a deleted record leaves every read and stays in the database and its history; a
reviewer restores it with what went with it."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils import timezone

from apps.archiving.models import Capture, CaptureJob
from apps.cases.models import ChildGroup, Citation, Incident
from apps.core.models import HardDeleteRefused
from apps.core.softdelete import record_deleted, record_restore, record_soft_delete
from apps.sources.models import Source
from tests.factories import (
    ChildGroupFactory,
    CitationFactory,
    IncidentFactory,
    InvestigatorFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REASON = "Entered twice: the same event as incident 12."


def capture_of(source: Source) -> Capture:
    now = timezone.now()
    job = CaptureJob.objects.create(
        source=source,
        url=source.url,
        fetch_url=source.url,
        not_before=now,
        requested_at=now,
        status="done",
    )
    return Capture.objects.create(
        source=source,
        job=job,
        url=source.url,
        fetched_url=source.url,
        requested_at=now,
        outcome="failed",
        error="timeout",
        worker_version="test",
    )


@pytest.fixture
def incident():
    """A published incident with two groups and two citations."""
    incident = IncidentFactory(is_published=True, published_at=timezone.now())
    ChildGroupFactory(incident=incident, count=10)
    ChildGroupFactory(incident=incident, count=5)
    CitationFactory(incident=incident)
    CitationFactory(incident=incident)
    return incident


def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


def is_deleted(model, pk) -> bool:
    return model.all_objects.get(pk=pk).deleted_at is not None


# Hard delete is refused on every path, superusers included.


def _rows():
    incident = IncidentFactory()
    group = ChildGroupFactory(incident=incident)
    citation = CitationFactory(incident=incident, child_group=group)
    return [incident, group, citation, citation.source, capture_of(citation.source)]


@pytest.mark.parametrize(
    "delete",
    [
        lambda row: row.delete(),
        lambda row: type(row).objects.filter(pk=row.pk).delete(),
        lambda row: type(row).all_objects.filter(pk=row.pk).delete(),
        lambda row: type(row)._base_manager.filter(pk=row.pk).delete(),
        lambda row: type(row)._default_manager.all().delete(),
    ],
    ids=["instance", "objects", "all_objects", "base_manager", "default_manager"],
)
def test_no_code_path_hard_deletes_evidence(delete):
    for row in _rows():
        with pytest.raises(HardDeleteRefused, match="soft delete"):
            delete(row)
        assert type(row).all_objects.filter(pk=row.pk, deleted_at__isnull=True).exists()


def test_capture_jobs_are_not_hard_deleted_either():
    source = SourceFactory()
    job = capture_of(source).job
    with pytest.raises(HardDeleteRefused):
        job.delete()
    with pytest.raises(HardDeleteRefused):
        CaptureJob.objects.filter(pk=job.pk).delete()
    assert CaptureJob.objects.filter(pk=job.pk).exists()


def test_no_cascade_removes_groups_citations_or_captures():
    """What deleting an incident or a source would cascade to is protected: Django's
    collector (what every hard delete runs) refuses."""
    incident, group, citation, source, capture = _rows()
    for parent, kept in [(incident, group), (incident, citation), (source, capture)]:
        with pytest.raises(ProtectedError) as refused:
            Collector(using="default", origin=parent).collect([parent])
        assert kept in refused.value.protected_objects
    with pytest.raises(ProtectedError):  # a group a citation states the figure of
        Collector(using="default", origin=group).collect([group])


def test_the_admin_delete_page_soft_deletes_even_for_a_superuser(client, incident):
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:cases_incident_delete", args=[incident.pk])
    # Without a reason nothing happens; the page asks for one.
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not is_deleted(Incident, incident.pk)
    response = client.post(url, {"post": "yes", "reason": REASON})
    assert response.status_code == 302
    row = Incident.all_objects.get(pk=incident.pk)
    assert (row.deletion_reason, row.deleted_by) == (REASON, admin)
    assert Incident.all_objects.filter(pk=incident.pk).exists()


def test_the_lists_delete_selected_action_is_gone(client, incident):
    admin = UserFactory(username="root", is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:cases_incident_changelist")
    page = client.get(url).content.decode()
    assert 'value="delete_selected"' not in page
    assert 'value="soft_delete_selected"' in page
    client.post(url, {"action": "delete_selected", ACTION_CHECKBOX_NAME: [incident.pk]})
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_the_soft_delete_action_asks_for_a_reason_then_deletes(client, reviewer, incident):
    client = reviewer_client(client, reviewer)
    url = reverse("admin:cases_incident_changelist")
    data = {"action": "soft_delete_selected", ACTION_CHECKBOX_NAME: [incident.pk]}
    confirm = client.post(url, data)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Why is it deleted?" in text and "deleted with it" in text
    assert not is_deleted(Incident, incident.pk)
    response = client.post(url, {**data, "post": "yes", "reason": REASON})
    assert response.status_code == 302
    assert is_deleted(Incident, incident.pk)


def _failing_on_the_second(monkeypatch, name, real):
    """The admin's `name` (record_soft_delete or record_restore) refuses its second row,
    as a row another reviewer changed meanwhile would."""
    calls = []

    def second_refused(obj, **kwargs):
        calls.append(obj.pk)
        if len(calls) == 2:
            raise ValidationError(f"{obj} changed meanwhile.")
        return real(obj, **kwargs)

    monkeypatch.setattr(f"apps.core.softdelete_admin.{name}", second_refused)
    return calls


def test_a_bulk_delete_that_fails_on_one_row_deletes_none(client, reviewer, monkeypatch):
    first, second = IncidentFactory(), IncidentFactory()
    calls = _failing_on_the_second(monkeypatch, "record_soft_delete", record_soft_delete)
    url = reverse("admin:cases_incident_changelist")
    data = {"action": "soft_delete_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    response = reviewer_client(client, reviewer).post(
        url, {**data, "post": "yes", "reason": REASON}
    )
    assert len(calls) == 2 and response.status_code == 200
    assert "changed meanwhile" in response.content.decode()
    assert not is_deleted(Incident, first.pk) and not is_deleted(Incident, second.pk)


def test_a_bulk_restore_that_fails_on_one_row_restores_none(client, reviewer, monkeypatch):
    first, second = IncidentFactory(), IncidentFactory()
    for incident in (first, second):
        record_soft_delete(incident, user=reviewer, reason=REASON)
    calls = _failing_on_the_second(monkeypatch, "record_restore", record_restore)
    url = reverse("admin:cases_incident_changelist") + "?deleted=yes"
    data = {"action": "restore_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    response = reviewer_client(client, reviewer).post(url, {**data, "post": "yes"})
    assert len(calls) == 2 and response.status_code == 200
    assert "changed meanwhile" in response.content.decode()
    assert is_deleted(Incident, first.pk) and is_deleted(Incident, second.pk)


# Who may delete: reviewers (and superusers), never investigators.


def test_an_investigator_cannot_delete_evidence_on_any_admin_path(client, incident):
    client.force_login(InvestigatorFactory())
    for model, obj in [(Incident, incident), (ChildGroup, incident.child_groups.first())]:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        url = reverse(f"{info}_delete", args=[obj.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"post": "yes", "reason": REASON}).status_code == 403
        page = client.get(reverse(f"{info}_changelist")).content.decode()
        assert "soft_delete_selected" not in page
        client.post(
            reverse(f"{info}_changelist"),
            {
                "action": "soft_delete_selected",
                ACTION_CHECKBOX_NAME: [obj.pk],
                "post": "yes",
                "reason": REASON,
            },
        )
        assert not is_deleted(model, obj.pk)
    # The incident page offers no "Delete" on its groups and citations.
    page = client.get(reverse("admin:cases_incident_change", args=[incident.pk]))
    text = page.content.decode()
    assert "child_groups-0-DELETE" not in text and "citations-0-DELETE" not in text


# The incident page's inlines: "Delete" takes a reason and soft-deletes the row.


def _inline_post(incident, **extra) -> dict[str, str]:
    from tests.core.test_admin import inline_post_for

    data = inline_post_for(incident)
    data.update({"citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0"})
    data.update(extra)
    return data


def test_deleting_a_group_on_the_incident_page_takes_a_reason(client, reviewer):
    incident = IncidentFactory(occurred_start=dt.date(2022, 9, 16))
    group = ChildGroupFactory(incident=incident, description="orphans")
    client = reviewer_client(client, reviewer)
    url = reverse("admin:cases_incident_change", args=[incident.pk])
    assert "child_groups-0-deletion_reason_given" in client.get(url).content.decode()
    refused = client.post(url, _inline_post(incident, **{"child_groups-0-DELETE": "on"}))
    assert refused.status_code == 200
    assert "say why it is deleted" in refused.content.decode()
    assert not is_deleted(ChildGroup, group.pk)
    data = _inline_post(
        incident,
        **{"child_groups-0-DELETE": "on", "child_groups-0-deletion_reason_given": REASON},
    )
    assert client.post(url, data).status_code == 302
    row = ChildGroup.all_objects.get(pk=group.pk)
    assert (row.deletion_reason, row.deleted_by) == (REASON, reviewer)
    assert not incident.child_groups.exists()
    entry = ChildGroup.history.filter(id=group.pk).latest("history_date")
    assert (entry.history_type, entry.history_user, entry.deletion_reason) == (
        "~",
        reviewer,
        REASON,
    )


def test_a_group_a_citation_states_cannot_be_deleted_until_the_citation_changes(reviewer):
    group = ChildGroupFactory()
    CitationFactory(incident=group.incident, child_group=group)
    with pytest.raises(ValidationError, match="states the figure"):
        record_soft_delete(group, user=reviewer, reason=REASON)
    assert not is_deleted(ChildGroup, group.pk)


# Soft delete with a reason, and what it takes with it.


def test_deleting_an_incident_takes_its_groups_and_citations_in_one_go(reviewer, incident):
    heard = []

    def listen(sender, **kw):
        heard.append((sender, kw))

    record_deleted.connect(listen, weak=False)
    try:
        rows = record_soft_delete(incident, user=reviewer, reason=REASON)
    finally:
        # Only this test's receiver: the app's own (partners' tombstones) stay connected.
        record_deleted.disconnect(listen)
    assert len(rows) == 5
    for model in (ChildGroup, Citation):
        marks = set(
            model.all_objects.filter(incident=incident).values_list(
                "deleted_at", "deleted_by", "deletion_reason"
            )
        )
        incident_row = Incident.all_objects.get(pk=incident.pk)
        assert marks == {(incident_row.deleted_at, reviewer.pk, REASON)}
    # The seam for partners' tombstones: one signal per row, the incident's first.
    sender, kwargs = heard[0]
    assert (sender, kwargs["instance"].pk, kwargs["reason"]) == (Incident, incident.pk, REASON)
    assert kwargs["with_record"] is None and kwargs["at"] == incident_row.deleted_at
    assert {s for s, _ in heard[1:]} == {ChildGroup, Citation}


def test_a_source_an_incident_cites_stays_and_its_captures_go_with_it(reviewer):
    citation = CitationFactory()
    source = citation.source
    capture = capture_of(source)
    with pytest.raises(ValidationError, match="a cited source is evidence and stays"):
        record_soft_delete(source, user=reviewer, reason=REASON)
    record_soft_delete(citation.incident, user=reviewer, reason="Not about children.")
    record_soft_delete(source, user=reviewer, reason=REASON)
    assert is_deleted(Capture, capture.pk)
    assert not Capture.objects.filter(pk=capture.pk).exists()
    assert not source.captures.exists()
    # The incident cannot come back citing a deleted source.
    with pytest.raises(ValidationError, match="is deleted since: restore it first"):
        record_restore(Incident.all_objects.get(pk=citation.incident_id), user=reviewer)
    record_restore(Source.all_objects.get(pk=source.pk), user=reviewer)
    assert Capture.objects.filter(pk=capture.pk).exists()


def test_a_new_source_with_a_deleted_sources_url_is_pointed_at_it(reviewer):
    from apps.sources.services import source_save

    source = SourceFactory(url_as_cited="https://t.me/deleted_channel/7")
    source_save(source=source, user=reviewer)
    record_soft_delete(source, user=reviewer, reason=REASON)
    with pytest.raises(ValidationError, match="which was deleted") as refused:
        source_save(source=Source(url_as_cited="https://t.me/deleted_channel/7"), user=reviewer)
    assert f"source #{source.pk}" in str(refused.value)


# Deleted rows leave every read.


def test_admin_lists_hide_deleted_rows_and_reviewers_find_them_under_deleted(
    client, reviewer, incident
):
    record_soft_delete(incident, user=reviewer, reason=REASON)
    url = reverse("admin:cases_incident_changelist")
    investigator = InvestigatorFactory()
    client.force_login(investigator)
    assert incident.title not in client.get(url).content.decode()
    assert (
        client.get(reverse("admin:cases_incident_change", args=[incident.pk])).status_code == 302
    )  # "doesn't exist": redirected to the list
    client.force_login(reviewer)
    assert incident.title not in client.get(url).content.decode()
    deleted = client.get(url, {"deleted": "yes"})
    assert deleted.context["cl"].result_count == 1
    assert incident.title in deleted.content.decode()
    page = client.get(reverse("admin:cases_incident_change", args=[incident.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "This incident is deleted" in text and REASON in text and "Restore it" in text


def test_the_deleted_filter_list_keeps_its_query_bound(
    client, reviewer, django_assert_max_num_queries
):
    for _ in range(6):
        incident = IncidentFactory()
        ChildGroupFactory(incident=incident)
        record_soft_delete(incident, user=reviewer, reason=REASON)
    client.force_login(reviewer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("admin:cases_incident_changelist"), {"deleted": "yes"})
    assert response.context["cl"].result_count == 6


# Restore by a reviewer.


def test_a_reviewer_restores_an_incident_with_its_groups_and_citations(client, reviewer, incident):
    alone = incident.citations.first()
    record_soft_delete(alone, user=reviewer, reason="Wrong source.")
    record_soft_delete(incident, user=reviewer, reason=REASON)
    assert not Incident.objects.filter(pk=incident.pk).exists()
    client.force_login(reviewer)
    url = reverse("admin:cases_incident_restore", args=[incident.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and REASON in confirm.content.decode()
    assert client.post(url, {"post": "yes"}).status_code == 302
    incident.refresh_from_db()
    assert incident.deleted_at is None
    assert incident.child_groups.count() == 2
    # The citation deleted on its own before stays deleted.
    assert list(incident.citations.values_list("pk", flat=True)) == [
        c.pk for c in Citation.all_objects.filter(incident=incident).exclude(pk=alone.pk)
    ]
    assert is_deleted(Citation, alone.pk)
    history = list(
        Incident.history.filter(id=incident.pk)
        .exclude(history_change_reason="review step")  # a published one comes back withdrawn
        .order_by("-history_date")
        .values_list("history_user", "history_change_reason", "deletion_reason")[:2]
    )
    restored, deleted = history
    assert restored[0] == reviewer.pk and restored[1].startswith("Restored (deleted ")
    assert deleted == (reviewer.pk, f"Deleted: {REASON}", REASON)


def test_an_investigator_cannot_restore(client, reviewer, incident):
    record_soft_delete(incident, user=reviewer, reason=REASON)
    client.force_login(InvestigatorFactory())
    url = reverse("admin:cases_incident_restore", args=[incident.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert is_deleted(Incident, incident.pk)


def test_a_group_of_a_deleted_incident_is_restored_with_its_incident_only(reviewer, incident):
    group = incident.child_groups.first()
    record_soft_delete(incident, user=reviewer, reason=REASON)
    with pytest.raises(ValidationError, match="restore it"):
        record_restore(ChildGroup.all_objects.get(pk=group.pk), user=reviewer)
    assert is_deleted(ChildGroup, group.pk)


def test_the_restore_action_on_the_deleted_list(client, reviewer, incident):
    record_soft_delete(incident, user=reviewer, reason=REASON)
    client.force_login(reviewer)
    url = reverse("admin:cases_incident_changelist") + "?deleted=yes"
    data = {"action": "restore_selected", ACTION_CHECKBOX_NAME: [incident.pk]}
    assert REASON in client.post(url, data).content.decode()
    assert client.post(url, {**data, "post": "yes"}).status_code == 302
    assert not is_deleted(Incident, incident.pk)
    assert incident.child_groups.count() == 2
