"""The lists investigators scan, on a 1366 px laptop: every column is on the screen,
no title wraps into a tower, and a screenshot of each list is kept for people to open
(see `artifacts_dir` in conftest.py)."""

import pytest

from tests.factories import InvestigatorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}
# A cell may hold a title of three lines (the rest is in its tooltip) and padding.
MAX_LINES = 3

LISTS = {
    "incidents": "/admin/cases/incident/",
    "child-groups": "/admin/cases/childgroup/",
    "sources": "/admin/sources/source/",
}

MEASURE = """(maxLines) => {
    // The height of the text a person sees in a cell (not its row's height, and not the
    // lines a clamped cell hides).
    function visibleLines(cell) {
        let top = Infinity, bottom = -Infinity;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!node.textContent.trim()) continue;
            let clip = Infinity;
            for (let el = node.parentElement; el && el !== cell; el = el.parentElement) {
                if (getComputedStyle(el).overflow !== 'visible') {
                    clip = Math.min(clip, el.getBoundingClientRect().bottom);
                }
            }
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const rect of range.getClientRects()) {
                if (rect.top >= clip - 0.5) continue;
                top = Math.min(top, rect.top);
                bottom = Math.max(bottom, Math.min(rect.bottom, clip));
            }
        }
        return bottom > top ? bottom - top : 0;
    }
    const width = window.innerWidth;
    const results = document.querySelector('#changelist .results');
    const box = results.getBoundingClientRect();
    const cut = [];
    for (const cell of document.querySelectorAll('#result_list th, #result_list td')) {
        const rect = cell.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (rect.right > Math.min(width, box.right) + 0.5) {
            cut.push({text: cell.innerText.slice(0, 60), right: rect.right});
        }
    }
    const tall = [];
    for (const cell of document.querySelectorAll('#result_list tbody th, #result_list tbody td')) {
        const style = getComputedStyle(cell);
        let line = parseFloat(style.lineHeight);
        if (Number.isNaN(line)) line = 1.2 * parseFloat(style.fontSize);
        const lines = visibleLines(cell) / line;
        if (lines > maxLines + 0.5) {
            tall.push({column: cell.className, lines: lines, text: cell.innerText.slice(0, 60)});
        }
    }
    return {
        width: width,
        pageWidth: document.scrollingElement.scrollWidth,
        tableWidth: results.scrollWidth,
        resultsWidth: results.clientWidth,
        rows: document.querySelectorAll('#result_list tbody tr').length,
        cut: cut,
        tall: tall,
    };
}"""


@pytest.fixture
def laptop_page(browser, live_server):
    InvestigatorFactory(username="investigator", password="a-long-test-password")
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "investigator")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector("text=Records")
    yield page
    context.close()


@pytest.mark.parametrize("name", LISTS)
def test_list_fits_a_laptop_screen(demo, laptop_page, live_server, artifacts, name):
    page = laptop_page
    page.goto(live_server.url + LISTS[name])
    page.wait_for_selector("#result_list tbody tr")
    page.screenshot(path=str(artifacts / f"changelist-{name}-1366.png"), full_page=True)
    seen = page.evaluate(MEASURE, MAX_LINES)

    assert seen["width"] == LAPTOP["width"]
    assert seen["rows"] > 10  # the demo's long titles are on the page
    assert seen["pageWidth"] <= seen["width"], "the page scrolls sideways"
    assert seen["tableWidth"] <= seen["resultsWidth"], "the table is wider than its box"
    assert seen["cut"] == [], "columns are cut off"
    assert seen["tall"] == [], f"cells taller than {MAX_LINES} lines"
