"""The audit trail: every record keeps history; each row says who and from where; the
database refuses to rewrite or delete it (docs/audit.md)."""

import os

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.db import IntegrityError, ProgrammingError, connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from rest_framework.test import APIClient
from simple_history.models import HistoricalRecords

from apps.accounts.models import AccessEvent, AccessKind
from apps.accounts.services import access_event_record, partner_key_issue
from apps.archiving.models import CaptureJob
from apps.archiving.services import capture_job_claim
from apps.cases.models import Incident
from apps.core.append_only import (
    append_only_tables,
    grant_app_role,
    tables_without_trigger,
    trigger_name,
)
from apps.core.audit import Origin, acting, command_acting
from apps.core.history import AuditFields, history_models
from apps.core.migration_operations import AppendOnly
from apps.core.services import SYSTEM_USERNAME
from apps.regions.models import Region
from apps.sources.models import Source
from tests.factories import (
    IncidentFactory,
    RegionFactory,
    ReviewerFactory,
    SourceFactory,
    UserFactory,
)

# Models that keep no history, and why. Everything else must.
WITHOUT_HISTORY = {
    # When the next request to a host may start: an operational counter, not a record.
    "archiving.HostSlot",
    # Records written once and never changed (append-only in the database): each row is
    # its own history.
    "accounts.AccessEvent",
    "cases.PublicationStep",
    "cases.Tombstone",
    "evidence.EvidencePackage",
    # A per-day request counter of a partner key, updated by every request.
    "accounts.PartnerKeyUse",
    # Whether a second-factor enrollment code still works: issuing, using and refusing
    # one are access events, the record.
    "accounts.SecondFactorEnrollment",
}


def test_every_model_of_the_project_keeps_history():
    ours = [
        model
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("apps.")
        and not issubclass(model, AuditFields)
        and model not in history_models()
        and not model._meta.auto_created
    ]
    ours += [User, Group]
    missing = [
        model._meta.label
        for model in ours
        if not hasattr(model._meta, "simple_history_manager_attribute")
        and model._meta.label not in WITHOUT_HISTORY
    ]
    assert not missing, f"models without history: {missing}"


# The records written once: their tables are append-only too.
WRITTEN_ONCE = {
    "accounts_accessevent",
    "cases_publicationstep",
    "cases_tombstone",
    "evidence_evidencepackage",
}


@pytest.mark.django_db
def test_every_history_table_has_its_append_only_trigger():
    assert len(history_models()) >= 20
    assert append_only_tables() >= WRITTEN_ONCE
    assert tables_without_trigger(connection) == []


def test_every_table_a_migration_makes_append_only_is_in_the_one_list():
    """The `AppendOnly` operations and `append_only_models` say the same: a table made
    append-only by a migration whose model is not in the list would be granted UPDATE
    and DELETE to the application's role."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    made = set()
    for (app_label, _name), migration in loader.disk_migrations.items():
        for operation in migration.operations:
            if isinstance(operation, AppendOnly):
                model = apps.get_model(app_label, operation.model_name)
                made.add(model._meta.db_table)
    assert made == append_only_tables()


def _refused(sql_or_call) -> str:
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        if callable(sql_or_call):
            sql_or_call()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql_or_call)
    return str(refused.value)


@pytest.mark.django_db
def test_the_database_refuses_to_update_or_delete_history_and_accepts_new_rows(user):
    incident = IncidentFactory(title="Children taken to Crimea")
    incident._history_user = user
    incident.origin_regions.add(RegionFactory())
    incident.title = "Children taken to Crimea, 2022"
    incident.save()
    history = Incident.history.filter(id=incident.pk)
    assert history.count() == 3
    table = Incident.history.model._meta.db_table

    assert "append-only" in _refused(lambda: history.update(title="rewritten"))
    assert "append-only" in _refused(lambda: history.delete())
    assert "append-only" in _refused(f"UPDATE {table} SET title = 'rewritten'")
    assert "append-only" in _refused(f"DELETE FROM {table}")
    row = history.first()
    row.title = "rewritten"
    assert "append-only" in _refused(row.save)
    # Many-to-many history too.
    m2m = HistoricalRecords.m2m_models[Incident._meta.get_field("origin_regions")]
    m2m = m2m._meta.db_table
    assert "append-only" in _refused(f"DELETE FROM {m2m}")

    assert sorted(set(history.values_list("title", flat=True))) == [
        "Children taken to Crimea",
        "Children taken to Crimea, 2022",
    ]
    incident.summary = "Forty-six children."
    incident.save()  # INSERT works: history grows
    assert history.count() == 4


@pytest.mark.django_db
def test_deleting_a_record_is_recorded_and_its_history_stays(user):
    region = RegionFactory()
    pk = region.pk
    region._history_user = user
    region.delete()
    types = list(Region.history.filter(id=pk).values_list("history_type", flat=True))
    assert (types[0], types[-1]) == ("-", "+")


@pytest.mark.django_db
def test_a_change_in_the_admin_names_the_user_and_the_admin(staff_client, user):
    response = staff_client.post(
        reverse("admin:sources_source_add"),
        {
            "url_as_cited": "https://t.me/example/2",
            "kind": "telegram",
            "published_on": "2025-03-14",
            "published_precision": "day",
            "speaker_kind": "unknown",
            "availability": "unknown",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "captures-TOTAL_FORMS": "0",
            "captures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    row = Source.history.get()
    assert (row.history_user, row.history_origin, row.history_actor) == (
        user,
        Origin.ADMIN,
        "investigator",
    )
    # The job the save queued is the investigator's, from the admin, too.
    job = CaptureJob.history.get()
    assert (job.history_user, job.history_origin) == (user, Origin.ADMIN)


@pytest.mark.django_db
def test_a_change_through_the_api_names_the_user_and_the_api(user):
    staff_api = APIClient()
    staff_api.force_login(user)
    source = SourceFactory(title="before")
    response = staff_api.patch(f"/api/v1/sources/{source.pk}/", {"title": "after"})
    assert response.status_code == 200, response.content
    latest, first = Source.history.filter(id=source.pk)
    assert (latest.history_user, latest.history_origin, latest.history_actor) == (
        user,
        Origin.API,
        "investigator",
    )
    delta = latest.diff_against(first)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("title", "before", "after")]


@pytest.mark.django_db(transaction=True)
def test_an_import_leaves_history_with_its_command_and_user():
    with command_acting(["manage.py", "load_regions"]):
        call_command("load_regions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    rows = Region.history.all()
    assert rows.count() >= 100
    assert set(rows.values_list("history_origin", "history_actor", "history_user__username")) == {
        (Origin.IMPORT, "command load_regions", SYSTEM_USERNAME)
    }


@pytest.mark.django_db
def test_an_import_called_from_code_is_an_import_by_its_loader():
    from apps.core.services import system_user
    from apps.regions.services import regions_load_reference

    regions_load_reference(user=system_user())
    assert set(Region.history.values_list("history_origin", "history_actor")) == {
        (Origin.IMPORT, "import reference places")
    }


@pytest.mark.django_db
def test_a_bulk_update_leaves_history_with_the_actor():
    """Claiming a job is a conditional UPDATE (no save()): it still leaves a history row,
    by the worker's task, with the job as the update left it."""
    source = SourceFactory()
    with acting(Origin.WORKER, "task archiving.capture"):
        job = CaptureJob.objects.get(source=source)
        assert capture_job_claim(job_id=job.pk) is not None
    latest = CaptureJob.history.filter(id=job.pk).first()
    assert (latest.status, latest.attempts, latest.history_type) == ("running", 1, "~")
    assert (latest.history_origin, latest.history_actor, latest.history_user.username) == (
        Origin.WORKER,
        "task archiving.capture",
        SYSTEM_USERNAME,
    )
    assert latest.history_change_reason == "claimed (attempt 1)"


@pytest.mark.django_db
def test_users_groups_and_permissions_keep_history_without_passwords():
    admin_user = UserFactory(username="it-admin")
    with acting(Origin.ADMIN, "it-admin"):
        user = User(username="olena")
        user._history_user = admin_user
        user.set_password("correct horse battery staple")
        user.save()
        group = Group.objects.create(name="field team")
        group.permissions.add(Permission.objects.get(codename="view_incident"))
        user.groups.add(group)
    history_fields = {f.name for f in User.history.model._meta.get_fields()}
    assert "password" not in history_fields
    created, joined = reversed(User.history.filter(id=user.pk))
    assert created.history_change_reason == "password changed"
    assert [g.group for g in joined.groups.all()] == [group]
    assert [
        p.permission.codename for p in Group.history.filter(id=group.pk)[0].permissions.all()
    ] == ["view_incident"]
    # The hash appears nowhere in history.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {User.history.model._meta.db_table}")
        assert not any(user.password in str(v) for row in cursor.fetchall() for v in row)
    # A login changes no record: no history row for it.
    before = User.history.count()
    from django.contrib.auth.models import update_last_login

    update_last_login(None, user)
    assert User.history.count() == before


@pytest.mark.django_db
def test_a_partner_keys_history_keeps_no_secret_and_not_each_use():
    issuer = ReviewerFactory()
    key, secret = partner_key_issue(partner="Partner NGO", name="sync", user=issuer)
    from apps.accounts.services import partner_key_touch

    partner_key_touch(key=key)
    key.revoked = True
    key._history_user = issuer
    key.save()
    rows = list(type(key).history.filter(id=key.pk))
    assert [r.revoked for r in rows] == [True, False]
    assert secret.split(".")[1] not in repr([vars(r) for r in rows])


@pytest.mark.django_db
def test_the_admin_shows_history_with_origin_and_actor_and_restores_nothing(staff_client, user):
    source = SourceFactory(title="before")
    with acting(Origin.API, "investigator"):
        source._history_user = user
        source.title = "after"
        source.save()
    page = staff_client.get(reverse("admin:sources_source_history", args=[source.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "origin" in text and "API" in text and "investigator" in text
    assert "before" in text and "after" in text

    first = Source.history.filter(id=source.pk).last()
    url = reverse("admin:sources_source_simple_history", args=[source.pk, first.history_id])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"title": "before", "url_as_cited": source.url_as_cited})
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.title == "after"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["accounts_user", "accounts_group", "accounts_partnerapikey", "archiving_capturejob"]
)
def test_history_pages_of_users_groups_keys_and_jobs(client, name):
    root = UserFactory(username="it-admin")
    root.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_user", "view_group", "view_partnerapikey", "view_capturejob"]
        )
    )
    client.force_login(root)
    issued, _ = partner_key_issue(partner="P", name="n", user=root)
    obj = {
        "accounts_user": root,
        "accounts_group": Group.objects.create(name="g"),
        "accounts_partnerapikey": issued,
        "archiving_capturejob": CaptureJob.objects.get(source=SourceFactory()),
    }[name]
    app, model = name.split("_", 1)
    if name.startswith("accounts_user") or name.startswith("accounts_group"):
        app = "auth"
    response = client.get(reverse(f"admin:{app}_{model}_history", args=[obj.pk]))
    assert response.status_code == 200
    assert "origin" in response.content.decode()


def _app_role() -> str:
    """PostgreSQL: a role granted what deploy/postgres/'s application role is granted
    after a migrate (made in the test's transaction, and rolled back with it)."""
    if connection.vendor != "postgresql":
        pytest.skip("database roles: PostgreSQL only")
    role = f"childtrace_test_app_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    grant_app_role(connection, role)
    return role


def _refused_by_privilege(cursor, statements) -> None:
    for sql in statements:
        with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
            cursor.execute(sql)


@pytest.mark.django_db
def test_the_app_role_may_add_history_but_not_change_it_by_privilege_either(user):
    """PostgreSQL, as deployed (deploy/postgres/): the role the application connects as
    is refused UPDATE and DELETE on history before any trigger is asked."""
    role = _app_role()
    region = RegionFactory()
    table = Region.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
        try:
            region._history_user = user
            region.name_en = "Renamed"
            region.save()  # the record changes, and its history grows
            _refused_by_privilege(
                cursor, (f"UPDATE {table} SET name_en = 'x'", f"DELETE FROM {table}")
            )
        finally:
            cursor.execute("RESET ROLE")
    assert Region.history.filter(id=region.pk, name_en="Renamed").exists()


@pytest.mark.django_db
def test_the_app_role_may_only_read_and_add_to_every_append_only_table(user):
    """PostgreSQL, as deployed: on every append-only table (history, and the records
    written once: sign-in events, review steps, tombstones, evidence packages built) the
    application's role may SELECT and INSERT only, so that it could not change a row
    even if the table's trigger were dropped (here it is, inside the test's
    transaction); on the other tables it writes."""
    role = _app_role()
    existing = set(connection.introspection.table_names())
    append_only = append_only_tables() & existing
    assert append_only >= WRITTEN_ONCE

    def privileges(table: str) -> set[str]:
        with connection.cursor() as cursor:
            return {
                what
                for what in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
                if cursor.execute(
                    "SELECT has_table_privilege(%s, %s, %s)", [role, table, what]
                ).fetchone()[0]
            }

    wrong = {
        table: privileges(table)
        for table in sorted(append_only)
        if privileges(table) != {"SELECT", "INSERT"}
    }
    assert wrong == {}, "append-only tables the app role may change"
    assert privileges("cases_incident") == {"SELECT", "INSERT", "UPDATE", "DELETE"}

    AccessEvent.objects.create(kind=AccessKind.LOGIN, username="anna")
    with connection.cursor() as cursor:
        for table in sorted(WRITTEN_ONCE):
            cursor.execute(f'DROP TRIGGER "{trigger_name(table)}" ON "{table}"')
        cursor.execute(f'SET ROLE "{role}"')
        try:
            access_event_record(kind=AccessKind.LOGOUT, username="anna")  # INSERT works
            for table in sorted(WRITTEN_ONCE):
                _refused_by_privilege(
                    cursor, (f"UPDATE {table} SET id = id", f"DELETE FROM {table}")
                )
        finally:
            cursor.execute("RESET ROLE")
    assert AccessEvent.objects.filter(username="anna").count() == 2
