"""The consultation form keeps working with the page cache on: its page is never shared."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.test import Client

from contact.forms import STARTED_SALT
from contact.models import ConsultationFormField, ConsultationRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_page(site_tree):
    page = site_tree["contact"]
    ConsultationFormField.objects.create(
        page=page, sort_order=0, label="Your name", field_type="singleline", required=True
    )
    page.thank_you_text = "<p>We will call you back.</p>"
    page.save_revision().publish()
    return page


def filled_form(response) -> dict:
    """What a browser would send: the page's own hidden fields plus the visitor's answers."""
    form = BeautifulSoup(response.content, "html.parser").find("form", method="post")
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", type="hidden")
        if field.get("name")
    }
    # Pretend the visitor took ten seconds to type (the form refuses faster senders).
    data["started"] = signing.dumps(time.time() - 10, salt=STARTED_SALT)
    data.update({"your_name": "Sam Patient", "consent": "on", "website": ""})
    return data


def test_the_contact_page_is_never_served_from_the_cache(client, contact_page, page_cache_on):
    first = client.get(contact_page.url)
    second = client.get(contact_page.url)

    assert second["X-Cache"] == "miss"
    assert "csrftoken" in first.cookies  # each visitor gets a token of their own


def test_a_form_posted_after_cached_pages_is_accepted(contact_page, site_tree, page_cache_on):
    # Another visitor has filled the cache with every page of the site first.
    warm = Client()
    for key in ("home", "services", "service", "faq_page", "contact"):
        warm.get(site_tree[key].url)
        warm.get(site_tree[key].url)

    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(site_tree["home"].url)["X-Cache"] == "hit"
    form_page = visitor.get(contact_page.url)
    response = visitor.post(contact_page.url, filled_form(form_page))

    assert response.status_code == 200
    assert "We will call you back." in response.content.decode()
    assert ConsultationRequest.objects.count() == 1


def test_a_form_post_with_another_visitors_token_is_refused(contact_page, page_cache_on):
    first_visitor = Client(enforce_csrf_checks=True)
    stolen = filled_form(first_visitor.get(contact_page.url))

    second_visitor = Client(enforce_csrf_checks=True)
    second_visitor.get(contact_page.url)
    response = second_visitor.post(contact_page.url, stolen)

    # A token belongs to one visitor's cookie: why a page carrying one must never be shared.
    assert response.status_code == 403
    assert not ConsultationRequest.objects.exists()
