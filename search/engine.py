"""Site search: find candidates in the search index, then rank them by what the visitor meant.

The index (database full-text search, or a search server) finds the pages and FAQs that
mention the query's concepts, in their synonyms and stems (`search.candidates`). Ranking
then happens here, in Python, on those few dozen candidates, so it is the same on SQLite,
PostgreSQL or OpenSearch (`search.ranking`). Results are cached per query until the content
changes (`search.result_cache`); promotions are looked up on every search.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.safestring import SafeString
from wagtail.contrib.search_promotions.models import Query as PromotedQuery
from wagtail.search.utils import normalise_query_string

from base.models import SitePageMixin
from search import result_cache
from search.candidates import find_candidates
from search.documents import SearchDocument, documents_for
from search.query import ParsedQuery, parse_query
from search.ranking import StemmedDocument, excerpt_source, highlight, score
from search.vocabulary import get_synonym_groups, get_vocabulary

# Results shown on the first results page, whose excerpts are made with the results.
FIRST_PAGE_OF_RESULTS = 10


@dataclass
class Result:
    kind: str  # "Service", "FAQ", "Page"…: the label visitors see (search_result_label)
    title: str
    url: str
    score: float
    # The text the excerpt is cut from and the stems to highlight in it. Excerpts are made
    # when a results page shows them (10 at a time), not for every candidate.
    excerpt_source: str = field(default="", repr=False)
    highlighted: frozenset[str] = frozenset()

    @cached_property
    def excerpt(self) -> SafeString:
        return highlight(self.excerpt_source, self.highlighted)


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
    """The page type's label; "Page" for Wagtail's own page types."""
    page_type = page.specific_class
    if page_type is not None and issubclass(page_type, SitePageMixin):
        return page_type.search_result_label
    return "Page"


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
        kind,
        title,
        url,
        score(stemmed, parsed) - rank / 1000,
        excerpt_source(stemmed, parsed),
        frozenset(parsed.all_stems),
    )


def results_page_url(model) -> str:
    """Where results of a searchable snippet model are shown (e.g. the FAQ page), kept like
    results until the next publish: '' when there is no such page."""
    return result_cache.remembered(
        f"results-page-url:{model._meta.label}", model.search_results_page_url
    )


def rank_results(parsed: ParsedQuery) -> list[Result]:
    """Every candidate as a result, best first (promotions are not removed yet)."""
    candidates = find_candidates(parsed)
    pages = candidates.pages
    # (item, where it's shown): items whose results page isn't live can't be linked to.
    items = []
    for model, found in candidates.items.items():
        page_url = results_page_url(model) if found else ""
        items += [(item, item.search_result_url(page_url)) for item in found if page_url]
    documents = documents_for(pages + [item for item, _url in items])  # one query for all
    page_documents, item_documents = documents[: len(pages)], documents[len(pages) :]
    results = []
    for rank, (page, document) in enumerate(zip(pages, page_documents, strict=True)):
        results.append(
            ranked_result(result_kind(page), page.title, page.url, document, parsed, rank)
        )
    ranks = {}  # each model's items ranked among themselves, as the index gave them
    for (item, url), document in zip(items, item_documents, strict=True):
        rank = ranks[type(item)] = ranks.get(type(item), -1) + 1
        results.append(
            ranked_result(item.search_result_label, document.title, url, document, parsed, rank)
        )
    results.sort(key=lambda result: (-result.score, result.title))
    for result in results[:FIRST_PAGE_OF_RESULTS]:
        result.excerpt  # noqa: B018 (made now, so the cached results keep the first page's)
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
