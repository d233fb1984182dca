"""The search page: type labels, highlighted excerpts and calm handling of bad input."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import FAQFactory


def results_of(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def searchable(site_tree):
    service = site_tree["service"]
    service.summary = "Platelet-rich plasma from your own blood, injected into the scalp."
    service.save_revision().publish()
    faq = FAQFactory(
        question="Does it hurt?",
        answer="<p>A local anesthetic is applied before the injections.</p>",
        related_services=[service],
    )
    return {**site_tree, "faq": faq}


@pytest.mark.django_db
def test_results_show_count_type_title_and_highlighted_excerpt(client, searchable):
    html = results_of(client, q="plasma")

    assert html.select_one(".search-summary").get_text(strip=True).startswith("1 result for")
    result = html.select_one(".search-result")
    assert result.select_one(".search-result__kind").get_text() == "Service"
    assert result.h3.a["href"] == searchable["service"].url
    assert [mark.get_text() for mark in result.select("mark")] == ["plasma"]


@pytest.mark.django_db
def test_faq_results_link_to_their_answer_on_the_faq_page(client, searchable):
    html = results_of(client, q="anesthetic")

    faq_result = next(
        r
        for r in html.select(".search-result")
        if r.select_one(".search-result__kind").text == "FAQ"
    )
    expected = f"{searchable['faq_page'].url}#faq-{searchable['faq'].pk}"
    assert faq_result.h3.a["href"] == expected
    assert faq_result.h3.get_text(strip=True) == "Does it hurt?"


@pytest.mark.django_db
def test_hyphens_case_and_plurals_do_not_matter(client, searchable):
    for query in ["PLATELET RICH", "platelet-rich", "Platelets"]:
        titles = [a.get_text() for a in results_of(client, q=query).select(".search-result h3 a")]
        assert "PRP hair restoration" in titles, query


@pytest.mark.django_db
def test_a_misspelling_is_corrected_and_said_so(client, searchable):
    html = results_of(client, q="plazma")

    assert "plasma" in html.select_one(".search-correction").get_text()
    assert html.select_one(".search-result h3 a").get_text() == "PRP hair restoration"


@pytest.mark.django_db
def test_no_results_offers_the_menu_pages_and_the_phone(client, searchable):
    html = results_of(client, q="xylophone")

    empty = html.select_one(".search-empty")
    links = {a.get_text(strip=True): a["href"] for a in empty.find_all("a")}
    assert links["Services"] == searchable["services"].url
    assert links["FAQs"] == searchable["faq_page"].url
    assert links["(310) 975-9785"] == "tel:+13109759785"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"q": ""}, ""),
        ({"q": "   "}, ""),
        ({"q": "x" * 10_000}, "x" * 200),  # shortened to what the search box holds
        ({"q": "prp " * 3000}, " ".join(["prp"] * 50)),
        ({"q": "prp", "page": "-1"}, "prp"),
        ({"q": "prp", "page": "abc"}, "prp"),
        ({"q": "prp", "page": "999999999999999999999"}, "prp"),
        ({"q": "prp", "page": "1e9"}, "prp"),
        ({"q": "hair\x00loss"}, "hair loss"),  # control characters become spaces
        ({"q": "hair%00loss"}, "hair%00loss"),
        ({"q": "\x1b[31m\x07 bell"}, "[31m bell"),
        ({"q": "' OR 1=1; --"}, "' OR 1=1; --"),
        ({"q": '"unbalanced AND (NOT'}, '"unbalanced AND (NOT'),
        ({"q": "*"}, "*"),
        ({"q": "😀🧑\u200d⚕️"}, "😀🧑 ⚕️"),  # the invisible joiner becomes a space
        ({"q": "تساقط الشعر"}, "تساقط الشعر"),
        ({"q": "\u202eprp"}, "prp"),  # no right-to-left override turning the page around
        ({"q": "NEAR(hair loss)"}, "NEAR(hair loss)"),
        ({"page": "2"}, ""),
    ],
)
def test_bad_input_gets_a_normal_page(client, searchable, params, shown):
    response = client.get("/search/", params)

    assert response.status_code == 200
    text = response.content.decode()
    assert "something went wrong" not in text.lower()
    assert not any(ord(character) < 32 and character not in "\n\t\r" for character in text)
    html = BeautifulSoup(text, "html.parser")
    assert html.h1.get_text() == "Search"
    # What the visitor typed comes back as text, in the search box and the summary, never markup.
    boxes = html.find_all("input", attrs={"name": "q"})  # the header's and the page's
    assert [box["value"] for box in boxes] == [shown, shown]
    summary = html.select_one(".search-summary")
    if shown:
        assert summary.get_text().endswith(f"for “{shown}”")
        assert html.select(".search-result") or html.select_one(".search-empty")
    else:
        assert summary is None


@pytest.mark.django_db
def test_the_query_shown_back_is_escaped(client, searchable):
    response = client.get("/search/", {"q": '<script>alert(1)</script><b onmouseover="x">'})

    assert b"<script>alert(1)" not in response.content
    assert b"<b onmouseover" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


@pytest.mark.django_db
def test_excerpts_escape_markup_in_content(client, site_tree):
    service = site_tree["service"]
    service.summary = "Plasma <img src=x onerror=alert(1)> explained."
    service.save_revision().publish()

    response = client.get("/search/", {"q": "plasma"})

    assert b"<img src=x" not in response.content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in response.content


@pytest.mark.django_db
def test_pagination_keeps_the_query_and_clamps_the_page(client, site_tree):
    from tests.factories import ServicePageFactory

    for number in range(12):
        ServicePageFactory(parent=site_tree["services"], title=f"Plasma service {number}")

    html = results_of(client, q="plasma", page="99")

    assert "Page 2 of 2" in html.select_one(".pagination").get_text()
    previous = html.select_one(".pagination a")
    assert previous["href"] == "?q=plasma&page=1"


@pytest.mark.django_db
def test_search_results_are_not_indexed_by_search_engines(client, site_tree):
    html = results_of(client, q="prp")
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.django_db
def test_search_terms_do_not_leak_to_other_sites_through_the_referrer(client, site_tree):
    response = client.get("/search/", {"q": "hair loss after chemo"})
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_excerpts_show_characters_editors_typed_not_html_entities(client, site_tree):
    FAQFactory(question="Any risks?", answer="<p>Risks &amp; side effects don&#x27;t last.</p>")

    html = results_of(client, q="risks")

    excerpt = html.select_one(".search-result__excerpt").get_text()
    assert "Risks & side effects don't last" in excerpt
