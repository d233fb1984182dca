"""The demo loader builds the whole demo site, and running it again changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from clinic.models import ClinicImage, ClinicSettings, OpeningHours, Provider
from faqs.models import FAQ, FAQCategory
from services.models import ServicePage, ServiceStep

COUNTED_MODELS = [Page, Site, Revision, FAQ, FAQCategory, ClinicImage, Provider]
COUNTED_MODELS += [ClinicSettings, OpeningHours, ServiceStep]


def load_demo():
    call_command("load_demo_content", verbosity=0)


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


@pytest.fixture
def demo_site(demo_content):
    """What the loader built on a fresh database: it ran once for this process, and its rows
    are copied in for each test (tests/conftest.py, `demo_content`)."""
    return Site.objects.get(is_default_site=True)


def test_running_the_loader_twice_creates_no_duplicates(demo_site):
    before = counts()
    load_demo()
    assert counts() == before


def test_demo_site_has_the_pages_a_visitor_needs(demo_site, client):
    home = demo_site.root_page.specific
    assert type(home).__name__ == "HomePage"
    for url in ["/", "/services/", "/services/prp-hair-restoration/", "/faqs/", "/contact/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail").exists()


def test_demo_prp_page_holds_structured_treatment_data(demo_site, client):
    prp = ServicePage.objects.get(slug="prp-hair-restoration")

    assert prp.steps.count() == 3
    assert prp.schedule_text == "3 sessions, 4–6 weeks apart, then maintenance every 4–6 months"
    assert prp.suitable_for and prp.not_suitable_for and prp.aftercare and prp.risks
    assert prp.hero_image.description
    html = BeautifulSoup(client.get(prp.url).content, "html.parser")
    assert len(html.select("details.faq")) >= 8


def test_demo_has_at_least_eight_published_faqs_in_three_categories(demo_site):
    live = FAQ.objects.filter(live=True)
    assert live.count() >= 8
    assert live.values("category").distinct().count() >= 3


def test_demo_settings_carry_the_clinic_phone_and_social_links(demo_site):
    clinic = ClinicSettings.objects.get(site=demo_site)
    assert clinic.phone == "(310) 975-9785"
    assert [name for name, _ in clinic.social_links] == [
        "Instagram",
        "YouTube",
        "Facebook",
        "LinkedIn",
    ]
    assert clinic.contact_page.slug == "contact"


def test_every_demo_image_has_alt_text(demo_site):
    assert ClinicImage.objects.count() >= 3
    assert not ClinicImage.objects.filter(description="").exists()


def test_running_again_keeps_what_editors_changed(demo_site):
    clinic = ClinicSettings.objects.get(site=demo_site)
    clinic.phone = "(555) 010-0100"
    clinic.save()
    prp = ServicePage.objects.get(slug="prp-hair-restoration")
    prp.summary = "Edited by marketing."
    prp.save_revision().publish()

    load_demo()

    assert ClinicSettings.objects.get(pk=clinic.pk).phone == "(555) 010-0100"
    assert ServicePage.objects.get(pk=prp.pk).summary == "Edited by marketing."


def test_reset_puts_the_demo_wording_back(demo_site):
    clinic = ClinicSettings.objects.get(site=demo_site)
    clinic.phone = "(555) 010-0100"
    clinic.save()

    call_command("load_demo_content", "--reset", verbosity=0)

    assert ClinicSettings.objects.get(pk=clinic.pk).phone == "(310) 975-9785"
