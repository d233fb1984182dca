"""The Content-Security-Policy and Permissions-Policy break nothing, public or in the admin.

Chromium reports every blocked script, style, image, frame or fetch as a `securitypolicyviolation`
event and a console error; a header it can't parse is a console error too. None may happen.
"""

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PUBLIC_PAGES
from tests.server import ADMIN_PASSWORD, ADMIN_USERNAME

# Runs in every frame (the admin's preview iframe too) before the page's own scripts.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${event.sourceFile}`
    );
});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Permissions.Policy|Refused to", re.I)


def watch(page) -> list[str]:
    """Record policy complaints on the console; violations are read from each frame later."""
    complaints: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if POLICY_MESSAGE.search(message.text) else None
        ),
    )
    return complaints


def violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        found += frame.evaluate("window.__cspViolations || []")
    return found


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_pages_run_under_the_policy_without_violations(page, demo_server, path):
    complaints = watch(page)
    page.goto(demo_server.url(path))
    # The site's one script ran: it turned the header search box into a combobox.
    expect(page.locator("input[type=search]").first).to_have_attribute("role", "combobox")
    page.locator("input[type=search]").first.fill("prp")  # fetches suggestions: connect-src
    expect(page.get_by_role("option").first).to_be_visible()
    assert violations(page) == []
    assert complaints == []


def test_the_admin_and_its_preview_panel_work_under_the_admin_policy(page, demo_server):
    with sqlite3.connect(demo_server.workdir / "db.sqlite3") as database:
        (page_id,) = database.execute(
            "SELECT id FROM wagtailcore_page WHERE url_path LIKE '%/prp-hair-restoration/'"
        ).fetchone()
    complaints = watch(page)

    page.goto(demo_server.url("/admin/login/"))
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(demo_server.url(f"/admin/pages/{page_id}/edit/"))
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text("PRP", timeout=30_000)

    assert violations(page) == []
    assert complaints == []
