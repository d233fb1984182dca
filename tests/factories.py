"""Small factories for building just the content a test needs (never the whole demo site)."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Page, Site

from clinic.models import ClinicImage, ClinicSettings, OpeningHours, Provider
from contact.models import ConsentWording, ContactPage
from faqs.models import FAQ, FAQCategory, FAQIndexPage
from home.models import HomePage
from search.models import SynonymGroup
from services.models import ServiceIndexPage, ServicePage, ServiceStep
from team.models import TeamPage


class ClinicImageFactory(wagtail_factories.ImageFactory):
    description = factory.Sequence(lambda n: f"Test image number {n}")

    class Meta:
        model = ClinicImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Hair restoration with PRP"
    hero_intro = "A clinic for people with thinning hair."

    class Meta:
        model = HomePage


class ServiceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Services"
    show_in_menus = True

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Service {n}")
    summary = "A treatment that uses your own platelets."
    search_description = "What the treatment is, who it helps and what to expect."
    plan_sessions = 3
    plan_interval_weeks_min = 4
    plan_interval_weeks_max = 6
    plan_maintenance_months_min = 4
    plan_maintenance_months_max = 6

    class Meta:
        model = ServicePage


class ServiceStepFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Step {n}")
    description = "Something happens in this step."

    class Meta:
        model = ServiceStep


class FAQIndexPageFactory(wagtail_factories.PageFactory):
    title = "FAQs"
    show_in_menus = True

    class Meta:
        model = FAQIndexPage


class ContactPageFactory(wagtail_factories.PageFactory):
    title = "Contact"
    show_in_menus = True

    class Meta:
        model = ContactPage


class FAQCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = FAQCategory


class FAQFactory(factory.django.DjangoModelFactory):
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "<p>An answer.</p>"
    category = factory.SubFactory(FAQCategoryFactory)
    live = True

    class Meta:
        model = FAQ
        skip_postgeneration_save = True

    @factory.post_generation
    def related_services(self, create, services, **kwargs):
        if create and services:
            self.related_services.set(services)
            self.save()


class TeamPageFactory(wagtail_factories.PageFactory):
    title = "Our team"
    show_in_menus = True

    class Meta:
        model = TeamPage


class ProviderFactory(factory.django.DjangoModelFactory):
    name = "Dr. Test Person"
    role = "Dermatologist"

    class Meta:
        model = Provider


class SynonymGroupFactory(factory.django.DjangoModelFactory):
    terms = "hair loss, alopecia"

    class Meta:
        model = SynonymGroup


class ConsentWordingFactory(factory.django.DjangoModelFactory):
    """A new version of the consent wording: the one the form shows from now on."""

    text = factory.Sequence(lambda n: f"I agree to be contacted about my enquiry (version {n}).")

    class Meta:
        model = ConsentWording


def make_home_site() -> HomePage:
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="clinic-home")
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    return home


def make_clinic_settings(site: Site | None = None, **overrides) -> ClinicSettings:
    site = site or Site.objects.get(is_default_site=True)
    values = {
        "clinic_name": "Test Hair Clinic",
        "phone": "(310) 975-9785",
        "email": "hello@example.com",
        "street_address": "1 Test Street",
        "locality": "Los Angeles",
        "region": "CA",
        "postal_code": "90001",
        "instagram_url": "https://www.instagram.com/example",
    }
    values.update(overrides)
    clinic_settings = ClinicSettings.objects.create(site=site, **values)
    OpeningHours.objects.create(
        settings=clinic_settings,
        weekday=0,
        opens=datetime.time(9, 0),
        closes=datetime.time(17, 0),
    )
    return clinic_settings
