"""The home page: hero, featured services and the call to action."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from contact.models import ContactPage
from faqs.models import FAQIndexPage
from home.models import HomePage, HomePageFeaturedService
from services.models import ServiceIndexPage, ServicePage
from team.models import TeamPage


class HomePageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_of_a_site(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_home_page_holds_the_services_faq_and_contact_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage, {ServiceIndexPage, FAQIndexPage, ContactPage, TeamPage}
        )


def home_html(client, site_tree):
    return BeautifulSoup(client.get(site_tree["home"].url).content, "html.parser")


@pytest.mark.django_db
def test_home_page_shows_its_hero_heading_as_the_only_h1(client, site_tree):
    html = home_html(client, site_tree)
    assert [h1.get_text(strip=True) for h1 in html.find_all("h1")] == ["Hair restoration with PRP"]


@pytest.mark.django_db
def test_home_page_shows_featured_services_in_editor_order_and_hides_unpublished(client, site_tree):
    home, first = site_tree["home"], site_tree["service"]
    second = ServicePage(
        title="Second service", slug="second", summary="Another one.", search_description="More."
    )
    site_tree["services"].add_child(instance=second)
    hidden = ServicePage(
        title="Hidden service",
        slug="hidden",
        summary="Draft.",
        search_description="Draft.",
        live=False,
    )
    site_tree["services"].add_child(instance=hidden)
    for order, service in enumerate([second, first, hidden]):
        HomePageFeaturedService.objects.create(page=home, service=service, sort_order=order)

    cards = home_html(client, site_tree).select(".cards .card__title a")

    assert [a.get_text(strip=True) for a in cards] == ["Second service", "PRP hair restoration"]
    assert cards[1]["href"] == first.url


@pytest.mark.django_db
def test_home_page_call_to_action_books_through_the_contact_page_or_phone(client, site_tree):
    buttons = home_html(client, site_tree).select(".cta-panel .cta-buttons a")
    assert [a["href"] for a in buttons] == [site_tree["contact"].url, "tel:+13109759785"]
