"""/api/v2/search/?q=: the site search (same synonyms, typo tolerance and ranking) as JSON."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from base.api import unknown_parameters_response
from base.openapi import (
    CACHE_HEADERS,
    CLINIC_TAG,
    IF_NONE_MATCH,
    TEXT,
    closed,
    json_answer,
    operation,
    query,
    read_answers,
    ref,
)
from base.site_urls import absolute_url
from base.text import clean_query
from search.engine import site_search
from search.stats import record_search

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def bounded_int(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or len(raw) > 9 or not low <= int(raw) <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return int(raw)


@require_safe
def search(request):
    error = unknown_parameters_response(request, allowed={"q", "limit", "offset"})
    if error:
        return error
    query = clean_query(request.GET.get("q", ""))
    if not query:
        return JsonResponse({"message": "Add what to search for, e.g. ?q=prp"}, status=400)
    try:
        limit = bounded_int(request.GET.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = bounded_int(request.GET.get("offset"), "offset", 0, 0, 10_000)
    except ValueError as exc:
        return JsonResponse({"message": str(exc)}, status=400)

    outcome = site_search(query)
    if offset == 0:
        record_search(query, outcome.found_anything)  # once per search, not per page of results
    parsed = outcome.query
    results = outcome.results[offset : offset + limit]
    response = JsonResponse(
        {
            "query": query,
            "corrected_query": parsed.corrected_text if parsed and parsed.corrections else "",
            "count": len(outcome.results),
            "promotions": [
                {
                    "title": promotion.title,
                    "url": absolute_url(promotion.url),
                    "description": promotion.description,
                }
                for promotion in (outcome.promotions if offset == 0 else [])
            ],
            "results": [
                {
                    "type": result.kind,
                    "title": result.title,
                    "html_url": absolute_url(result.url),
                    # Escaped text with the matched words in <mark>: safe to insert as HTML.
                    "excerpt": str(result.excerpt),
                }
                for result in results
            ],
        }
    )
    return response


# Under /api/v2/ (registered in search/wagtail_hooks.py).
API_URLS = [path("search/", search, name="api_search")]

OPENAPI_SCHEMAS = {
    "SearchResults": closed(
        {
            "query": {"type": "string", "description": "The query as understood (cleaned)."},
            "corrected_query": {
                "type": "string",
                "description": "What typo correction searched for instead; empty if nothing.",
            },
            "count": {"type": "integer", "minimum": 0},
            "promotions": {
                "type": "array",
                "items": closed(
                    {"title": TEXT, "url": TEXT, "description": TEXT},
                    required=["title", "url", "description"],
                ),
                "description": "Results editors pinned for this query (first page only).",
            },
            "results": {
                "type": "array",
                "items": closed(
                    {
                        "type": {"type": "string", "examples": ["Service", "FAQ", "Page"]},
                        "title": TEXT,
                        "html_url": TEXT,
                        "excerpt": {
                            "type": "string",
                            "description": "Escaped text with the matched words in `<mark>`: "
                            "safe to insert as HTML.",
                        },
                    },
                    required=["type", "title", "html_url", "excerpt"],
                ),
            },
        },
        required=["query", "corrected_query", "count", "promotions", "results"],
    ),
}

OPENAPI_PATHS = {
    "/api/v2/search/": {
        "get": operation(
            "search",
            CLINIC_TAG,
            "Search the site",
            "The site search itself: synonyms, typo correction and ranking as on /search/. "
            "Kept out of shared caches (`Cache-Control: private`).",
            [
                query(
                    "q",
                    "What to search for. Blank: 400.",
                    {"type": "string", "maxLength": 200},
                    required=True,
                    example="hair loss injections",
                ),
                query(
                    "limit",
                    f"How many results (default 10, at most {MAX_LIMIT}).",
                    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10},
                ),
                query(
                    "offset",
                    "How many results to skip.",
                    {"type": "integer", "minimum": 0, "maximum": 10_000, "default": 0},
                ),
                IF_NONE_MATCH,
            ],
            read_answers(json_answer("The results.", ref("SearchResults"), CACHE_HEADERS)),
        )
    },
}
