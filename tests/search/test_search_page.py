"""The basic search page finds published pages and shrugs off bad input."""

import pytest
from bs4 import BeautifulSoup


@pytest.mark.django_db
def test_search_finds_a_service_by_a_word_in_its_title(client, site_tree):
    response = client.get("/search/", {"q": "restoration"})

    html = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text(strip=True) for a in html.select(".search-results h3 a")]
    assert "PRP hair restoration" in titles


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": "x" * 10_000},
        {"q": "prp", "page": "-1"},
        {"q": "prp", "page": "abc"},
        {"q": "prp", "page": "999999999999999999999"},
        {"q": "hair\x00loss"},
        {"q": "' OR 1=1; --"},
        {"q": "😀 شعر"},
    ],
)
def test_search_answers_bad_input_with_a_normal_page(client, site_tree, params):
    response = client.get("/search/", params)
    assert response.status_code == 200


@pytest.mark.django_db
def test_search_escapes_the_query_it_shows_back(client, site_tree):
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})

    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content
