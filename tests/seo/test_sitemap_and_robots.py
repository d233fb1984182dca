"""sitemap.xml lists every public, indexable page with its absolute URL and date; robots.txt
points to it and keeps the admin, search results and the API out."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.seo.helpers import BASE_URL

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own test server's answer)
    return {
        url.find("s:loc", NS).text: getattr(url.find("s:lastmod", NS), "text", None)
        for url in root.findall("s:url", NS)
    }


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_with_absolute_url_and_lastmod(client, every_page):
    for page in every_page.values():
        page.save_revision().publish()

    entries = sitemap_entries(client)

    assert set(entries) == {
        f"{BASE_URL}/",
        f"{BASE_URL}/services/",
        f"{BASE_URL}/services/prp/",
        f"{BASE_URL}/faqs/",
        f"{BASE_URL}/contact/",
        f"{BASE_URL}/team/",
    }
    service = every_page["service"]
    service.refresh_from_db()
    published = timezone.localdate(service.last_published_at)
    assert entries[f"{BASE_URL}/services/prp/"] == published.isoformat()
    assert None not in entries.values()


@pytest.mark.django_db
def test_sitemap_leaves_out_noindex_private_and_unpublished_pages(client, site_tree):
    contact = site_tree["contact"]
    contact.noindex = True
    contact.save_revision().publish()
    PageViewRestriction.objects.create(
        page=site_tree["faq_page"], restriction_type="password", password="secret-words"
    )
    site_tree["service"].unpublish()

    entries = sitemap_entries(client)

    assert set(entries) == {f"{BASE_URL}/", f"{BASE_URL}/services/"}


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_private_areas_out(client, site_tree):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /search/", "Disallow: /api/"} <= set(lines)
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the site itself stays crawlable


@pytest.mark.django_db
def test_robots_txt_refuses_other_methods(client, site_tree):
    assert client.post("/robots.txt").status_code == 405
