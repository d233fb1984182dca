"""Keyboard-only visitors: everything works with Tab, Enter and Space, in a real browser.

Only `page.keyboard` moves focus and activates things here (no clicks, no `locator.focus()`),
so these tests see the site the way someone without a mouse does.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PUBLIC_PAGES

FOCUSABLE = "a[href], summary, input, button, select, textarea"

# A short, readable name for an element in failure messages.
DESCRIBE_JS = """
const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "")
        .trim().replace(/\\s+/g, " ").slice(0, 50);
    const href = el.getAttribute("href");
    return `<${el.tagName.toLowerCase()}> "${text}"` + (href ? ` (${href})` : "");
};
"""

# Numbers every visible focusable element in DOM order and answers their descriptions.
LIST_FOCUSABLES_JS = (
    "(selector) => {"
    + DESCRIBE_JS
    + """
    // A group of radio buttons is one Tab stop: the ticked one, or the first if none is.
    const isTabStopRadio = (el) => {
        if (el.type !== "radio" || !el.name) return true;
        const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
        return el === (group.find((radio) => radio.checked) || group[0]);
    };
    return [...document.querySelectorAll(selector)]
        .filter((el) => !el.disabled && el.checkVisibility({visibilityProperty: true}))
        .filter(isTabStopRadio)
        .map((el, index) => { el.dataset.tabOrder = index; return describe(el); });
}"""
)

# What has focus now (null once focus has left the page) and how it is drawn.
ACTIVE_ELEMENT_JS = (
    "() => {"
    + DESCRIBE_JS
    + """
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    return {
        order: el.dataset.tabOrder === undefined ? null : Number(el.dataset.tabOrder),
        description: describe(el),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
    };
}"""
)


def tab_through_page(page) -> tuple[list[str], list[dict]]:
    """Tab from the top of the page until focus leaves it (or comes round again).

    Answers the focusable elements in DOM order and the stops Tab made."""
    expected = page.evaluate(LIST_FOCUSABLES_JS, FOCUSABLE)
    stops = []
    for _ in range(len(expected) + 2):
        page.keyboard.press("Tab")
        stop = page.evaluate(ACTIVE_ELEMENT_JS)
        if stop is None or (stops and stop["order"] == 0):
            break
        stops.append(stop)
    return expected, stops


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"{page.url}: {locator} never received focus after {limit} Tabs")


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_first_tab_shows_the_skip_link_and_enter_jumps_to_main(page, demo_server, path):
    page.goto(demo_server.url(path))
    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link, f"{path}: the first Tab does not focus the skip link").to_be_focused()
    expect(skip_link, f"{path}: the focused skip link is not on screen").to_be_in_viewport(ratio=1)

    page.keyboard.press("Enter")
    main = page.locator("main#main")
    expect(main, f"{path}: Enter on the skip link does not move focus to <main>").to_be_focused()
    expect(main, f"{path}: Enter on the skip link does not scroll to <main>").to_be_in_viewport()
    # The next Tab continues inside the main content, past the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)"), (
        f"{path}: after the skip link, Tab went to {page.evaluate(ACTIVE_ELEMENT_JS)}, "
        "not into the main content"
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_tab_reaches_every_control_in_dom_order(page, demo_server, path):
    page.goto(demo_server.url(path))
    expected, stops = tab_through_page(page)

    for position, stop in enumerate(stops):
        wanted = expected[position] if position < len(expected) else "focus leaving the page"
        assert stop["order"] == position, (
            f"{path}: Tab stop {position + 1} was {stop['description']}, expected {wanted}"
        )
    missed = expected[len(stops) :]
    assert not missed, f"{path}: Tab never reached {missed}"


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_every_focused_element_shows_a_focus_indicator(page, demo_server, path):
    page.goto(demo_server.url(path))
    _, stops = tab_through_page(page)

    assert stops, f"{path}: Tab focused nothing"
    for stop in stops:
        has_outline = stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 2
        has_shadow = stop["boxShadow"] not in ("", "none")
        assert has_outline or has_shadow, (
            f"{path}: element {stop['description']} has no visible focus indicator "
            f"(outline {stop['outlineStyle']} {stop['outlineWidth']}px, "
            f"box-shadow {stop['boxShadow']})"
        )


def test_enter_opens_a_faq_and_space_closes_it(page, demo_server):
    path = PUBLIC_PAGES["prp"]
    page.goto(demo_server.url(path))
    faq = page.locator("details.faq").first
    answer = faq.locator(".faq__answer")
    tab_to(page, faq.locator("summary"))

    page.keyboard.press("Enter")
    expect(faq, f"{path}: Enter on a FAQ question does not open it").to_have_attribute("open", "")
    expect(answer, f"{path}: the opened FAQ answer is not visible").to_be_visible()

    page.keyboard.press("Space")
    expect(faq, f"{path}: Space on an open FAQ question does not close it").not_to_have_attribute(
        "open", ""
    )
    expect(answer, f"{path}: the closed FAQ answer is still visible").to_be_hidden()


def test_enter_on_a_menu_link_navigates(page, demo_server):
    page.goto(demo_server.url(PUBLIC_PAGES["home"]))
    menu = page.get_by_role("navigation", name="Main")
    tab_to(page, menu.get_by_role("link", name="Frequently asked questions"))

    page.keyboard.press("Enter")
    expect(page).to_have_url(demo_server.url(PUBLIC_PAGES["faqs"]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Frequently asked questions")


def test_header_search_by_keyboard_shows_results(page, demo_server):
    page.goto(demo_server.url(PUBLIC_PAGES["home"]))
    # By its label: the suggestions script turns the searchbox into a combobox.
    tab_to(page, page.get_by_role("banner").get_by_label("Search the site"))

    page.keyboard.type("prp")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=prp$"))
    results = page.get_by_role("main").get_by_role("link", name="PRP hair restoration")
    expect(results.first, f"{page.url}: no result for PRP hair restoration").to_be_visible()
