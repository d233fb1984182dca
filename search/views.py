"""Site search: a plain results page for now; patient-language search builds on it."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    # Cut absurdly long input and strip control characters; the template escapes the rest.
    raw_query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    query = "".join(ch for ch in raw_query if ch.isprintable()).strip()

    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    # get_page() turns a missing, negative or non-numeric page into the nearest valid page.
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))

    return TemplateResponse(request, "pages/search.html", {"search_query": query, "results": page})
