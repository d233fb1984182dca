"""The "Our team" page lists every provider with photo, credentials, role and bio."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from services.models import ServiceIndexPage
from team.models import TeamPage
from tests.factories import ClinicImageFactory, ProviderFactory
from tests.seo.helpers import page_html


class TeamPageTreeTests(WagtailPageTestCase):
    def test_the_team_page_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, TeamPage)
        self.assertCanNotCreateAt(ServiceIndexPage, TeamPage)
        self.assertAllowedSubpageTypes(TeamPage, {})


@pytest.mark.django_db
def test_the_team_page_shows_every_provider_in_name_order(client, every_page):
    ProviderFactory(
        name="Dr. Ada Example",
        credentials="MD, board-certified dermatologist",
        role="Medical director",
        short_bio="Twenty years of treating hair loss.",
        photo=ClinicImageFactory(description="Dr. Ada Example smiling"),
    )
    ProviderFactory(name="Ben Nurse", credentials="", role="Nurse")

    html = page_html(client, every_page["team"].url)

    members = html.select(".team__member")
    assert [m.h2.get_text(strip=True) for m in members] == [
        "Ben Nurse",
        "Dr. Ada Example, MD, board-certified dermatologist",
    ]
    ada = members[1]
    assert ada.select_one(".team__role").get_text(strip=True) == "Medical director"
    assert "Twenty years of treating hair loss." in ada.get_text()
    assert ada.img["alt"] == "Dr. Ada Example smiling"
    assert members[0].img is None


@pytest.mark.django_db
def test_the_team_page_is_in_the_main_menu(client, every_page):
    html = page_html(client, "/")

    menu = [a.get_text(strip=True) for a in html.select(".site-nav__link")]
    assert "Our team" in menu


@pytest.mark.django_db
def test_the_team_page_costs_the_same_queries_however_many_providers(client, every_page):
    photo = ClinicImageFactory()
    for number in range(2):
        ProviderFactory(name=f"Provider {number}", photo=photo)
    url = every_page["team"].url
    client.get(url)  # renditions are made on the first view
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(2, 8):
        ProviderFactory(name=f"Provider {number}", photo=ClinicImageFactory())
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)
    assert len(many) <= 20
