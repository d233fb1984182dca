"""The contact page shows the clinic's details in full, from the one settings record."""

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils import WagtailPageTestCase

from contact.models import ContactPage
from home.models import HomePage
from services.models import ServiceIndexPage


class ContactPageTreeRulesTests(WagtailPageTestCase):
    def test_contact_page_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ContactPage)
        self.assertCanNotCreateAt(ServiceIndexPage, ContactPage)
        self.assertAllowedSubpageTypes(ContactPage, {})


@pytest.mark.django_db
def test_contact_page_shows_phone_email_address_hours_and_socials(client, site_tree):
    main = BeautifulSoup(client.get(site_tree["contact"].url).content, "html.parser").main
    text = main.get_text(" ", strip=True)

    assert main.find("a", href="tel:+13109759785") is not None
    assert main.find("a", href="mailto:hello@example.com") is not None
    assert "1 Test Street" in text
    assert "Monday 9:00 AM – 5:00 PM" in text
    assert main.find("a", href="https://www.instagram.com/example") is not None
