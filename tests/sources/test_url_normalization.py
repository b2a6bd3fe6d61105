import pytest

from apps.sources.url_normalization import InvalidURL, normalize_url, telegram_post


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
        ("https://пример.рф/путь", "https://xn--e1afmkfd.xn--p1ai/путь"),
    ],
)
def test_normalizes(cited, normalized):
    assert normalize_url(cited) == normalized


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
    ],
)
def test_refuses_with_a_reason(cited, reason):
    with pytest.raises(InvalidURL, match=reason):
        normalize_url(cited)


def test_telegram_post():
    assert telegram_post("https://t.me/malvovabelova/384") == ("malvovabelova", 384)
    assert telegram_post("https://ria.ru/1/2") is None
