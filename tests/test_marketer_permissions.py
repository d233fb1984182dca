"""Marketers (Editors) and Moderators do what the README's editing table gives them, without an
administrator: FAQs, their categories, providers, clinic details and the consent wording."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from contact.models import ConsentWording
from faqs.models import FAQ
from tests.test_admin_editing import clinic_settings_url, new_clinic_details_data, new_faq_form_data


@pytest.fixture(params=["Editors", "Moderators"])
def marketer_client(request, client, django_user_model, site_tree):
    marketer = django_user_model.objects.create_user("marketer", "m@example.com", "pw")
    marketer.groups.add(Group.objects.get(name=request.param))
    client.force_login(marketer)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_faqs_faq:list",
        "wagtailsnippets_faqs_faq:add",
        "wagtailsnippets_faqs_faqcategory:list",
        "wagtailsnippets_faqs_faqcategory:add",
        "wagtailsnippets_clinic_provider:list",
        "wagtailsnippets_clinic_provider:add",
        "wagtailsnippets_contact_consentwording:list",
    ],
)
def test_marketers_open_the_content_screens(marketer_client, url_name):
    assert marketer_client.get(reverse(url_name)).status_code == 200


@pytest.mark.django_db
def test_marketers_publish_an_faq(marketer_client, site_tree):
    response = marketer_client.post(
        reverse("wagtailsnippets_faqs_faq:add"), new_faq_form_data(site_tree)
    )

    assert response.status_code == 302, response.context["form"].errors
    assert FAQ.objects.get(question="Can I wash my hair afterwards?").live


@pytest.mark.django_db
def test_marketers_change_the_phone_and_opening_hours(marketer_client, site_tree, clinic_settings):
    response = marketer_client.post(clinic_settings_url(clinic_settings), new_clinic_details_data())

    assert response.status_code == 302, response.context["form"].errors
    clinic_settings.refresh_from_db()
    assert clinic_settings.phone == "(555) 010-0123"


@pytest.mark.django_db
def test_consent_wording_is_deleted_by_administrators_only(marketer_client, admin_client):
    wording = ConsentWording.current()
    url = reverse("wagtailsnippets_contact_consentwording:delete", args=[wording.pk])

    refused = marketer_client.post(url)

    # Wagtail's refusal: back to the dashboard, saying why.
    assert refused.status_code == 302
    assert refused["Location"] == reverse("wagtailadmin_home")
    shown = [str(message).strip() for message in get_messages(refused.wsgi_request)]
    assert shown == ["Sorry, you do not have permission to access this area."]
    assert ConsentWording.objects.filter(pk=wording.pk).exists()

    deleted = admin_client.post(url)

    assert deleted.status_code == 302
    assert deleted["Location"] == reverse("wagtailsnippets_contact_consentwording:list")
    assert not ConsentWording.objects.filter(pk=wording.pk).exists()
