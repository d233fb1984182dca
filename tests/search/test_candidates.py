"""Candidates for ranking: every concept first, any concept when that finds too little."""

import pytest

from search.candidates import CANDIDATES_PER_KIND, find_candidates
from search.engine import site_search
from search.query import Vocabulary, parse_query
from tests.factories import ServicePageFactory

SYNONYMS = [["hair loss", "alopecia", "thinning hair"]]


def parsed(text: str):
    return parse_query(text, SYNONYMS, Vocabulary.from_words([]))


def candidate_titles(text: str) -> list[str]:
    return [page.title for page in find_candidates(parsed(text)).pages]


@pytest.fixture
def services(site_tree):
    def add(title: str, summary: str):
        return ServicePageFactory(parent=site_tree["services"], title=title, summary=summary)

    return add


@pytest.mark.django_db
def test_pages_that_mention_every_concept_are_the_candidates_when_there_are_enough(services):
    for number in range(10):
        services(f"Alopecia care for women {number}", "Thinning hair in women.")
    services("Alopecia care for men", "Thinning hair in men.")

    titles = candidate_titles("hair loss women")

    assert len(titles) == 10
    assert "Alopecia care for men" not in titles


@pytest.mark.django_db
def test_too_few_pages_with_every_concept_widens_to_any_concept(services):
    services("Alopecia care for women", "Thinning hair in women.")
    services("Alopecia care for men", "Thinning hair in men.")

    titles = candidate_titles("hair loss women")

    assert set(titles) >= {"Alopecia care for women", "Alopecia care for men"}
    # The page with every concept still ranks first.
    assert [r.title for r in site_search("hair loss women").results][0] == "Alopecia care for women"


@pytest.mark.django_db
def test_each_kind_hands_over_a_bounded_number_of_candidates(services):
    for number in range(CANDIDATES_PER_KIND + 5):
        services(f"Plasma service {number}", "Plasma.")

    assert len(candidate_titles("plasma")) == CANDIDATES_PER_KIND
