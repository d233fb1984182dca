"""What a visitor does, in a real browser: find the treatment, read answers, reach the clinic.

Desktop with JavaScript, a 360 px phone with touch, and a browser with JavaScript off.
Keyboard-only use is in test_keyboard.py.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PUBLIC_PAGES

PHONE = "(310) 975-9785"
PHONE_HREF = "tel:+13109759785"
MENU_LINKS = {
    "Services": "/services/",
    "Frequently asked questions": "/faqs/",
    "Contact us": "/contact/",
}
PAGES = pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
FAQ_PAGES = pytest.mark.parametrize("path", [PUBLIC_PAGES["prp"], PUBLIC_PAGES["faqs"]])
MENU = pytest.mark.parametrize(("name", "path"), MENU_LINKS.items(), ids=MENU_LINKS.values())

# Elements reaching past the right edge of the window, for the overflow failure message.
OVERFLOWING_JS = """() => [...document.querySelectorAll("body *")]
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width > 0 && box.right > document.documentElement.clientWidth + 0.5)
    .slice(0, 10)
    .map(([el, box]) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}"> `
        + `right edge at ${Math.round(box.right)}px`)"""

# Controls a finger must hit (WCAG 2.5.8: at least 24 x 24 CSS px), with their sizes.
SMALL_TARGETS_JS = """() => [...document.querySelectorAll(
        ".site-header a, .site-header input, button, .button, summary")]
    .filter((el) => el.checkVisibility())
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width < 24 || box.height < 24)
    .map(([el, box]) => `<${el.tagName.toLowerCase()}> "${el.innerText.trim().slice(0, 40)}" `
        + `is ${Math.round(box.width)}x${Math.round(box.height)}px`)"""


def expected_status(path: str) -> int:
    return 404 if path == PUBLIC_PAGES["not-found"] else 200


def heading(page):
    return page.get_by_role("heading", level=1)


def test_visitor_goes_from_home_to_prp_answers_and_the_phone_number(page, demo_server):
    page.goto(demo_server.url(PUBLIC_PAGES["home"]))
    menu = page.get_by_role("navigation", name="Main")

    menu.get_by_role("link", name="Services").click()
    expect(page).to_have_url(demo_server.url(PUBLIC_PAGES["services"]))
    expect(heading(page)).to_have_text("Services")

    page.get_by_role("main").get_by_role("link", name="PRP hair restoration").click()
    expect(page).to_have_url(demo_server.url(PUBLIC_PAGES["prp"]))
    expect(heading(page)).to_have_text("PRP hair restoration")

    question = page.get_by_text("What is PRP?", exact=True)
    faq = page.locator("details.faq", has=question)
    expect(faq.locator(".faq__answer")).to_be_hidden()
    question.click()
    expect(faq).to_have_attribute("open", "")
    expect(faq.locator(".faq__answer")).to_be_visible()

    menu.get_by_role("link", name="Contact us").click()
    expect(page).to_have_url(demo_server.url(PUBLIC_PAGES["contact"]))
    expect(heading(page)).to_have_text("Contact us")
    phone = page.get_by_role("main").get_by_role("link", name=PHONE, exact=True).first
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("href", PHONE_HREF)


@PAGES
def test_header_phone_number_is_a_tel_link(page, demo_server, path):
    page.goto(demo_server.url(path))
    phone = page.get_by_role("banner").get_by_role("link", name=f"Call us on {PHONE}")
    expect(phone, f"{path}: the header has no visible phone link").to_be_visible()
    expect(phone, f"{path}: the header phone link is not {PHONE_HREF}").to_have_attribute(
        "href", PHONE_HREF
    )


# --- A 360 px phone ------------------------------------------------------------------------


@PAGES
def test_phone_width_page_does_not_scroll_sideways(mobile_page, demo_server, path):
    mobile_page.goto(demo_server.url(path))
    # With is_mobile, Chromium zooms out to fit wide content, so window.innerWidth grows with
    # it; the root's clientWidth stays the 360 px the page was laid out for.
    scroll_width, window_width = mobile_page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll_width > window_width:
        offenders = mobile_page.evaluate(OVERFLOWING_JS)
        pytest.fail(
            f"{path}: the page is {scroll_width}px wide in a {window_width}px window; "
            f"too wide: {offenders}"
        )


@PAGES
def test_phone_width_menu_links_are_visible(mobile_page, demo_server, path):
    mobile_page.goto(demo_server.url(path))
    menu = mobile_page.get_by_role("navigation", name="Main")
    for name in MENU_LINKS:
        link = menu.get_by_role("link", name=name, exact=True)
        expect(link, f"{path}: menu link {name!r} is not visible at 360px").to_be_visible()


@PAGES
def test_phone_width_touch_targets_are_at_least_24px(mobile_page, demo_server, path):
    mobile_page.goto(demo_server.url(path))
    too_small = mobile_page.evaluate(SMALL_TARGETS_JS)
    assert not too_small, f"{path}: touch targets smaller than 24x24px: {too_small}"


@MENU
def test_tapping_a_menu_link_on_a_phone_navigates(mobile_page, demo_server, name, path):
    mobile_page.goto(demo_server.url(PUBLIC_PAGES["home"]))
    mobile_page.get_by_role("navigation", name="Main").get_by_role("link", name=name).tap()
    expect(mobile_page).to_have_url(demo_server.url(path))
    expect(heading(mobile_page)).to_have_text(name)


# --- JavaScript switched off ---------------------------------------------------------------


@PAGES
def test_without_javascript_page_loads_with_its_heading(no_js_page, demo_server, path):
    response = no_js_page.goto(demo_server.url(path))
    assert response.status == expected_status(path), (
        f"{path}: status {response.status} without JavaScript, expected {expected_status(path)}"
    )
    expect(heading(no_js_page), f"{path}: no visible h1 without JavaScript").to_be_visible()


@FAQ_PAGES
def test_without_javascript_a_faq_opens_on_click(no_js_page, demo_server, path):
    no_js_page.goto(demo_server.url(path))
    faq = no_js_page.locator("details.faq").first
    faq.locator("summary").click()
    expect(faq, f"{path}: the FAQ does not open without JavaScript").to_have_attribute("open", "")
    expect(faq.locator(".faq__answer"), f"{path}: the FAQ answer is not visible").to_be_visible()


@pytest.mark.parametrize(
    ("start", "form"),
    [(PUBLIC_PAGES["home"], "banner"), ("/search/", "main")],
    ids=["header-search", "search-page-form"],
)
def test_without_javascript_search_form_shows_results(no_js_page, demo_server, start, form):
    no_js_page.goto(demo_server.url(start))
    search = no_js_page.get_by_role(form).get_by_role("search")
    search.get_by_role("searchbox").fill("prp")
    search.get_by_role("button", name="Search").click()

    expect(no_js_page).to_have_url(re.compile(r"/search/\?q=prp$"))
    results = no_js_page.get_by_role("main").get_by_role("link", name="PRP hair restoration")
    expect(results.first, f"{start}: no result for PRP hair restoration").to_be_visible()


@MENU
def test_without_javascript_menu_links_navigate(no_js_page, demo_server, name, path):
    no_js_page.goto(demo_server.url(PUBLIC_PAGES["home"]))
    no_js_page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()
    expect(no_js_page).to_have_url(demo_server.url(path))
    expect(heading(no_js_page)).to_have_text(name)
