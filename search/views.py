"""The search page and the suggestions endpoint behind the header search box."""

import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from base.text import clean_query, words
from search.candidates import DATABASE_BACKEND, searchable_snippet_models, uses_a_search_server
from search.engine import site_search
from search.stats import record_search

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 6


@require_GET
def search(request):
    query = clean_query(request.GET.get("q", ""))
    outcome = site_search(query) if query else None
    if outcome is not None and request.GET.get("page", "1") == "1":
        record_search(query, outcome.found_anything)  # once per search, not per results page
    # get_page() turns a missing, negative, huge or non-numeric page into the nearest valid one.
    results = Paginator(outcome.results if outcome else [], RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    corrected = outcome.query.corrected_text if outcome and outcome.query.corrections else ""
    response = TemplateResponse(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "corrected_query": corrected,
            "results": results,
            "promotions": outcome.promotions if outcome else [],
        },
    )
    # Stricter than the site-wide policy: the query in this page's URL is health data, so links
    # to other sites from here send no Referer at all (SecurityMiddleware keeps this value).
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
@cache_control(private=True, max_age=300)  # it repeats what the patient typed: no shared caches
def suggest(request):
    """Up to six titles (pages, then FAQs and other searchable items) that start like what the
    visitor is typing, as JSON."""
    # Words only: quotes and operators mean something to the full-text engine.
    query = " ".join(words(clean_query(request.GET.get("q", ""))))
    suggestions = []
    if len(query) >= 2:
        try:
            suggestions = suggestions_for(query, "default")
        except Exception:
            if not uses_a_search_server():
                raise
            logger.warning("The search server didn't answer; suggesting from the database")
            suggestions = suggestions_for(query, DATABASE_BACKEND)
    return JsonResponse({"query": query, "suggestions": suggestions[:MAX_SUGGESTIONS]})


def suggestions_for(query: str, backend: str) -> list[dict]:
    suggestions = []
    pages = Page.objects.live().public().autocomplete(query, backend=backend)
    for page in pages[:MAX_SUGGESTIONS]:
        suggestions.append({"title": page.title, "url": page.url, "type": "Page"})
    for model in searchable_snippet_models():
        page_url = model.search_results_page_url()
        if not page_url or len(suggestions) >= MAX_SUGGESTIONS:
            continue
        items = model.search_queryset().autocomplete(query, backend=backend)
        for item in items[: MAX_SUGGESTIONS - len(suggestions)]:
            suggestions.append(
                {
                    "title": str(item),
                    "url": item.search_result_url(page_url),
                    "type": model.search_result_label,
                }
            )
    return suggestions
