import io

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


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text is `text`."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=100)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
