"""Title and main text of a captured document, and a Telegram post's text and date.

Extraction is a convenience for reading and searching: the WARC is the evidence. It
never fails a capture; a document it cannot read simply has no text.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 500_000
MAX_PDF_PAGES = 200
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class Extracted:
    title: str = ""
    text: str = ""
    posted_at: datetime | None = None


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
    try:
        if is_html(content_type, body):
            return _from_html(body, content_type)
        if kind == "application/pdf" or body.startswith(b"%PDF-"):
            return _from_pdf(body)
        if kind.startswith("text/"):
            return Extracted(text=body.decode("utf-8", "replace")[:MAX_TEXT_CHARS])
    except Exception:  # a malformed document must not fail the capture
        logger.warning("text extraction failed for a %s document", kind, exc_info=True)
    return Extracted()


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def html_text(body: bytes, content_type: str = "") -> str:
    """The document as text: the charset the server named, else the page's own meta
    tag, else UTF-8, else the best guess (Russian sites still use windows-1251)."""
    candidates = []
    if "charset=" in content_type.lower():
        candidates.append(content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'"))
    if match := _META_CHARSET.search(body[:4096]):
        candidates.append(match.group(1).decode("ascii"))
    candidates.append("utf-8")
    for charset in candidates:
        try:
            return _XML_DECLARATION.sub("", body.decode(charset))
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return _XML_DECLARATION.sub("", str(best) if best else body.decode("utf-8", "replace"))


def _html_tree(text: str):
    import lxml.html

    return lxml.html.document_fromstring(text)


def _from_html(body: bytes, content_type: str) -> Extracted:
    import trafilatura

    document = html_text(body, content_type)
    tree = _html_tree(document)
    title = " ".join((tree.findtext(".//title") or "").split())
    text = trafilatura.extract(document, include_comments=False, favor_recall=True) or ""
    return Extracted(title=title[:1000], text=text[:MAX_TEXT_CHARS])


def _from_pdf(body: bytes) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    title = str((reader.metadata or {}).get("/Title") or "")
    parts = []
    for page in reader.pages[:MAX_PDF_PAGES]:
        parts.append(page.extract_text() or "")
        if sum(map(len, parts)) > MAX_TEXT_CHARS:
            break
    return Extracted(title=title[:1000], text="\n".join(parts)[:MAX_TEXT_CHARS])


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
    try:
        tree = _html_tree(html_text(body, content_type))
    except Exception:
        return Extracted()
    match = _POST_PATH.fullmatch(urlsplit(url).path)
    wanted = f"{match.group(1)}/{match.group(2)}".lower() if match else ""
    messages = tree.xpath('//*[contains(concat(" ", @class, " "), " tgme_widget_message ")]')
    message = next(
        (m for m in messages if (m.get("data-post") or "").lower() == wanted),
        messages[0] if len(messages) == 1 else None,
    )
    if message is None:
        return Extracted()
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
    return Extracted(title=title[:1000], text=text[:MAX_TEXT_CHARS], posted_at=posted_at)
