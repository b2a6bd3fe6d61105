"""evidence_package and verify_package: progress, clear errors, exit codes, and nothing
written when building fails."""

import re
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.cases.models import Incident
from apps.evidence.models import EvidencePackage
from tests.evidence.helpers import flip_one_byte, rewritten

pytestmark = pytest.mark.django_db


def build(*args) -> str:
    out = StringIO()
    call_command("evidence_package", *args, stdout=out)
    return out.getvalue()


def test_all_published_builds_a_package_that_verifies(demo, tmp_path):
    target = tmp_path / "published.zip"
    said = build("--all-published", "-o", str(target))
    assert "Building the package of" in said and "Manifest SHA-256" in said
    published = sorted(Incident.objects.filter(is_published=True).values_list("pk", flat=True))
    assert EvidencePackage.objects.get().incident_ids == published
    assert list(tmp_path.iterdir()) == [target]  # the temporary file was renamed
    out = StringIO()
    call_command("verify_package", str(target), stdout=out)
    assert f"{target} is intact." in out.getvalue()
    assert "Recorded here as package #" in out.getvalue()


def test_an_unknown_incident_is_named_and_nothing_is_written(demo, tmp_path):
    known = Incident.objects.values_list("pk", flat=True).first()
    target = tmp_path / "p.zip"
    with pytest.raises(CommandError, match=re.escape("No incident with id 999999. Nothing")):
        build("--incident", str(known), "--incident", "999999", "-o", str(target))
    assert list(tmp_path.iterdir()) == []
    assert not EvidencePackage.objects.exists()


def test_no_incident_named_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="--incident"):
        build("-o", str(tmp_path / "p.zip"))


def test_an_unknown_builder_is_an_error(demo, tmp_path):
    known = Incident.objects.values_list("pk", flat=True).first()
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        build("--incident", str(known), "--user", "nobody", "-o", str(tmp_path / "p.zip"))
    assert list(tmp_path.iterdir()) == []


def _verify_exit(path: Path) -> subprocess.CompletedProcess:
    """verify_package as an operator runs it: its own process, offline."""
    return subprocess.run(
        [sys.executable, "manage.py", "verify_package", str(path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_verify_package_exits_0_when_intact_and_1_naming_the_file_when_not(demo, tmp_path):
    cites_a_url = Incident.objects.filter(citations__source__url__isnull=False).order_by("pk")
    known = cites_a_url.values_list("pk", flat=True)[0]
    intact = tmp_path / "intact.zip"
    build("--incident", str(known), "-o", str(intact))
    ran = _verify_exit(intact)
    assert ran.returncode == 0, ran.stderr
    assert "is intact" in ran.stdout
    with zipfile.ZipFile(intact) as archive:
        warc = next(name for name in archive.namelist() if name.endswith(".warc.gz"))
    broken = rewritten(intact, tmp_path / "broken.zip", change={warc: flip_one_byte})
    ran = _verify_exit(broken)
    assert ran.returncode == 1
    assert f"FAILED {warc}: changed" in ran.stderr
    assert "is NOT intact" in ran.stderr


def test_the_command_packages_what_staff_see_also_of_unpublished_records(db, tmp_path):
    """Run from the command line (as the system user), the package still holds every
    record as staff see it: an unpublished source's 'copy of' is not hidden."""
    import json

    from tests.factories import CitationFactory, IncidentFactory, SourceFactory

    original = SourceFactory()
    copy = SourceFactory(copy_of=original)
    incident = IncidentFactory(is_published=False)
    CitationFactory(incident=incident, source=copy)
    target = tmp_path / "unpublished.zip"
    build("--incident", str(incident.pk), "-o", str(target))
    with zipfile.ZipFile(target) as archive:
        sources = {s["id"]: s for s in json.loads(archive.read("records/sources.json"))}
    assert sources[copy.pk]["copy_of"] == original.pk
    assert sources[original.pk]["copies"] == [copy.pk]
