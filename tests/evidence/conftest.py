import pytest

from apps.cases.models import Incident
from apps.evidence.services import build_package
from tests.archiving.conftest import site  # noqa: F401 (a local web site to capture)
from tests.factories import ViewerFactory


@pytest.fixture
def viewer(db):
    """NGO staff in the viewer role: reads and exports, never writes."""
    return ViewerFactory(username="viewer")


@pytest.fixture
def demo_package(demo, viewer, tmp_path):
    """An evidence package of every demo incident, built by a viewer."""
    path = tmp_path / "demo.zip"
    with path.open("wb") as out:
        built = build_package(Incident.objects.values_list("pk", flat=True), by=viewer, out=out)
    return path, built
