"""A source's publication date at the precision the source gave: a source known only to
be from March 2025 is entered, stored, filtered and shown as March 2025, never as a day."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from apps.core.services import record_save
from apps.sources.models import Source
from tests.api.conftest import walk
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

MARCH_14 = dt.date(2025, 3, 14)


def _saved(user, precision, day) -> Source:
    source = SourceFactory.build(url=None, published_on=day, published_precision=precision)
    return record_save(source, user=user)


@pytest.mark.parametrize(
    ("precision", "stored", "shown"),
    [
        ("day", MARCH_14, "14 Mar 2025"),
        ("month", dt.date(2025, 3, 1), "March 2025"),
        ("year", dt.date(2025, 1, 1), "2025"),
    ],
)
def test_a_date_is_stored_and_shown_at_its_precision(user, precision, stored, shown):
    source = _saved(user, precision, MARCH_14)
    assert (source.published_on, source.published_display) == (stored, shown)


def test_no_date_reads_as_unknown(user):
    assert _saved(user, "unknown", None).published_display == "date unknown"


def test_a_date_needs_its_precision_and_a_precision_its_date(user):
    with pytest.raises(ValidationError) as error:
        _saved(user, "unknown", MARCH_14)
    assert "published_precision" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _saved(user, "month", None)
    assert "published_on" in error.value.message_dict


@pytest.mark.parametrize(("precision", "day"), [("unknown", MARCH_14), ("day", None)])
def test_the_database_refuses_a_date_without_precision_too(precision, day):
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(published_on=day, published_precision=precision)


# The API -----------------------------------------------------------------------------


def _post(staff_api, **fields):
    body = {"url_as_cited": "https://t.me/example/1", **fields}
    return staff_api.post("/api/v1/sources/", body, format="json")


def test_the_api_takes_a_month_and_shows_it(staff_api):
    response = _post(staff_api, published_on="2025-03-14", published_precision="month")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["published_on"], body["published_precision"]) == ("2025-03-01", "month")
    assert body["published_display"] == "March 2025"


def test_a_date_sent_without_precision_is_a_day_as_before(staff_api):
    body = _post(staff_api, published_on="2025-03-14").json()
    assert (body["published_precision"], body["published_display"]) == ("day", "14 Mar 2025")

    cleared = staff_api.patch(f"/api/v1/sources/{body['id']}/", {"published_on": None}, "json")
    assert cleared.status_code == 200, cleared.json()
    assert cleared.json()["published_precision"] == "unknown"


def test_a_precision_without_a_date_is_refused_in_the_error_shape(staff_api):
    response = _post(staff_api, published_precision="month")
    assert response.status_code == 400
    error = response.json()["error"]
    assert "published_on" in error["fields"]
    assert not Source.objects.exists()


def test_the_api_cannot_make_a_day_of_a_month_by_changing_the_date_only(staff_api):
    # A client that knows the precision sends it; one that sends only a date means a day.
    source = _post(staff_api, published_on="2025-03-01", published_precision="month").json()
    url = f"/api/v1/sources/{source['id']}/"
    body = staff_api.patch(url, {"published_precision": "year"}, "json").json()
    assert (body["published_on"], body["published_display"]) == ("2025-01-01", "2025")


@pytest.mark.parametrize(
    ("params", "matches_march"),
    [
        ({"published_after": "2025-03-31"}, True),
        ({"published_after": "2025-04-01"}, False),
        ({"published_before": "2025-03-01"}, True),
        ({"published_before": "2025-02-28"}, False),
    ],
)
def test_the_date_filters_use_the_span_of_a_month(staff_api, params, matches_march):
    march = SourceFactory(published_on=dt.date(2025, 3, 1), published_precision="month")
    day = SourceFactory(published_on=MARCH_14, published_precision="day")
    found = {item["id"] for item in walk(staff_api, "/api/v1/sources/", params)}
    assert (march.pk in found) == matches_march
    # A day keeps its own day: 14 March is neither after the 31st nor before the 1st.
    assert day.pk not in found


def test_a_year_reaches_its_last_day(staff_api):
    year = SourceFactory(published_on=dt.date(2025, 1, 1), published_precision="year")
    found = walk(staff_api, "/api/v1/sources/", {"published_after": "2025-12-31"})
    assert [item["id"] for item in found] == [year.pk]


# The admin ---------------------------------------------------------------------------


def test_the_admin_list_and_page_show_the_month(staff_client):
    march = SourceFactory(
        title="A March post", published_on=dt.date(2025, 3, 1), published_precision="month"
    )
    listing = staff_client.get(reverse("admin:sources_source_changelist")).content.decode()
    assert "March 2025" in listing
    assert "March 1, 2025" not in listing and "1 Mar 2025" not in listing
    page = staff_client.get(reverse("admin:sources_source_change", args=[march.pk]))
    assert "March 2025" in page.content.decode()


def test_the_admin_list_never_files_a_month_under_a_day(staff_client):
    march = SourceFactory(published_on=dt.date(2025, 3, 1), published_precision="month")
    undated = SourceFactory(published_on=None, published_precision="unknown")
    url = reverse("admin:sources_source_changelist")
    # A date hierarchy offered "March 1" once "March 2025" was chosen.
    drilled = staff_client.get(url, {"published_on__year": 2025, "published_on__month": 3})
    assert "published_on__day=1" not in drilled.content.decode()
    in_2025 = staff_client.get(url, {"published_in": "2025"}).context["cl"].result_list
    assert list(in_2025) == [march]
    no_date = staff_client.get(url, {"published_in": "unknown"}).context["cl"].result_list
    assert list(no_date) == [undated]


def test_the_admin_asks_how_precise_a_date_is(staff_client):
    response = staff_client.post(
        reverse("admin:sources_source_add"),
        {
            "url_as_cited": "https://t.me/example/2",
            "kind": "telegram",
            "published_on": "2025-03-14",
            "published_precision": "unknown",
            "speaker_kind": "unknown",
            "availability": "unknown",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "say whether the source gives the day, only the month or only the year" in (
        response.content.decode()
    )
    assert not Source.objects.exists()


def test_an_update_without_precision_keeps_a_month_a_month(staff_api):
    # A client that knows no precisions sent the date back: it became "1 Mar 2025".
    march = SourceFactory(published_on=dt.date(2025, 3, 1), published_precision="month")
    response = staff_api.patch(
        f"/api/v1/sources/{march.pk}/", {"published_on": "2025-03-01", "title": "renamed"}
    )
    assert response.status_code == 200, response.json()
    march.refresh_from_db()
    assert (march.published_precision, march.title) == ("month", "renamed")
    assert response.json()["published_display"] == "March 2025"
