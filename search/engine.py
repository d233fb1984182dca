"""Site search: find candidates in the search index, then rank them by what the visitor meant.

The index (database full-text search, or a search server) finds the pages and FAQs that
mention the query's concepts, in their synonyms and stems (`search.candidates`). Ranking
then happens here, in Python, on those few dozen candidates, so it is the same on SQLite,
PostgreSQL or OpenSearch (`search.ranking`). Results are cached per query until the content
changes (`search.result_cache`); promotions are looked up on every search.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from wagtail.contrib.search_promotions.models import Query as PromotedQuery
from wagtail.search.utils import normalise_query_string

from search import result_cache
from search.candidates import find_candidates
from search.documents import SearchDocument
from search.query import ParsedQuery, parse_query
from search.ranking import StemmedDocument, excerpt_for, score
from search.vocabulary import get_synonym_groups, get_vocabulary


@dataclass
class Result:
    kind: str  # "Service", "FAQ" or "Page": the label visitors see
    title: str
    url: str
    excerpt: SafeString
    score: float


@dataclass
class Promotion:
    title: str
    url: str
    description: str


@dataclass
class SearchOutcome:
    query: ParsedQuery | None
    results: list[Result]
    promotions: list[Promotion]

    @property
    def found_anything(self) -> bool:
        return bool(self.results or self.promotions)


def result_kind(page) -> str:
    return "Service" if type(page).__name__ == "ServicePage" else "Page"


def find_promotions(text: str) -> list[Promotion]:
    """Results marketers pinned to this exact search in the admin ('Promoted search results')."""
    query = PromotedQuery.objects.filter(query_string=normalise_query_string(text)).first()
    if query is None:
        return []
    promotions = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id and pick.page.live:
            title, url = pick.page.title, pick.page.url
        elif pick.external_link_url:
            title, url = pick.external_link_text or pick.external_link_url, pick.external_link_url
        else:
            continue
        promotions.append(Promotion(title, url, pick.description))
    return promotions


def ranked_result(kind: str, title: str, url: str, document: SearchDocument, parsed, rank: int):
    stemmed = StemmedDocument.of(document)
    # The index's own order breaks ties between equal scores.
    return Result(
        kind, title, url, excerpt_for(stemmed, parsed), score(stemmed, parsed) - rank / 1000
    )


def rank_results(parsed: ParsedQuery) -> list[Result]:
    """Every candidate as a result, best first (promotions are not removed yet)."""
    from faqs.models import FAQIndexPage

    candidates = find_candidates(parsed)
    results = []
    for rank, page in enumerate(candidates.pages):
        document = page.search_document() if hasattr(page, "search_document") else None
        document = document or SearchDocument(page.title, page.search_description, "")
        results.append(
            ranked_result(result_kind(page), page.title, page.url, document, parsed, rank)
        )
    # FAQs are answered on the FAQ page: without one published, they can't be linked to.
    faq_page = FAQIndexPage.objects.live().public().first() if candidates.faqs else None
    for rank, faq in enumerate(candidates.faqs if faq_page else []):
        url = f"{faq_page.url}#{faq.anchor}"
        results.append(ranked_result("FAQ", faq.question, url, faq.search_document(), parsed, rank))
    results.sort(key=lambda result: (-result.score, result.title))
    return results


def site_search(text: str) -> SearchOutcome:
    promotions = find_promotions(text)
    parsed = parse_query(text, get_synonym_groups(), get_vocabulary())
    if not parsed.index_terms:
        return SearchOutcome(parsed, [], promotions)

    results = result_cache.cached(parsed, lambda: rank_results(parsed))
    promoted_urls = {promotion.url for promotion in promotions}
    results = [result for result in results if result.url not in promoted_urls]
    return SearchOutcome(parsed, results, promotions)
