"""Project-level checks: migrations match the models, settings refuse bad values."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when one is missing
        pytest.fail(f"A model change lacks its migration:\n{out.getvalue()} ({exc})")


def test_database_url_must_be_postgres_or_sqlite(monkeypatch):
    from config import env

    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL or SQLite"):
        env.database_config()


def test_broker_url_scheme_is_checked(monkeypatch):
    from config import env

    monkeypatch.setenv("CELERY_BROKER_URL", "kafka://localhost")
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme"):
        env.broker_url()


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.django_db
def test_ensure_admin_prints_a_working_login(client, tmp_path, monkeypatch):
    import apps.core.management.commands.ensure_admin as command

    monkeypatch.setattr(command, "VAR_DIR", tmp_path)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = (tmp_path / "admin-password.txt").read_text().strip()
    assert f"admin  /  {password}" in out.getvalue()
    response = client.post(
        "/admin/login/", {"username": "admin", "password": password, "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert password in again.getvalue()  # stable across runs
