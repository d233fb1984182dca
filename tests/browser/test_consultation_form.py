"""Requesting a consultation in a real browser: helpful errors, then a stored request."""

import sqlite3

from playwright.sync_api import expect

# The form refuses anything sent faster than a person could type (contact/forms.py).
HUMAN_TYPING_PAUSE_MS = 3_200


def stored_requests(server) -> list[tuple]:
    with sqlite3.connect(server.workdir / "db.sqlite3") as database:
        return database.execute(
            "SELECT form_data, consent_wording_id, consented_at FROM contact_consultationrequest"
        ).fetchall()


def test_a_missing_answer_is_explained_and_focused(page, editable_server):
    page.goto(editable_server.url("/contact/"))
    page.wait_for_timeout(HUMAN_TYPING_PAUSE_MS)

    page.get_by_role("button", name="Send my request").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please check the form")
    summary.get_by_role("link", name="Your name").click()
    expect(page.get_by_label("Your name")).to_be_focused()


def test_a_request_sent_in_the_browser_is_stored_with_its_consent(page, editable_server):
    before = len(stored_requests(editable_server))
    page.goto(editable_server.url("/contact/"))

    form = page.locator("form.consultation-form")
    form.get_by_role("textbox", name="Your name").fill("Robin Browser")
    form.get_by_role("textbox", name="Email").fill("robin@example.com")
    form.get_by_role("textbox", name="Phone").fill("(555) 010-0111")
    form.get_by_role("radio", name="Phone").check()
    form.get_by_label("Service you're interested in").select_option("PRP hair restoration")
    form.get_by_role("textbox", name="Your message").fill("Thinning at the temples for two years.")
    form.get_by_role("checkbox", name="I agree").check()
    page.wait_for_timeout(HUMAN_TYPING_PAUSE_MS)
    page.get_by_role("button", name="Send my request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: we have your request")
    rows = stored_requests(editable_server)
    assert len(rows) == before + 1
    form_data, consent_version, consented_at = rows[-1]
    assert "Thinning at the temples" in form_data
    assert consent_version is not None and consented_at
