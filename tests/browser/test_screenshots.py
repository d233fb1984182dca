"""Screenshots of every public page at phone and desktop width, for a person to look at.

They land in artifacts/screenshots/ (CI keeps that folder). The test also proves each page
loads in a real browser with its stylesheet applied.
"""

import pytest

from tests.browser.conftest import DESKTOP, MOBILE, PUBLIC_PAGES, save_screenshot


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
@pytest.mark.parametrize(("width_name", "viewport"), [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshot_of_every_page(browser, demo_server, name, width_name, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(demo_server.url(PUBLIC_PAGES[name]))
        # The stylesheet is applied: the skip link is moved off-screen until focused.
        assert page.locator(".skip-link").bounding_box()["y"] < 0
        path = save_screenshot(page, f"{name}-{width_name}")
        assert path.stat().st_size > 5_000
    finally:
        context.close()
