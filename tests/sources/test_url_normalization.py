import pytest

from apps.sources.url_normalization import InvalidURL, normalize_url, telegram_post, url_to_fetch


@pytest.mark.parametrize(
    ("cited", "normalized"),
    [
        (
            "https://ria dot ru/20230216/regiony-1852439917.html",
            "https://ria.ru/20230216/regiony-1852439917.html",
        ),
        ("https://t.me/MID\\_Russia/67743", "https://t.me/mid_russia/67743"),
        ("https://t.me/s/malvovabelova/384", "https://t.me/malvovabelova/384"),
        ("http://telegram.me/MaLvovaBelova/384", "https://t.me/malvovabelova/384"),
        (
            "HTTPS://WWW.RBC.RU/politics/30/07/2023/64c6?from=from_main_11",
            "https://www.rbc.ru/politics/30/07/2023/64c6?from=from_main_11",
        ),
        (
            "https://gtrkrb dot ru/a?ysclid=m8q4&utm\\_source=yandex.ru&id=5",
            "https://gtrkrb.ru/a?id=5",
        ),
        ("https://example.org:443/Path#section", "https://example.org/Path"),
        ("https://example.org", "https://example.org/"),
        ("hxxps://example[.]org/x", "https://example.org/x"),
        ("<https://x.com/i/broadcasts/1lDxLBqLPMkGm>", "https://x.com/i/broadcasts/1lDxLBqLPMkGm"),
        ("https://пример.рф/путь", "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C"),
        ("https://ria.ru/a?flag", "https://ria.ru/a?flag"),
        ("https://ria.ru/a?flag&utm_source=tg", "https://ria.ru/a?flag"),
        ("https://ria.ru/a?b=2&a=1&empty=", "https://ria.ru/a?b=2&a=1&empty="),
        ("https://ria.ru/a?q=a+b&r=a%26b", "https://ria.ru/a?q=a+b&r=a%26b"),
        ("https://ria.ru/a%2Fb;v=1", "https://ria.ru/a%2Fb;v=1"),
        ("https://ria.ru/%7euser/%41", "https://ria.ru/~user/A"),
        ("https://ria.ru/100%", "https://ria.ru/100%25"),
        ("https://ria.ru/%CF%F3%F2", "https://ria.ru/%CF%F3%F2"),  # not UTF-8: kept as sent
        ("http://[::ffff:127.0.0.1]/", "http://[::ffff:127.0.0.1]/"),
        ("http://[::FFFF:7f00:1]:8080/x", "http://[::ffff:127.0.0.1]:8080/x"),
        ("https://[2001:DB8:0:0::1]:443/", "https://[2001:db8::1]/"),
    ],
)
def test_normalizes(cited, normalized):
    assert normalize_url(cited) == normalized


@pytest.mark.parametrize(
    "spellings",
    [
        # As a browser shows it, as it copies it, and with lower-case escapes.
        [
            "https://ria.ru/путь?q=дети",
            "https://ria.ru/%D0%BF%D1%83%D1%82%D1%8C?q=%D0%B4%D0%B5%D1%82%D0%B8",
            "https://ria.ru/%d0%bf%d1%83%d1%82%d1%8c?q=%d0%b4%d0%b5%d1%82%d0%b8",
            "ria dot ru/путь?q=дети&utm\\_source=tg#top",
        ],
        ["https://ria.ru/a-b_c.d~e", "https://ria.ru/%61%2D%62%5F%63%2E%64%7E%65"],
        ["https://пример.рф/", "https://XN--E1AFMKFD.XN--P1AI/"],
    ],
)
def test_every_spelling_of_one_address_is_one_source(spellings):
    assert len({normalize_url(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://ria.ru/a%2Fb", "https://ria.ru/a/b"),  # an escaped "/" is not a separator
        ("https://ria.ru/a?flag", "https://ria.ru/a?flag="),
        ("https://ria.ru/a?b=2&a=1", "https://ria.ru/a?a=1&b=2"),
        ("https://ria.ru/a?q=a+b", "https://ria.ru/a?q=a%20b"),
        ("https://ria.ru/Path", "https://ria.ru/path"),
    ],
)
def test_addresses_a_server_may_tell_apart_stay_apart(one, other):
    assert normalize_url(one) != normalize_url(other)


@pytest.mark.parametrize(
    ("cited", "fetched"),
    [
        # The Telegram forms are one post but other pages: fetched as cited.
        ("https://t.me/s/MID\\_Russia/67743", "https://t.me/s/MID_Russia/67743"),
        (
            "http://telegram.me/MaLvovaBelova/384?single",
            "http://telegram.me/MaLvovaBelova/384?single",
        ),
        # Only the report's obfuscation and the fragment are undone; trackers are sent.
        (
            "https://ria dot ru/путь?flag&utm\\_source=tg&ysclid=m8q4#x",
            "https://ria.ru/%D0%BF%D1%83%D1%82%D1%8C?flag&utm_source=tg&ysclid=m8q4",
        ),
        ("HTTPS://RIA.RU:443/a?b=2&a=1", "https://ria.ru/a?b=2&a=1"),
    ],
)
def test_the_url_to_fetch_is_the_cited_one_spelled_for_the_wire(cited, fetched):
    assert url_to_fetch(cited) == fetched


def test_the_url_to_fetch_is_the_normalized_one_where_no_server_could_tell_them_apart():
    for cited in ("https://RIA.ru/путь", "https://ria.ru:443/%d0%bf%d1%83%d1%82%d1%8c?id=1#top"):
        assert url_to_fetch(cited) == normalize_url(cited)


@pytest.mark.parametrize(
    ("cited", "reason"),
    [
        ("", "empty"),
        ("ftp://example.org/file", "Only http and https"),
        ("javascript:alert(1)", "Only http and https"),
        ("https://user:pw@example.org/", "user name or password"),
        ("https://exa mple.org/", "spaces"),
        ("https:///path-only", "no host"),
        ("https://example.org:99999/", "not a valid URL"),
        ("http://[fe80::1%25eth0]/", "zone"),
        ("http://[::ffff:127.0.0.1/", "not a valid URL"),
    ],
)
def test_refuses_with_a_reason(cited, reason):
    with pytest.raises(InvalidURL, match=reason):
        normalize_url(cited)


def test_telegram_post():
    assert telegram_post("https://t.me/malvovabelova/384") == ("malvovabelova", 384)
    assert telegram_post("https://ria.ru/1/2") is None


@pytest.mark.django_db
def test_the_encoded_form_of_a_recorded_address_is_refused_as_the_same_source(staff_client):
    def post(cited):
        return staff_client.post(
            "/api/v1/sources/", {"url_as_cited": cited}, content_type="application/json"
        )

    first = post("https://ria.ru/путь?flag")
    assert first.status_code == 201, first.content
    again = post("https://ria.ru/%d0%bf%d1%83%d1%82%d1%8c?flag")
    assert again.status_code == 400
    assert f"source #{first.json()['id']}" in str(again.json())
    other = post("https://ria.ru/путь?flag=")  # another address: another source
    assert other.status_code == 201, other.content


@pytest.mark.django_db
def test_a_duplicate_has_no_url_of_its_own_and_can_still_be_edited(user):
    from apps.sources.models import Source
    from apps.sources.services import source_save
    from tests.factories import SourceFactory

    kept = source_save(source=Source(url_as_cited="https://ria.ru/путь"), user=user)
    duplicate = SourceFactory(
        url_as_cited="https://ria.ru/%d0%bf%d1%83%d1%82%d1%8c", url=None, duplicate_of=kept
    )
    duplicate.title = "The same article, cited in another spelling"
    source_save(source=duplicate, user=user)
    duplicate.refresh_from_db()
    assert (duplicate.url, duplicate.duplicate_of_id) == (None, kept.pk)
    assert duplicate.title == "The same article, cited in another spelling"


@pytest.mark.django_db
def test_an_address_too_long_once_encoded_is_a_400_naming_the_cited_url(staff_client):
    from apps.sources.models import Source

    limit = Source._meta.get_field("url").max_length
    cited = "https://ria.ru/" + "п" * (limit // 3)  # within the limit as typed, not encoded
    assert len(cited) < limit < len(normalize_url(cited))
    response = staff_client.post(
        "/api/v1/sources/", {"url_as_cited": cited}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "percent-encoded" in str(response.json()["error"]["fields"]["url_as_cited"])
    assert not Source.objects.exists()
