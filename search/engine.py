"""Site search: find candidates in the search index, then rank them by what the visitor meant.

The index (database full-text search, or a search server) finds everything that shares a
word stem with the query or its synonyms. Ranking then happens here, in Python, on the
few dozen candidates, so it is the same on SQLite, PostgreSQL or OpenSearch: a concept
found in a title counts most, then in a summary, then in the body.
"""

import re
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.contrib.search_promotions.models import Query as PromotedQuery
from wagtail.models import Page
from wagtail.search.query import PlainText
from wagtail.search.utils import normalise_query_string

from search.documents import SearchDocument
from search.models import SynonymGroup
from search.query import ParsedQuery, parse_query
from search.text import stem
from search.vocabulary import get_vocabulary

# How many candidates of each kind (pages, FAQs) the index hands over for ranking.
CANDIDATES_PER_KIND = 50
# What a concept found in each part of a document is worth.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 1.0
# Bonus when one part (usually the title) holds every concept of the query.
ALL_CONCEPTS_BONUS = 2.0
EXCERPT_WORDS = 36

_TOKEN = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)


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


def stem_string(text: str) -> str:
    """' stem stem stem ' with padding, so phrases can be found with `in`."""
    return " " + " ".join(stem(token.casefold()) for token in re.findall(r"[^\W_]+", text)) + " "


def score(document: SearchDocument, parsed: ParsedQuery) -> float:
    parts = [
        (TITLE_WEIGHT, stem_string(document.title)),
        (SUMMARY_WEIGHT, stem_string(document.summary)),
        (BODY_WEIGHT, stem_string(document.body)),
    ]
    total = 0.0
    for weight, stems in parts:
        found = [
            any(f" {' '.join(alternative)} " in stems for alternative in concept.alternatives)
            for concept in parsed.concepts
        ]
        if found and all(found):
            total += ALL_CONCEPTS_BONUS * weight / TITLE_WEIGHT
    for concept in parsed.concepts:
        total += max(
            (
                weight
                for weight, stems in parts
                if any(f" {' '.join(alt)} " in stems for alt in concept.alternatives)
            ),
            default=0.0,
        )
    return total


def highlight(text: str, stems: set[str]) -> SafeString:
    """An excerpt of `text` around the first match, matched words wrapped in <mark>.

    Everything is escaped: nothing a visitor or an editor typed becomes markup.
    """
    tokens = _TOKEN.findall(text)
    word_positions = [i for i, token in enumerate(tokens) if token[0].isalnum() or token[0] == "_"]
    matches = [i for i in word_positions if stem(tokens[i].casefold()) in stems]
    first = matches[0] if matches else (word_positions[0] if word_positions else 0)
    start_word = max(0, word_positions.index(first) - 8) if word_positions else 0
    window = word_positions[start_word : start_word + EXCERPT_WORDS]
    if not window:
        return mark_safe("")  # noqa: S308 (empty string)
    start, end = window[0], window[-1]
    pieces = []
    for i in range(start, end + 1):
        piece = escape(tokens[i])
        pieces.append(f"<mark>{piece}</mark>" if i in matches else piece)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(tokens) - 1 else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 (every piece escaped)


def excerpt_for(document: SearchDocument, parsed: ParsedQuery) -> SafeString:
    stems = parsed.all_stems
    for text in (document.summary, document.body):
        if text and stems & set(stem_string(text).split()):
            return highlight(text, stems)
    return highlight(document.summary or document.body, stems)


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


def site_search(text: str) -> SearchOutcome:
    from faqs.models import FAQ, FAQIndexPage
    from services.models import ServicePage

    promotions = find_promotions(text)
    synonyms = [group.term_list() for group in SynonymGroup.objects.all()]
    parsed = parse_query(text, synonyms, get_vocabulary())
    if not parsed.index_terms:
        return SearchOutcome(parsed, [], promotions)

    index_query = PlainText(" ".join(parsed.index_terms), operator="or")
    pages = list(Page.objects.live().public().specific().search(index_query)[:CANDIDATES_PER_KIND])
    # Service pages' documents include their steps: fetch them all in one query.
    prefetch_related_objects([p for p in pages if isinstance(p, ServicePage)], "steps")
    faqs = FAQ.objects.filter(live=True).search(index_query)[:CANDIDATES_PER_KIND]
    faq_page = FAQIndexPage.objects.live().public().first()
    faq_page_url = faq_page.url if faq_page else None
    promoted_urls = {promotion.url for promotion in promotions}

    results = []
    for rank, page in enumerate(pages):
        document = page.search_document() if hasattr(page, "search_document") else None
        document = document or SearchDocument(page.title, page.search_description, "")
        results.append(
            Result(
                result_kind(page),
                page.title,
                page.url,
                excerpt_for(document, parsed),
                score(document, parsed) - rank / 1000,
            )
        )
    # FAQs are answered on the FAQ page: without one published, they can't be linked to.
    for rank, faq in enumerate(faqs if faq_page_url else []):
        url = f"{faq_page_url}#{faq.anchor}"
        document = faq.search_document()
        results.append(
            Result(
                "FAQ",
                faq.question,
                url,
                excerpt_for(document, parsed),
                score(document, parsed) - rank / 1000,
            )
        )
    results = [result for result in results if result.url not in promoted_urls]
    results.sort(key=lambda result: (-result.score, result.title))
    return SearchOutcome(parsed, results, promotions)
