"""Review and publication: draft → in review → published → withdrawn, each step recorded;
who may take which step; four eyes; publish checks and their override."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.archiving.models import Capture, Outcome
from apps.cases.models import Incident, PublicationStep, Tombstone
from apps.cases.services import (
    PublishChecksFailed,
    incident_save,
    incident_tombstone_record,
    incident_transition,
)
from apps.core.models import WrittenOnceError
from apps.core.services import record_save
from tests.factories import (
    ChildGroupFactory,
    CitationFactory,
    IncidentFactory,
    InvestigatorFactory,
    ReviewerFactory,
    SourceFactory,
    ViewerFactory,
    saved_capture,
)

pytestmark = pytest.mark.django_db


def ready_incident(author):
    """An incident as an investigator writes it: a group, cited, its source captured."""
    incident = incident_save(incident=IncidentFactory.build(), user=author)
    group = record_save(ChildGroupFactory.build(incident=incident), user=author)
    source = SourceFactory()
    saved_capture(source)
    record_save(
        CitationFactory.build(incident=incident, source=source, child_group=group), user=author
    )
    return incident


@pytest.fixture
def investigator():
    return InvestigatorFactory()


def test_an_incident_goes_from_draft_to_published_and_back_each_step_recorded(
    investigator, reviewer
):
    incident = ready_incident(investigator)
    assert (incident.status, incident.is_published) == ("draft", False)

    incident_transition(incident=incident, user=investigator, name="submit", note="ready")
    assert incident.status == "in_review" and not incident.is_published

    incident_transition(incident=incident, user=reviewer, name="publish")
    assert (incident.status, incident.is_published) == ("published", True)
    assert incident.published_at is not None

    incident_transition(incident=incident, user=reviewer, name="withdraw", note="a name was wrong")
    assert (incident.status, incident.is_published, incident.published_at) == (
        "withdrawn",
        False,
        None,
    )
    tombstone = Tombstone.objects.get(incident=incident)
    assert (tombstone.kind, tombstone.reason) == ("withdrawn", "a name was wrong")

    # A withdrawn incident can be published again.
    incident_transition(incident=incident, user=reviewer, name="publish")
    assert incident.is_published

    steps = list(PublicationStep.objects.filter(incident=incident).order_by("at", "pk"))
    assert [(s.from_status, s.to_status, s.by) for s in steps] == [
        ("draft", "in_review", investigator),
        ("in_review", "published", reviewer),
        ("published", "withdrawn", reviewer),
        ("withdrawn", "published", reviewer),
    ]
    assert steps[0].note == "ready" and steps[2].note == "a name was wrong"
    # Each step is in the incident's history too, by who took it.
    latest = Incident.history.filter(id=incident.pk).order_by("-history_date").first()
    assert (latest.status, latest.history_user) == ("published", reviewer)


def test_steps_are_permanent(investigator):
    incident = ready_incident(investigator)
    step = incident_transition(incident=incident, user=investigator, name="submit")
    with pytest.raises(WrittenOnceError, match="written once and never changed"):
        step.save()
    with pytest.raises(WrittenOnceError, match="never deleted"):
        step.delete()
    with pytest.raises(WrittenOnceError, match="never changed"):
        PublicationStep.objects.filter(pk=step.pk).update(note="changed")
    with pytest.raises(WrittenOnceError, match="never deleted"):
        PublicationStep.objects.filter(pk=step.pk).delete()


@pytest.mark.parametrize("who", [InvestigatorFactory, ViewerFactory])
def test_only_reviewers_publish_and_withdraw(who, investigator, reviewer):
    incident = ready_incident(investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    with pytest.raises(PermissionDenied, match="only reviewers"):
        incident_transition(incident=incident, user=who(), name="publish")
    incident_transition(incident=incident, user=reviewer, name="publish")
    with pytest.raises(PermissionDenied, match="only reviewers"):
        incident_transition(incident=incident, user=who(), name="withdraw", note="x")
    assert Incident.objects.get(pk=incident.pk).is_published


def test_a_viewer_cannot_submit(investigator):
    incident = ready_incident(investigator)
    with pytest.raises(PermissionDenied):
        incident_transition(incident=incident, user=ViewerFactory(), name="submit")


def test_steps_only_from_their_statuses(investigator, reviewer):
    incident = ready_incident(investigator)
    with pytest.raises(ValidationError, match="only when it is in review or withdrawn"):
        incident_transition(incident=incident, user=reviewer, name="publish")
    with pytest.raises(ValidationError, match="only when it is published"):
        incident_transition(incident=incident, user=reviewer, name="withdraw", note="x")
    assert not PublicationStep.objects.filter(incident=incident).exists()


def test_a_withdrawal_needs_a_reason(investigator, reviewer):
    incident = ready_incident(investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    incident_transition(incident=incident, user=reviewer, name="publish")
    with pytest.raises(ValidationError, match="Say why"):
        incident_transition(incident=incident, user=reviewer, name="withdraw", note="  ")
    assert Incident.objects.get(pk=incident.pk).is_published
    assert not Tombstone.objects.exists()


def test_four_eyes_the_last_editor_does_not_publish(investigator, reviewer, settings):
    incident = ready_incident(investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    # The reviewer corrects a group: now they are the last editor.
    group = incident.child_groups.get()
    group.count = 12
    record_save(group, user=reviewer)
    with pytest.raises(PermissionDenied, match="Four eyes"):
        incident_transition(incident=incident, user=reviewer, name="publish")
    assert not Incident.objects.get(pk=incident.pk).is_published
    # Another reviewer may.
    incident_transition(incident=incident, user=ReviewerFactory(), name="publish")
    assert incident.is_published


@pytest.mark.parametrize("part", ["incident", "citation"])
def test_four_eyes_counts_edits_of_the_incident_and_its_citations(part, investigator, reviewer):
    incident = ready_incident(investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    if part == "incident":
        incident.summary = "Corrected by the reviewer."
        incident_save(incident=incident, user=reviewer)
    else:
        citation = incident.citations.get()
        citation.claim = "corrected"
        record_save(citation, user=reviewer)
    with pytest.raises(PermissionDenied, match="Four eyes"):
        incident_transition(incident=incident, user=reviewer, name="publish")


def test_four_eyes_is_a_setting(investigator, reviewer, settings):
    settings.CHILDTRACE_FOUR_EYES = False
    incident = ready_incident(reviewer)
    incident_transition(incident=incident, user=reviewer, name="submit")
    incident_transition(incident=incident, user=reviewer, name="publish")
    assert incident.is_published


def test_a_review_step_is_not_an_edit(investigator, reviewer):
    """A reviewer who returned an incident to draft has not edited it."""
    incident = ready_incident(investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    incident_transition(incident=incident, user=reviewer, name="return-to-draft", note="check")
    incident_transition(incident=incident, user=investigator, name="submit")
    incident_transition(incident=incident, user=reviewer, name="publish")
    assert incident.is_published


def test_publish_checks_list_what_is_missing_and_an_override_is_recorded(investigator, reviewer):
    incident = ready_incident(investigator)
    uncited = record_save(
        ChildGroupFactory.build(incident=incident, description="uncited group"), user=investigator
    )
    uncaptured = SourceFactory(title="Never captured")
    record_save(CitationFactory.build(incident=incident, source=uncaptured), user=investigator)
    incident_transition(incident=incident, user=investigator, name="submit")

    with pytest.raises(PublishChecksFailed) as refused:
        incident_transition(incident=incident, user=reviewer, name="publish")
    problems = refused.value.problems
    assert len(problems) == 2
    assert f"(#{uncited.pk}) has no citation" in problems[0]
    assert "“Never captured”" in problems[1] and "no successful capture" in problems[1]
    assert not Incident.objects.get(pk=incident.pk).is_published

    step = incident_transition(
        incident=incident, user=reviewer, name="publish", override_reason="court deadline"
    )
    assert incident.is_published
    assert (step.override_reason, step.overridden_checks) == ("court deadline", problems)


def test_a_source_without_url_needs_no_capture_and_a_failed_capture_is_not_one(
    investigator, reviewer
):
    incident = ready_incident(investigator)
    record_save(
        CitationFactory.build(
            incident=incident,
            source=SourceFactory(url=None, url_as_cited="", title="A printed report"),
        ),
        user=investigator,
    )
    failed = SourceFactory()
    capture = saved_capture(failed)
    Capture.objects.filter(pk=capture.pk).update(outcome=Outcome.FAILED)
    record_save(CitationFactory.build(incident=incident, source=failed), user=investigator)
    incident_transition(incident=incident, user=investigator, name="submit")
    with pytest.raises(PublishChecksFailed) as refused:
        incident_transition(incident=incident, user=reviewer, name="publish")
    assert len(refused.value.problems) == 1 and f"(#{failed.pk})" in refused.value.problems[0]


def test_saving_cannot_publish_and_only_reviewers_verify(investigator, reviewer):
    incident = ready_incident(investigator)
    incident.is_published = True
    incident.status = "published"
    incident_save(incident=incident, user=investigator)
    assert Incident.objects.get(pk=incident.pk).status == "draft"
    assert not Incident.objects.get(pk=incident.pk).is_published

    incident.verification_status = "verified"
    with pytest.raises(PermissionDenied, match="verification status"):
        incident_save(incident=incident, user=investigator)
    incident_save(incident=incident, user=reviewer)
    assert Incident.objects.get(pk=incident.pk).verification_status == "verified"


def test_a_tombstone_is_recorded_only_for_what_partners_could_read(investigator, reviewer):
    draft = ready_incident(investigator)
    assert incident_tombstone_record(incident=draft, user=reviewer, reason="duplicate") is None
    incident_transition(incident=draft, user=investigator, name="submit")
    incident_transition(incident=draft, user=reviewer, name="publish")
    tombstone = incident_tombstone_record(incident=draft, user=reviewer, reason="duplicate")
    assert (tombstone.kind, tombstone.reason) == ("deleted", "duplicate")
