"""Every page below the home page shows where it is, from the home page down."""

import pytest
from wagtail.models import Page

from base.seo import breadcrumb_trail
from tests.seo.helpers import page_html


def breadcrumbs(html):
    return html.find("nav", attrs={"aria-label": "Breadcrumb"})


@pytest.mark.django_db
def test_a_service_page_shows_its_path_from_home(client, site_tree):
    nav = breadcrumbs(page_html(client, site_tree["service"].url))

    links = nav.ol.find_all("a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Home", "/"),
        ("Services", "/services/"),
        ("PRP hair restoration", "/services/prp/"),
    ]
    assert [a.get("aria-current") for a in links] == [None, None, "page"]


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["services", "faq_page", "contact", "team"])
def test_every_page_below_home_has_breadcrumbs_ending_at_itself(client, every_page, key):
    page = every_page[key]
    nav = breadcrumbs(page_html(client, page.url))

    current = nav.find("a", attrs={"aria-current": "page"})
    assert current.get_text(strip=True) == page.title
    assert nav.ol.find("a")["href"] == "/"


@pytest.mark.django_db
def test_the_home_page_and_search_have_no_breadcrumbs(client, site_tree):
    assert breadcrumbs(page_html(client, "/")) is None
    assert breadcrumbs(page_html(client, "/search/?q=prp")) is None


@pytest.mark.django_db
def test_the_trail_is_the_same_whether_routing_fetched_the_page_or_not(rf, site_tree):
    # Served pages reuse the parents routing fetched (clinic.seo.routed_ancestors); a page
    # fetched directly (a preview, the sitemap) asks the database.
    service = site_tree["service"]
    request = rf.get(service.url)
    routed = Page.route_for_request(request, service.url)[0]
    fetched = Page.objects.get(pk=service.pk).specific

    assert [p.pk for p in breadcrumb_trail(routed, request)] == [
        site_tree["home"].pk,
        site_tree["services"].pk,
        service.pk,
    ]
    assert [p.pk for p in breadcrumb_trail(fetched, request)] == [
        p.pk for p in breadcrumb_trail(routed, request)
    ]
