"""Template tags for what every page's <head> and breadcrumbs need (base/seo.py does the work).

The site's publisher (the clinic, for the site name and default share image) comes from the
template context's `site_publisher`, which a context processor provides.
"""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, to_locale
from wagtail.models import Page

from base import seo
from base.content_version import versioned
from base.site_urls import absolute_page_url
from base.structured_data import json_ld, page_graph

register = template.Library()


def context_page(context) -> Page | None:
    """The Wagtail page being rendered; None on views that aren't pages (search, 404)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("components/seo_meta.html", takes_context=True)
def seo_meta(context):
    """Canonical URL, robots, hreflang, Open Graph and Twitter card tags."""
    request = context.get("request")
    page = context_page(context)
    publisher = context.get("site_publisher") or None
    canonical = absolute_page_url(page, request) if page is not None else ""
    # Only pages with an address of their own get link-preview tags (see the template).
    image = seo.share_image(page, publisher) if canonical else None
    return {
        "canonical_url": canonical,
        "noindex": bool(getattr(page, "noindex", False)),
        "alternates": seo.language_alternates(page, request) if canonical else [],
        "title": seo.page_title(page),
        "description": seo.page_description(page),
        "site_name": publisher.site_name if publisher else "",
        "og_locale": to_locale(get_language() or settings.LANGUAGE_CODE),
        "image": image,
        "image_url": seo.share_image_url(image),
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's JSON-LD graph in one <script type="application/ld+json">."""
    page = context_page(context)
    request = context.get("request")
    if page is None or page.pk is None or request is None or request.method != "GET":
        document = json_ld(page_graph(context))  # search, errors, previews of new pages
    else:
        # A page's graph only changes when something is published: kept per content version.
        key = ("json-ld", page.pk, request.path)
        document = versioned(key, lambda: json_ld(page_graph(context)))
    return mark_safe(  # noqa: S308 (json_ld escapes <, > and &)
        f'<script type="application/ld+json">{document}</script>'
    )


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context_page(context)
    request = context.get("request")
    trail = seo.breadcrumb_trail(page, request) if page is not None else []
    return {"trail": trail, "request": request}
