from tests.api.conftest import partner_api, partner_secret, staff_api  # noqa: F401 (fixtures)
