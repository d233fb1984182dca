"""Every page has a meta description (search results, Lighthouse SEO): the editors' search
description, else the page's own summary or intro."""

import pytest
from bs4 import BeautifulSoup


def meta_description(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    tag = BeautifulSoup(response.content, "html.parser").find("meta", attrs={"name": "description"})
    return tag["content"] if tag else None


@pytest.mark.django_db
def test_search_description_wins_over_the_summary(client, site_tree):
    service = site_tree["service"]
    service.search_description = "What PRP is & who it helps."
    service.save_revision().publish()
    assert meta_description(client, service) == "What PRP is & who it helps."


@pytest.mark.django_db
def test_pages_without_a_search_description_use_their_summary_or_intro(client, site_tree):
    contact = site_tree["contact"]
    contact.intro = "Call us to book a consultation."
    contact.save_revision().publish()

    # Service pages can't be saved without a search description (tests/seo/).
    assert meta_description(client, site_tree["home"]) == "A clinic for people with thinning hair."
    assert meta_description(client, contact) == "Call us to book a consultation."


@pytest.mark.django_db
def test_no_empty_meta_description_when_there_is_nothing_to_say(client, site_tree):
    assert meta_description(client, site_tree["faq_page"]) is None
