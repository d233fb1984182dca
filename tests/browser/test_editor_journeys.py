"""Editor journeys: an editor changes something in the Wagtail admin, and a visitor sees it.

Everything under test goes through the real admin in chromium: the login form, the page
explorer and page editor, the snippet editor (with its Draftail and chooser widgets) and the
site settings form. Nothing is written to the database directly. The visitor is a separate,
logged-out browser context.

The tests share one `editable_server` (its own copy of the demo site) and each uses values no
other test uses, so they pass in any order and can't mask each other.
"""

import re
from contextlib import contextmanager, suppress

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, save_screenshot
from tests.server import ADMIN_PASSWORD, ADMIN_USERNAME

PRP_PATH = "/services/prp-hair-restoration/"
HEADER_PAGES = ["/", "/services/", PRP_PATH, "/faqs/", "/contact/"]


@pytest.fixture
def editor(page, editable_server):
    """The desktop tab, signed in to the admin through the login form."""
    page.goto(editable_server.url("/admin/login/"))
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page, "the editor signed in but did not reach the dashboard").to_have_url(
        re.compile(r"/admin/$")
    )
    return page


@pytest.fixture
def visitor(browser):
    """A fresh, logged-out desktop tab: no admin cookies, nothing cached."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@contextmanager
def screenshots_on_failure(name: str, **pages):
    """On a failure, save what each tab showed to artifacts/screenshots/."""
    try:
        yield
    except Exception:
        for role, tab in pages.items():
            with suppress(Exception):  # the original failure matters more
                save_screenshot(tab, f"editor-journey-{name}-{role}")
        raise


def publish(editor) -> None:
    """Click Publish in the editor's footer, opening the 'More actions' menu if it's in there."""
    button = editor.get_by_role("button", name="Publish", exact=True)
    if not button.is_visible():
        editor.get_by_role("button", name="More actions").click()
    button.click()


def visit(visitor, server, path: str) -> None:
    response = visitor.goto(server.url(path))
    assert response.status == 200, f"a visitor got HTTP {response.status} for {path}"


def test_edited_summary_is_published_to_visitors(editor, visitor, editable_server):
    new_summary = (
        "Edited in the browser test: PRP uses platelets from your own blood to support "
        "thinning hair."
    )
    with screenshots_on_failure("summary", editor=editor, visitor=visitor):
        # Home → Services → PRP hair restoration, through the page explorer.
        editor.goto(editable_server.url("/admin/pages/"))
        editor.get_by_role("link", name="Explore child pages of 'Home'").click()
        editor.get_by_role("link", name="Explore child pages of 'Services'").click()
        editor.get_by_role("link", name="PRP hair restoration", exact=True).click()
        expect(editor, "the PRP page's editor did not open").to_have_url(
            re.compile(r"/admin/pages/\d+/edit/$")
        )

        editor.get_by_role("textbox", name="Summary").fill(new_summary)
        publish(editor)
        expect(
            editor.locator(".messages"), "the editor clicked Publish but saw no confirmation"
        ).to_contain_text("published")

        visit(visitor, editable_server, PRP_PATH)
        expect(
            visitor.locator(".page-header .lead"),
            f"the editor published the summary {new_summary!r}, "
            f"but a visitor to {PRP_PATH} saw another summary",
        ).to_have_text(new_summary)

        visit(visitor, editable_server, "/services/")
        prp_card = visitor.locator(
            ".card", has=visitor.get_by_role("link", name="PRP hair restoration")
        )
        expect(
            prp_card,
            "the editor published a new PRP summary, but the services list shows another one",
        ).to_contain_text(new_summary)


def test_new_faq_appears_on_the_service_page_and_the_faq_page(editor, visitor, editable_server):
    question = "Can I colour my hair between PRP sessions?"
    answer = "Yes, but wait a few days after each session so your scalp can settle first."
    category = "The treatment"
    with screenshots_on_failure("faq", editor=editor, visitor=visitor):
        # Sidebar: FAQs → Questions → Add FAQ.
        editor.get_by_role("button", name="FAQs").click()
        editor.get_by_role("link", name="Questions").click()
        editor.get_by_role("link", name="Add FAQ").click()
        expect(editor, "'Add FAQ' did not open the FAQ form").to_have_url(
            re.compile(r"/admin/snippets/faqs/faq/add/$")
        )

        editor.get_by_role("textbox", name="Question").fill(question)
        # The answer is a Draftail rich-text editor: type into its contenteditable.
        editor.locator('[data-contentpath="answer"] [contenteditable="true"]').click()
        editor.keyboard.type(answer)
        # The category is a snippet chooser: a modal listing the categories.
        editor.get_by_role("button", name="Choose FAQ category").click()
        editor.get_by_role("dialog").get_by_role("link", name=category, exact=True).click()
        expect(
            editor.locator("#id_category-title"),
            f"the editor chose the category {category!r} but the form didn't take it",
        ).to_have_text(category)
        editor.get_by_role("checkbox", name="PRP hair restoration").check()
        # The demo questions are numbered from 0: -1 puts this one first.
        editor.get_by_role("spinbutton", name="Sort order").fill("-1")
        publish(editor)
        expect(
            editor.locator(".messages"),
            "the editor clicked Publish on the new FAQ but saw no confirmation",
        ).to_contain_text(f"FAQ '{question}' created and published")

        # On the PRP page: first among its questions, closed until the visitor opens it.
        visit(visitor, editable_server, PRP_PATH)
        prp_faqs = visitor.get_by_role("region", name="Questions about PRP hair restoration")
        expect(
            prp_faqs.locator("details.faq summary").first,
            f"the editor published {question!r} for the PRP service with sort order -1, "
            f"but it is not the first question a visitor sees on {PRP_PATH}",
        ).to_have_text(question)
        faq = prp_faqs.locator("details.faq", has=visitor.get_by_text(question, exact=True))
        expect(faq.locator(".faq__answer"), "the answer shows before it is opened").to_be_hidden()
        faq.locator("summary").click()
        expect(
            faq.locator(".faq__answer"),
            f"a visitor opened {question!r} on {PRP_PATH} but didn't see the editor's answer",
        ).to_contain_text(answer)

        # On the FAQ page: first under its category.
        visit(visitor, editable_server, "/faqs/")
        category_section = visitor.get_by_role("region", name=category, exact=True)
        expect(
            category_section.locator("details.faq summary").first,
            f"the editor published {question!r} in {category!r}, but on /faqs/ it is not "
            f"the first question under that heading",
        ).to_have_text(question)
        faq = category_section.locator("details.faq", has=visitor.get_by_text(question, exact=True))
        faq.locator("summary").click()
        expect(
            faq.locator(".faq__answer"),
            f"a visitor opened {question!r} on /faqs/ but didn't see the editor's answer",
        ).to_contain_text(answer)


def test_new_phone_number_shows_in_every_page_header(editor, visitor, editable_server):
    phone, href = "(555) 010-0142", "tel:+15550100142"
    with screenshots_on_failure("phone", editor=editor, visitor=visitor):
        # Sidebar: Settings → Clinic details (redirects to this site's settings).
        editor.get_by_role("button", name="Settings").click()
        editor.get_by_role("link", name="Clinic details").click()
        expect(editor, "'Clinic details' did not open the settings form").to_have_url(
            re.compile(r"/admin/settings/clinic/clinicsettings/\d+/$")
        )
        editor.get_by_role("textbox", name="Phone").fill(phone)
        editor.get_by_role("button", name="Save", exact=True).click()
        expect(
            editor.locator(".messages"),
            "the editor saved the clinic details but saw no confirmation",
        ).to_contain_text("Clinic details updated")

        seen = {}
        for path in HEADER_PAGES:
            visit(visitor, editable_server, path)
            link = visitor.locator("a.site-header__phone")
            if link.count() != 1:
                seen[path] = f"{link.count()} header phone links"
                continue
            text, link_href = " ".join(link.text_content().split()), link.get_attribute("href")
            if phone not in text or link_href != href:
                seen[path] = f"{text!r} linking to {link_href!r}"
        assert not seen, (
            f"the editor saved the phone {phone!r} in Settings → Clinic details, so every header "
            f"should show it linking to {href!r}, but a visitor saw: {seen}"
        )
