"""/api/v2/search/?q=: the site search (same synonyms, typo tolerance and ranking) as JSON."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from api.clinic import unknown_parameters_response
from api.images import absolute_url
from search.engine import site_search
from search.stats import record_search
from search.text import clean_query

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
