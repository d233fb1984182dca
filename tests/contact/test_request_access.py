"""Only the front desk reads consultation requests; every look is logged; old ones are purged."""

import datetime
import string

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageLogEntry

from contact.models import ConsentWording, ConsultationRequest
from tests.contact.test_consultation_form import (  # noqa: F401 (contact_page is a fixture)
    contact_page,
    form_data,
    started,
)


def make_request(page, **data):
    return ConsultationRequest.objects.create(
        page=page,
        form_data={"your_name": "Sam", **data},
        consent_wording=ConsentWording.current(),
        consented_at=timezone.now(),
    )


@pytest.fixture
def staff(django_user_model):
    def make(username, group=None):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


def submissions_url(page, **params):
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.mark.django_db
def test_front_desk_can_read_and_export_requests(client, staff, contact_page):  # noqa: F811
    make_request(contact_page, your_message="Thinning at the crown")
    client.force_login(staff("reception", "Front desk"))

    listing = client.get(submissions_url(contact_page))
    export = client.get(submissions_url(contact_page, export="csv"))

    assert listing.status_code == 200
    assert "Thinning at the crown" in listing.content.decode()
    assert export.status_code == 200
    assert "Thinning at the crown" in b"".join(export.streaming_content).decode()


@pytest.mark.django_db
def test_every_view_and_export_is_written_to_the_audit_log(client, staff, contact_page):  # noqa: F811
    make_request(contact_page)
    reception = staff("reception", "Front desk")
    client.force_login(reception)

    client.get(submissions_url(contact_page))
    b"".join(client.get(submissions_url(contact_page, export="xlsx")).streaming_content)

    entries = PageLogEntry.objects.filter(page=contact_page, user=reception)
    actions = sorted(entries.values_list("action", flat=True))
    assert actions == ["contact.export_requests", "contact.view_requests"]
    assert entries.get(action="contact.export_requests").data == {"format": "xlsx"}


@pytest.mark.django_db
def test_marketers_who_edit_the_contact_page_cannot_read_requests(client, staff, contact_page):  # noqa: F811
    make_request(contact_page, your_message="Private")
    client.force_login(staff("marketer", "Editors"))

    response = client.get(submissions_url(contact_page))

    assert response.status_code in (302, 403)
    assert b"Private" not in response.content


@pytest.mark.django_db
def test_the_menu_leads_front_desk_staff_to_the_requests(client, staff, contact_page):  # noqa: F811
    client.force_login(staff("reception", "Front desk"))

    response = client.get(reverse("consultation_requests"))

    assert response.status_code == 302
    assert response["Location"] == submissions_url(contact_page)


@pytest.mark.django_db
def test_purge_deletes_exactly_the_requests_older_than_the_retention_period(
    contact_page,  # noqa: F811
    settings,
):
    settings.CONSULTATION_RETENTION_DAYS = 30
    old, recent = make_request(contact_page), make_request(contact_page)
    ConsultationRequest.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=31)
    )
    ConsultationRequest.objects.filter(pk=recent.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=29)
    )

    call_command("purge_submissions", verbosity=0)

    assert list(ConsultationRequest.objects.values_list("pk", flat=True)) == [recent.pk]


text_values = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=600
) | st.sampled_from(["<script>alert(1)</script>", "\x00", "' OR 1=1 --", "😀" * 300])


@pytest.mark.django_db
# 250 examples in `make test`; a fifth of that in .ci/run's PostgreSQL phase (tests/conftest.py).
@settings(
    max_examples=round(2.5 * settings.default.max_examples),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(name=text_values, email=text_values, phone=text_values, message=text_values)
def test_random_input_never_breaks_the_form(client, contact_page, name, email, phone, message):  # noqa: F811
    cache.clear()
    response = client.post(
        contact_page.url,
        form_data(
            your_name=name,
            email=email,
            phone=phone,
            your_message=message,
            started=started(),
        ),
    )
    assert response.status_code in (200, 400)
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
def test_stored_markup_is_shown_escaped_to_the_front_desk(client, staff, contact_page):  # noqa: F811
    make_request(contact_page, your_message='<img src=x onerror="alert(1)">' + string.ascii_letters)
    client.force_login(staff("reception", "Front desk"))

    html = client.get(submissions_url(contact_page)).content.decode()

    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert BeautifulSoup(html, "html.parser").find("img", src="x") is None
