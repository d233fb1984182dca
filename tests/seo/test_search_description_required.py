"""A service page can't be saved without a search description: search engines show it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from services.models import ServiceIndexPage, ServicePage
from tests.factories import make_home_site


@pytest.mark.django_db
def test_a_service_page_without_a_search_description_is_refused(site_tree):
    service = site_tree["service"]
    service.search_description = "  "

    with pytest.raises(ValidationError) as error:
        service.full_clean()

    assert "search_description" in error.value.message_dict


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

    def test_the_admin_refuses_a_service_page_without_a_search_description(self):
        data = nested_form_data(
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
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["services", "servicepage", self.services.pk])

        response = self.client.post(url, data)

        assert response.status_code == 200  # the form again, with the error
        assert "search_description" in response.context["form"].errors
        assert not ServicePage.objects.filter(slug="prp-hair-restoration").exists()
