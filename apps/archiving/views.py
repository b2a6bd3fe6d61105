"""Serving captured files to those who may view captures: the WARC, the page sandboxed.

Archived third-party HTML must never run script in this application's origin. The page
is served with `Content-Security-Policy: sandbox` (an opaque origin: no cookies, no
storage, no same-origin requests, no script) and `default-src 'none'`, so it cannot even
load images from the site it came from, which would tell that site who is looking.
Anything but HTML is sent as a download.
"""

from __future__ import annotations

from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404

from apps.archiving.extract import is_html, media_type
from apps.archiving.models import Capture
from apps.archiving.selectors import capture_list_for, capture_payload
from apps.core.visibility import Viewer

SANDBOX_POLICY = (
    "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "form-action 'none'; frame-ancestors 'self'"
)


def downloads_captures(viewer: Viewer) -> bool:
    """Archived files (WARC, the page itself) are evidence handled by those who may view
    every capture (the view permission on captures), never by partners."""
    return viewer.sees_unpublished_of(Capture)


def capture_for_files(*, viewer: Viewer, pk: int) -> Capture:
    """The capture whose files `viewer` asks for; 404 unless they may download it."""
    if not downloads_captures(viewer):
        raise Http404("Captured files are for those who may view captures.")
    return get_object_or_404(capture_list_for(viewer=viewer), pk=pk)


def capture_warc_response(capture: Capture) -> FileResponse:
    """The WARC as a download. Callers check who asks (capture_for_files, the API)."""
    if not capture.warc:
        raise Http404("This capture has no WARC file (nothing was received).")
    response = FileResponse(
        storages["archive"].open(capture.warc),
        as_attachment=True,
        filename=f"capture-{capture.pk}-source-{capture.source_id}.warc.gz",
        content_type="application/warc",
    )
    response["X-Content-SHA256"] = capture.warc_sha256
    return response


def capture_page_response(capture: Capture) -> HttpResponse:
    """The archived document, sandboxed or as a download. Callers check who asks."""
    payload = capture_payload(capture)
    if payload is None:
        raise Http404("This capture holds no document.")
    if is_html(capture.content_type, payload):
        response = HttpResponse(payload, content_type=capture.content_type or "text/html")
        response["Content-Security-Policy"] = SANDBOX_POLICY
    else:
        extension = {"application/pdf": "pdf"}.get(media_type(capture.content_type), "bin")
        response = HttpResponse(payload, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="capture-{capture.pk}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
