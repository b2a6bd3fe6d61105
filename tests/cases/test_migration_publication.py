"""Incidents made before the review workflow get the status their `is_published` said:
published ones are published, with a step by the system account; the others are
drafts. Reversing keeps `is_published` as it was."""

import datetime as dt

from tests.support.migrations import migrate

BEFORE = [("cases", "0011_roles")]
AFTER = [("cases", "0012_publication_workflow")]


def _incident(Incident, title, published_at=None):
    return Incident.objects.create(
        title=title,
        incident_type="transfer",
        summary="x",
        is_published=published_at is not None,
        published_at=published_at,
    )


def test_published_incidents_become_published_with_a_system_step_and_back(empty_database):
    old = migrate(BEFORE)
    Incident = old.get_model("cases", "Incident")
    when = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    published = _incident(Incident, "published", when)
    draft = _incident(Incident, "draft")
    old.get_model("cases", "HistoricalIncident").objects.create(
        id=published.pk,
        title="published",
        incident_type="transfer",
        summary="x",
        is_published=True,
        published_at=when,
        created_at=published.created_at,
        updated_at=published.updated_at,
        history_date=published.updated_at,
        history_type="+",
    )

    new = migrate(AFTER)
    Incident = new.get_model("cases", "Incident")
    rows = {row.pk: row for row in Incident.objects.all()}
    assert (rows[published.pk].status, rows[published.pk].is_published) == ("published", True)
    assert (rows[draft.pk].status, rows[draft.pk].is_published) == ("draft", False)
    assert rows[published.pk].updated_at == published.updated_at  # no sync churn
    (step,) = new.get_model("cases", "PublicationStep").objects.all()
    assert (step.incident_id, step.from_status, step.to_status, step.at) == (
        published.pk,
        "",
        "published",
        when,
    )
    assert step.by.username == "system" and not step.by.is_active
    history = new.get_model("cases", "HistoricalIncident").objects.get(id=published.pk)
    assert history.status == "published"

    back = migrate(BEFORE)
    Incident = back.get_model("cases", "Incident")
    assert set(Incident.objects.filter(is_published=True).values_list("pk", flat=True)) == {
        published.pk
    }
