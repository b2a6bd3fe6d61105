"""Every page runs under the Content-Security-Policy without breaking it: Chromium reports
no violation on the admin's pages, the second-factor pages and the API documentation."""

import pytest

from apps.cases.models import Incident
from apps.sources.models import Source
from tests.factories import ReviewerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects what the page's policy refused (the listener is installed before the page's
# own scripts run, and is not itself subject to the policy).
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
    + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture
def watched_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(20_000)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_console = console
    yield page
    context.close()


def visit(page, url: str, ready: str) -> list[str]:
    response = page.goto(url)
    assert response.ok, (url, response.status)
    policy = response.headers.get("content-security-policy", "")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'", url  # no inline script, anywhere
    page.wait_for_selector(ready)
    page.wait_for_timeout(300)  # late requests (fonts, images, workers) report too
    return page.evaluate("window.__cspViolations")


def test_admin_and_api_docs_pages_break_no_policy(watched_page, live_server, demo, artifacts):
    page = watched_page
    ReviewerFactory(username="rita", password="a-long-test-password")
    base = live_server.url
    violations = {}

    violations["login"] = visit(page, f"{base}/admin/login/", "#id_otp_token")
    page.fill("#id_username", "rita")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Records")

    incident = Incident.objects.order_by("pk").first()
    source = Source.objects.order_by("pk").first()
    pages = {
        "index": ("/admin/", "text=Records"),
        "incidents": ("/admin/cases/incident/", "#result_list"),
        "incident": (f"/admin/cases/incident/{incident.pk}/change/", "#incident_form"),
        "new incident": ("/admin/cases/incident/add/", "#incident_form"),
        "incident history": (f"/admin/cases/incident/{incident.pk}/history/", "#content"),
        "sources": ("/admin/sources/source/", "#result_list"),
        "source": (f"/admin/sources/source/{source.pk}/change/", "#source_form"),
        "child groups": ("/admin/cases/childgroup/", "#result_list"),
        "regions": ("/admin/regions/region/", "#result_list"),
        "partner keys": ("/admin/accounts/partnerapikey/", "#changelist"),
        "second factor": ("/account/two-factor/", ".ct-qr svg"),
        "swagger": ("/api/v1/docs/", ".swagger-ui .info"),
        "redoc": ("/api/v1/redoc/", ".menu-content"),
    }
    for name, (path, ready) in pages.items():
        violations[name] = visit(page, base + path, ready)
        if name in {"new incident", "second factor", "swagger", "redoc"}:
            page.screenshot(path=str(artifacts / f"csp-{name.replace(' ', '-')}.png"))

    # The scripts ran: a region autocomplete opens on the new incident page.
    visit(page, f"{base}/admin/cases/incident/add/", "#incident_form")
    page.click("#id_origin_regions + .select2")
    page.wait_for_selector(".select2-results__option")
    violations["autocomplete"] = page.evaluate("window.__cspViolations")

    # ReDoc's footer shows its maker's logo from a CDN: refused, as it should be (the
    # product works offline and sends no visitor to a third party).
    cdn_logo = "img-src blocked https://cdn.redoc.ly/redoc/logo-mini.svg"
    violations["redoc"] = [found for found in violations["redoc"] if cdn_logo not in found]
    assert {name: found for name, found in violations.items() if found} == {}
    assert [text for text in page.csp_console if "cdn.redoc.ly" not in text] == []
