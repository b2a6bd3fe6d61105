"""The production settings pass Django's deployment checks, and a production
installation refuses to run on the local settings. Each runs in a process of its own,
with only the environment a production installation has to give."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def production_environment(tmp_path, **extra) -> dict:
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {
        **keep,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "childtrace.example.org",
        "CHILDTRACE_VAR_DIR": str(tmp_path),
        **extra,
    }


def run(command, env, timeout=120):
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_environment(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_when_hsts_is_turned_off(tmp_path):
    """The check above can fail: without HSTS it reports security.W004."""
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_environment(tmp_path, DJANGO_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_celery_refuses_the_local_settings_on_a_production_installation(tmp_path):
    environment = production_environment(tmp_path)
    del environment["DJANGO_SETTINGS_MODULE"]  # the Celery app's default: local settings
    worker = run([CELERY, "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"], environment)
    assert worker.returncode != 0
    assert "DJANGO_ENV=production, but DJANGO_SETTINGS_MODULE is 'config.settings.local'" in (
        worker.stderr
    )
    explicit = run(
        [CELERY, "-A", "config", "report"],
        {**environment, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert explicit.returncode != 0
    assert "config.settings.test" in explicit.stderr


def test_celery_starts_on_the_production_settings(tmp_path):
    result = run([CELERY, "-A", "config", "report"], production_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "config.settings.production" in result.stdout
