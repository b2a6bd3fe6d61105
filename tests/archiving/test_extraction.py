"""Extraction failures: the capture is saved with its WARC, says why it has no text, and
the worker log says so too; a bug in extraction is logged with its traceback."""

import io
import logging

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from apps.archiving.extract import extract
from apps.archiving.models import Capture, JobStatus, Outcome
from apps.archiving.services import capture_job_run
from tests.archiving.helpers import new_source, open_job, tiny_pdf

pytestmark = pytest.mark.django_db

SERVICES_LOG = "apps.archiving.services"
ARTICLE = (
    "<html><head><title>Children taken to Crimea</title></head><body><article>"
    + "<p>Forty-six children from Kherson Oblast were taken to a camp in Crimea.</p>" * 5
    + "</article></body></html>"
)


def capture_of(source) -> Capture:
    job = open_job(source)
    capture_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    return Capture.objects.get(source=source)


def assert_saved_with_its_warc(capture: Capture, outcome: str) -> None:
    assert capture.outcome == outcome
    assert capture.payload_sha256
    assert capture.warc and storages["archive"].exists(capture.warc)
    assert capture.warc_size == storages["archive"].size(capture.warc)


def records(caplog, level: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == SERVICES_LOG and r.levelno == level]


def assert_logged(caplog, capture: Capture, level: int = logging.WARNING) -> logging.LogRecord:
    [record] = records(caplog, level)
    assert record.getMessage() == (
        f"capture {capture.pk} of source {capture.source_id} ({capture.url}): "
        f"{capture.extraction_error}"
    )
    return record


def test_a_pdf_that_cannot_be_read_is_saved_and_says_why(site, caplog):
    pdf = tiny_pdf("Deportation order")
    truncated = pdf[: len(pdf) // 2]
    source = new_source(site.page("/order.pdf", truncated, content_type="application/pdf"))
    with caplog.at_level(logging.WARNING):
        capture = capture_of(source)
    assert_saved_with_its_warc(capture, Outcome.NOT_HTML)
    assert capture.content_length == len(truncated)
    assert (capture.title, capture.text) == ("", "")
    # pypdf's own words follow the prefix (here "Stream has ended unexpectedly").
    assert capture.extraction_error.startswith("PDF could not be read: ")
    assert len(capture.extraction_error) > len("PDF could not be read: ")
    record = assert_logged(caplog, capture)
    assert record.exc_info is None  # a malformed document is not a bug: no traceback
    assert not records(caplog, logging.ERROR)


def test_a_password_protected_pdf_says_so(site):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf("Deportation order"))))
    writer.encrypt("secret", algorithm="RC4-128")  # RC4 needs no crypto library
    out = io.BytesIO()
    writer.write(out)
    source = new_source(site.page("/sealed.pdf", out.getvalue(), content_type="application/pdf"))
    capture = capture_of(source)
    assert_saved_with_its_warc(capture, Outcome.NOT_HTML)
    assert capture.text == ""
    assert capture.extraction_error == "PDF could not be read: it is protected by a password"


def test_pdf_pages_that_cannot_be_read_are_named_and_the_rest_kept(monkeypatch):
    from pypdf import PageObject, PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    writer = PdfWriter()
    for text in ("Deportation order", "Damaged annex", "List of children"):
        writer.append(PdfReader(io.BytesIO(tiny_pdf(text))))
    out = io.BytesIO()
    writer.write(out)
    real = PageObject.extract_text

    def damaged(self, *args, **kwargs):
        text = real(self, *args, **kwargs)
        if "Damaged" in text:
            raise PdfReadError("Unexpected end of stream")
        return text

    monkeypatch.setattr(PageObject, "extract_text", damaged)
    extracted = extract("application/pdf", out.getvalue())
    assert extracted.text == "Deportation order\nList of children"
    assert extracted.error == (
        "PDF: the text of 1 of 3 page(s) could not be read (page 2: Unexpected end of stream)"
    )


def test_an_html_document_with_nothing_in_it_is_saved_and_says_why(site, caplog):
    body = "<!-- This page has moved. -->"
    source = new_source(site.page("/moved", body))
    with caplog.at_level(logging.WARNING):
        capture = capture_of(source)
    assert_saved_with_its_warc(capture, Outcome.ARCHIVED)
    assert (capture.title, capture.text) == ("", "")
    assert capture.extraction_error == "HTML could not be parsed: Document is empty"
    assert_logged(caplog, capture)


def test_a_page_in_no_recognisable_encoding_is_read_with_bad_bytes_replaced(site, caplog):
    # Declared in an encoding that does not exist; UTF-8 Russian but for one Latin-1
    # word, so that no encoding fits the whole page.
    page = (
        "<html><head><title>Дети в Крыму</title></head><body><article>"
        + "<p>Сорок шесть детей из Херсонской области вывезли в лагерь в Крыму.</p>" * 5
        + "<p>Лагерь «Артек», café.</p></article></body></html>"
    )
    body = page.encode("utf-8").replace("café".encode(), "café".encode("latin-1"))
    source = new_source(site.page("/mixed", body, content_type="text/html; charset=x-klingon-1"))
    with caplog.at_level(logging.WARNING):
        capture = capture_of(source)
    assert_saved_with_its_warc(capture, Outcome.ARCHIVED)
    assert capture.title == "Дети в Крыму"
    assert "Сорок шесть детей" in capture.text and "caf\ufffd" in capture.text
    assert capture.extraction_error == (
        "the character encoding could not be determined (declared: x-klingon-1); "
        "read as UTF-8 with the undecodable bytes replaced"
    )
    assert_logged(caplog, capture)


def test_a_malformed_xml_declaration_does_not_cost_the_text():
    # Not closed with "?>": lxml refuses a str that starts with an encoding declaration.
    body = b'<?xml version="1.0" encoding="utf-8">' + ARTICLE.encode()
    extracted = extract("application/xhtml+xml", body)
    assert extracted.error == ""
    assert extracted.title == "Children taken to Crimea"
    assert "Forty-six children" in extracted.text


def _raise(*args, **kwargs):
    raise RuntimeError("parser bug")


@pytest.mark.parametrize(
    ("document", "parser", "outcome"),
    [
        ("html", "trafilatura.extract", Outcome.ARCHIVED),
        ("pdf", "pypdf.PdfReader", Outcome.NOT_HTML),
    ],
)
def test_a_bug_in_extraction_still_saves_the_capture_and_logs_the_traceback(
    site, caplog, monkeypatch, document, parser, outcome
):
    if document == "pdf":
        url = site.page("/order.pdf", tiny_pdf("Deportation order"), content_type="application/pdf")
    else:
        url = site.page("/article", ARTICLE)
    monkeypatch.setattr(parser, _raise)
    source = new_source(url)
    with caplog.at_level(logging.WARNING):
        capture = capture_of(source)
    assert_saved_with_its_warc(capture, outcome)
    assert capture.text == ""
    assert capture.extraction_error == (
        "reading the document failed unexpectedly (RuntimeError: parser bug); "
        "the worker log has the details"
    )
    record = assert_logged(caplog, capture, logging.ERROR)
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert "parser bug" in caplog.text and "Traceback" in caplog.text
    assert not records(caplog, logging.WARNING)


def test_staff_and_the_api_see_why_a_capture_has_no_text(site, staff_client, staff_api):
    source = new_source(site.page("/moved", "<!-- This page has moved. -->"))
    capture = capture_of(source)
    page = staff_client.get(reverse("admin:archiving_capture_change", args=[capture.pk]))
    assert page.status_code == 200
    assert "HTML could not be parsed: Document is empty" in page.content.decode()
    item = staff_api.get(f"/api/v1/sources/{source.pk}/captures/{capture.pk}/").json()
    assert item["extraction_error"] == "HTML could not be parsed: Document is empty"
