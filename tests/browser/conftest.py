"""A real Chromium (Debian's package) driven by Playwright against a live server.

Set CHILDTRACE_REQUIRE_BROWSER=1 (CI does) to fail instead of skip when no Chromium is
installed. Install it with `apt-get install chromium`.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def artifacts_dir() -> Path:
    """Where browser tests keep screenshots for people to open (CI keeps the folder as
    an artifact): CHILDTRACE_ARTIFACTS_DIR, by default var/artifacts/ (git-ignored)."""
    default = Path(settings.BASE_DIR) / "var" / "artifacts"
    folder = Path(os.environ.get("CHILDTRACE_ARTIFACTS_DIR") or default)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def artifacts() -> Path:
    return artifacts_dir()


def chromium_path() -> str | None:
    return os.environ.get("CHILDTRACE_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CHILDTRACE_REQUIRE_BROWSER"):
            pytest.fail("CHILDTRACE_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("no chromium installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls that the
    # tests make around it are ordinary synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
