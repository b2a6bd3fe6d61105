"""An evidence package of the demo data verifies, and stops verifying when anything in
it changes: one byte of one WARC, a file added or removed, the manifest edited."""

import gzip
import hashlib
import json
import shutil
import subprocess
import zipfile

import pytest
from django.core.files.storage import storages

from apps.archiving.models import Capture
from apps.archiving.services import capture_job_run
from apps.cases.api.serializers import INCIDENT_DOCUMENTS
from apps.cases.models import Incident
from apps.cases.services import incident_save
from apps.core.models import WrittenOnceError
from apps.core.softdelete import record_soft_delete
from apps.demo.services import demo_sources
from apps.evidence.models import EvidencePackage
from apps.evidence.verify import verify_package
from tests.archiving.helpers import new_source, open_job
from tests.evidence.helpers import flip_one_byte, gzip_members, rewritten
from tests.factories import CitationFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_demo_package_verifies_and_holds_every_capture(demo_package):
    path, built = demo_package
    verdict = verify_package(path)
    assert verdict.problems == []
    files = members(path)
    manifest = json.loads(files["manifest.json"])
    assert manifest["built_by"]["username"] == "viewer"
    assert [item["id"] for item in manifest["incidents"]] == sorted(
        Incident.objects.values_list("pk", flat=True)
    )
    # The incidents are the API's documents, not a second format.
    incidents = json.loads(files["records/incidents.json"])
    assert incidents == json.loads(
        json.dumps(INCIDENT_DOCUMENTS.build(sorted(Incident.objects.values_list("pk", flat=True))))
    )
    # Every demo source with a URL has its capture inside: the WARC byte for byte.
    with_url = demo_sources().filter(url__isnull=False)
    captures = Capture.objects.filter(source__in=with_url)
    assert captures.count() == with_url.count() > 40
    assert built.captures == captures.count()
    for capture in captures:
        entry = next(e for e in manifest["captures"] if e["capture"] == capture.pk)
        with storages["archive"].open(capture.warc) as handle:
            assert files[entry["warc"]] == handle.read()
        assert hashlib.sha256(files[entry["warc"]]).hexdigest() == capture.warc_sha256
        assert files[entry["text"]].decode() == capture.text
    assert verdict.warc_records == captures.count()


def test_sha256sum_checks_the_unzipped_package(demo_package, tmp_path):
    path, _ = demo_package
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    checked = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    assert "manifest.json: OK" in lines
    unzipped = [p for p in folder.rglob("*") if p.is_file()]
    assert len(lines) == len(unzipped) - 1  # all but SHA256SUMS itself


def test_one_changed_byte_in_one_warc_fails(demo_package, tmp_path):
    path, _ = demo_package
    warc = next(name for name in members(path) if name.endswith(".warc.gz"))
    tampered = rewritten(path, tmp_path / "tampered.zip", change={warc: flip_one_byte})
    verdict = verify_package(tampered)
    assert not verdict.intact
    assert all(problem.startswith(warc) for problem in verdict.problems)
    assert any("changed" in problem for problem in verdict.problems)


def test_a_warc_record_rewritten_with_its_hashes_in_the_manifest_still_fails(
    demo_package, tmp_path
):
    """Someone who edits a WARC's page and also fixes the manifest and SHA256SUMS is
    caught by the hash recorded when the capture was made and by the WARC's own
    payload digest."""
    path, _ = demo_package
    files = members(path)
    manifest = json.loads(files["manifest.json"])
    entry = manifest["captures"][0]
    records = gzip_members(files[entry["warc"]])
    assert any(b"Demo stand-in" in record for record in records)
    forged = b"".join(
        gzip.compress(record.replace(b"Demo stand-in", b"Demo stand-ON")) for record in records
    )
    digest = hashlib.sha256(forged).hexdigest()
    for item in manifest["files"]:
        if item["path"] == entry["warc"]:
            item["sha256"], item["size"] = digest, len(forged)
    new_manifest = json.dumps(manifest).encode()
    sums = "".join(
        f"{hashlib.sha256(new_manifest).hexdigest() if name == 'manifest.json' else sha}  {name}\n"
        if name != entry["warc"]
        else f"{digest}  {name}\n"
        for sha, name in (line.split("  ") for line in files["SHA256SUMS"].decode().splitlines())
    ).encode()
    forged_zip = rewritten(
        path,
        tmp_path / "forged.zip",
        change={
            entry["warc"]: lambda _: forged,
            "manifest.json": lambda _: new_manifest,
            "SHA256SUMS": lambda _: sums,
        },
    )
    problems = verify_package(forged_zip).problems
    assert any("not the WARC recorded for capture" in p for p in problems), problems
    assert any("WARC-Payload-Digest" in p for p in problems), problems


def test_an_added_file_fails(demo_package, tmp_path):
    path, _ = demo_package
    added = rewritten(path, tmp_path / "added.zip", add={"records/extra.json": b"{}"})
    assert verify_package(added).problems == [
        "records/extra.json: not listed in the manifest (added)"
    ]


def test_a_removed_file_fails(demo_package, tmp_path):
    path, _ = demo_package
    text = next(name for name in members(path) if name.endswith("text.txt"))
    removed = rewritten(path, tmp_path / "removed.zip", drop=text)
    assert verify_package(removed).problems == [f"{text}: listed in the manifest but missing"]


def test_an_edited_manifest_fails(demo_package, tmp_path):
    path, _ = demo_package
    edited = rewritten(
        path,
        tmp_path / "edited.zip",
        change={"manifest.json": lambda data: data.replace(b'"viewer"', b'"someone"', 1)},
    )
    assert "manifest.json: its SHA-256 is not the one in SHA256SUMS" in (
        verify_package(edited).problems
    )


def test_not_a_zip_is_a_clear_failure(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    [problem] = verify_package(junk).problems
    assert "not a readable zip file" in problem


def test_building_is_recorded_for_good(demo_package):
    path, built = demo_package
    record = EvidencePackage.objects.get()
    assert record == built.record
    assert record.built_by.username == "viewer"
    assert record.incident_ids == sorted(Incident.objects.values_list("pk", flat=True))
    assert record.manifest_sha256 == hashlib.sha256(members(path)["manifest.json"]).hexdigest()
    assert record.capture_count == built.captures and record.size == path.stat().st_size
    with pytest.raises(WrittenOnceError, match="Evidence packages are written once"):
        record.delete()
    with pytest.raises(WrittenOnceError, match="never deleted"):
        EvidencePackage.objects.all().delete()
    with pytest.raises(WrittenOnceError, match="never changed"):
        EvidencePackage.objects.update(manifest_sha256="0" * 64)
    record.manifest_sha256 = "0" * 64
    with pytest.raises(WrittenOnceError, match="never changed"):
        record.save()


def test_history_says_who_changed_what(demo, viewer, user, tmp_path):
    from apps.evidence.services import build_package

    incident = Incident.objects.get(import_key="2022-07-22-kaluga-25")
    before = incident.title
    incident.title = "Corrected by an investigator"
    incident_save(incident=incident, user=user)
    path = tmp_path / "one.zip"
    with path.open("wb") as out:
        build_package([incident.pk], by=viewer, out=out)
    history = json.loads(members(path)["history/cases.incident.json"])
    rows = history["records"][str(incident.pk)]
    assert rows[0]["history_type"] == "created"
    assert rows[-1]["history_type"] == "changed"
    last = rows[-1]
    assert last["history_user"] == {"id": user.pk, "username": user.username}
    assert {"field": "title", "before": before, "after": "Corrected by an investigator"} in (
        last["changes"]
    )


def test_a_copy_of_the_zip_still_verifies(demo_package, tmp_path):
    path, _ = demo_package
    copy = shutil.copy(path, tmp_path / "copy.zip")
    assert verify_package(copy).intact


def test_a_capture_file_missing_from_storage_is_a_clear_error_and_no_package(
    demo, viewer, tmp_path
):
    from apps.evidence.services import EvidencePackageError, build_package

    capture = Capture.objects.exclude(warc="").order_by("pk").first()
    incident = Incident.objects.filter(citations__source=capture.source).first()
    storages["archive"].delete(capture.warc)
    path = tmp_path / "one.zip"
    with path.open("wb") as out, pytest.raises(EvidencePackageError, match="missing"):
        build_package([incident.pk], by=viewer, out=out)
    assert not EvidencePackage.objects.exists()


def test_a_package_verifies_when_a_cited_captures_payload_is_held_by_a_deleted_sources_capture(
    site, viewer, tmp_path
):
    """Two sources served the same page: the second capture's WARC holds a revisit
    record, the bytes are in the first capture's WARC. The first source is deleted (its
    capture with it); a package of an incident citing the second still holds the first
    capture's WARC, says it was deleted, and verifies."""
    from apps.evidence.services import build_package

    page = "<title>Camp</title><p>Forty children arrived at the camp.</p>"
    holder_source = new_source(site.page("/first", page))
    cited_source = new_source(site.page("/repost", page))
    capture_job_run(job_id=open_job(holder_source).pk)
    capture_job_run(job_id=open_job(cited_source).pk)
    holder = Capture.objects.get(source=holder_source)
    cited = Capture.objects.get(source=cited_source)
    assert cited.payload_stored_in == holder
    incident = CitationFactory(source=cited_source).incident
    record_soft_delete(holder_source, user=ReviewerFactory(), reason="Entered twice.")
    assert Capture.all_objects.get(pk=holder.pk).is_deleted

    path = tmp_path / "one.zip"
    with path.open("wb") as out:
        built = build_package([incident.pk], by=viewer, out=out)
    verdict = verify_package(path)
    assert verdict.problems == []
    assert built.captures == 2
    files = members(path)
    manifest = json.loads(files["manifest.json"])
    entries = {entry["capture"]: entry for entry in manifest["captures"]}
    assert entries[cited.pk]["payload_in_capture"] == holder.pk
    with storages["archive"].open(holder.warc) as handle:
        assert files[entries[holder.pk]["warc"]] == handle.read()
    documents = {doc["id"]: doc for doc in json.loads(files["records/captures.json"])}
    assert documents[holder.pk]["deleted_at"] is not None
    assert documents[cited.pk]["deleted_at"] is None
    assert documents[cited.pk]["payload_stored_in"] == holder.pk


def test_a_package_missing_the_capture_that_holds_a_payload_fails_to_verify(site, viewer, tmp_path):
    from apps.evidence.services import build_package

    page = "<title>Camp</title><p>Forty children arrived at the camp.</p>"
    holder_source = new_source(site.page("/first", page))
    cited_source = new_source(site.page("/repost", page))
    capture_job_run(job_id=open_job(holder_source).pk)
    capture_job_run(job_id=open_job(cited_source).pk)
    holder = Capture.objects.get(source=holder_source)
    incident = CitationFactory(source=cited_source).incident
    path = tmp_path / "one.zip"
    with path.open("wb") as out:
        build_package([incident.pk], by=viewer, out=out)

    def without_holder(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["captures"] = [e for e in manifest["captures"] if e["capture"] != holder.pk]
        return json.dumps(manifest).encode()

    edited = rewritten(path, tmp_path / "edited.zip", change={"manifest.json": without_holder})
    problems = verify_package(edited).problems
    assert any(f"capture {holder.pk}, which the package does not hold" in p for p in problems)
