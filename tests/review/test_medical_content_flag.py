"""Pages that are medical only when an editor says so (the FAQ page): the "medical content" tick
box switches on the review line, the report and the claims check."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from faqs.models import FAQIndexPage
from review.reports import reviews_due
from tests.factories import ProviderFactory
from tests.review.conftest import editor_form_data


@pytest.fixture
def faq_page(site_tree):
    page = site_tree["faq_page"]
    page.medical_reviewer = ProviderFactory(name="Dr. Jane Doe", credentials="MD")
    page.last_reviewed = datetime.date(2024, 1, 10)  # long overdue
    page.save_revision().publish()
    return page


def publish_intro(client, page, user, intro):
    data = editor_form_data(page, user, intro=intro)
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.mark.django_db
def test_unticked_page_shows_no_review_and_is_not_reported(client, faq_page):
    soup = BeautifulSoup(client.get(faq_page.url).content, "html.parser")

    assert soup.select_one(".clinical-review") is None
    assert faq_page.pk not in [row.pk for row in reviews_due()]


@pytest.mark.django_db
def test_ticked_page_shows_its_review_and_is_reported(client, faq_page):
    faq_page.medical_content = True
    faq_page.save_revision().publish()

    soup = BeautifulSoup(client.get(faq_page.url).content, "html.parser")

    line = soup.select_one(".clinical-review__line").get_text(" ", strip=True)
    assert line.startswith("Medically reviewed by Dr. Jane Doe, MD on January 10, 2024")
    assert faq_page.pk in [row.pk for row in reviews_due()]


@pytest.mark.django_db
def test_claims_check_applies_only_once_ticked(client, faq_page, superuser):
    client.force_login(superuser)

    unticked = publish_intro(client, faq_page, superuser, "Guaranteed answers.")
    faq_page = FAQIndexPage.objects.get(pk=faq_page.pk)
    faq_page.medical_content = True
    faq_page.save_revision().publish()
    ticked = publish_intro(client, faq_page, superuser, "Painless answers.")

    assert unticked.status_code == 302
    assert ticked.status_code == 200
    assert "“Intro” says “painless”" in ticked.context["form"].errors["intro"][0]
    assert FAQIndexPage.objects.get(pk=faq_page.pk).intro == "Guaranteed answers."
