"""The incident and child-group lists as an investigator scans them: the children with
their qualifier, origin → destination, long titles kept whole in a tooltip, and a
number of queries that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.cases.models import Incident
from apps.regions.models import Region
from tests.factories import ChildGroupFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def cells(response, column: str) -> list[str]:
    """The text of one column (by its list_display name) in the list's rows."""
    from django.contrib.admin.templatetags.admin_list import items_for_result

    changelist = response.context["cl"]
    names = list(changelist.list_display)
    index = names.index(column)
    return [
        str(list(items_for_result(changelist, row, None))[index]) for row in changelist.result_list
    ]


def cells_by_description(response, column: str) -> dict[str, str]:
    """One column of the child-group list, by each group's description."""
    groups = [group.description for group in response.context["cl"].result_list]
    return dict(zip(groups, cells(response, column), strict=True))


def test_incident_list_shows_children_with_their_qualifier_and_the_route(demo, staff_client):
    response = staff_client.get(reverse("admin:cases_incident_changelist"))
    report = Incident.objects.get(import_key="2023-07-annual-report-700000")
    row = list(response.context["cl"].result_list).index(report)
    children = cells(response, "children")[row]
    # One group a line, each with its qualifier.
    lines = '<span class="ct-line">{}</span>'
    assert "".join(map(lines.format, ["700,000 (claim)", "at least 1,500", "380"])) in children
    assert "Ukraine → Russia" in cells(response, "route")[row]


def test_long_titles_keep_the_whole_title_as_a_tooltip(staff_client):
    title = "A very long headline " * 12
    IncidentFactory(title=title.strip())
    text = staff_client.get(reverse("admin:cases_incident_changelist")).content.decode()
    assert f'class="ct-clamp" title="{title.strip()}"' in text
    assert "childtrace/admin.css" in text


def test_a_group_without_places_shows_its_incidents(regions, staff_client):
    donetsk = Region.objects.get(iso_code="UA-14")
    moscow = Region.objects.get(iso_code="RU-MOS")
    tula = Region.objects.get(iso_code="RU-TUL")
    incident = IncidentFactory()
    incident.origin_regions.set([donetsk])
    incident.destination_regions.set([moscow])
    own = ChildGroupFactory(incident=incident, description="own places")
    own.destination_regions.set([tula])
    ChildGroupFactory(incident=incident, description="the incident's places")
    response = staff_client.get(reverse("admin:cases_childgroup_changelist"))
    routes = cells_by_description(response, "route")
    assert "Donetsk Oblast → Tula Oblast" in routes["own places"]
    assert "Donetsk Oblast → Moscow Oblast" in routes["the incident's places"]


def test_claims_are_marked_as_not_added(staff_client):
    claim = ChildGroupFactory(count=19546, is_aggregate_claim=True, description="verified")
    ChildGroupFactory(incident=claim.incident, count=5, description="counted")
    response = staff_client.get(reverse("admin:cases_childgroup_changelist"))
    groups = cells_by_description(response, "group")
    assert "claim, not added" in groups["verified"]
    assert "not added" not in groups["counted"]
    incidents = staff_client.get(reverse("admin:cases_incident_changelist"))
    assert (
        '<span class="ct-line">19,546 (claim)</span><span class="ct-line">5</span>'
        in cells(incidents, "children")[0]
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _incidents_with_groups_and_places(number: int) -> None:
    places = list(Region.objects.filter(depth=1)[:4])
    for _ in range(number):
        incident = IncidentFactory()
        incident.origin_regions.set(places[:2])
        incident.destination_regions.set(places[2:])
        group = ChildGroupFactory(incident=incident)
        group.origin_regions.set(places[:1])
        ChildGroupFactory(incident=incident, count_qualifier="at_least", count=100)


@pytest.mark.parametrize("model", ["incident", "childgroup"])
def test_list_queries_do_not_grow_with_the_rows(
    regions, staff_client, model, django_assert_max_num_queries
):
    url = reverse(f"admin:cases_{model}_changelist")
    _incidents_with_groups_and_places(2)
    few = _queries(staff_client, url)
    _incidents_with_groups_and_places(10)
    with django_assert_max_num_queries(few):
        staff_client.get(url)


def test_place_filters_are_an_autocomplete_not_a_list_of_every_oblast(demo, staff_client):
    url = reverse("admin:cases_incident_changelist")
    text = staff_client.get(url, {"incident_type__exact": "adoption"}).content.decode()
    assert 'data-field-name="origin_regions"' in text
    assert 'data-field-name="destination_regions"' in text
    # The 83 Russian regions and the 27 Ukrainian ones are no longer listed as links.
    assert "Zhytomyr Oblast" not in text and "Zabaykalsky Krai" not in text
    # The other filters are kept when a place is chosen.
    assert '<input type="hidden" name="incident_type__exact" value="adoption">' in text


def test_a_chosen_place_is_shown_and_filters_with_places_below(demo, staff_client):
    donetsk = Region.objects.get(iso_code="UA-14")
    url = reverse("admin:cases_childgroup_changelist")
    response = staff_client.get(url, {"origin": donetsk.pk})
    text = response.content.decode()
    assert f'<option value="{donetsk.pk}" selected>Donetsk Oblast (Ukraine)</option>' in text
    descriptions = [group.description for group in response.context["cl"].result_list]
    assert any("Mariupol" in description for description in descriptions)


@pytest.mark.parametrize("value", ["abc", "99999999", "1e3", "-1"])
def test_a_place_that_is_not_one_lists_nothing_and_says_so(demo, staff_client, value):
    response = staff_client.get(reverse("admin:cases_incident_changelist"), {"origin": value})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert "No such place" in response.content.decode()
