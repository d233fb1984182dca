"""Which URLs show something that changed: the pages and API answers a CDN must purge.

Worked out from what the site already knows, then what the apps declared (base/content.py):

- a page: itself and its API detail; the pages above it (section listings, the home page's
  featured services) and below it (their breadcrumbs and `meta.parent` name it); with any page,
  the API's pages listing;
- anything else (a snippet, a setting, an image): its own API endpoint's detail and listing,
  when it has one; and, through Wagtail's reference index, wherever the objects that use it are
  shown (an image on a provider is shown wherever that provider is: the team page, the pages
  they reviewed);
- plus each app's `register_content` declarations: the pages listing every instance (the FAQ
  page), pages showing a model they don't reference (the contact form's services), "shown on
  every page" (the clinic's details in the header), and API paths of their own (/settings/).

A page found this way changes itself but passes nothing on (its own listings show other
fields); a snippet passes the change on to whatever shows it, once each.
"""

import logging

from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site

from api.router import app_endpoints_router
from base.content import visibility_of
from base.site_urls import api_url

logger = logging.getLogger(__name__)


def endpoint_url(model, view: str, *args) -> set[str]:
    """{the absolute URL of `view` ("listing" or "detail") of the API endpoint serving
    `model`}, or an empty set for a model the API doesn't serve."""
    name, _viewset = app_endpoints_router().get_model_endpoint(model) or (None, None)
    if name is None:
        return set()
    try:
        return {api_url(reverse(f"wagtailapi_v2:{name}:{view}", args=args))}
    except NoReverseMatch:  # the API's URLs aren't installed
        return set()


def endpoint_urls(model, pk) -> set[str]:
    """The API listing and the detail of `pk` of the endpoint serving `model`."""
    return endpoint_url(model, "listing") | endpoint_url(model, "detail", pk)


class ShownAt:
    """The pages and API URLs showing one change, collected as the rules above find them."""

    def __init__(self):
        self.pages: dict[int, Page] = {}  # their HTML and their API detail changed
        self.api: set[str] = set()  # and other URLs (the API's, a redirect's old address)
        self.everywhere = False  # every page's HTML (the header, the footer, the menu)
        self._seen: set[tuple] = set()

    # --- What changed -----------------------------------------------------------------------

    def changed(self, instance) -> "ShownAt":
        if isinstance(instance, Page):
            self.changed_page(instance)
        elif isinstance(instance, PageViewRestriction):
            # A page made private (or public again): it and every page below it.
            self.changed_page(instance.page)
        elif isinstance(instance, Redirect):
            sites = [instance.site] if instance.site_id else Site.objects.all()
            self.api |= {site.root_url + instance.old_path for site in sites}
        elif isinstance(instance, Site):
            self.everywhere = True
        else:
            self.shown(instance)
        return self

    def changed_page(self, page: Page) -> None:
        self.add_page(page)
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            self.add_page(ancestor)
        for descendant in page.get_descendants().live():
            self.add_page(descendant)
        self.declared(page)

    # --- Where it is shown --------------------------------------------------------------------

    def shown(self, obj) -> None:
        """`obj` shows what changed: its URLs change, and whatever shows it."""
        if isinstance(obj, Page):
            self.add_page(obj)
            return
        key = (type(obj)._meta.label, obj.pk)
        if key in self._seen:
            return
        self._seen.add(key)
        self.api |= endpoint_urls(type(obj), obj.pk)
        self.declared(obj)
        for referrer in referrers(obj):
            self.shown(referrer)

    def declared(self, obj) -> None:
        visibility = visibility_of(obj)
        for shown_on in visibility.shown_on:
            for target in shown_on(obj):
                self.shown(target)
        if any(test(obj) for test in visibility.everywhere):
            self.everywhere = True
        for api_urls in visibility.api_urls:
            self.api |= {api_url(path) for path in api_urls(obj)}

    def add_page(self, page: Page) -> None:
        if page.pk is not None:
            self.pages.setdefault(page.pk, page)

    # --- As URLs ------------------------------------------------------------------------------

    def urls(self) -> frozenset[str]:
        # Pages' URLs as Wagtail's purging makes them: each site's address and every path a
        # page type says it is cached under (`get_cached_paths`).
        purge_batch = PurgeBatch()
        purge_batch.add_pages(self.pages.values())
        if self.everywhere:
            purge_batch.add_pages(Page.objects.live().public().exclude(depth=1))
        urls = set(self.api) | set(purge_batch.urls)
        for page in self.pages.values():
            urls |= endpoint_url(Page, "detail", page.pk)
        if self.pages:  # a listing asked for fields=* shows them too
            urls |= endpoint_url(Page, "listing")
        return frozenset(urls)


def referrers(obj) -> list:
    """The pages and snippets that use `obj` (Wagtail's reference index), each once."""
    found = []
    try:
        for source, _references in ReferenceIndex.get_grouped_references_to(obj):
            found.append(source)
    except Exception:  # a reference to a row deleted since: the index catches up on its own
        logger.warning("Could not read what refers to %s %s", type(obj).__name__, obj.pk)
    return found


def urls_showing(instance) -> frozenset[str]:
    """Every absolute URL (pages and API) that shows `instance` as it is now."""
    return ShownAt().changed(instance).urls()
