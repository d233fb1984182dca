"""Page routing from a per-process table of the site's live pages, kept per content version.

Wagtail finds a page by walking the tree one level per URL segment (a query each), then loads
the page's own row, then its ancestors' aliases and view restrictions: six or seven queries
before the page's own content, on every request. Here the table of live pages (path → id and
type, with the ancestors for breadcrumbs) is built with one query per content version, and a
request loads only its page, by primary key, through the page type's `serving_queryset()`.

Anything the table doesn't know (a sub-route of a routable page, an unknown path, a language
other than the site root's) goes to Wagtail's own routing, as before. Whichever way the page
was found, Wagtail's serve view then runs its hooks (request methods, view restrictions), so
privacy and the page's own `serve()` work exactly as Wagtail's.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from base.content_version import caching_derived_values, versioned
from base.site_urls import request_site


@dataclass(frozen=True)
class RoutedPage:
    page_id: int
    content_type_id: int
    parent: Page | None  # the generic parent, its own ancestors linked (see routing_table)


def routing_table(site: Site) -> dict[str, RoutedPage]:
    """Every live page under the site's root (in the active language): its URL path relative to
    the root → what loading it needs. One query."""
    root = site.root_page.localized
    pages = (
        Page.objects.filter(path__startswith=root.path, depth__gte=root.depth)
        .live()
        .order_by("path")
    )
    by_path: dict[str, Page] = {}
    table: dict[str, RoutedPage] = {}
    for page in pages:
        parent = by_path.get(page.path[: -Page.steplen])
        if page.depth > root.depth and parent is None:
            continue  # below a page that isn't live: Wagtail answers 404 too
        if parent is not None:
            page._cached_parent_obj = parent  # what treebeard's get_parent() reads
        by_path[page.path] = page
        relative = page.url_path[len(root.url_path) :]
        table[relative] = RoutedPage(page.pk, page.content_type_id, parent)
    return table


def find_page(request, path: str) -> Page | None:
    site = request_site(request)
    if site is None:
        return None
    table = versioned(("routing", site.pk, translation.get_language()), lambda: routing_table(site))
    routed = table.get(path)
    if routed is None:
        return None
    model = ContentType.objects.get_for_id(routed.content_type_id).model_class()
    if model is None or not hasattr(model, "serving_queryset"):
        return None  # a page type without the base page's hooks: Wagtail's way
    page = model.serving_queryset().filter(pk=routed.page_id).first()
    if page is not None and routed.parent is not None:
        page._cached_parent_obj = routed.parent
    return page


def serve(request, path):
    """Wagtail's serve view, with the page found from the routing table when it can be."""
    if caching_derived_values():
        page = find_page(request, path)
        if page is not None:
            # What Page.route_for_request(request, path) returns.
            request._wagtail_route_for_request = page.route(request, [])
    return wagtail_views.serve(request, path)
