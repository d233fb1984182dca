"""Bad input to the page endpoints gets a 400 with a message, never a 5xx; listings are capped;
and a listing's cost in queries doesn't grow with how much each page holds."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ClinicImageFactory, FAQFactory, ServicePageFactory, ServiceStepFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "fields=nonsense",
        "type=services.Nothing",
        "type=nonsense",
        "order=nonsense",
        "colour=red",
        "limit=abc",
        "limit=-1",
        f"limit={settings.WAGTAILAPI_LIMIT_MAX + 1}",
        "offset=abc",
        "child_of=abc",
        "descendant_of=abc",
        "type=services.ServicePage&plan_sessions=abc",
    ],
)
def test_bad_listing_parameters_get_a_400_with_a_message(client, site_tree, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400, (query, response.status_code, response.content[:300])
    assert response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/0/",
        "/api/v2/pages/99999999999/",
        "/api/v2/faqs/99999999999/",
        "/api/v2/images/12345/",
        "/api/v2/nothing/",
        "/api/v2/pages/find/?html_path=/no/such/page/",
    ],
)
def test_unknown_things_are_404_not_500(client, site_tree, url):
    assert client.get(url).status_code == 404


def test_listing_limit_is_capped(client, site_tree):
    for _ in range(3):
        ServicePageFactory(parent=site_tree["services"])
    data = client.get("/api/v2/pages/?type=services.ServicePage&limit=2").json()
    assert len(data["items"]) == 2 and data["meta"]["total_count"] == 4


def test_api_answers_json_only(client, site_tree):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")


def add_service_content(services, per_page):
    """Twenty service pages, each with `per_page` steps, FAQs and body images."""
    for number in range(20):
        service = ServicePageFactory(
            parent=services, title=f"Service {number}", hero_image=ClinicImageFactory()
        )
        service.body = [
            ("image", {"image": ClinicImageFactory(), "caption": ""}) for _ in range(per_page)
        ]
        service.save()
        for _ in range(per_page):
            ServiceStepFactory(page=service)
            FAQFactory(related_services=[service])


def listing_queries(client) -> int:
    url = "/api/v2/pages/?type=services.ServicePage&fields=*&limit=20"
    client.get(url)  # first request creates the renditions; count a warm one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["items"]) == 20
    return len(captured)


def test_listing_twenty_services_costs_the_same_however_much_they_hold(client, site_tree):
    add_service_content(site_tree["services"], per_page=1)
    site_tree["service"].unpublish()
    few = listing_queries(client)

    # Same twenty pages' worth, each now with five steps, FAQs and images.
    for page in site_tree["services"].get_children().specific():
        page.delete()
    add_service_content(site_tree["services"], per_page=5)
    many = listing_queries(client)

    assert many == few, f"{few} queries with one of everything, {many} with five"
    assert many <= 40, f"a listing of 20 service pages costs {many} queries"
