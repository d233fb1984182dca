"""Service pages: page-type rules, admin creation, validation and what visitors see."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from faqs.models import FAQIndexPage
from home.models import HomePage
from services.models import ServiceIndexPage, ServicePage, ServiceStep
from tests.factories import (
    FAQFactory,
    ServicePageFactory,
    ServiceStepFactory,
    make_clinic_settings,
    make_home_site,
)


class ServicePageTreeRulesTests(WagtailPageTestCase):
    def test_services_list_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ServiceIndexPage)
        self.assertCanNotCreateAt(Page, ServiceIndexPage)
        self.assertCanNotCreateAt(FAQIndexPage, ServiceIndexPage)

    def test_service_pages_live_under_the_services_list_only(self):
        self.assertCanCreateAt(ServiceIndexPage, ServicePage)
        self.assertCanNotCreateAt(HomePage, ServicePage)
        self.assertCanNotCreateAt(ServicePage, ServicePage)

    def test_service_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(ServicePage, {})


class ServicePageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_site()
        cls.services = ServiceIndexPage(title="Services", slug="services")
        cls.home.add_child(instance=cls.services)

    def setUp(self):
        self.login()

    def test_editor_can_create_a_service_page_with_steps_and_plan(self):
        data = nested_form_data(
            {
                "title": "PRP hair restoration",
                "slug": "prp-hair-restoration",
                "summary": "Your own platelets, injected into the scalp.",
                "search_description": "How PRP works, who it may help and what to expect.",
                "steps": inline_formset(
                    [
                        {"title": "Blood draw", "description": "A small sample from the arm."},
                        {"title": "Injection", "description": "Into the scalp."},
                    ]
                ),
                "references": inline_formset([]),  # sources (clinical review)
                "suitable_for": streamfield([("point", "Men and women with thinning hair")]),
                "not_suitable_for": streamfield([]),
                "benefits": streamfield([]),
                "preparation": streamfield([]),
                "aftercare": streamfield([]),
                "risks": streamfield([]),
                "body": streamfield([]),
                "plan_sessions": "3",
                "plan_interval_weeks_min": "4",
                "plan_interval_weeks_max": "6",
                "plan_maintenance_months_min": "4",
                "plan_maintenance_months_max": "6",
                "disclaimer": "Results vary.",
            }
        )
        self.assertCanCreate(self.services, ServicePage, data)

        page = ServicePage.objects.get(slug="prp-hair-restoration")
        assert [step.title for step in page.steps.all()] == ["Blood draw", "Injection"]
        assert page.schedule_text == (
            "3 sessions, 4–6 weeks apart, then maintenance every 4–6 months"
        )
        assert page.suitable_for[0].value == "Men and women with thinning hair"

    def test_admin_rejects_an_upper_interval_below_the_lower_one(self):
        page = ServicePageFactory.build(plan_interval_weeks_min=6, plan_interval_weeks_max=4)
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "plan_interval_weeks_max" in error.value.message_dict


@pytest.mark.django_db
def test_service_page_shows_its_steps_in_order_and_the_plan_sentence(client, site_tree):
    service = site_tree["service"]
    ServiceStepFactory(page=service, title="Then this", sort_order=2)
    ServiceStepFactory(page=service, title="First this", sort_order=1)

    html = BeautifulSoup(client.get(service.url).content, "html.parser")

    steps = [h3.get_text(strip=True) for h3 in html.select("ol.steps h3")]
    assert steps == ["First this", "Then this"]
    assert html.select_one(".plan").get_text(strip=True) == (
        "3 sessions, 4–6 weeks apart, then maintenance every 4–6 months."
    )


@pytest.mark.django_db
def test_service_page_changes_its_sentence_when_the_numbers_change(client, site_tree):
    service = site_tree["service"]
    service.plan_sessions = 4
    service.plan_maintenance_months_min = None
    service.plan_maintenance_months_max = None
    service.save_revision().publish()

    html = BeautifulSoup(client.get(service.url).content, "html.parser")

    assert html.select_one(".plan").get_text(strip=True) == "4 sessions, 4–6 weeks apart."


@pytest.mark.django_db
def test_service_page_lists_its_published_faqs_in_editor_order(client, site_tree):
    service = site_tree["service"]
    FAQFactory(question="Second?", sort_order=2, related_services=[service])
    FAQFactory(question="First?", sort_order=1, related_services=[service])
    FAQFactory(question="Draft?", sort_order=0, live=False, related_services=[service])
    FAQFactory(question="Other service?", sort_order=0)

    html = BeautifulSoup(client.get(service.url).content, "html.parser")

    questions = [s.get_text(strip=True) for s in html.select("details.faq summary")]
    assert questions == ["First?", "Second?"]


@pytest.mark.django_db
def test_service_page_without_structured_sections_still_renders_its_disclaimer(client, home_page):
    make_clinic_settings()
    services = ServiceIndexPage(title="Services", slug="services")
    home_page.add_child(instance=services)
    bare = ServicePageFactory(
        parent=services,
        plan_sessions=None,
        plan_interval_weeks_min=None,
        plan_interval_weeks_max=None,
        plan_maintenance_months_min=None,
        plan_maintenance_months_max=None,
    )

    html = BeautifulSoup(client.get(bare.url).content, "html.parser")

    assert html.select_one(".plan") is None
    assert "Results vary" in html.select_one(".disclaimer").get_text()


@pytest.mark.django_db
def test_unknown_and_unpublished_service_pages_are_not_found(client, site_tree):
    draft = ServicePageFactory(parent=site_tree["services"], slug="draft", live=False)

    assert client.get("/services/no-such-treatment/").status_code == 404
    assert client.get(draft.url or "/services/draft/").status_code == 404


@pytest.mark.django_db
def test_a_page_of_another_type_below_the_services_list_is_still_served(client, site_tree):
    # Not creatable in the admin (subpage_types), but older content or a script can do it:
    # the services list's quicker routing must leave it to Wagtail's.
    other = FAQIndexPage(title="Old FAQs", slug="old-faqs")
    site_tree["services"].add_child(instance=other)

    response = client.get("/services/old-faqs/")

    assert response.status_code == 200
    assert b"Old FAQs" in response.content


@pytest.mark.django_db
def test_service_page_shows_the_same_steps_sources_and_faqs_as_its_structured_data(
    client, site_tree
):
    service = site_tree["service"]
    ServiceStepFactory(page=service, title="Blood draw")
    FAQFactory(question="Does it hurt?", related_services=[service])

    html = BeautifulSoup(client.get(service.url).content, "html.parser")

    graph = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
    procedure = next(node for node in graph if node["@type"] == "MedicalProcedure")
    faq_page = next(node for node in graph if node["@type"] == "FAQPage")
    assert "Blood draw" in procedure["howPerformed"]
    assert [q["name"] for q in faq_page["mainEntity"]] == ["Does it hurt?"]
    assert [s.get_text(strip=True) for s in html.select("details.faq summary")] == ["Does it hurt?"]


@pytest.mark.django_db
def test_a_preview_shows_the_steps_being_edited_not_the_saved_ones(site_tree):
    # Served pages fetch their steps once per request; a preview must keep its unsaved rows.
    service = site_tree["service"]
    ServiceStepFactory(page=service, title="Saved step")
    service.steps = [ServiceStep(title="Edited step", description="Not saved yet.")]

    response = service.make_preview_request()

    html = BeautifulSoup(response.content, "html.parser")
    assert [h3.get_text(strip=True) for h3 in html.select("ol.steps h3")] == ["Edited step"]
