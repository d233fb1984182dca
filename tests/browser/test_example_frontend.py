"""The example frontend (examples/frontend/) in chromium, against the live API of the demo site.

The frontend is served by a static file server on its own origin; the API allows that origin
(DJANGO_CORS_ALLOWED_ORIGINS) and no other, and sends the admin's previews to it
(DJANGO_HEADLESS_PREVIEW_URL). What the frontend shows is compared with what the API answers.
"""

import functools
import json
import re
import threading
from dataclasses import dataclass
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import MOBILE, save_screenshot
from tests.browser.test_accessibility import axe_violations, describe_violations
from tests.browser.test_security_policy import violations, watch
from tests.server import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    PROJECT_ROOT,
    RunningServer,
    copy_demo_site,
    fetch,
    free_port,
    start_server,
)

FRONTEND_DIR = PROJECT_ROOT / "examples" / "frontend"
PRP_SLUG = "prp-hair-restoration"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the name http.server gives it)
        pass


@dataclass
class Frontend:
    port: int

    def url(self, host: str, api: RunningServer, fragment: str = "") -> str:
        return f"http://{host}:{self.port}/?api={api.base_url}{fragment}"


@pytest.fixture(scope="module")
def frontend():
    """examples/frontend/ served as static files, as `python3 -m http.server` would."""
    handler = functools.partial(QuietHandler, directory=str(FRONTEND_DIR))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Frontend(server.server_address[1])
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def api_server(demo_site_template, tmp_path_factory, frontend):
    """The demo site, allowing the frontend's origin (only with 127.0.0.1 as its host)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    allowed_origin = f"http://127.0.0.1:{frontend.port}"
    server = start_server(
        copy_demo_site(demo_site_template, tmp_path_factory.mktemp("frontend-api") / "site"),
        port=port,
        extra_env={
            # Absolute URLs (image renditions) in the API must point at this server.
            "WAGTAILADMIN_BASE_URL": base_url,
            "DJANGO_CORS_ALLOWED_ORIGINS": allowed_origin,
            "DJANGO_HEADLESS_PREVIEW_URL": f"{allowed_origin}/?api={base_url}",
        },
    )
    yield server
    server.stop()


def plain_text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def api_json(server: RunningServer, path: str) -> dict:
    status, _, body = fetch(server.url(path))
    assert status == 200, body[:300]
    return json.loads(body)


@pytest.fixture(scope="module")
def prp(api_server) -> dict:
    """The PRP service page as the API answers it."""
    listing = api_json(api_server, f"/api/v2/pages/?type=services.ServicePage&slug={PRP_SLUG}")
    (item,) = listing["items"]
    return api_json(api_server, f"/api/v2/pages/{item['id']}/")


def test_it_lists_the_services_and_opens_one(page, frontend, api_server, prp):
    listing = api_json(api_server, "/api/v2/pages/?type=services.ServicePage")
    page.goto(frontend.url("127.0.0.1", api_server))

    expect(page.get_by_role("heading", level=1)).to_have_text("Our services")
    links = page.locator(".services h2 a")
    expect(links).to_have_text([item["title"] for item in listing["items"]])

    page.get_by_role("link", name=prp["title"]).click()
    expect(page).to_have_url(re.compile(rf"#/services/{prp['id']}$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(prp["title"])
    expect(heading).to_be_focused()  # keyboard and screen-reader users land on the new view


def test_the_service_page_shows_the_structured_treatment_data(page, frontend, api_server, prp):
    page.goto(frontend.url("127.0.0.1", api_server, f"#/services/{prp['id']}"))

    expect(page.get_by_role("heading", level=1)).to_have_text(prp["title"])
    expect(page.locator(".summary")).to_have_text(prp["summary"])
    steps = page.get_by_role("region", name="How it works").locator("ol > li h3")
    expect(steps).to_have_text([step["title"] for step in prp["steps"]])
    assert len(prp["steps"]) >= 3
    expect(page.locator(".plan")).to_have_text(prp["treatment_plan"]["schedule_text"])
    aftercare = page.get_by_role("region", name="Aftercare").get_by_role("listitem")
    expect(aftercare).to_have_text(prp["aftercare"])
    risks = page.get_by_role("region", name="Risks and limitations").get_by_role("listitem")
    expect(risks).to_have_text(prp["risks"])
    expect(page.locator(".disclaimer")).to_have_text(prp["disclaimer"])
    save_screenshot(page, "example-frontend-service-desktop")


def test_the_hero_image_is_a_picture_with_the_apis_avif_and_webp_sources(
    page, frontend, api_server, prp
):
    image = prp["hero_image"]
    sources = {source["mime_type"]: source["srcset"] for source in image["sources"]}
    page.goto(frontend.url("127.0.0.1", api_server, f"#/services/{prp['id']}"))

    picture = page.locator("main picture").first
    expect(picture.locator("source[type='image/avif']")).to_have_attribute(
        "srcset", sources["image/avif"]
    )
    expect(picture.locator("source[type='image/webp']")).to_have_attribute(
        "srcset", sources["image/webp"]
    )
    img = picture.locator("img")
    expect(img).to_have_attribute("alt", image["alt"])
    assert image["alt"].strip()
    expect(img).to_have_attribute("width", str(image["width"]))
    # The browser picked AVIF and really loaded it from the API's server.
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("img => img.naturalWidth") > 0
    assert img.evaluate("img => img.currentSrc").endswith(".avif")


def test_the_services_faqs_are_disclosures_with_their_answers(page, frontend, api_server, prp):
    faqs = prp["related_faqs"]
    assert faqs, "the demo PRP page has FAQs"
    page.goto(frontend.url("127.0.0.1", api_server, f"#/services/{prp['id']}"))

    questions = page.get_by_role("region", name="Questions").locator("details > summary")
    expect(questions).to_have_text([faq["question"] for faq in faqs])
    first = page.locator("details").first
    expect(first.locator(".answer")).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator(".answer")).to_have_text(plain_text(faqs[0]["answer"]))


def test_the_contact_details_and_opening_hours_come_from_the_settings(page, frontend, api_server):
    clinic = api_json(api_server, "/api/v2/settings/")
    page.goto(frontend.url("127.0.0.1", api_server))

    contact = page.get_by_role("contentinfo")
    phone = contact.get_by_role("link", name=clinic["phone"])
    expect(phone).to_have_attribute("href", clinic["phone_href"])
    rows = contact.get_by_role("table", name="Opening hours").get_by_role("row")
    expect(rows).to_have_text(
        [re.compile(f"{day['day']}\\s*{re.escape(day['text'])}") for day in clinic["opening_hours"]]
    )
    expect(contact).to_contain_text(clinic["address"]["lines"][0])


@pytest.mark.parametrize("fragment", ["", "#/services/{id}"], ids=["services", "service"])
def test_no_wcag_violations_in_the_example(browser, frontend, api_server, prp, fragment):
    """The same axe rules as the site's own pages, at phone width, FAQ answers open."""
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(frontend.url("127.0.0.1", api_server, fragment.format(id=prp["id"])))
        expect(page.get_by_role("table", name="Opening hours")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_be_visible()  # the view is rendered
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true })")
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, describe_violations(f"example frontend {fragment}", "mobile", violations)


READ_SETTINGS = """api => fetch(api + "/api/v2/settings/").then(
    response => "read " + response.status, error => "blocked: " + error.name)"""


def test_an_origin_the_api_does_not_allow_cannot_read_it(page, frontend, api_server):
    page.goto(frontend.url("127.0.0.1", api_server))
    assert page.evaluate(READ_SETTINGS, api_server.base_url) == "read 200"

    # The same files from http://localhost:<port>: another origin, not in the allowlist.
    page.goto(frontend.url("localhost", api_server))

    expect(page.locator("#status")).to_contain_text("Couldn't reach the clinic's API")
    expect(page.locator(".services")).to_have_count(0)
    assert page.evaluate(READ_SETTINGS, api_server.base_url) == "blocked: TypeError"


def test_a_preview_link_with_a_forged_token_shows_no_draft(page, frontend, api_server):
    forged = "&content_type=services.servicepage&token=id%3D5%3A1abcde%3Aforged"
    page.goto(frontend.url("127.0.0.1", api_server) + forged)

    expect(page.get_by_role("heading", level=1)).to_have_text("This preview couldn't be loaded")
    expect(page.locator("#status")).to_have_text("the preview token is not valid")


def test_the_admins_preview_panel_shows_the_draft_in_the_frontend(page, frontend, api_server, prp):
    """Last in this module: it leaves an unsaved edit behind (never published)."""
    complaints = watch(page)  # the admin's policy must allow framing the frontend, nothing more
    page.goto(api_server.url("/admin/login/"))
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(api_server.url(f"/admin/pages/{prp['id']}/edit/"))
    draft_title = "PRP hair restoration, as the editor is writing it"
    page.get_by_role("textbox", name="Title").first.fill(draft_title)
    page.locator("[data-side-panel-toggle='preview']").click()

    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(draft_title, timeout=30_000)
    expect(preview.locator(".preview-banner")).to_contain_text("Preview of a draft")
    expect(preview.locator("section h3").first).to_have_text(prp["steps"][0]["title"])
    assert violations(page) == []
    assert complaints == []
    # Visitors of the frontend and the API still get the published page.
    assert api_json(api_server, f"/api/v2/pages/{prp['id']}/")["title"] == prp["title"]
