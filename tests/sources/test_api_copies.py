"""A source archived only elsewhere is found from the original: `copies` on the
original's document and the `copy_of` filter; neither names a source the requester may
not read, and neither do `copy_of` and `duplicate_of`."""

import pytest

from apps.cases.models import Citation
from tests.api.conftest import walk
from tests.factories import IncidentFactory, SourceFactory

pytestmark = pytest.mark.django_db


def cited(source, *, published: bool):
    incident = IncidentFactory(
        is_published=published, published_at="2025-01-01T00:00Z" if published else None
    )
    Citation.objects.create(incident=incident, source=source)
    return source


@pytest.fixture
def family():
    original = cited(SourceFactory(title="Deleted post"), published=True)
    return {
        "original": original,
        "published_copy": cited(SourceFactory(copy_of=original), published=True),
        "unpublished_copy": cited(SourceFactory(copy_of=original), published=False),
        "hidden_original": (hidden := cited(SourceFactory(), published=False)),
        "copy_of_hidden": cited(SourceFactory(copy_of=hidden), published=True),
        "duplicate_of_hidden": cited(SourceFactory(url=None, duplicate_of=hidden), published=True),
    }


def ids(*sources) -> list[int]:
    return sorted(source.pk for source in sources)


def test_staff_find_every_copy_from_the_original(staff_api, family):
    original = family["original"]
    copies = ids(family["published_copy"], family["unpublished_copy"])
    assert staff_api.get(f"/api/v1/sources/{original.pk}/").json()["copies"] == copies
    listed = walk(staff_api, "/api/v1/sources/", {"copy_of": original.pk})
    assert sorted(item["id"] for item in listed) == copies
    copy = staff_api.get(f"/api/v1/sources/{family['copy_of_hidden'].pk}/").json()
    assert copy["copy_of"] == family["hidden_original"].pk
    duplicate = staff_api.get(f"/api/v1/sources/{family['duplicate_of_hidden'].pk}/").json()
    assert duplicate["duplicate_of"] == family["hidden_original"].pk


def test_a_partner_sees_only_the_copies_it_may_read(partner_api, family):
    original = family["original"]
    visible_copies = ids(family["published_copy"])
    assert partner_api.get(f"/api/v1/sources/{original.pk}/").json()["copies"] == visible_copies
    listed = {item["id"]: item for item in walk(partner_api, "/api/v1/sources/")}
    assert listed[original.pk]["copies"] == visible_copies
    filtered = walk(partner_api, "/api/v1/sources/", {"copy_of": original.pk})
    assert sorted(item["id"] for item in filtered) == visible_copies


def test_a_partner_never_reads_the_id_of_a_source_it_cannot_read(partner_api, family):
    hidden = family["hidden_original"].pk
    assert partner_api.get(f"/api/v1/sources/{hidden}/").status_code == 404
    listed = {item["id"]: item for item in walk(partner_api, "/api/v1/sources/")}
    for item in listed.values():
        assert hidden not in (item["copy_of"], item["duplicate_of"], *item["copies"])
    assert listed[family["copy_of_hidden"].pk]["copy_of"] is None
    assert listed[family["duplicate_of_hidden"].pk]["duplicate_of"] is None
    detail = partner_api.get(f"/api/v1/sources/{family['copy_of_hidden'].pk}/").json()
    assert detail["copy_of"] is None
    # Filtering by the hidden id answers as an id that does not exist.
    missing = max(listed) + 1000
    assert walk(partner_api, "/api/v1/sources/", {"copy_of": hidden}) == []
    assert walk(partner_api, "/api/v1/sources/", {"copy_of": missing}) == []


def test_the_copy_of_filter_refuses_what_is_not_an_id(partner_api):
    response = partner_api.get("/api/v1/sources/", {"copy_of": "²"})
    assert response.status_code == 400
    assert "copy_of" in response.json()["error"]["fields"]


def test_the_source_list_does_not_grow_in_queries_with_copies(
    staff_api, family, django_assert_max_num_queries
):
    for _ in range(5):
        SourceFactory(copy_of=family["original"])
    staff_api.get("/api/v1/sources/")
    with django_assert_max_num_queries(8):
        response = staff_api.get("/api/v1/sources/", {"page_size": 50})
    assert len(response.json()["results"]) >= 11
