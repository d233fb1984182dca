"""/api/v2/pages/: the clinic's page data, display-ready, with absolute URLs and real images."""

import datetime

import pytest
from django.conf import settings

from review.models import PageReference
from tests.factories import ClinicImageFactory, FAQFactory, ProviderFactory, ServiceStepFactory

pytestmark = pytest.mark.django_db

BASE = settings.WAGTAILAPI_BASE_URL


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.fixture
def service(site_tree):
    """The PRP page with steps, lists, an image in the body, a hero image and two FAQs."""
    service = site_tree["service"]
    service.hero_image = ClinicImageFactory(description="A clinician preparing a sample")
    service.suitable_for = [("point", "Early thinning"), ("point", "Thinning after stress")]
    service.not_suitable_for = [("point", "Areas where follicles are gone")]
    service.benefits = [
        ("benefit", {"title": "Your own blood", "description": "Low allergy risk."})
    ]
    service.aftercare = [("point", "Avoid washing your hair for a day.")]
    service.risks = [("point", "Temporary soreness.")]
    service.downtime = "Most people return to work the same day."
    body_image = ClinicImageFactory(description="A centrifuge")
    service.body = [
        (
            "paragraph",
            f'<p>See <a linktype="page" id="{site_tree["faq_page"].pk}">the FAQs</a>.</p>',
        ),
        ("image", {"image": body_image, "caption": "The centrifuge"}),
    ]
    service.search_description = "PRP uses your own platelets."
    service.medical_reviewer = ProviderFactory(name="Dr. Ana Reyes", credentials="MD")
    service.last_reviewed = datetime.date(2026, 11, 2)
    service.next_review_due = None  # filled in on save: a year later
    service.save_revision().publish()
    ServiceStepFactory(page=service, title="Blood draw", description="A small sample.")
    ServiceStepFactory(page=service, title="Injection", description="Into the scalp.")
    FAQFactory(question="Does it hurt?", answer="<p>A little.</p>", related_services=[service])
    FAQFactory(question="Draft?", live=False, related_services=[service])
    PageReference.objects.create(
        page=service, title="A PRP trial", source="A journal, 2019", url="https://doi.org/10.1/x"
    )
    service.refresh_from_db()
    return service


def test_service_detail_has_the_structured_treatment_data(client, service):
    data = get_json(client, f"/api/v2/pages/{service.pk}/")

    assert data["title"] == "PRP hair restoration"
    assert data["summary"] == service.summary
    assert data["steps"] == [
        {"title": "Blood draw", "description": "A small sample."},
        {"title": "Injection", "description": "Into the scalp."},
    ]
    assert data["suitable_for"] == ["Early thinning", "Thinning after stress"]
    assert data["not_suitable_for"] == ["Areas where follicles are gone"]
    assert data["benefits"] == [{"title": "Your own blood", "description": "Low allergy risk."}]
    assert data["aftercare"] == ["Avoid washing your hair for a day."]
    assert data["risks"] == ["Temporary soreness."]
    assert data["downtime"] == "Most people return to work the same day."
    assert data["disclaimer"] == service.disclaimer
    assert data["treatment_plan"] == {
        "sessions": 3,
        "interval_weeks": {"min": 4, "max": 6},
        "maintenance_months": {"min": 4, "max": 6},
        "schedule_text": service.schedule_text,
    }
    assert "3 sessions" in data["treatment_plan"]["schedule_text"]


def test_urls_are_absolute(client, service):
    data = get_json(client, f"/api/v2/pages/{service.pk}/")

    assert data["meta"]["html_url"] == f"{BASE}/services/prp/"
    assert data["meta"]["parent"]["meta"]["html_url"] == f"{BASE}/services/"
    assert data["meta"]["detail_url"] == f"{BASE}/api/v2/pages/{service.pk}/"
    assert data["seo"] == {
        "title": "PRP hair restoration",
        "description": "PRP uses your own platelets.",
        "canonical_url": f"{BASE}/services/prp/",
        "noindex": False,
    }


def test_related_faqs_are_published_ones_with_html_answers(client, service, site_tree):
    data = get_json(client, f"/api/v2/pages/{service.pk}/")

    assert [faq["question"] for faq in data["related_faqs"]] == ["Does it hurt?"]
    faq = data["related_faqs"][0]
    assert faq["answer"] == "<p>A little.</p>"
    assert faq["html_url"] == f"{BASE}/faqs/#faq-{faq['id']}"


def test_rich_text_is_display_html_with_internal_links_resolved(client, service):
    data = get_json(client, f"/api/v2/pages/{service.pk}/")

    paragraph = data["body"][0]
    assert paragraph["type"] == "paragraph"
    assert '<a href="/faqs/">the FAQs</a>' in paragraph["value"]
    assert "linktype" not in paragraph["value"]


def assert_responsive_image(image, alt):
    assert image["alt"] == alt
    assert image["width"] > 0 and image["height"] > 0
    formats = [source["format"] for source in image["sources"]]
    assert formats == ["avif", "webp", "jpeg"]
    for source in image["sources"]:
        assert source["mime_type"] == f"image/{source['format']}"
        assert source["renditions"], "at least one width"
        for rendition in source["renditions"]:
            assert rendition["url"].startswith(f"{BASE}/media/images/")
            assert rendition["url"].endswith(
                {"avif": ".avif", "webp": ".webp", "jpeg": ".jpg"}[source["format"]]
            )
            assert rendition["width"] <= image["width"]
        assert source["srcset"] == ", ".join(
            f"{r['url']} {r['width']}w" for r in source["renditions"]
        )


def test_images_come_with_alt_text_sizes_and_renditions(client, service):
    data = get_json(client, f"/api/v2/pages/{service.pk}/")

    assert_responsive_image(data["hero_image"], "A clinician preparing a sample")
    image_block = data["body"][1]
    assert image_block["type"] == "image"
    assert image_block["value"]["caption"] == "The centrifuge"
    assert_responsive_image(image_block["value"]["image"], "A centrifuge")


def test_image_endpoint_gives_alt_and_renditions(client, service):
    data = get_json(client, "/api/v2/images/")

    assert data["meta"]["total_count"] == 2
    for item in data["items"]:
        assert item["alt"]
        assert_responsive_image(item["responsive"], item["alt"])


def test_listing_service_pages_with_all_fields(client, service):
    data = get_json(client, "/api/v2/pages/?type=services.ServicePage&fields=*")

    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["steps"][0]["title"] == "Blood draw"
    assert item["related_faqs"][0]["question"] == "Does it hurt?"
    assert_responsive_image(item["body"][1]["value"]["image"], "A centrifuge")


def test_other_page_types_expose_their_fields(client, site_tree):
    home = get_json(client, f"/api/v2/pages/{site_tree['home'].pk}/")
    assert home["hero_heading"] == site_tree["home"].hero_heading
    contact = get_json(client, f"/api/v2/pages/{site_tree['contact'].pk}/")
    assert "form_heading" in contact
    assert "notification_email" not in contact, "a staff address is not public"
    faq_page = get_json(client, f"/api/v2/pages/{site_tree['faq_page'].pk}/")
    assert "intro" in faq_page


def test_drafts_and_unpublished_pages_are_not_served(client, service):
    service.unpublish()
    get_json(client, f"/api/v2/pages/{service.pk}/", status=404)
    listing = get_json(client, "/api/v2/pages/?type=services.ServicePage")
    assert listing["items"] == []


def test_clinical_review_is_exposed(client, service):
    review = get_json(client, f"/api/v2/pages/{service.pk}/")["clinical_review"]

    assert review["medical_reviewer"]["name"] == "Dr. Ana Reyes"
    assert review["medical_reviewer"]["credentials"] == "MD"
    assert review["last_reviewed"] == "2026-11-02"
    assert review["next_review_due"] == "2027-11-02"
    assert review["references"] == [
        {"title": "A PRP trial", "source": "A journal, 2019", "url": "https://doi.org/10.1/x"}
    ]


def test_team_page_lists_the_providers(client, home_page):
    from tests.factories import TeamPageFactory

    team = TeamPageFactory(parent=home_page, slug="team")
    ProviderFactory(name="Dr. Ana Reyes", credentials="MD", short_bio="Board-certified.")
    data = get_json(client, f"/api/v2/pages/{team.pk}/")

    provider = data["providers"][0]
    assert provider["name"] == "Dr. Ana Reyes" and provider["credentials"] == "MD"
    assert provider["short_bio"] == "Board-certified."
    assert provider["photo"] is None
