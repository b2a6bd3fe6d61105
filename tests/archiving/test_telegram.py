"""Telegram posts: the post page and its public preview, with the post's text and date."""

import io
import logging

import pytest
from django.core.files.storage import storages
from warcio.archiveiterator import ArchiveIterator

from apps.archiving.extract import telegram_post, telegram_preview_url
from apps.archiving.models import Capture, Outcome
from apps.archiving.services import capture_job_run
from tests.archiving.helpers import new_source, open_job, warc_bytes

pytestmark = pytest.mark.django_db

EMBED = """<!DOCTYPE html><html><head><title>Telegram Widget</title></head><body>
<div class="tgme_widget_message text_not_supported_wrap js-widget_message"
     data-post="lvovabelova/1234">
  <div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name"
     href="https://t.me/lvovabelova"><span dir="auto">Мария Львова-Белова</span></a></div>
  <div class="tgme_widget_message_text js-message_text" dir="auto">Сегодня 31 ребёнок из
     Херсонской области<br/>прибыл в Подмосковье.</div>
  <div class="tgme_widget_message_footer"><a class="tgme_widget_message_date"
     href="https://t.me/lvovabelova/1234"><time datetime="2022-10-24T09:15:00+00:00"
     class="time">09:15</time></a></div>
</div></body></html>"""


def test_preview_url_of_a_post():
    assert telegram_preview_url("https://t.me/lvovabelova/1234") == (
        "https://t.me/lvovabelova/1234?embed=1&mode=tme"
    )
    assert telegram_preview_url("https://t.me/s/lvovabelova/1234") == (
        "https://t.me/lvovabelova/1234?embed=1&mode=tme"
    )
    assert telegram_preview_url("https://t.me/lvovabelova") is None
    assert telegram_preview_url("https://ria.ru/20221024/1234.html") is None


def test_a_telegram_post_is_captured_with_its_preview_text_and_date(site, settings):
    settings.ARCHIVE_TELEGRAM_HOSTS = ["127.0.0.1"]  # the local site plays t.me
    site.page("/lvovabelova/1234", "<html><title>Telegram: Contact @lvovabelova</title></html>")
    site.page("/lvovabelova/1234?embed=1&mode=tme", EMBED)
    source = new_source(site.url("/lvovabelova/1234"), kind="telegram")

    assert capture_job_run(job_id=open_job(source).pk) == Outcome.ARCHIVED
    capture = Capture.objects.get(source=source)
    assert capture.text == ("Сегодня 31 ребёнок из\n     Херсонской области\nприбыл в Подмосковье.")
    assert capture.posted_at.isoformat() == "2022-10-24T09:15:00+00:00"
    assert capture.title == "Мария Львова-Белова"
    assert capture.preview_url == site.url("/lvovabelova/1234?embed=1&mode=tme")
    uris = [
        r.rec_headers["WARC-Target-URI"]
        for r in ArchiveIterator(io.BytesIO(warc_bytes(capture)))
        if r.rec_type == "response"
    ]
    assert uris == [source.url, capture.preview_url]


def _telegram_capture(site, settings, preview_body: str) -> Capture:
    settings.ARCHIVE_TELEGRAM_HOSTS = ["127.0.0.1"]
    site.page("/lvovabelova/1234", "<html><title>Telegram: Contact @lvovabelova</title></html>")
    site.page("/lvovabelova/1234?embed=1&mode=tme", preview_body)
    source = new_source(site.url("/lvovabelova/1234"), kind="telegram")
    assert capture_job_run(job_id=open_job(source).pk) == Outcome.ARCHIVED
    capture = Capture.objects.get(source=source)
    assert storages["archive"].exists(capture.warc)
    uris = [
        r.rec_headers["WARC-Target-URI"]
        for r in ArchiveIterator(io.BytesIO(warc_bytes(capture)))
        if r.rec_type == "response"
    ]
    assert uris == [source.url, capture.preview_url]  # both pages are kept as evidence
    return capture


def test_a_telegram_preview_that_cannot_be_parsed_is_noted_on_the_capture(site, settings, caplog):
    with caplog.at_level(logging.WARNING):
        capture = _telegram_capture(site, settings, "<!-- nothing here -->")
    assert capture.text == "" and capture.posted_at is None
    assert capture.title == "Telegram: Contact @lvovabelova"  # from the post page itself
    assert capture.extraction_error == (
        "the Telegram preview could not be parsed: Document is empty"
    )
    [record] = [r for r in caplog.records if r.name == "apps.archiving.services"]
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"capture {capture.pk} of source {capture.source_id} ({capture.url}): "
        "the Telegram preview could not be parsed: Document is empty"
    )


def test_a_deleted_telegram_post_is_noted_in_telegrams_words(site, settings):
    capture = _telegram_capture(
        site,
        settings,
        '<html><body><div class="tgme_widget_message_error">Post not found</div></body></html>',
    )
    assert capture.text == ""
    assert capture.extraction_error == "the Telegram preview says: Post not found"


def test_a_bug_reading_the_telegram_preview_keeps_the_page_and_is_logged(
    site, settings, caplog, monkeypatch
):
    def broken(*args, **kwargs):
        raise KeyError("data-post")

    monkeypatch.setattr("apps.archiving.capture.telegram_post", broken)
    with caplog.at_level(logging.WARNING):
        capture = _telegram_capture(site, settings, EMBED)
    assert capture.title == "Telegram: Contact @lvovabelova"
    assert capture.extraction_error == (
        "reading the Telegram preview failed unexpectedly (KeyError: 'data-post'); "
        "the worker log has the details"
    )
    [record] = [r for r in caplog.records if r.name == "apps.archiving.services"]
    assert record.levelno == logging.ERROR and record.exc_info[0] is KeyError


def test_a_telegram_preview_without_the_post_says_so():
    page = (  # a channel page of two posts, neither the one asked for
        '<html><body><div class="tgme_widget_message" data-post="lvovabelova/1">a</div>'
        '<div class="tgme_widget_message" data-post="lvovabelova/2">b</div></body></html>'
    )
    post = telegram_post(page.encode(), "https://t.me/lvovabelova/1234")
    assert (post.title, post.text) == ("", "")
    assert post.error == "the Telegram preview shows no post lvovabelova/1234"
