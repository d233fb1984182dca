"""The search page and the suggestions endpoint behind the header search box."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from search.engine import site_search
from search.stats import record_search
from search.text import clean_query, words

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
    """Up to six titles (pages and FAQs) that start like what the visitor is typing, as JSON."""
    from faqs.models import FAQ, FAQIndexPage

    # Words only: quotes and operators mean something to the full-text engine.
    query = " ".join(words(clean_query(request.GET.get("q", ""))))
    suggestions = []
    if len(query) >= 2:
        pages = Page.objects.live().public().autocomplete(query)
        for page in pages[:MAX_SUGGESTIONS]:
            suggestions.append({"title": page.title, "url": page.url, "type": "Page"})
        faq_page = FAQIndexPage.objects.live().public().first()
        if faq_page:
            faqs = FAQ.objects.filter(live=True).autocomplete(query)
            for faq in faqs[: MAX_SUGGESTIONS - len(suggestions)]:
                url = f"{faq_page.url}#{faq.anchor}"
                suggestions.append({"title": faq.question, "url": url, "type": "FAQ"})
    return JsonResponse({"query": query, "suggestions": suggestions[:MAX_SUGGESTIONS]})
