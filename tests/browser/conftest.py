"""Browser tests: Playwright driving Debian's chromium against gunicorn serving the demo site.

- Never a downloaded browser: only /usr/bin/chromium (`apt-get install chromium`).
- Without it, `make test` skips these tests and says why; `.ci/run` sets REQUIRE_BROWSER=1,
  which turns that skip into a failure so CI can't pass without them.
- Screenshots go to artifacts/screenshots/ (ignored by git) for a person to look at.
"""

import os
from pathlib import Path

import pytest

from tests.server import PROJECT_ROOT, copy_demo_site, start_server

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}
ARTIFACTS = PROJECT_ROOT / "artifacts"

# Every public page the demo content builds (the crawl test also finds them from "/").
PUBLIC_PAGES = {
    "home": "/",
    "services": "/services/",
    "prp": "/services/prp-hair-restoration/",
    "faqs": "/faqs/",
    "contact": "/contact/",
    "team": "/team/",
    "search": "/search/?q=prp",
    "api-docs": "/api/v2/docs/",
    "not-found": "/no-such-page/",
    "sign-in": "/sign-in/?next=/",  # for pages an editor made private (mysite/sign_in.py)
}


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.path)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists() or not browser_items:
        return
    reason = f"browser tests skipped: {CHROMIUM} not found (install with: apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {reason}")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM.exists():
        terminalreporter.write_line(
            f"NOTE: {CHROMIUM} is missing, so the browser tests were SKIPPED. "
            "Install it with 'apt-get install chromium' (CI always runs them).",
            yellow=True,
        )


# demo_site_template (tests/conftest.py): the demo site built once per run.


def serve_a_copy(template, tmp_path_factory, name: str):
    """Run gunicorn on a fresh copy of the demo site for as long as the fixture lives."""
    server = start_server(copy_demo_site(template, tmp_path_factory.mktemp(name) / "site"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def demo_server(demo_site_template, tmp_path_factory):
    """Serves the pristine demo site. Tests using it must not change content."""
    yield from serve_a_copy(demo_site_template, tmp_path_factory, "visitor")


@pytest.fixture(scope="module")
def editable_server(demo_site_template, tmp_path_factory):
    """A server with its own copy of the demo site, for tests that edit content."""
    yield from serve_a_copy(demo_site_template, tmp_path_factory, "editor")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A desktop-sized tab with JavaScript on."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def mobile_page(browser):
    """A 360 px-wide phone-sized tab with touch."""
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_page(browser):
    """A desktop tab with JavaScript disabled."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    yield context.new_page()
    context.close()


def save_screenshot(page, name: str) -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
