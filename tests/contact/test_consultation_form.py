"""The consultation form: stored first, notified without contents, guarded without a CAPTCHA."""

import datetime
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from contact.forms import STARTED_SALT
from contact.models import ConsentWording, ConsultationFormField, ConsultationRequest

MESSAGE = "My hair started thinning after a stressful year"


class ExplodingEmailBackend:
    """An email backend that always fails, like an SMTP server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def contact_page(site_tree):
    page = site_tree["contact"]
    fields = [
        ("Your name", "singleline", True, "name"),
        ("Email", "email", True, "email"),
        ("Phone", "tel", False, "tel"),
        ("Service you're interested in", "service", False, ""),
        ("Your message", "multiline", False, ""),
    ]
    for order, (label, field_type, required, autocomplete) in enumerate(fields):
        ConsultationFormField.objects.create(
            page=page,
            sort_order=order,
            label=label,
            field_type=field_type,
            required=required,
            autocomplete=autocomplete,
        )
    page.notification_email = "frontdesk@example.com"
    page.thank_you_text = "<p>We will call you back within a day.</p>"
    page.save_revision().publish()
    return page


def started(seconds_ago=10) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def form_data(**overrides):
    data = {
        "your_name": "Sam Patient",
        "email": "sam@example.com",
        "phone": "(555) 010-0100",
        "service_youre_interested_in": "PRP hair restoration",
        "your_message": MESSAGE,
        "consent": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def send(client, page, **overrides):
    return client.post(page.url, form_data(**overrides))


@pytest.mark.django_db
def test_a_request_is_stored_with_its_consent_version_and_time(client, contact_page):
    response = send(client, contact_page)

    assert response.status_code == 200
    request = ConsultationRequest.objects.get()
    assert request.get_data()["your_message"] == MESSAGE
    assert request.consent_wording == ConsentWording.current()
    assert request.consented_at is not None
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text() == "Thank you: we have your request"
    assert "We will call you back within a day." in html.main.get_text()
    assert html.main.find("a", href="tel:+13109759785") is not None


@pytest.mark.django_db
def test_the_notification_says_a_request_arrived_but_nothing_it_said(
    client, contact_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, contact_page)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["frontdesk@example.com"]
    everything = email.subject + email.body + str(email.alternatives)
    for value in ["Sam Patient", "sam@example.com", "010-0100", "thinning", "PRP hair"]:
        assert value not in everything
    assert f"/admin/forms/submissions/{contact_page.pk}/" in email.body


@pytest.mark.django_db
def test_when_email_fails_the_request_is_kept_and_the_visitor_sees_success(
    client, contact_page, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.ExplodingEmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, contact_page)

    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_and_not_stored(client, contact_page):
    response = send(client, contact_page, website="http://spam.example")

    assert response.status_code == 400
    assert b"(310) 975-9785" in response.content
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("stamp", ["just now", "", "forged-stamp", None])
def test_a_too_fast_or_unstamped_form_is_sent_back_with_the_values_kept(
    client, contact_page, stamp
):
    if stamp == "just now":
        stamp = started(seconds_ago=0)
    response = send(client, contact_page, started=stamp)

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert "quicker than we expected" in html.select_one(".error-summary").get_text()
    assert html.find("input", attrs={"name": "your_name"})["value"] == "Sam Patient"
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "stamp", [started(seconds_ago=25 * 60 * 60), "forged-stamp", ""], ids=["day-old", "bad", "none"]
)
def test_a_form_sent_back_for_its_stamp_can_be_sent_again_without_retyping(
    client, contact_page, stamp, monkeypatch
):
    first = BeautifulSoup(send(client, contact_page, started=stamp).content, "html.parser")
    assert first.select_one(".error-summary")
    assert not ConsultationRequest.objects.exists()

    # The visitor reads the message and presses send again some seconds later, sending back
    # what the page now holds.
    resent_stamp = first.find("input", attrs={"name": "started"})["value"]
    later = time.time() + 10
    monkeypatch.setattr(time, "time", lambda: later)
    second = send(client, contact_page, started=resent_stamp)

    assert second.status_code == 200
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_sixth_request_in_a_minute_from_one_ip_is_refused(client, contact_page):
    accepted = [send(client, contact_page) for _ in range(5)]
    refused = [send(client, contact_page) for _ in range(2)]

    for response in accepted:
        assert response.status_code == 200
        assert "Thank you: we have your request" in response.content.decode()
    assert [response.status_code for response in refused] == [429, 429]
    assert ConsultationRequest.objects.count() == 5  # nothing past the limit was stored
    # The "please wait" page, offering the phone instead (the form with errors is no refusal).
    html = BeautifulSoup(refused[-1].content, "html.parser")
    assert html.h1.get_text() == "We've received several requests from you"
    assert "please wait a minute" in html.main.get_text()
    assert html.main.find("a", href="tel:+13109759785").get_text() == "(310) 975-9785"
    assert html.select_one(".consultation-form") is None


@pytest.mark.django_db
def test_another_ip_is_not_held_up_by_the_first(client, contact_page):
    for _ in range(6):
        send(client, contact_page)

    response = client.post(contact_page.url, form_data(), REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 200
    assert "Thank you: we have your request" in response.content.decode()
    assert ConsultationRequest.objects.count() == 6


@pytest.mark.django_db
def test_a_post_without_the_csrf_token_is_forbidden(contact_page):
    strict_client = Client(enforce_csrf_checks=True)

    response = strict_client.post(contact_page.url, form_data())

    assert response.status_code == 403
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_consent_is_unticked_and_required(client, contact_page):
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    box = html.find("input", attrs={"name": "consent"})
    assert box["type"] == "checkbox" and not box.has_attr("checked") and box.has_attr("required")
    assert ConsentWording.current().text in html.find("label", attrs={"for": box["id"]}).text

    response = send(client, contact_page, consent=None)

    assert "Please tick the box" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_errors_are_summarised_linked_and_tied_to_their_fields(client, contact_page):
    response = send(client, contact_page, email="not-an-email")

    html = BeautifulSoup(response.content, "html.parser")
    summary = html.select_one(".error-summary")
    assert summary["role"] == "alert" and summary.has_attr("autofocus")
    assert summary.find("a", href="#id_email") is not None
    email_input = html.find("input", id="id_email")
    assert email_input["aria-invalid"] == "true"
    assert "id_email_error" in email_input["aria-describedby"]
    assert html.find(id="id_email_error") is not None


@pytest.mark.django_db
def test_a_radio_groups_error_links_to_its_first_button(client, contact_page):
    ConsultationFormField.objects.create(
        page=contact_page,
        sort_order=10,
        label="How should we contact you?",
        field_type="radio",
        choices="Phone\nEmail",
        required=True,
    )

    html = BeautifulSoup(send(client, contact_page).content, "html.parser")

    link = html.select_one(".error-summary").find("a", string=lambda text: "contact you" in text)
    first_button = html.find(id=link["href"].removeprefix("#"))
    # The link moves focus to a control a keyboard can use, not to the group's wrapper.
    assert first_button.name == "input" and first_button["type"] == "radio"


@pytest.mark.django_db
def test_fields_tell_browsers_how_to_autofill_them(client, contact_page):
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    autocomplete = {
        field["name"]: field.get("autocomplete")
        for field in html.select("form.consultation-form input")
        if field.get("name") in {"your_name", "email", "phone"}
    }
    assert autocomplete == {"your_name": "name", "email": "email", "phone": "tel"}


@pytest.mark.django_db
def test_service_choices_come_from_the_published_service_pages(client, contact_page, site_tree):
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    options = [o.get_text() for o in html.select("select[name=service_youre_interested_in] option")]
    assert options == ["Choose a service", "PRP hair restoration", "Not sure yet"]


@pytest.mark.django_db
def test_the_service_list_is_read_once_per_page_and_a_new_service_shows_at_once(
    client, contact_page, site_tree
):
    from tests.factories import ServicePageFactory

    with CaptureQueriesContext(connection) as captured:
        client.get(contact_page.url)
    service_reads = [q for q in captured if 'FROM "services_servicepage"' in q["sql"]]
    assert len(service_reads) == 1

    ServicePageFactory(parent=site_tree["services"], title="Scalp microneedling")
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    options = [o.get_text() for o in html.select("select[name=service_youre_interested_in] option")]
    assert "Scalp microneedling" in options


@pytest.mark.django_db
def test_changing_the_consent_wording_keeps_what_earlier_visitors_agreed_to(client, contact_page):
    send(client, contact_page)
    first = ConsentWording.current()
    original_text = first.text

    first.text = "A reworded consent statement."
    first.save()

    assert ConsentWording.objects.count() == 2
    earlier_request = ConsultationRequest.objects.get()
    assert earlier_request.consent_wording.text == original_text
    assert ConsentWording.current().text == "A reworded consent statement."


@pytest.mark.django_db
def test_the_version_recorded_is_the_one_the_visitor_was_shown(client, contact_page):
    shown = ConsentWording.current()
    html = BeautifulSoup(client.get(contact_page.url).content, "html.parser")
    shown_version = html.find("input", attrs={"name": "consent_version"})["value"]
    ConsentWording.objects.create(text="Newer wording published while the visitor typed.")

    send(client, contact_page, consent_version=shown_version)

    assert ConsultationRequest.objects.get().consent_wording == shown


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_worker_the_notification_is_sent_outside_the_request(client, contact_page, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    response = send(client, contact_page)

    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 1
    assert mail.outbox == []  # queued, not sent while the visitor waited
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--backend", "notifications", "--batch", "--no-startup-delay")

    assert len(mail.outbox) == 1
    assert "Sam Patient" not in mail.outbox[0].body


@pytest.mark.django_db
def test_mistakes_corrected_by_a_patient_do_not_use_up_the_rate_limit(client, contact_page):
    for _ in range(6):
        assert send(client, contact_page, email="not-an-email").status_code == 200

    assert send(client, contact_page).status_code == 200
    assert ConsultationRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["²", "9" * 5000, "-1", "1.5", "abc", ""])
def test_odd_consent_versions_fall_back_to_the_current_wording(client, contact_page, version):
    response = send(client, contact_page, consent_version=version)

    assert response.status_code == 200
    assert ConsultationRequest.objects.get().consent_wording == ConsentWording.current()


@pytest.mark.django_db
def test_an_old_consent_version_cannot_be_chosen_by_the_sender(client, contact_page):
    old = ConsentWording.current()
    newer = ConsentWording.objects.create(text="Newer wording.")
    ConsentWording.objects.filter(pk=newer.pk).update(
        created_at=newer.created_at - datetime.timedelta(days=2)
    )

    send(client, contact_page, consent_version=str(old.pk))

    assert ConsultationRequest.objects.get().consent_wording == newer


@pytest.mark.django_db
def test_a_contact_page_holding_requests_cannot_be_deleted(client, contact_page, django_user_model):
    from django.urls import reverse

    send(client, contact_page)
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))

    response = client.post(reverse("wagtailadmin_pages:delete", args=[contact_page.pk]))

    assert response.status_code == 302
    assert ConsultationRequest.objects.count() == 1
    assert type(contact_page).objects.filter(pk=contact_page.pk).exists()


@pytest.mark.django_db
def test_pages_above_a_contact_page_with_requests_are_not_deleted_alone_or_in_bulk(
    client, contact_page, site_tree, django_user_model
):
    from django.urls import reverse

    send(client, contact_page)
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))
    home = site_tree["home"]

    alone = client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]), follow=True)
    in_bulk = client.post(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={contact_page.pk}&id={site_tree['faq_page'].pk}",
        follow=True,
    )

    for response in (alone, in_bulk):
        assert response.status_code == 200
        assert "holds consultation requests" in response.content.decode()
    assert ConsultationRequest.objects.count() == 1
    assert type(contact_page).objects.filter(pk=contact_page.pk).exists()
    assert type(site_tree["faq_page"]).objects.filter(pk=site_tree["faq_page"].pk).exists()


@pytest.mark.django_db
def test_consent_wording_a_request_agreed_to_is_not_deleted(
    client, contact_page, django_user_model
):
    from django.urls import reverse

    send(client, contact_page)
    agreed_to = ConsultationRequest.objects.get().consent_wording
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))

    alone = client.post(
        reverse("wagtailsnippets_contact_consentwording:delete", args=[agreed_to.pk]), follow=True
    )
    in_bulk = client.post(
        reverse("wagtail_bulk_action", args=["contact", "consentwording", "delete"])
        + f"?id={agreed_to.pk}",
        follow=True,
    )

    for response in (alone, in_bulk):
        assert response.status_code == 200
        assert "record that their senders agreed to it" in response.content.decode()
    assert ConsentWording.objects.filter(pk=agreed_to.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "field_type", "choices", "error_on"),
    [
        ("How should we contact you?", "radio", "", "choices"),
        ("Which days suit you?", "checkboxes", "  ", "choices"),
        ("Website", "singleline", "", "label"),
        ("Consent", "checkbox", "", "label"),
    ],
)
def test_a_form_field_that_would_break_the_form_is_refused_with_a_reason(
    contact_page, label, field_type, choices, error_on
):
    from django.core.exceptions import ValidationError

    field = ConsultationFormField(
        page=contact_page, label=label, field_type=field_type, choices=choices, sort_order=20
    )

    with pytest.raises(ValidationError) as refused:
        field.full_clean()

    assert list(refused.value.message_dict) == [error_on]


@pytest.mark.django_db
def test_a_choice_field_with_its_choices_is_accepted(contact_page):
    ConsultationFormField(
        page=contact_page,
        label="How should we contact you?",
        field_type="radio",
        choices="Phone\nEmail",
        sort_order=20,
    ).full_clean()


@pytest.mark.django_db
def test_a_fields_stored_name_decides_a_clash_not_its_new_label(contact_page):
    from django.core.exceptions import ValidationError

    relabelled = ConsultationFormField(
        page=contact_page, label="Website", field_type="singleline", sort_order=20
    )
    relabelled.clean_name = "your_current_website"  # first saved as "Your current website"
    relabelled.full_clean()

    renamed_clash = ConsultationFormField(
        page=contact_page, label="Homepage", field_type="singleline", sort_order=21
    )
    renamed_clash.clean_name = "website"  # first saved as "Website"
    with pytest.raises(ValidationError):
        renamed_clash.full_clean()
