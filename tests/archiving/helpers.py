from django.core.files.storage import storages

from apps.archiving.models import CaptureJob
from apps.sources.models import Source
from apps.sources.services import source_save


def new_source(url: str, *, user=None, kind: str = "media") -> Source:
    """A source saved the way the admin and the API save one (its job is written)."""
    return source_save(source=Source(url_as_cited=url, kind=kind), user=user)


def open_job(source: Source) -> CaptureJob:
    return CaptureJob.objects.open().get(source=source)


def warc_bytes(capture) -> bytes:
    with storages["archive"].open(capture.warc) as handle:
        return handle.read()
