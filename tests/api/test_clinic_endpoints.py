"""The clinic's own endpoints: settings, FAQs, navigation and search."""

import datetime

import pytest
from django.conf import settings

from clinic.models import OpeningHours
from tests.factories import FAQCategoryFactory, FAQFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

BASE = settings.WAGTAILAPI_BASE_URL


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# /api/v2/settings/


def test_settings_give_the_contact_details_the_footer_shows(client, site_tree, clinic_settings):
    OpeningHours.objects.create(
        settings=clinic_settings, weekday=0, opens=datetime.time(18), closes=datetime.time(20)
    )
    OpeningHours.objects.create(settings=clinic_settings, weekday=6, closed=True)
    data = get_json(client, "/api/v2/settings/")

    assert data["clinic_name"] == "Test Hair Clinic"
    assert data["phone"] == "(310) 975-9785"
    assert data["phone_href"] == "tel:+13109759785"
    assert data["email"] == "hello@example.com"
    assert data["address"]["lines"] == ["1 Test Street", "Los Angeles, CA 90001"]
    assert data["social_links"] == [
        {"network": "Instagram", "url": "https://www.instagram.com/example"}
    ]
    assert data["contact_page"]["html_url"] == f"{BASE}/contact/"
    # No booking system configured: the booking link is the contact page.
    assert data["booking_url"] == f"{BASE}/contact/"
    monday, sunday = data["opening_hours"][0], data["opening_hours"][6]
    assert monday["day"] == "Monday" and monday["is_open"]
    assert monday["intervals"] == [
        {"opens": "09:00", "closes": "17:00"},
        {"opens": "18:00", "closes": "20:00"},
    ]
    assert sunday == {
        "weekday": 6,
        "day": "Sunday",
        "is_open": False,
        "intervals": [],
        "text": "Closed",
    }
    assert len(data["opening_hours"]) == 7


def test_settings_change_when_an_editor_saves_them(client, site_tree, clinic_settings):
    clinic_settings.phone = "(310) 000-1111"
    clinic_settings.save()
    assert get_json(client, "/api/v2/settings/")["phone"] == "(310) 000-1111"


def test_settings_before_anyone_filled_them_in(client, home_page):
    data = get_json(client, "/api/v2/settings/")
    assert data["phone"] == "" and data["opening_hours"][0]["is_open"] is False


# /api/v2/faqs/


@pytest.fixture
def faqs(site_tree):
    cost = FAQCategoryFactory(name="Cost", slug="cost", sort_order=2)
    treatment = FAQCategoryFactory(name="Treatment", slug="treatment", sort_order=1)
    other_service = ServicePageFactory(parent=site_tree["services"], title="Microneedling")
    return {
        "hurt": FAQFactory(
            question="Does it hurt?", category=treatment, related_services=[site_tree["service"]]
        ),
        "price": FAQFactory(question="What does it cost?", category=cost),
        "needles": FAQFactory(
            question="How deep?", category=treatment, related_services=[other_service]
        ),
        "draft": FAQFactory(question="Draft?", category=treatment, live=False),
        "other_service": other_service,
    }


def test_faqs_list_published_questions_in_category_order(client, faqs):
    data = get_json(client, "/api/v2/faqs/")

    questions = [item["question"] for item in data["items"]]
    assert questions == ["Does it hurt?", "How deep?", "What does it cost?"]
    first = data["items"][0]
    assert first["answer"] == "<p>An answer.</p>"
    assert first["category"] == {"slug": "treatment", "name": "Treatment"}
    assert first["html_url"] == f"{BASE}/faqs/#faq-{faqs['hurt'].pk}"
    assert first["meta"]["detail_url"] == f"{BASE}/api/v2/faqs/{faqs['hurt'].pk}/"


def test_faqs_filter_by_category_and_service(client, faqs, site_tree):
    by_category = get_json(client, "/api/v2/faqs/?category=cost")
    assert [item["question"] for item in by_category["items"]] == ["What does it cost?"]
    by_service = get_json(client, f"/api/v2/faqs/?service={site_tree['service'].pk}")
    assert [item["question"] for item in by_service["items"]] == ["Does it hurt?"]
    both = get_json(client, f"/api/v2/faqs/?category=cost&service={site_tree['service'].pk}")
    assert both["items"] == []


def test_faq_detail_lists_its_services(client, faqs, site_tree):
    data = get_json(client, f"/api/v2/faqs/{faqs['hurt'].pk}/")
    assert data["related_services"] == [
        {
            "id": site_tree["service"].pk,
            "title": "PRP hair restoration",
            "html_url": f"{BASE}/services/prp/",
            "detail_url": f"{BASE}/api/v2/pages/{site_tree['service'].pk}/",
        }
    ]
    get_json(client, f"/api/v2/faqs/{faqs['draft'].pk}/", status=404)


@pytest.mark.parametrize(
    "query", ["service=abc", "service=-1", "service=99999999999999", "colour=red", "order=question"]
)
def test_faqs_reject_bad_parameters_with_a_message(client, faqs, query):
    data = get_json(client, f"/api/v2/faqs/?{query}", status=400)
    assert data["message"]


# /api/v2/navigation/


def test_navigation_lists_the_menu_pages(client, site_tree):
    data = get_json(client, "/api/v2/navigation/")
    assert data["home"]["html_url"] == f"{BASE}/"
    assert [item["title"] for item in data["items"]] == ["Services", "FAQs", "Contact"]
    assert data["items"][0]["detail_url"] == f"{BASE}/api/v2/pages/{site_tree['services'].pk}/"


def test_navigation_follows_show_in_menus(client, site_tree):
    site_tree["faq_page"].show_in_menus = False
    site_tree["faq_page"].save_revision().publish()
    titles = [item["title"] for item in get_json(client, "/api/v2/navigation/")["items"]]
    assert titles == ["Services", "Contact"]


# /api/v2/search/


def test_search_uses_the_site_search(client, site_tree):
    FAQFactory(question="Is PRP painful?", answer="<p>Most feel only a little discomfort.</p>")
    data = get_json(client, "/api/v2/search/?q=platelet+rich+plasma")

    assert data["query"] == "platelet rich plasma"
    assert data["count"] == len(data["results"]) >= 2
    service = next(result for result in data["results"] if result["type"] == "Service")
    assert service["title"] == "PRP hair restoration"
    assert service["html_url"] == f"{BASE}/services/prp/"
    assert "<mark>" in "".join(result["excerpt"] for result in data["results"])
    faq = get_json(client, "/api/v2/search/?q=painfull")["results"]
    assert any(result["type"] == "FAQ" for result in faq), "typo tolerance, like the site"


def test_search_pages_through_results(client, site_tree):
    for number in range(3):
        ServicePageFactory(parent=site_tree["services"], title=f"PRP variant {number}")
    everything = get_json(client, "/api/v2/search/?q=prp")
    page = get_json(client, "/api/v2/search/?q=prp&limit=2&offset=1")
    assert page["count"] == everything["count"] >= 4
    assert page["results"] == everything["results"][1:3]


def test_search_excerpts_are_escaped(client, site_tree):
    site_tree["service"].summary = "PRP <script>alert(1)</script> & more"
    site_tree["service"].save_revision().publish()
    data = get_json(client, "/api/v2/search/?q=%3Cscript%3Eprp")
    # `query` is the visitor's text as data; `excerpt` is HTML, so everything in it is escaped.
    assert data["query"] == "<script>prp"
    excerpts = "".join(result["excerpt"] for result in data["results"])
    assert "&lt;<mark>script</mark>&gt;" in excerpts and "<script>" not in excerpts


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=",
        "q=%20%20",
        "q=prp&limit=0",
        "q=prp&limit=51",
        "q=prp&limit=abc",
        "q=prp&offset=-1",
        "q=prp&page=2",
    ],
)
def test_search_rejects_bad_parameters_with_a_message(client, site_tree, query):
    data = get_json(client, f"/api/v2/search/?{query}", status=400)
    assert data["message"]


@pytest.mark.parametrize("url", ["/api/v2/settings/?x=1", "/api/v2/navigation/?fields=*"])
def test_unknown_parameters_are_refused(client, site_tree, url):
    assert get_json(client, url, status=400)["message"]


def test_write_methods_are_refused(client, site_tree):
    for url in ["/api/v2/settings/", "/api/v2/navigation/", "/api/v2/search/?q=prp"]:
        assert client.post(url).status_code == 405
