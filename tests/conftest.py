import pytest
from django.db.backends.base.operations import BaseDatabaseOperations

from apps.core.append_only import history_flush_allowed
from apps.core.services import system_user
from apps.demo.services import demo_load
from apps.regions.services import regions_load_reference
from tests.factories import InvestigatorFactory, ReviewerFactory
from tests.support import database, netguard, snapshots
from tests.support.migrations import empty_database as _empty_database

# Before any test runs: nothing in the suite may connect to a non-loopback address.
netguard.install()

_execute_sql_flush = BaseDatabaseOperations.execute_sql_flush


def _flush_with_history(self, sql_list):
    """Transactional tests empty every table after them, history included. PostgreSQL
    truncates (no row trigger fires); SQLite deletes, which its history triggers allow
    only inside `history_flush_allowed` (apps/core/append_only.py)."""
    with history_flush_allowed():
        return _execute_sql_flush(self, sql_list)


BaseDatabaseOperations.execute_sql_flush = _flush_with_history


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """Under xdist, each worker's test database is a copy of one migrated once
    (tests/support/database.py); a single process migrates its own, as pytest-django
    does."""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    worker_id = getattr(request.config, "workerinput", {}).get("workerid")
    with django_db_blocker.unblock():
        if worker_id:
            shared = request.config._tmp_path_factory.getbasetemp().parent
            old_config = database.setup_from_template(shared, worker_id, verbosity)
        else:
            old_config = setup_databases(verbosity=verbosity, interactive=False)
    yield
    with django_db_blocker.unblock():
        teardown_databases(old_config, verbosity=verbosity)


def pytest_sessionfinish(session):
    """The controller of an xdist run drops the template its workers copied."""
    if hasattr(session.config, "workerinput"):
        return
    from pytest_django.plugin import blocking_manager_key

    with session.config.stash[blocking_manager_key].unblock():
        database.drop_template(session.config._tmp_path_factory.getbasetemp())


@pytest.fixture
def empty_database(django_db_setup, django_db_blocker, tmp_path):
    """The default connection points at a new database with no migration applied, for
    the length of the test (tests/support/migrations.py). The test database is not
    touched, so there is nothing to empty after the test."""
    with django_db_blocker.unblock(), _empty_database(tmp_path):
        yield


@pytest.fixture
def user(db):
    """An investigator: staff with explicit permissions to add, change and view
    records, not a superuser (tests that need one make one)."""
    return InvestigatorFactory(username="investigator")


@pytest.fixture
def reviewer(db):
    """A reviewer: the role that verifies, publishes, deletes and restores (not a
    superuser)."""
    return ReviewerFactory()


@pytest.fixture
def staff_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def regions_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return snapshots.take(lambda: regions_load_reference(user=system_user()))


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, regions_snapshot):
    def load_demo_on_the_same_places():
        regions_snapshot.restore()
        demo_load(user=system_user())

    with django_db_blocker.unblock():
        places_and_demo = snapshots.take(load_demo_on_the_same_places)
    return places_and_demo.without(regions_snapshot)


@pytest.fixture(scope="session")
def demo_capture_files(demo_snapshot):
    """The demo captures' WARC files as the load wrote them (the tests' capture storage
    is in memory, and other tests may start it afresh)."""
    from django.core.files.storage import storages

    from apps.archiving.models import Capture

    names = [
        row.warc
        for model, rows in demo_snapshot.tables
        if model is Capture
        for row in rows
        if row.warc
    ]
    files = {}
    for name in names:
        with storages["archive"].open(name, "rb") as handle:
            files[name] = handle.read()
    return files


@pytest.fixture
def regions(db, regions_snapshot):
    """The reference places (countries and first-level regions), as load_regions
    writes them."""
    regions_snapshot.restore()


@pytest.fixture
def demo(regions, demo_snapshot, demo_capture_files):
    """The demo dataset on the reference places, as load_demo writes it, with its
    captures' files."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    demo_snapshot.restore()
    archive = storages["archive"]
    for name, content in demo_capture_files.items():
        if not archive.exists(name):
            archive.save(name, ContentFile(content))
