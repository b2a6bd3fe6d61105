import pytest

from apps.core.services import system_user
from apps.demo.services import demo_load
from apps.regions.services import regions_load_reference
from tests.factories import UserFactory
from tests.support import netguard

# Before any test runs: nothing in the suite may connect to a non-loopback address.
netguard.install()


@pytest.fixture
def user(db):
    return UserFactory(username="investigator")


@pytest.fixture
def staff_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def regions(db):
    regions_load_reference(user=system_user())


@pytest.fixture
def demo(regions):
    return demo_load(user=system_user())
