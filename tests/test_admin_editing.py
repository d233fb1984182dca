"""What a marketer does in the admin reaches visitors: pages, FAQs, settings, images."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from clinic.models import ClinicImage, Provider
from faqs.models import FAQ
from tests.factories import FAQCategoryFactory
from tests.test_images import png_bytes


@pytest.fixture
def editor_client(client, django_user_model, site_tree):
    admin = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(admin)
    return client


def service_form_data(service, **changes):
    """The service page's edit form as the admin posts it, with `changes` applied."""
    fields = {
        "title": service.title,
        "slug": service.slug,
        "summary": service.summary,
        "search_description": service.search_description,
        "steps": inline_formset([]),
        "references": inline_formset([]),
        "suitable_for": [],
        "disclaimer": service.disclaimer,
        "plan_sessions": "3",
        "plan_interval_weeks_min": "4",
        "plan_interval_weeks_max": "6",
        "plan_maintenance_months_min": "4",
        "plan_maintenance_months_max": "6",
    }
    fields.update(changes)
    data = nested_form_data(fields)
    for stream in [
        "suitable_for",
        "not_suitable_for",
        "benefits",
        "preparation",
        "aftercare",
        "risks",
        "body",
    ]:
        data[f"{stream}-count"] = "0"
    return data


def new_faq_form_data(site_tree) -> dict:
    """The FAQ add form, published: a question for the service page, in a new category."""
    return {
        "question": "Can I wash my hair afterwards?",
        "answer": rich_text("<p>Wait 48 hours before washing your scalp.</p>"),
        "category": str(FAQCategoryFactory(name="The treatment").pk),
        "related_services": [str(site_tree["service"].pk)],
        "sort_order": "1",
        "action-publish": "publish",
    }


def clinic_settings_url(clinic_settings) -> str:
    return reverse(
        "wagtailsettings:edit", args=["clinic", "clinicsettings", clinic_settings.site_id]
    )


def new_clinic_details_data() -> dict:
    """The clinic details form with a new phone number and Tuesday's hours."""
    return nested_form_data(
        {
            "clinic_name": "Test Hair Clinic",
            "phone": "(555) 010-0123",
            "country": "US",
            "opening_hours": inline_formset(
                [{"weekday": "1", "opens": "08:30", "closes": "16:00", "closed": ""}]
            ),
        }
    )


def visitor_html(client, url):
    client.logout()
    return BeautifulSoup(client.get(url).content, "html.parser")


@pytest.mark.django_db
def test_editing_and_publishing_a_service_summary_changes_what_visitors_see(
    editor_client, site_tree
):
    service = site_tree["service"]
    data = service_form_data(
        service,
        summary="A brand-new summary written by marketing.",
        **{"action-publish": "publish"},
    )

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)

    assert response.status_code == 302, response.context["form"].errors
    html = visitor_html(editor_client, service.url)
    assert html.select_one(".lead").get_text(strip=True) == (
        "A brand-new summary written by marketing."
    )


@pytest.mark.django_db
def test_saving_a_draft_does_not_change_what_visitors_see(editor_client, site_tree):
    service = site_tree["service"]
    original = service.summary
    data = service_form_data(service, summary="Not yet approved wording.")

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[service.pk]), data)

    assert response.status_code == 302
    html = visitor_html(editor_client, service.url)
    assert html.select_one(".lead").get_text(strip=True) == original


@pytest.mark.django_db
def test_a_faq_published_in_the_admin_appears_on_its_service_and_the_faq_page(
    editor_client, site_tree
):
    response = editor_client.post(
        reverse("wagtailsnippets_faqs_faq:add"), new_faq_form_data(site_tree)
    )

    assert response.status_code == 302, response.context["form"].errors
    assert FAQ.objects.get(question="Can I wash my hair afterwards?").live
    for page_key in ["service", "faq_page"]:
        text = visitor_html(editor_client, site_tree[page_key].url).get_text()
        assert "Can I wash my hair afterwards?" in text
        assert "Wait 48 hours before washing your scalp." in text


@pytest.mark.django_db
def test_changing_the_phone_in_settings_changes_the_header(
    editor_client, site_tree, clinic_settings
):
    response = editor_client.post(clinic_settings_url(clinic_settings), new_clinic_details_data())

    assert response.status_code == 302, response.context["form"].errors
    html = visitor_html(editor_client, site_tree["home"].url)
    assert html.select_one(".site-header__phone")["href"] == "tel:+15550100123"
    assert "Tuesday 8:30 AM – 4:00 PM" in html.find("footer").get_text(" ", strip=True)


@pytest.mark.django_db
def test_settings_form_rejects_hours_that_close_before_they_open(
    editor_client, site_tree, clinic_settings
):
    url = reverse(
        "wagtailsettings:edit", args=["clinic", "clinicsettings", clinic_settings.site_id]
    )
    data = nested_form_data(
        {
            "clinic_name": "Test Hair Clinic",
            "phone": "(310) 975-9785",
            "country": "US",
            "opening_hours": inline_formset(
                [{"weekday": "1", "opens": "17:00", "closes": "09:00", "closed": ""}]
            ),
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200  # the form comes back with an error, nothing is saved
    assert not clinic_settings.opening_hours.filter(weekday=1).exists()


@pytest.mark.django_db
def test_an_image_cannot_be_uploaded_without_alt_text(editor_client):
    upload = SimpleUploadedFile("scalp.png", png_bytes(), content_type="image/png")

    response = editor_client.post(
        reverse("wagtailimages:add"), {"title": "Scalp", "file": upload, "description": ""}
    )

    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not ClinicImage.objects.exists()


@pytest.mark.django_db
def test_an_image_with_alt_text_is_saved_and_used_as_its_alt(editor_client):
    upload = SimpleUploadedFile("scalp.png", png_bytes(), content_type="image/png")

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Scalp", "file": upload, "description": "A scalp seen from above"},
    )

    assert response.status_code == 302
    image = ClinicImage.objects.get(title="Scalp")
    assert image.default_alt_text == "A scalp seen from above"


@pytest.mark.django_db
def test_editor_can_add_a_provider(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_clinic_provider:add"),
        {"name": "Dr. New Person", "credentials": "MD", "role": "Dermatologist", "short_bio": ""},
    )

    assert response.status_code == 302
    assert str(Provider.objects.get()) == "Dr. New Person, MD"


@pytest.mark.django_db
def test_searching_the_faq_and_provider_listings_finds_them_also_with_a_filter(editor_client):
    hair_loss = FAQCategoryFactory(name="Hair loss")
    other = FAQCategoryFactory(name="Visiting us")
    FAQ.objects.create(
        question="Does PRP help thinning hair?", answer="<p>Often.</p>", category=hair_loss
    )
    FAQ.objects.create(
        question="Where do I park?", answer="<p>Behind the hair salon.</p>", category=other
    )
    Provider.objects.create(name="Dr. Dana Reyes", credentials="MD", role="Dermatologist")
    faqs_url = reverse("wagtailsnippets_faqs_faq:list")

    def listed(url, **params):
        response = editor_client.get(url, params)
        assert response.status_code == 200, params
        return response.content.decode()

    both = listed(faqs_url, q="hair")
    assert "Does PRP help thinning hair?" in both and "Where do I park?" in both
    filtered = listed(faqs_url, q="hair", category=hair_loss.pk)
    assert "Does PRP help thinning hair?" in filtered and "Where do I park?" not in filtered
    assert "Dr. Dana Reyes" in listed(reverse("wagtailsnippets_clinic_provider:list"), q="dermat")


@pytest.mark.django_db
def test_a_service_page_needs_a_meta_description_to_publish_but_not_to_save_a_draft(
    editor_client, site_tree
):
    service = site_tree["service"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])

    publish = editor_client.post(
        edit_url, service_form_data(service, search_description="", **{"action-publish": "1"})
    )

    assert publish.status_code == 200
    assert "Write a meta description" in str(publish.context["form"].errors["search_description"])

    draft = editor_client.post(
        edit_url, service_form_data(service, search_description="", summary="Work in progress.")
    )

    assert draft.status_code == 302, draft.context["form"].errors
    service.refresh_from_db()
    assert service.get_latest_revision_as_object().summary == "Work in progress."
    assert service.search_description, "the live page keeps its description"
