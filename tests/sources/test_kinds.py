"""A source's kind is guessed from its URL when nobody chose one; a choice is kept."""

import pytest

from apps.sources.models import Source, SourceKind, source_kind_for
from apps.sources.url_normalization import normalize_url


@pytest.mark.parametrize(
    ("cited", "kind"),
    [
        ("https://t.me/mlvovabelova/2451", SourceKind.TELEGRAM),
        ("https://x.com/kadmitriev/status/1976665471698280772", SourceKind.SOCIAL),
        ("https://www.youtube.com/watch?v=abc", SourceKind.VIDEO),
        ("https://ria dot ru/20251022/rossiya-2049925738.html", SourceKind.STATE_MEDIA),
        ("https://tass.ru/obschestvo/123", SourceKind.STATE_MEDIA),
        ("http://kremlin.ru/events/president/news/70000", SourceKind.OFFICIAL_SITE),
        ("https://minobrnauki.gov.ru/press-center/news/1", SourceKind.OFFICIAL_SITE),
        ("https://www.ohchr.org/sites/default/files/report.pdf", SourceKind.REPORT),
        (
            "https://understandingwar.org/research/russia-ukraine/russian-offensive-campaign",
            SourceKind.WEB,
        ),
    ],
)
def test_kind_is_guessed_from_the_url(cited, kind):
    assert source_kind_for(normalize_url(cited)) == kind


@pytest.mark.django_db
def test_a_source_saved_without_a_kind_gets_the_guess_and_a_chosen_kind_is_kept(staff_client):
    def post(body):
        return staff_client.post("/api/v1/sources/", body, content_type="application/json")

    guessed = post({"url_as_cited": "https://t.me/tass_agency/318730"})
    assert guessed.status_code == 201, guessed.content
    assert guessed.json()["kind"] == "telegram"
    chosen = post({"url_as_cited": "https://t.me/tass_agency/318731", "kind": "video"})
    assert chosen.json()["kind"] == "video"
    assert Source.objects.get(pk=chosen.json()["id"]).kind == "video"


@pytest.mark.django_db
def test_the_admin_pop_up_saves_a_source_with_no_kind_chosen(staff_client):
    import re

    from django.urls import reverse

    url = reverse("admin:sources_source_add") + "?_popup=1"
    inlines = re.findall(r'name="([\w-]+)-TOTAL_FORMS"', staff_client.get(url).content.decode())
    assert inlines  # the inline lists that apps above sources add to the page
    empty_inlines = {f"{p}-{n}": "0" for p in inlines for n in ("TOTAL_FORMS", "INITIAL_FORMS")}
    response = staff_client.post(
        url,
        {
            **empty_inlines,
            "_popup": "1",
            "url_as_cited": "https://t.me/mlvovabelova/2451",
            "title": "",
            "publisher": "",
            "author": "",
            "kind": "",
            "language": "ru",
            "published_on": "",
            "published_precision": "unknown",
            "speaker_kind": "unknown",
            "availability": "unknown",
            "availability_note": "",
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert "This field is required" not in response.content.decode()
    assert Source.objects.get(url="https://t.me/mlvovabelova/2451").kind == "telegram"
