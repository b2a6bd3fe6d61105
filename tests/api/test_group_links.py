"""A group's links through the API: a list, written whole, validated with a clear 400,
and read the same in the group and the incident documents."""

import pytest
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from apps.cases.api.serializers import ChildGroupLinkSerializer
from apps.cases.models import ChildGroup, ChildGroupLink
from tests.factories import ChildGroupFactory, IncidentFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/child-groups/"


def links_of(group):
    return sorted(group.links.values_list("counted_in", "relation"))


def test_a_group_is_written_with_any_number_of_links(staff_api, user):
    first, larger = ChildGroupFactory(count=24), ChildGroupFactory(count=49)
    created = staff_api.post(
        URL,
        {
            "incident": IncidentFactory().pk,
            "count": 24,
            "links": [
                {"counted_in": first.pk, "relation": "same"},
                {"counted_in": larger.pk, "relation": "part"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["links"] == [
        {"counted_in": first.pk, "relation": "same", "counted_in_incident": first.incident_id},
        {"counted_in": larger.pk, "relation": "part", "counted_in_incident": larger.incident_id},
    ]
    group = ChildGroup.objects.get(pk=body["id"])
    assert {link.created_by for link in group.links.all()} == {user}
    # the incident document embeds the same list
    incident = staff_api.get(f"/api/v1/incidents/{group.incident_id}/").json()
    assert incident["child_groups"][0]["links"] == body["links"]
    # a PATCH with links replaces them; one without keeps them
    url = f"{URL}{group.pk}/"
    changed = staff_api.patch(url, {"links": [{"counted_in": larger.pk, "relation": "part"}]})
    assert changed.status_code == 200, changed.json()
    assert links_of(group) == [(larger.pk, "part")]
    assert staff_api.patch(url, {"description": "again"}, format="json").status_code == 200
    assert links_of(group) == [(larger.pk, "part")]
    assert ChildGroupLink.history.filter(group=group, history_type="-").count() == 1


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (lambda g, o, i: [{"counted_in": g.pk, "relation": "part"}], "cannot be the same as"),
        (
            lambda g, o, i: [
                {"counted_in": o.pk, "relation": "part"},
                {"counted_in": o.pk, "relation": "same"},
            ],
            "linked twice",
        ),
        (lambda g, o, i: [{"counted_in": 99999999, "relation": "part"}], "does not exist"),
        (lambda g, o, i: [{"counted_in": "1e309", "relation": "part"}], "whole number"),
        (lambda g, o, i: [{"counted_in": o.pk, "relation": "inside"}], "not a valid choice"),
        (lambda g, o, i: [{"relation": "part"}], "required"),
        (lambda g, o, i: {"counted_in": o.pk}, "list"),
        (lambda g, o, i: [{"counted_in": i.pk, "relation": "same"}], "loop"),
    ],
    ids=["self", "twice", "missing", "overflow", "relation", "no-group", "not-a-list", "loop"],
)
def test_bad_links_get_a_clear_400_and_change_nothing(staff_api, links, message):
    other = ChildGroupFactory(count=100)
    group = ChildGroupFactory(count=50, links=[(other, "part")])
    inner = ChildGroupFactory(count=10, links=[(group, "part")])
    before = links_of(group), ChildGroup.history.count(), ChildGroupLink.history.count()
    response = staff_api.patch(
        f"{URL}{group.pk}/", {"links": links(group, other, inner)}, format="json"
    )
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert "links" in error["fields"]
    assert message in str(error["fields"]["links"])
    assert (links_of(group), ChildGroup.history.count(), ChildGroupLink.history.count()) == before


def test_a_part_larger_than_its_whole_is_refused(staff_api):
    whole = ChildGroupFactory(count=125)
    response = staff_api.post(
        URL,
        {
            "incident": whole.incident_id,
            "count": 234,
            "links": [{"counted_in": whole.pk, "relation": "part"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "part cannot be larger than the whole" in str(response.json()["error"]["fields"])
    assert ChildGroup.objects.count() == 1


def test_a_link_may_name_only_a_group_the_writer_can_see():
    """Only staff write today, and they see every group; the rule holds for any writer."""
    hidden = ChildGroupFactory(incident=IncidentFactory(is_published=False))
    shown = ChildGroupFactory(
        incident=IncidentFactory(is_published=True, published_at=timezone.now())
    )
    request = APIRequestFactory().get("/")
    request.user = UserFactory(is_staff=False)
    for group, valid in ((hidden, False), (shown, True)):
        serializer = ChildGroupLinkSerializer(
            data={"counted_in": group.pk, "relation": "part"}, context={"request": request}
        )
        assert serializer.is_valid() is valid, serializer.errors
