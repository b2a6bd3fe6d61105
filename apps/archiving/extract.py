"""Title and main text of a captured document, and a Telegram post's text and date.

Extraction is a convenience for reading and searching: the WARC is the evidence. A
document the parsers cannot read (a broken PDF, an HTML file with nothing in it, bytes in
no recognisable encoding) gives no text, or only part of it, and `Extracted.error` says
why in words. Only the errors the parsers raise for such documents are caught here; any
other exception is a bug and propagates (`capture.py` still records the capture).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 200
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class Extracted:
    title: str = ""
    text: str = ""
    posted_at: datetime | None = None
    error: str = ""  # why the text is missing or incomplete, in words


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_html(content_type: str, body: bytes) -> bool:
    kind = media_type(content_type)
    if kind in HTML_TYPES:
        return True
    # A server that names no type: look at the bytes, as a browser would.
    return not kind and body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


def extract(content_type: str, body: bytes) -> Extracted:
    kind = media_type(content_type)
    if is_html(content_type, body):
        return _from_html(body, content_type)
    if kind == "application/pdf" or body.startswith(b"%PDF-"):
        return _from_pdf(body)
    if kind.startswith("text/"):
        return Extracted(text=body.decode("utf-8", "replace")[:MAX_TEXT_CHARS])
    return Extracted()


def joined_errors(*errors: str) -> str:
    return "; ".join(error for error in errors if error)


def reason_of(exc: BaseException) -> str:
    """A parser's own message, on one line and short."""
    return " ".join(str(exc).split())[:300] or type(exc).__name__


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Every leading XML declaration, closed with "?>" or (malformed) with ">" alone: lxml
# refuses a str that starts with one naming an encoding.
_XML_DECLARATION = re.compile(r"^(?:\s*<\?xml[^>]*>)+")


def html_text(body: bytes, content_type: str = "") -> str:
    """The document as text: the charset the server named, else the page's own meta
    tag, else UTF-8, else the best guess (Russian sites still use windows-1251)."""
    return _decoded_html(body, content_type)[0]


def _decoded_html(body: bytes, content_type: str) -> tuple[str, str]:
    """`html_text`, and a note when no encoding fits and bad bytes were replaced."""
    candidates = []
    if "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    if match := _META_CHARSET.search(body[:4096]):
        candidates.append(match.group(1).decode("ascii"))
    declared = list(dict.fromkeys(candidates))
    candidates.append("utf-8")
    for charset in candidates:
        try:
            return _XML_DECLARATION.sub("", body.decode(charset)), ""
        except (LookupError, UnicodeDecodeError):  # an unknown name, or not that encoding
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None:
        return _XML_DECLARATION.sub("", str(best)), ""
    note = "the character encoding could not be determined"
    if declared:
        note += f" (declared: {', '.join(declared)})"
    note += "; read as UTF-8 with the undecodable bytes replaced"
    return _XML_DECLARATION.sub("", body.decode("utf-8", "replace")), note


def _html_tree(text: str):
    """The parsed document, or None and lxml's reason: ParserError ("Document is empty":
    not one element in it) or XMLSyntaxError, both LxmlError; ValueError for a str that
    starts with an XML encoding declaration (`_XML_DECLARATION` strips those)."""
    import lxml.html
    from lxml.etree import LxmlError

    try:
        return lxml.html.document_fromstring(text), ""
    except (LxmlError, ValueError) as exc:
        return None, reason_of(exc)


def _from_html(body: bytes, content_type: str) -> Extracted:
    import trafilatura

    document, note = _decoded_html(body, content_type)
    tree, problem = _html_tree(document)
    if tree is None:
        return Extracted(error=joined_errors(note, f"HTML could not be parsed: {problem}"))
    title = " ".join((tree.findtext(".//title") or "").split())
    # trafilatura catches its own parsing errors: a page it cannot read gives None.
    text = trafilatura.extract(document, include_comments=False, favor_recall=True) or ""
    return Extracted(title=title[:1000], text=text[:MAX_TEXT_CHARS], error=note)


def _from_pdf(body: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    # PyPdfError: pypdf's verdict on a malformed file (PdfReadError, PdfStreamError,
    # EmptyFileError, FileNotDecryptedError, ParseError, LimitReachedError ...).
    # DependencyError: a file that needs a library not installed (AES encryption without
    # `cryptography`, Brotli streams).
    unreadable = (PyPdfError, DependencyError)
    try:
        reader = PdfReader(io.BytesIO(body))
        title = str((reader.metadata or {}).get("/Title") or "")
        count = min(len(reader.pages), MAX_PDF_PAGES)
    except FileNotDecryptedError:
        return Extracted(error="PDF could not be read: it is protected by a password")
    except unreadable as exc:
        return Extracted(error=f"PDF could not be read: {reason_of(exc)}")
    parts, failed = [], []
    for index in range(count):  # a page that cannot be read costs only its own text
        try:
            parts.append(reader.pages[index].extract_text() or "")
        except unreadable as exc:
            failed.append(f"page {index + 1}: {reason_of(exc)}")
        if sum(map(len, parts)) > MAX_TEXT_CHARS:
            break
    error = ""
    if failed:
        error = f"PDF: the text of {len(failed)} of {count} page(s) could not be read ({failed[0]})"
    return Extracted(title=title[:1000], text="\n".join(parts)[:MAX_TEXT_CHARS], error=error)


# --- Telegram -------------------------------------------------------------------------

_POST_PATH = re.compile(r"/(?:s/)?([A-Za-z0-9_]{4,})/(\d+)/?")


def telegram_preview_url(url: str) -> str | None:
    """The single-post embed view of a public Telegram post URL, else None."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in settings.ARCHIVE_TELEGRAM_HOSTS:
        return None
    match = _POST_PATH.fullmatch(parts.path)
    if not match:
        return None
    channel, post = match.groups()
    return f"{parts.scheme}://{parts.netloc}/{channel}/{post}?embed=1&mode=tme"


def telegram_post(body: bytes, url: str, content_type: str = "") -> Extracted:
    """The post's text and date from its embed (or t.me/s/) page."""
    document, note = _decoded_html(body, content_type)
    tree, problem = _html_tree(document)
    if tree is None:
        return Extracted(
            error=joined_errors(note, f"the Telegram preview could not be parsed: {problem}")
        )
    match = _POST_PATH.fullmatch(urlsplit(url).path)
    wanted = f"{match.group(1)}/{match.group(2)}".lower() if match else ""
    messages = tree.xpath('//*[contains(concat(" ", @class, " "), " tgme_widget_message ")]')
    message = next(
        (m for m in messages if (m.get("data-post") or "").lower() == wanted),
        messages[0] if len(messages) == 1 else None,
    )
    # The preview of a deleted or private post says so ("Post not found").
    said = " ".join(
        " ".join(node.text_content().split())
        for node in (tree if message is None else message).xpath(
            './/*[contains(@class, "tgme_widget_message_error")]'
        )
    ).strip()
    if said:
        note = joined_errors(note, f"the Telegram preview says: {said}")
    elif message is None:
        note = joined_errors(
            note, f"the Telegram preview shows no post {wanted or 'of this address'}"
        )
    if message is None:
        return Extracted(error=note)
    text_nodes = message.xpath('.//*[contains(@class, "tgme_widget_message_text")]')
    text = ""
    if text_nodes:
        for br in text_nodes[0].iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = text_nodes[0].text_content().strip()
    posted_at = None
    for stamp in message.xpath(".//time[@datetime]"):
        try:
            posted_at = datetime.fromisoformat(stamp.get("datetime"))
            break
        except ValueError:
            continue
    author = message.xpath('.//*[contains(@class, "tgme_widget_message_owner_name")]')
    title = author[0].text_content().strip() if author else ""
    return Extracted(
        title=title[:1000], text=text[:MAX_TEXT_CHARS], posted_at=posted_at, error=note
    )
