"""Each role can do exactly what it should on every admin page and API endpoint.

The pages come from the admin's URLconf and the endpoints from the API's own OpenAPI
schema: a page or an operation without an entry below makes the test fail, so a new one
is never served without someone saying who may use it. What a role may do is read from
`apps.accounts.roles.ROLES` (the role table), not from the code under test; each entry
says which permissions a page or operation needs. Users are ordinary accounts in their
role's group (never superusers); a refused write must leave every record as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient
from rest_framework_api_key.models import APIKey

from apps.accounts.models import AccessEvent, PartnerAPIKey
from apps.accounts.roles import ROLES
from apps.accounts.services import partner_key_issue
from apps.archiving.models import Capture, CaptureJob
from apps.archiving.services import capture_job_run
from apps.evidence.models import EvidencePackage
from tests.api.test_fuzz import api_schema
from tests.archiving.conftest import site  # noqa: F401  (fixture)
from tests.archiving.helpers import new_source, open_job
from tests.factories import (
    ChildGroupFactory,
    CitationFactory,
    IncidentFactory,
    InvestigatorFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerUserFactory,
    RegionFactory,
    ReviewerFactory,
    UserFactory,
    ViewerFactory,
)

pytestmark = pytest.mark.django_db

ANONYMOUS, PARTNER_KEY, PARTNER_USER = "anonymous", "partner key", "partner account"
STAFF_WITHOUT_ROLE, VIEWER, INVESTIGATOR, REVIEWER = (
    "staff without role",
    "viewer",
    "investigator",
    "reviewer",
)
EVERY_ROLE = (
    ANONYMOUS,
    PARTNER_KEY,
    PARTNER_USER,
    STAFF_WITHOUT_ROLE,
    VIEWER,
    INVESTIGATOR,
    REVIEWER,
)
HELD = {
    ANONYMOUS: frozenset(),
    PARTNER_KEY: frozenset(),
    PARTNER_USER: ROLES["partner"],
    STAFF_WITHOUT_ROLE: frozenset(),
    VIEWER: ROLES["viewer"],
    INVESTIGATOR: ROLES["investigator"],
    REVIEWER: ROLES["reviewer"],
}
STAFF = {STAFF_WITHOUT_ROLE, VIEWER, INVESTIGATOR, REVIEWER}

# Outcomes, as a person meets them.
OK, LOGIN, FORBIDDEN, MISSING, UNAUTHENTICATED, NOT_OFFERED = (
    "ok",
    "sent to the login page",
    "forbidden (403)",
    "not found (404)",
    "unauthenticated (401)",
    "method not allowed (405)",
)


def holds(role: str, needs: tuple[str, ...]) -> bool:
    """Whether `role` holds every permission in `needs`; a view permission is also held
    through the change permission, as Django's admin reads it."""
    held = HELD[role]
    return all(
        need in held or (".view_" in need and need.replace(".view_", ".change_") in held)
        for need in needs
    )


# ---------------------------------------------------------------------------------------
# The admin


@dataclass(frozen=True)
class Page:
    needs: tuple[str, ...] | None  # None: any staff account
    method: str = "GET"
    refused: str = FORBIDDEN  # what a staff account without the permissions meets
    allowed: str = OK  # what one with them meets
    nobody: bool = False  # refused to every role (superusers only)


def model_pages(label: str, *, add=None, change=None, delete=None, history=True) -> dict:
    """The standard pages of a model's admin. `add`, `change` and `delete` are the
    permissions each needs (default: the model's own); False: nobody has it."""
    app_label, model = label.split(".")
    prefix = f"{app_label}_{model}"

    def page(needs, default):
        if needs is False:
            return Page(needs=(), nobody=True)
        return Page(needs=tuple(needs) if needs is not None else (default,))

    view = f"{app_label}.view_{model}"
    pages = {
        f"{prefix}_changelist": Page(needs=(view,)),
        f"{prefix}_add": page(add, f"{app_label}.add_{model}"),
        f"{prefix}_change": Page(needs=(view,)),
        f"{prefix}_delete": page(delete, f"{app_label}.delete_{model}"),
        f"{prefix}_history": Page(needs=(view,)),
    }
    if history:
        pages[f"{prefix}_simple_history"] = Page(needs=(view,))
    return pages


NOBODY = Page(needs=(), nobody=True)
ADMIN_PAGES: dict[str, Page] = {
    "index": Page(needs=None),
    "password_change": Page(needs=None),
    "password_change_done": Page(needs=None),
    "jsi18n": Page(needs=None),
    # A content type and id with no page on the site: a 404 for any staff account.
    "view_on_site": Page(needs=None, allowed=MISSING),
    "autocomplete": Page(needs=("cases.view_childgroup",)),
    "app_list": Page(needs=("cases.view_incident",), refused=MISSING),
    "sources_source_archive": Page(needs=("sources.change_source",), method="POST"),
    # A review step's confirmation page (here: withdrawing the published incident).
    "cases_incident_review": Page(needs=("cases.publish_incident",), method="POST"),
    "archiving_capture_warc": Page(needs=("archiving.view_capture",), refused=MISSING),
    "archiving_capture_page": Page(needs=("archiving.view_capture",), refused=MISSING),
    "auth_user_password_change": NOBODY,
    # Issuing a second-factor enrollment code (docs/security.md): superusers only.
    "auth_user_two_factor_enrollment": Page(needs=(), nobody=True, method="POST"),
    # Administration of accounts is the superusers' (no role holds these permissions).
    **model_pages("auth.group"),
    **model_pages("auth.user"),
    **model_pages("rest_framework_api_key.apikey", history=False),
    # Keys are revoked, never deleted: the record of who held one stays.
    **model_pages("accounts.partnerapikey", delete=False),
    **model_pages("regions.region"),
    **model_pages("actors.official"),
    **model_pages("actors.organization"),
    # Deleting evidence is a reviewer's soft delete with a reason; so is restoring it.
    **model_pages("sources.source"),
    "sources_source_restore": Page(needs=("sources.restore_source",)),
    # Captures and jobs are evidence written by the archiver: read only for everyone.
    **model_pages("archiving.capture", add=False, change=False, delete=False),
    **model_pages("archiving.capturejob", add=False, change=False, delete=False),
    **model_pages("cases.incident"),
    "cases_incident_restore": Page(needs=("cases.restore_incident",)),
    # The permanent record of evidence packages built: read only.
    **model_pages("evidence.evidencepackage", add=False, change=False, delete=False, history=False),
    # A group is part of its incident: writing it changes the incident.
    **model_pages(
        "cases.childgroup",
        add=("cases.add_childgroup", "cases.change_incident"),
        delete=("cases.delete_childgroup", "cases.change_incident"),
    ),
    "cases_childgroup_restore": Page(needs=("cases.restore_childgroup",)),
    # Sign-in records and second-factor devices are the superusers' (docs/security.md).
    **model_pages("accounts.accessevent", history=False),
    **model_pages("otp_totp.totpdevice", history=False),
    "otp_totp_totpdevice_config": NOBODY,
    "otp_totp_totpdevice_qrcode": NOBODY,
}
# The login and logout pages are for everyone (the logins' own tests cover them).
NOT_PERMISSION_PAGES = {"login", "logout"}


def admin_url_names() -> set[str]:
    names = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(pattern.name)

    walk(admin.site.get_urls())
    return names


def test_every_admin_page_has_an_entry_in_the_matrix():
    served = admin_url_names() - NOT_PERMISSION_PAGES
    assert served - set(ADMIN_PAGES) == set(), "admin pages without an entry in the matrix"
    assert set(ADMIN_PAGES) - served == set(), "entries for pages that no longer exist"


@dataclass
class Records:
    incident: object  # published
    hidden_incident: object  # not published
    group: object
    citation: object
    source: object
    capture: Capture
    job: CaptureJob
    official: object
    organization: object
    region: object
    partner_key: PartnerAPIKey
    partner_secret: str
    library_key: APIKey
    evidence_package: object
    access_event: object
    group_of_accounts: object
    totp_device: object
    users: dict


@pytest.fixture
def records(site):  # noqa: F811
    users = {
        PARTNER_USER: PartnerUserFactory(username="partner-account"),
        STAFF_WITHOUT_ROLE: UserFactory(username="staff-without-role"),
        VIEWER: ViewerFactory(username="viewer"),
        INVESTIGATOR: InvestigatorFactory(username="investigator"),
        REVIEWER: ReviewerFactory(username="reviewer"),
    }
    incident = IncidentFactory(
        is_published=True, published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    hidden = IncidentFactory(title="Not published yet")
    group = ChildGroupFactory(incident=incident)
    ChildGroupFactory(incident=incident, links=[(group, "part")])
    source = new_source(site.page("/statement", "<html><title>Statement</title></html>"))
    capture_job_run(job_id=open_job(source).pk)
    citation = CitationFactory(incident=incident, source=source, child_group=group)
    key, secret = partner_key_issue(partner="Partner NGO", name="sync", user=users[REVIEWER])
    library_key, _ = APIKey.objects.create_key(name="library key")
    return Records(
        incident=incident,
        hidden_incident=hidden,
        group=group,
        citation=citation,
        source=source,
        capture=Capture.objects.get(source=source),
        job=CaptureJob.objects.filter(source=source).first(),
        official=OfficialFactory(),
        organization=OrganizationFactory(),
        region=RegionFactory(),
        partner_key=key,
        partner_secret=secret,
        library_key=library_key,
        evidence_package=EvidencePackage.objects.create(
            built_at=dt.datetime(2025, 2, 1, tzinfo=dt.UTC),
            built_by=users[REVIEWER],
            incident_ids=[incident.pk],
            manifest_sha256="0" * 64,
            file_count=1,
            capture_count=0,
            size=1,
            software="test",
            installation="test",
        ),
        access_event=AccessEvent.objects.create(kind="login", username="viewer"),
        # A group made as an administrator would, with its history.
        group_of_accounts=Group.objects.create(name="Matrix group"),
        totp_device=TOTPDevice.objects.create(user=users[VIEWER], name="app", confirmed=True),
        users=users,
    )


def admin_client(role: str, records: Records):
    from django.test import Client

    client = Client()
    if role == PARTNER_KEY:
        client.defaults["HTTP_AUTHORIZATION"] = f"Api-Key {records.partner_secret}"
    elif role != ANONYMOUS:
        client.force_login(records.users[role])
    return client


def _object_for(model_label: str, records: Records):
    model = django_apps.get_model(model_label)
    objects = {
        "cases.incident": records.incident,
        "cases.childgroup": records.group,
        "sources.source": records.source,
        "archiving.capture": records.capture,
        "archiving.capturejob": records.job,
        "actors.official": records.official,
        "actors.organization": records.organization,
        "regions.region": records.region,
        "accounts.partnerapikey": records.partner_key,
        "rest_framework_api_key.apikey": records.library_key,
        "auth.user": records.users[VIEWER],
        "auth.group": records.group_of_accounts,
        "evidence.evidencepackage": records.evidence_package,
        "accounts.accessevent": records.access_event,
        "otp_totp.totpdevice": records.totp_device,
    }
    return model, objects[model_label]


def admin_url(name: str, records: Records) -> str:
    fixed = {
        "index": reverse("admin:index"),
        "password_change": reverse("admin:password_change"),
        "password_change_done": reverse("admin:password_change_done"),
        "jsi18n": reverse("admin:jsi18n"),
        "app_list": reverse("admin:app_list", kwargs={"app_label": "cases"}),
        "view_on_site": reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(records.incident).pk, records.incident.pk],
        ),
        "autocomplete": reverse("admin:autocomplete")
        + "?app_label=cases&model_name=childgrouplink&field_name=counted_in&term=",
        "sources_source_archive": reverse("admin:sources_source_archive", args=[records.source.pk]),
        "cases_incident_review": reverse(
            "admin:cases_incident_review", args=[records.incident.pk, "withdraw"]
        ),
        "archiving_capture_warc": reverse(
            "admin:archiving_capture_warc", args=[records.capture.pk]
        ),
        "archiving_capture_page": reverse(
            "admin:archiving_capture_page", args=[records.capture.pk]
        ),
        "auth_user_password_change": reverse(
            "admin:auth_user_password_change", args=[records.users[VIEWER].pk]
        ),
    }
    if name in fixed:
        return fixed[name]
    for label in {f"{m._meta.app_label}.{m._meta.model_name}" for m in admin.site._registry}:
        prefix = label.replace(".", "_") + "_"
        if not name.startswith(prefix):
            continue
        page = name[len(prefix) :]
        _model, obj = _object_for(label, records)
        if page in ("changelist", "add"):
            return reverse(f"admin:{name}")
        if page == "simple_history":
            history_id = obj.history.filter(id=obj.pk).latest("history_id").history_id
            return reverse(f"admin:{name}", args=[obj.pk, history_id])
        return reverse(f"admin:{name}", args=[obj.pk])
    raise AssertionError(f"no URL for admin page {name}")


def admin_outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse("admin:login")):
        return LOGIN
    return {200: OK, 302: OK, 403: FORBIDDEN, 404: MISSING, 405: NOT_OFFERED}.get(
        response.status_code, str(response.status_code)
    )


def admin_expected(role: str, page: Page) -> str:
    if role not in STAFF:
        return LOGIN  # the admin is for staff accounts; a partner key is no login
    if page.nobody:
        return page.refused
    if page.needs is None or holds(role, page.needs):
        return page.allowed
    return page.refused


# What records each request (a key's daily count, sign-in events, when a key was used).
USE_RECORDS = {"accounts.PartnerKeyUse", "accounts.AccessEvent"}
USED_AT = {"last_used_at"}


def fingerprint() -> dict:
    """Every row of every model of ours and of the accounts, as values."""
    rows = {}
    for model in django_apps.get_models():
        app_label = model._meta.app_label
        if app_label in ("sessions", "admin", "contenttypes", "axes"):
            continue
        if model._meta.label in USE_RECORDS:
            continue  # written by every request, refused or not (the logins' own tests)
        rows[model._meta.label] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items()))
            for row in model._default_manager.values(
                *(f.attname for f in model._meta.concrete_fields if f.name not in USED_AT)
            )
        )
    return rows


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_admin_pages_allow_each_role_exactly_what_it_holds(role, records):
    client = admin_client(role, records)
    wrong = []
    for name, page in sorted(ADMIN_PAGES.items()):
        url = admin_url(name, records)
        response = client.post(url) if page.method == "POST" else client.get(url)
        got, expected = admin_outcome(response), admin_expected(role, page)
        if got != expected:
            wrong.append(f"{name} {page.method} {url}: {got}, expected {expected}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# Who reads the record of evidence packages built, said here rather than read from ROLES,
# so that the role table itself is checked: reviewers (who oversee what leaves the
# installation) and viewers (who read everything); not investigators (docs/evidence.md).
PACKAGE_RECORD_READERS = {VIEWER, REVIEWER}


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_the_evidence_package_list_and_record_are_for_reviewers_and_viewers(role, records):
    client = admin_client(role, records)
    for name in ("evidence_evidencepackage_changelist", "evidence_evidencepackage_change"):
        got = admin_outcome(client.get(admin_url(name, records)))
        if role not in STAFF:
            assert got == LOGIN, (role, name)
        else:
            assert got == (OK if role in PACKAGE_RECORD_READERS else FORBIDDEN), (role, name)
    if role in PACKAGE_RECORD_READERS:
        listed = client.get(admin_url("evidence_evidencepackage_changelist", records))
        assert records.evidence_package.manifest_sha256 in listed.content.decode()


ADMIN_WRITES = ("_add", "_change", "_delete")


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_a_write_the_admin_refuses_changes_nothing(role, records):
    client = admin_client(role, records)
    tried = 0
    # Taken once: every refused write must leave exactly this, so a change by any of
    # them fails at that write.
    before = fingerprint()
    for name, page in sorted(ADMIN_PAGES.items()):
        refused = admin_expected(role, page) != OK
        writes = name.endswith(ADMIN_WRITES) or page.method == "POST"
        if not (refused and writes):
            continue
        url = admin_url(name, records)
        data = {"post": "yes"} if name.endswith("_delete") else {"title": "Changed", "name": "x"}
        response = client.post(url, data)
        assert admin_outcome(response) in (LOGIN, FORBIDDEN, MISSING), (name, response.status_code)
        assert fingerprint() == before, f"{role}: a refused POST to {name} changed records"
        tried += 1
    assert tried > 0


# ---------------------------------------------------------------------------------------
# The API


@dataclass(frozen=True)
class Operation:
    needs: tuple[str, ...] = ()
    reads: bool = False  # published rows for anyone authenticated, all for who may view
    describes_api: bool = False  # the schema and its pages: anyone


def read() -> Operation:
    return Operation(reads=True)


def write(*needs: str) -> Operation:
    return Operation(needs=needs)


def record_endpoints(path: str, app_label: str, model: str, *, whole: str | None = None):
    wholes = (f"{whole.split('.')[0]}.change_{whole.split('.')[1]}",) if whole else ()
    add = write(f"{app_label}.add_{model}", *wholes)
    change = write(f"{app_label}.change_{model}", *wholes)
    return {
        ("GET", path): read(),
        ("POST", path): add,
        ("GET", path + "{id}/"): read(),
        ("PUT", path + "{id}/"): change,
        ("PATCH", path + "{id}/"): change,
    }


CAPTURES = "/api/v1/sources/{source_pk}/captures/"
API_OPERATIONS: dict[tuple[str, str], Operation] = {
    **record_endpoints("/api/v1/regions/", "regions", "region"),
    **record_endpoints("/api/v1/officials/", "actors", "official"),
    **record_endpoints("/api/v1/organizations/", "actors", "organization"),
    **record_endpoints("/api/v1/sources/", "sources", "source"),
    **record_endpoints("/api/v1/incidents/", "cases", "incident"),
    **record_endpoints("/api/v1/child-groups/", "cases", "childgroup", whole="cases.incident"),
    **record_endpoints("/api/v1/citations/", "cases", "citation", whole="cases.incident"),
    ("GET", CAPTURES): read(),
    ("GET", CAPTURES + "{id}/"): read(),
    # The archived files are evidence for those who may view captures, not partners.
    ("GET", CAPTURES + "{id}/warc/"): write("archiving.view_capture"),
    ("GET", CAPTURES + "{id}/page/"): write("archiving.view_capture"),
    # Statistics and the export read incidents: published ones for partners.
    ("GET", "/api/v1/statistics/children/"): read(),
    ("GET", "/api/v1/export/incidents.{fmt}"): read(),
    # Review steps (docs/publication.md) and what partners learn of withdrawals.
    ("POST", "/api/v1/incidents/{id}/submit/"): write("cases.change_incident"),
    ("POST", "/api/v1/incidents/{id}/return-to-draft/"): write("cases.change_incident"),
    ("POST", "/api/v1/incidents/{id}/publish/"): write("cases.publish_incident"),
    ("POST", "/api/v1/incidents/{id}/withdraw/"): write("cases.publish_incident"),
    ("GET", "/api/v1/incidents/removed/"): read(),
}
# Routed but not in the schema: the pages that describe the API.
API_DESCRIPTION = ("/api/v1/", "/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/")
# A field each writable endpoint's record has, for a write that would change it.
CHANGED_FIELD = {
    "regions": "name_en",
    "officials": "name_en",
    "organizations": "name_en",
    "sources": "title",
    "incidents": "title",
    "child-groups": "description",
    "citations": "passage",
}


def schema_operations() -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, operations in api_schema()["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }


def test_every_api_operation_has_an_entry_in_the_matrix():
    served = schema_operations()
    assert served - set(API_OPERATIONS) == set(), "operations without an entry in the matrix"
    assert set(API_OPERATIONS) - served == set(), "entries for operations no longer served"


def api_client(role: str, records: Records) -> APIClient:
    client = APIClient()
    if role == PARTNER_KEY:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {records.partner_secret}")
    elif role != ANONYMOUS:
        client.force_login(records.users[role])  # a session, as a browser has
    return client


def api_url(path: str, records: Records) -> str:
    if "{id}" not in path:
        return path.replace("{source_pk}", str(records.source.pk)).replace("{fmt}", "csv")
    resource = path.split("/")[3]
    ids = {
        "regions": records.region.pk,
        "officials": records.official.pk,
        "organizations": records.organization.pk,
        "sources": records.source.pk,
        "incidents": records.incident.pk,
        "child-groups": records.group.pk,
        "citations": records.citation.pk,
    }
    return (
        path.replace("{source_pk}", str(records.source.pk))
        .replace("{id}", str(records.capture.pk if "/captures/" in path else ids[resource]))
        .replace("{fmt}", "csv")
    )


def api_outcome(response) -> str:
    status = response.status_code
    if status in (200, 201, 400):  # 400: allowed, and the body was checked
        return OK
    return {401: UNAUTHENTICATED, 403: FORBIDDEN, 404: MISSING, 405: NOT_OFFERED}.get(
        status, str(status)
    )


def api_expected(role: str, operation: Operation) -> str:
    if operation.describes_api:
        return OK
    if role == ANONYMOUS:
        return UNAUTHENTICATED
    if operation.reads:
        return OK
    return OK if holds(role, operation.needs) else FORBIDDEN


def write_body(method: str, path: str, records: Records) -> dict:
    """What a client would send: the record as the API shows it, with one field changed
    (a POST sends it as a new record)."""
    if not path.endswith("{id}/") and "{id}" in path:
        return {}  # an action on a record (a review step): its own body, none here
    resource = path.split("/")[3]
    reader = APIClient()
    reader.force_authenticate(records.users[REVIEWER])
    detail = path if path.endswith("{id}/") else path + "{id}/"
    document = reader.get(api_url(detail, records)).json()
    document.pop("id", None)
    field = CHANGED_FIELD[resource]
    document[field] = f"{document.get(field) or ''} (changed by {method})"
    if method == "PATCH":
        return {field: document[field]}
    return document


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_api_operations_allow_each_role_exactly_what_it_holds(role, records):
    client = api_client(role, records)
    wrong = []
    for (method, path), operation in sorted(API_OPERATIONS.items()):
        url = api_url(path, records)
        if method == "GET":
            response = client.get(url)
        else:
            before = fingerprint()
            body = write_body(method, path, records)
            response = getattr(client, method.lower())(url, body, format="json")
            if api_outcome(response) != OK:
                assert fingerprint() == before, f"{role}: a refused {method} {path} changed records"
        got, expected = api_outcome(response), api_expected(role, operation)
        if got != expected:
            body = b"" if response.streaming else response.content[:120]
            wrong.append(f"{method} {path}: {got}, expected {expected} ({body})")
    for path in API_DESCRIPTION:
        got = api_outcome(client.get(path))
        if got != OK:
            wrong.append(f"GET {path}: {got}, expected {OK}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_no_api_endpoint_deletes_and_describing_pages_take_no_writes(role, records):
    client = api_client(role, records)
    before = fingerprint()
    for method, path in API_OPERATIONS:
        if path.endswith("{id}/") and method == "GET" and "/captures/" not in path:
            got = api_outcome(client.delete(api_url(path, records)))
            assert got == (UNAUTHENTICATED if role == ANONYMOUS else NOT_OFFERED), (path, got)
    for path in API_DESCRIPTION:
        got = api_outcome(client.post(path, {}, format="json"))
        assert got in (UNAUTHENTICATED, FORBIDDEN, NOT_OFFERED), (path, got)
    assert fingerprint() == before


UNPUBLISHED_READERS = (VIEWER, INVESTIGATOR, REVIEWER)


@pytest.mark.parametrize("role", [r for r in EVERY_ROLE if r != ANONYMOUS])
def test_only_roles_that_may_view_see_an_unpublished_incident(role, records):
    client = api_client(role, records)
    hidden = records.hidden_incident.pk
    listed = {item["id"] for item in client.get("/api/v1/incidents/").json()["results"]}
    detail = client.get(f"/api/v1/incidents/{hidden}/").status_code
    if role in UNPUBLISHED_READERS:
        assert hidden in listed and detail == 200
    else:
        assert hidden not in listed and detail == 404
        assert records.incident.pk in listed
