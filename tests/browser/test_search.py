"""Searching from the header, on desktop and phone, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture(params=["page", "mobile_page", "no_js_page"])
def any_tab(request):
    return request.getfixturevalue(request.param)


def test_header_search_submits_to_the_results_page(any_tab, demo_server):
    tab = any_tab
    tab.goto(demo_server.url("/faqs/"))

    tab.get_by_label("Search the site").fill("hair loss injections")
    tab.get_by_role("button", name="Search", exact=True).first.click()

    expect(tab).to_have_url(re.compile(r"/search/\?q=hair\+loss\+injections"))
    first = tab.locator(".search-result").first
    expect(first.locator("h3 a")).to_have_text("PRP hair restoration")
    expect(tab.locator(".search-summary")).to_contain_text("for “hair loss injections”")


@pytest.mark.parametrize("tab_name", ["page", "mobile_page"])
def test_suggestions_work_as_an_accessible_combobox(request, demo_server, tab_name):
    tab = request.getfixturevalue(tab_name)
    tab.goto(demo_server.url("/"))
    box = tab.get_by_role("combobox", name="Search the site")

    box.press_sequentially("prp h", delay=30)

    listbox = tab.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=re.compile("PRP hair restoration"))
    expect(option).to_be_visible()

    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(r"-suggestions-0$"))
    box.press("Enter")

    expect(tab).to_have_url(demo_server.url("/services/prp-hair-restoration/"))


def test_escape_closes_the_suggestions(page, demo_server):
    page.goto(demo_server.url("/"))
    box = page.get_by_role("combobox", name="Search the site")
    box.press_sequentially("pr", delay=30)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()

    box.press("Escape")

    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_box_is_a_plain_search_field(no_js_page, demo_server):
    no_js_page.goto(demo_server.url("/"))
    assert no_js_page.get_by_role("combobox").count() == 0
    expect(no_js_page.get_by_role("searchbox", name="Search the site")).to_be_visible()
