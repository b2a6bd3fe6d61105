"""The outbound guard: what the archiver refuses to connect to, and its limits."""

import socket

import pytest

from apps.core.outbound import (
    Blocked,
    FetchError,
    FetchPolicy,
    TooLarge,
    TransientError,
    fetch,
    forbidden_reason,
    parse_loopback_allowance,
)
from tests.support import netguard
from tests.support.site import Answer


def policy(**changes) -> FetchPolicy:
    return FetchPolicy(
        **{
            "user_agent": "test-archiver/1",
            "connect_timeout": 2,
            "read_timeout": 2,
            "total_timeout": 10,
            "max_body_bytes": 1_000_000,
            "max_redirects": 5,
            **changes,
        }
    )


def test_the_test_guard_itself_refuses_non_loopback_connections():
    assert netguard.installed()
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(netguard.NonLoopbackConnection),
    ):
        sock.connect(("10.1.2.3", 80))


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.5.6.7", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.4.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("169.254.10.1", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_each_forbidden_address_class_is_refused_with_its_reason(resolve, address, reason):
    resolve({"news.example": address})
    with pytest.raises(Blocked) as refused:
        fetch("http://news.example/article", policy=policy())
    assert reason in str(refused.value)
    assert address.split("::ffff:")[-1] in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://[::1]:9/",  # IPv6 loopback literal
        "http://2130706433:9/",  # 127.0.0.1 written as one decimal number
        "http://0x7f000001:9/",  # ... and in hexadecimal
        "http://localhost:9/",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_literal_and_encoded_loopback_and_metadata_addresses_are_refused(url):
    with pytest.raises(Blocked):
        fetch(url, policy=policy())


def test_a_public_address_is_allowed_by_the_rule():
    import ipaddress

    assert forbidden_reason(ipaddress.ip_address("93.184.216.34")) is None
    assert forbidden_reason(ipaddress.ip_address("2a00:1450:4001:80b::200e")) is None


def test_redirect_to_loopback_is_refused_when_only_the_test_site_is_allowed(site):
    # The allowance is for this host:port alone; 127.0.0.1 on another port stays refused.
    target = site.redirect("/moved", "http://127.0.0.1:9/admin")
    with pytest.raises(Blocked) as refused:
        fetch(target, policy=FetchPolicy.from_settings())
    assert "loopback" in str(refused.value)
    assert [hop.status for hop in refused.value.hops] == [302]  # the refused hop is kept


def test_with_the_allowance_off_the_test_site_itself_is_refused(site, settings):
    url = site.page("/page", "<html>hi</html>")
    settings.ARCHIVE_ALLOW_LOOPBACK = ""
    with pytest.raises(Blocked):
        fetch(url, policy=FetchPolicy.from_settings())
    assert site.hits["/page"] == 0


def test_redirect_to_a_name_that_resolves_to_a_private_address_is_refused(site, resolve):
    resolve({"intranet.example": "10.20.30.40"})
    target = site.redirect("/go", "http://intranet.example/secret")
    with pytest.raises(Blocked) as refused:
        fetch(target, policy=FetchPolicy.from_settings())
    assert "10.20.30.40" in str(refused.value)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_redirect_to_another_scheme_is_refused(site, location):
    target = site.redirect("/go", location)
    with pytest.raises(Blocked, match="only http and https"):
        fetch(target, policy=FetchPolicy.from_settings())


def test_redirects_are_followed_and_recorded_up_to_the_limit(site):
    site.redirect("/a", "/b", status=301)
    site.redirect("/b", site.url("/c"), status=307)
    site.page("/c", "<html><title>C</title></html>")
    hops = fetch(site.url("/a"), policy=FetchPolicy.from_settings())
    assert [(hop.url, hop.status) for hop in hops] == [
        (site.url("/a"), 301),
        (site.url("/b"), 307),
        (site.url("/c"), 200),
    ]
    assert hops[-1].body == b"<html><title>C</title></html>"
    assert dict(hops[0].request_headers)["User-Agent"].startswith("ChildTrace-archiver")


def test_a_redirect_loop_stops_at_the_limit(site, settings):
    settings.ARCHIVE_MAX_REDIRECTS = 3
    site.redirect("/loop", "/loop")
    with pytest.raises(Exception, match="more than 3 redirects"):
        fetch(site.url("/loop"), policy=FetchPolicy.from_settings())
    assert site.hits["/loop"] == 4


def test_an_oversize_body_is_refused_by_its_declared_length(site, settings):
    settings.ARCHIVE_MAX_BODY_BYTES = 10_000
    site.page("/big", b"x" * 20_000)
    with pytest.raises(TooLarge, match="20,000 bytes"):
        fetch(site.url("/big"), policy=FetchPolicy.from_settings())


def test_an_oversize_body_without_a_length_is_cut_off_while_reading(site, settings):
    settings.ARCHIVE_MAX_BODY_BYTES = 10_000
    site.answers["/stream"] = Answer(body=b"x" * 200_000, send_length=False)
    with pytest.raises(TooLarge, match="exceeds the limit of 10,000 bytes"):
        fetch(site.url("/stream"), policy=FetchPolicy.from_settings())


def test_a_server_slower_than_the_read_timeout_is_a_transient_failure(site, settings):
    settings.ARCHIVE_READ_TIMEOUT = 0.5
    site.answers["/slow"] = Answer(body=b"late", delay=3)
    with pytest.raises(TransientError, match="timed out"):
        fetch(site.url("/slow"), policy=FetchPolicy.from_settings())


def test_a_body_dripping_past_the_total_time_limit_is_a_transient_failure(site, settings):
    settings.ARCHIVE_TOTAL_TIMEOUT = 0.6
    site.answers["/drip"] = Answer(body=b"y" * 8 * 1024, drip=0.2)
    with pytest.raises(TransientError, match=r"longer than 0\.6 s"):
        fetch(site.url("/drip"), policy=FetchPolicy.from_settings())


def test_the_loopback_allowance_accepts_only_a_loopback_ip_and_port():
    assert parse_loopback_allowance("127.0.0.1:8123") == ("127.0.0.1", 8123)
    assert parse_loopback_allowance("") is None
    for bad in ("10.0.0.1:80", "localhost:80", "127.0.0.1", "example.org:80"):
        with pytest.raises(ValueError):
            parse_loopback_allowance(bad)


def test_through_a_proxy_names_are_not_resolved_here(site, settings, resolve):
    # An HTTP proxy gets the absolute URL; this machine makes no DNS query for the name.
    site.answers["http://news.example/article"] = Answer(body=b"<html>via proxy</html>")
    settings.ARCHIVE_PROXY_URL = site.url("")
    hops = fetch("http://news.example/article", policy=FetchPolicy.from_settings())
    assert hops[-1].body == b"<html>via proxy</html>"
    assert site.requests[-1][1]["Host"] == "news.example"


def test_through_a_proxy_literal_private_addresses_are_still_refused(site, settings):
    settings.ARCHIVE_PROXY_URL = site.url("")
    for url in ("http://10.0.0.1/", "http://[::1]/", "http://localhost/", "http://db.internal/"):
        with pytest.raises(Blocked):
            fetch(url, policy=FetchPolicy.from_settings())
    assert not site.requests


def test_a_name_that_does_not_exist_fails_without_retry(resolve):
    # The resolver fixture answers unknown names with EAI_NONAME, as for a deleted domain.
    with pytest.raises(FetchError, match=r"the host name gone\.example does not resolve") as failed:
        fetch("https://gone.example/post/1", policy=policy())
    assert not failed.value.retryable


def test_a_refused_connection_is_transient(site, settings):
    port = site.port
    site.close()  # nothing listens on the allowed port any more
    settings.ARCHIVE_ALLOW_LOOPBACK = f"127.0.0.1:{port}"
    with pytest.raises(TransientError, match="failed"):
        fetch(f"http://127.0.0.1:{port}/", policy=FetchPolicy.from_settings())


@pytest.mark.parametrize("host", ["localhost", "[::1]", "2130706433"])
def test_redirect_back_to_the_allowed_port_under_another_name_is_refused(site, host):
    # The allowance names one IP and port; any other way of reaching loopback is refused.
    target = site.redirect("/sneaky", f"http://{host}:{site.port}/admin")
    with pytest.raises(Blocked, match="loopback"):
        fetch(target, policy=FetchPolicy.from_settings())
    assert "/admin" not in site.hits
