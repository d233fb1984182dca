"""The suggestions endpoint behind the header search box."""

import pytest

from tests.factories import FAQFactory


@pytest.mark.django_db
def test_suggestions_are_titles_that_start_like_the_query(client, site_tree):
    faq = FAQFactory(question="Preparing for your first visit?")

    response = client.get("/search/suggest/", {"q": "pr"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert {"title": "PRP hair restoration", "url": site_tree["service"].url, "type": "Page"} in (
        suggestions
    )
    faq_url = f"{site_tree['faq_page'].url}#faq-{faq.pk}"
    assert {"title": faq.question, "url": faq_url, "type": "FAQ"} in suggestions
    assert len(suggestions) <= 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["", "p", " ", "x" * 5000, "\x00", "' OR 1=1", "😀", 'a"b', 'hair "loss', "NEAR(", "*"]
)
def test_suggestions_answer_bad_input_with_an_empty_or_normal_list(client, site_tree, query):
    response = client.get("/search/suggest/", {"q": query})

    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@pytest.mark.django_db
def test_suggestions_leave_out_unpublished_content(client, site_tree):
    FAQFactory(question="Private draft question?", live=False)

    suggestions = client.get("/search/suggest/", {"q": "priv"}).json()["suggestions"]

    assert suggestions == []


@pytest.mark.django_db
def test_suggestions_are_cached_only_by_the_visitors_own_browser(client, site_tree):
    response = client.get("/search/suggest/", {"q": "prp"})
    assert "private" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
