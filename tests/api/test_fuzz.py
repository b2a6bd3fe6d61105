"""Schemathesis against the API's own OpenAPI schema: every operation, reads and writes,
as a logged-in investigator and as a partner key, over the demo data.

Each operation gets a bounded, deterministic set of requests (schema examples, boundary
values, then generated ones: valid and invalid), sent through the project's real WSGI
application. Every response must be no server error, a status the schema documents for
that operation, in the documented content type and shape; invalid input must be refused
and valid input not; a request without valid credentials must be refused.

Each request runs in a savepoint that is rolled back, and the throttling counters are
cleared, so that no write and no rate count leaks from one request into the next.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import resolve
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.settings import spectacular_settings
from hypothesis import HealthCheck, settings

from apps.sources.models import Source
from config.wsgi import application

# Per operation: at most this many generated requests (plus the schema's examples and
# the boundary values); the whole module stays within about a minute on 2 cores.
MAX_EXAMPLES = 10

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 11,
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            # No example database: a run does not depend on what an earlier run found.
            "database": "none",
        },
        # The boundary-value phase sends hundreds of requests to an operation with many
        # filters; the generated ones (valid and invalid) stay within the time budget.
        "phases": {"coverage": {"enabled": False}},
        "checks": {
            # A schema-valid request may still be refused with a 400 that names the field:
            # an id of no record, an unknown place, a rule across fields, a time zone
            # offset no clock has. No JSON Schema can say those; the 400 is the answer.
            "positive_data_acceptance": {"enabled": False},
        },
    }
)


def api_schema() -> dict:
    """What /api/v1/schema/ serves, generated as its view generates it (without a
    request, so that collecting the tests touches no database)."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    spec = generator.get_schema(request=None, public=spectacular_settings.SERVE_PUBLIC)
    return json.loads(OpenApiJsonRenderer().render(spec))


schema = schemathesis.openapi.from_dict(api_schema(), config=CONFIG)
schema.app = application

FUZZ_SETTINGS = settings(
    deadline=None,
    # The fixtures (demo data, the credentials) are meant to be shared by the requests
    # of one operation; each request's writes are rolled back (`isolated` below).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Credentials:
    """The current test's credentials: fixtures set them, the auth providers (which
    schemathesis calls while it generates a request) read them."""

    session_key = ""
    partner_key = ""


class StaffSession:
    """A logged-in investigator: the session cookie (the schema's cookieAuth)."""

    def get(self, case, context):
        return Credentials.session_key

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), django_settings.SESSION_COOKIE_NAME: data}


class PartnerKey:
    """A partner: `Authorization: Api-Key <key>` (the schema's PartnerApiKey)."""

    def get(self, case, context):
        return Credentials.partner_key

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Api-Key {data}"}


# A session sends its CSRF token with a write, as the browser does (a cookie and a
# header with the same value); it is not a credential, so it is sent as it is.
CSRF_TOKEN = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"
CSRF = {
    "cookies": {django_settings.CSRF_COOKIE_NAME: CSRF_TOKEN},
    "headers": {"X-CSRFToken": CSRF_TOKEN},
}


@pytest.fixture(autouse=True)
def connection_kept_across_requests():
    """As Django's test client does: the WSGI handler would otherwise close the database
    connection after each request, and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_session(client, user):
    client.force_login(user)
    Credentials.session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    yield
    Credentials.session_key = ""


@pytest.fixture
def partner_key(partner_secret):
    Credentials.partner_key = partner_secret
    yield
    Credentials.partner_key = ""


def with_real_ids(case) -> None:
    """Half of the generated ids (the even ones) become ids of demo records of the
    operation's kind, so that reads and writes reach real records, not only 404s."""
    if not {"id", "source_pk"} & set(case.path_parameters or {}):
        return
    view = resolve(case.operation.path.format(id=1, source_pk=1, fmt="csv")).func.cls
    models = {"id": view.serializer_class.Meta.model, "source_pk": Source}
    for name, value in case.path_parameters.items():
        if name not in models or not isinstance(value, int) or isinstance(value, bool):
            continue
        if value % 2 == 0:
            ids = list(models[name]._default_manager.order_by("pk").values_list("pk", flat=True))
            if ids:
                case.path_parameters[name] = ids[value // 2 % len(ids)]


def isolated(call) -> None:
    """One request, its writes rolled back and the rate counters cleared after it."""
    cache.clear()
    with transaction.atomic():
        call()
        transaction.set_rollback(True)


@schema.auth.apply(StaffSession, refresh_interval=None)
@schema.parametrize()
@FUZZ_SETTINGS
def test_as_investigator(case, demo, staff_session):
    with_real_ids(case)
    isolated(lambda: case.call_and_validate(**CSRF))


@schema.auth.apply(PartnerKey, refresh_interval=None)
@schema.parametrize()
@FUZZ_SETTINGS
def test_as_partner(case, demo, partner_key):
    with_real_ids(case)
    isolated(case.call_and_validate)
