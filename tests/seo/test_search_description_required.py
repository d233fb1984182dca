"""A service page can't go live without a search description: search engines show it.

A draft may lack it (work in progress is never refused); publishing, submitting for review and
bulk "Publish" (tests/review/test_claims_check.py) need it."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from base.forms import lacks_required_meta_description
from services.models import ServiceIndexPage, ServicePage
from tests.factories import make_home_site


@pytest.mark.django_db
def test_a_service_page_without_a_search_description_lacks_what_publishing_needs(site_tree):
    service = site_tree["service"]
    service.search_description = "  "

    service.full_clean()  # a draft may be saved
    assert lacks_required_meta_description(service)
    assert not lacks_required_meta_description(site_tree["faq_page"])


@pytest.mark.django_db
def test_other_page_types_may_leave_it_to_their_intro(site_tree):
    faq_page = site_tree["faq_page"]
    faq_page.search_description = ""
    faq_page.full_clean()  # no error


class ServicePageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_site()
        cls.services = ServiceIndexPage(title="Services", slug="services")
        cls.home.add_child(instance=cls.services)

    def setUp(self):
        self.login()

    def new_service_form_data(self, **actions):
        return nested_form_data(
            {
                "title": "PRP hair restoration",
                "slug": "prp-hair-restoration",
                "summary": "Your own platelets, injected into the scalp.",
                "search_description": "",
                "steps": inline_formset([]),
                "references": inline_formset([]),
                **{
                    name: streamfield([])
                    for name in [
                        "suitable_for",
                        "not_suitable_for",
                        "benefits",
                        "preparation",
                        "aftercare",
                        "risks",
                        "body",
                    ]
                },
                "disclaimer": "Results vary.",
                **actions,
            }
        )

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=["services", "servicepage", self.services.pk])

    def test_the_admin_refuses_to_publish_a_service_page_without_a_search_description(self):
        response = self.client.post(
            self.add_url(), self.new_service_form_data(**{"action-publish": "action-publish"})
        )

        assert response.status_code == 200  # the form again, with the error
        assert "search_description" in response.context["form"].errors
        assert not ServicePage.objects.filter(slug="prp-hair-restoration").exists()

    def test_a_new_service_page_without_one_is_saved_as_a_draft(self):
        response = self.client.post(self.add_url(), self.new_service_form_data())

        assert response.status_code == 302
        draft = ServicePage.objects.get(slug="prp-hair-restoration")
        assert not draft.live
