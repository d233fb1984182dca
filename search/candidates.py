"""Finding the candidates to rank: a few pages, and a few items of each searchable model that
isn't a page (FAQs: base/search_document.py's SearchableSnippetMixin), from the search index.

First ask for documents that mention *every* concept of the query (any of each concept's
synonyms): for "thinning hair women" that is a tenth of the pages that mention any of those
words. Only when that finds less than a page of results does the search widen to documents
that mention *any* concept ("what to avoid after treatment" has few pages with all three).
The index orders each kind by its own relevance and hands over the best few; ranking
itself happens in Python (`search.ranking`).
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from wagtail.models import Page
from wagtail.search.query import And, Or, PlainText

from base.search_document import SearchableSnippetMixin
from search.query import Concept, ParsedQuery

logger = logging.getLogger(__name__)

# The database index's backend alias beside a search server's (search/server_config.py).
DATABASE_BACKEND = "database"

# How many candidates of each kind (pages, FAQs…) the index hands over for ranking: two
# results pages of each (a page shows 10). Each one costs time to rank and excerpt.
CANDIDATES_PER_KIND = 20
# Fewer candidates than this for "every concept" (both kinds together) widens the search.
ENOUGH_CANDIDATES = 10


def searchable_snippet_models() -> list[type]:
    """Every model visitors find in site search that isn't a page (e.g. FAQs)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SearchableSnippetMixin) and not issubclass(model, Page)
    ]


@dataclass
class Candidates:
    pages: list
    items: dict  # {searchable snippet model: its candidates}

    def __len__(self) -> int:
        return len(self.pages) + sum(len(found) for found in self.items.values())

    def extended_by(self, other: "Candidates") -> "Candidates":
        """These first, then the other's that aren't among them yet, up to the limit."""

        def merged(first: list, second: list) -> list:
            seen = {item.pk for item in first}
            extra = [item for item in second if item.pk not in seen]
            return (first + extra)[:CANDIDATES_PER_KIND]

        return Candidates(
            merged(self.pages, other.pages),
            {model: merged(found, other.items[model]) for model, found in self.items.items()},
        )


def any_alternative(concept: Concept):
    """One of the ways of saying this concept: each alternative needs all of its words."""
    alternatives = [PlainText(" ".join(stems), operator="and") for stems in concept.alternatives]
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def every_concept_query(parsed: ParsedQuery):
    concepts = [any_alternative(concept) for concept in parsed.concepts]
    return concepts[0] if len(concepts) == 1 else And(concepts)


def any_concept_query(parsed: ParsedQuery):
    """Any stem of any alternative of any concept: what the search used to ask for alone."""
    return PlainText(" ".join(parsed.index_terms), operator="or")


def asks_for_several_words(parsed: ParsedQuery) -> bool:
    """False when 'every concept' and 'any concept' are the same question."""
    return len(parsed.concepts) > 1 or any(
        len(alternative) > 1 for concept in parsed.concepts for alternative in concept.alternatives
    )


def search_index(index_query, readable_pages, models, backend) -> Candidates:
    pages = list(readable_pages.search(index_query, backend=backend)[:CANDIDATES_PER_KIND])
    items = {
        model: list(
            model.search_queryset().search(index_query, backend=backend)[:CANDIDATES_PER_KIND]
        )
        for model in models
    }
    return Candidates(pages, items)


def find_candidates(parsed: ParsedQuery) -> Candidates:
    """From the search index; from the database's while a search server doesn't answer."""
    try:
        return find_candidates_in(parsed, "default")
    except Exception:
        if not uses_a_search_server():
            raise
        logger.warning("The search server didn't answer; searching the database", exc_info=True)
        return find_candidates_in(parsed, DATABASE_BACKEND)


def find_candidates_in(parsed: ParsedQuery, backend: str) -> Candidates:
    # Plain Pages, not each as its own type: ranking reads their stored documents
    # (search.documents.documents_for), so the page types' own rows needn't be fetched.
    # Built once: public() reads the view restrictions, and a widened search asks twice.
    readable_pages = Page.objects.live().public()
    models = searchable_snippet_models()
    candidates = search_index(every_concept_query(parsed), readable_pages, models, backend)
    if len(candidates) < ENOUGH_CANDIDATES and asks_for_several_words(parsed):
        widened = search_index(any_concept_query(parsed), readable_pages, models, backend)
        candidates = candidates.extended_by(widened)
    return candidates


def uses_a_search_server() -> bool:
    """With SEARCH_BACKEND_URL the database index is kept too, as "database"
    (search/server_config.py)."""
    return DATABASE_BACKEND in settings.WAGTAILSEARCH_BACKENDS
