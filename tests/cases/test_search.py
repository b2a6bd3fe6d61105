"""A free-text search of incidents (the admin's list and its autocomplete, the API's
`search=`) looks through live citations only: an incident is not found by the URL of a
source it no longer cites (the citation was deleted), and is found by the one it does.
Officials and organizations are still searched by name."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.core.softdelete import record_soft_delete
from tests.factories import (
    CitationFactory,
    IncidentFactory,
    OfficialFactory,
    OrganizationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

REASON = "Cited by mistake: the post is about another camp."
URL = "https://t.me/deleted_channel_example/4711"


@pytest.fixture
def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def admin_found(client, term: str, **params) -> set[int]:
    response = client.get(reverse("admin:cases_incident_changelist"), {"q": term, **params})
    assert response.status_code == 200
    return {incident.pk for incident in response.context["cl"].result_list}


def api_found(api, term: str) -> set[int]:
    response = api.get("/api/v1/incidents/", {"search": term})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def autocomplete_found(client, term: str) -> set[int]:
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "cases",
            "model_name": "childgroup",
            "field_name": "incident",
        },
    )
    assert response.status_code == 200, response.content
    return {int(row["id"]) for row in response.json()["results"]}


def test_an_incident_is_not_found_by_the_url_of_a_deleted_citation(staff_client, api, reviewer):
    source = SourceFactory(url=URL, url_as_cited=URL)
    mistaken = IncidentFactory(title="Children taken to Anapa")
    deleted = CitationFactory(incident=mistaken, source=source)
    CitationFactory(incident=mistaken)  # a live citation of another source
    kept = IncidentFactory(title="Children taken to Yevpatoria")
    CitationFactory(incident=kept, source=source)
    term = "deleted_channel_example/4711"
    assert admin_found(staff_client, term) == {mistaken.pk, kept.pk}
    assert api_found(api, term) == {mistaken.pk, kept.pk}

    record_soft_delete(deleted, user=reviewer, reason=REASON)

    assert admin_found(staff_client, term) == {kept.pk}
    assert api_found(api, term) == {kept.pk}
    assert autocomplete_found(staff_client, term) == {kept.pk}
    # Its own words still find it, with several terms as with one.
    assert admin_found(staff_client, "Anapa taken") == {mistaken.pk}
    assert api_found(api, "Anapa taken") == {mistaken.pk}
    # Every term must match: a live incident's title and a deleted citation's URL do not.
    assert admin_found(staff_client, f"Anapa {term}") == set()
    assert api_found(api, f"Anapa {term}") == set()


def test_a_deleted_incident_is_found_under_deleted_by_the_urls_it_cited(client, reviewer):
    """On the reviewers' "deleted" list, the citations deleted with an incident still
    describe it (they went with it and come back with it)."""
    source = SourceFactory(url=URL, url_as_cited=URL)
    incident = IncidentFactory()
    CitationFactory(incident=incident, source=source)
    record_soft_delete(incident, user=reviewer, reason=REASON)
    client.force_login(reviewer)
    assert admin_found(client, "deleted_channel_example", deleted="yes") == {incident.pk}
    assert admin_found(client, "deleted_channel_example") == set()


def test_a_citation_deleted_before_its_incident_does_not_describe_it(client, reviewer):
    source = SourceFactory(url=URL, url_as_cited=URL)
    incident = IncidentFactory()
    citation = CitationFactory(incident=incident, source=source)
    CitationFactory(incident=incident)
    record_soft_delete(citation, user=reviewer, reason=REASON)
    record_soft_delete(incident, user=reviewer, reason="Entered twice.")
    client.force_login(reviewer)
    assert admin_found(client, "deleted_channel_example", deleted="yes") == set()


def test_officials_and_organizations_are_searched_by_name(staff_client, api):
    official = OfficialFactory(name_en="Maria Lvova-Belova", name_ru="Мария Львова-Белова")
    official.names.create(name="Lvova-Belova M. A.", script="latin")
    organization = OrganizationFactory(name_en="Office of the Commissioner", acronym="OCCR")
    named = IncidentFactory()
    named.officials.add(official, through_defaults={"role": "organized"})
    named.organizations.add(organization, through_defaults={"role": "organized"})
    IncidentFactory()
    for term in ("львова", "Belova M. A.", "OCCR"):
        assert admin_found(staff_client, term) == {named.pk}, term
        assert api_found(api, term) == {named.pk}, term


def test_the_searched_incident_list_keeps_its_query_bound(
    staff_client, django_assert_max_num_queries
):
    for n in range(4):
        incident = IncidentFactory(title=f"Camp trip {n}")
        for _ in range(2):
            CitationFactory(incident=incident, source__url=f"https://example.org/camp/{n}/{_}")
    url = reverse("admin:cases_incident_changelist")
    with django_assert_max_num_queries(30):
        response = staff_client.get(url, {"q": "example.org/camp"})
    assert len(response.context["cl"].result_list) == 4
