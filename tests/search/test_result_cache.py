"""Search results are cached per query, and every change editors make shows on the next search."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.engine import site_search
from search.models import SynonymGroup
from search.query import Vocabulary, parse_query
from search.result_cache import CACHE_SECONDS, cache_key
from tests.factories import FAQFactory, ServicePageFactory


def titles(query: str) -> list[str]:
    return [result.title for result in site_search(query).results]


def queries_made_by(query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        site_search(query)
    return len(captured)


@pytest.fixture
def plasma_page(site_tree):
    service = site_tree["service"]
    service.summary = "Platelet-rich plasma from your own blood."
    service.save_revision().publish()
    return service


@pytest.mark.django_db
def test_a_repeated_search_is_answered_from_the_cache(plasma_page):
    first = queries_made_by("plasma")
    again = queries_made_by("plasma")

    assert titles("plasma") == ["PRP hair restoration"]
    # Only the promotions lookup remains: marketers' pins are read on every search.
    assert again == 1 < first


@pytest.mark.django_db
def test_a_published_page_shows_on_the_next_search(plasma_page, site_tree):
    assert titles("plasma") == ["PRP hair restoration"]

    new = ServicePageFactory(parent=site_tree["services"], title="Plasma top-ups", live=False)
    new.save_revision().publish()

    assert "Plasma top-ups" in titles("plasma")


@pytest.mark.django_db
def test_an_unpublished_page_leaves_the_results_at_once(plasma_page):
    assert titles("plasma") == ["PRP hair restoration"]

    plasma_page.unpublish()

    assert titles("plasma") == []


@pytest.mark.django_db
def test_a_page_made_private_leaves_the_results_at_once(plasma_page):
    assert titles("plasma") == ["PRP hair restoration"]

    PageViewRestriction.objects.create(page=plasma_page, restriction_type="login")

    assert titles("plasma") == []


@pytest.mark.django_db
def test_an_edited_faq_shows_its_new_answer_on_the_next_search(site_tree):
    faq = FAQFactory(question="Does it hurt?", answer="<p>A little.</p>")
    assert titles("lidocaine") == []

    faq.answer = "<p>Lidocaine cream numbs the scalp first.</p>"
    faq.save_revision().publish()

    assert titles("lidocaine") == ["Does it hurt?"]


@pytest.mark.django_db
def test_a_deleted_faq_leaves_the_results_at_once(site_tree):
    faq = FAQFactory(question="Does it hurt?", answer="<p>A local anesthetic is applied.</p>")
    assert titles("anesthetic") == ["Does it hurt?"]

    faq.delete()

    assert titles("anesthetic") == []


@pytest.mark.django_db
def test_a_new_synonym_group_applies_to_the_next_search(plasma_page):
    assert titles("spin machine") == []

    SynonymGroup.objects.create(terms="spin machine, plasma")

    assert titles("spin machine") == ["PRP hair restoration"]


@pytest.mark.django_db
def test_caches_are_forgotten_again_when_the_change_is_committed(
    plasma_page, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as on_commit:
        new = ServicePageFactory(parent=site_tree["services"], title="Plasma top-ups", live=False)
        new.save_revision().publish()
    # A search on another connection before the commit saw the old content and cached it.
    cache.set(cache_key(site_search("plasma").query), [], CACHE_SECONDS)
    assert titles("plasma") == []

    for callback in on_commit:  # the commit
        callback()

    assert "Plasma top-ups" in titles("plasma")


def test_the_cache_key_is_the_meaning_of_the_query_not_the_words_typed():
    groups = [["prp", "platelet rich plasma"]]
    vocabulary = Vocabulary.from_words(["platelet", "rich", "plasma", "prp"])

    typed = cache_key(parse_query("Platelet-Rich Plasma", groups, vocabulary))

    assert typed == cache_key(parse_query("PRP", groups, vocabulary))
    assert "plasma" not in typed.lower() and "prp" not in typed.lower()
    assert typed != cache_key(parse_query("plasma", groups, vocabulary))


@pytest.mark.django_db
def test_a_page_below_a_private_section_leaves_the_results_at_once(plasma_page, site_tree):
    assert titles("plasma") == ["PRP hair restoration"]

    PageViewRestriction.objects.create(page=site_tree["services"], restriction_type="password")

    assert titles("plasma") == []
