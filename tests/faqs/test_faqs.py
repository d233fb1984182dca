"""FAQs: grouped by category in the editors' order, as linkable disclosures; drafts stay hidden."""

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils import WagtailPageTestCase

from faqs.models import FAQ, FAQIndexPage
from home.models import HomePage
from services.models import ServiceIndexPage
from tests.factories import FAQCategoryFactory, FAQFactory


class FAQPageTreeRulesTests(WagtailPageTestCase):
    def test_faq_page_lives_under_the_home_page_and_has_no_children(self):
        self.assertCanCreateAt(HomePage, FAQIndexPage)
        self.assertCanNotCreateAt(ServiceIndexPage, FAQIndexPage)
        self.assertAllowedSubpageTypes(FAQIndexPage, {})


def faq_page_html(client, site_tree):
    return BeautifulSoup(client.get(site_tree["faq_page"].url).content, "html.parser")


@pytest.mark.django_db
def test_faq_page_groups_questions_by_category_in_category_order(client, site_tree):
    booking = FAQCategoryFactory(name="Booking", slug="booking", sort_order=2)
    about = FAQCategoryFactory(name="About PRP", slug="about-prp", sort_order=1)
    FAQFactory(question="How do I book?", category=booking)
    FAQFactory(question="What is PRP?", category=about)

    html = faq_page_html(client, site_tree)

    sections = html.select("main section[aria-labelledby]")
    headings = [s.h2.get_text(strip=True) for s in sections if s.select("details.faq")]
    assert headings == ["About PRP", "Booking"]
    assert sections[0].select_one("summary").get_text(strip=True) == "What is PRP?"


@pytest.mark.django_db
def test_faq_page_orders_questions_within_a_category_by_sort_order(client, site_tree):
    category = FAQCategoryFactory()
    FAQFactory(question="B comes second", category=category, sort_order=5)
    FAQFactory(question="Z comes first", category=category, sort_order=1)
    FAQFactory(question="A comes third", category=category, sort_order=9)

    html = faq_page_html(client, site_tree)

    questions = [s.get_text(strip=True) for s in html.select("details.faq summary")]
    assert questions == ["Z comes first", "B comes second", "A comes third"]


@pytest.mark.django_db
def test_each_faq_is_a_disclosure_with_an_anchor_that_links_to_itself(client, site_tree):
    faq = FAQFactory(question="Does it hurt?", answer="<p>A local anaesthetic is used.</p>")

    html = faq_page_html(client, site_tree)

    details = html.find("details", id=f"faq-{faq.pk}")
    assert details.summary.get_text(strip=True) == "Does it hurt?"
    assert "A local anaesthetic is used." in details.get_text()
    assert details.find("a", href=f"#faq-{faq.pk}") is not None


@pytest.mark.django_db
def test_unpublished_faqs_and_empty_categories_are_not_shown(client, site_tree):
    FAQFactory(question="Not ready yet?", live=False)
    FAQCategoryFactory(name="Empty category")

    html = faq_page_html(client, site_tree)

    assert "Not ready yet?" not in html.get_text()
    assert "Empty category" not in html.get_text()


@pytest.mark.django_db
def test_a_draft_edit_of_a_published_faq_does_not_reach_visitors(client, site_tree):
    faq = FAQFactory(question="Published wording?")
    faq.save_revision()  # a first revision, as the admin would have made
    faq.question = "Draft wording?"
    faq.save_revision()  # saved as a draft, not published

    html = faq_page_html(client, site_tree)

    assert FAQ.objects.get(pk=faq.pk).has_unpublished_changes
    assert "Published wording?" in html.get_text()
    assert "Draft wording?" not in html.get_text()
