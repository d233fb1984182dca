"""Structured data (JSON-LD): one schema.org `@graph` per page, from the data the page shows.

The graph is put together here for every page type alike:

1. the site's publisher first (the clinic: `MedicalClinic` with its address, phone and opening
   hours), when the template context has one (`site_publisher`, a `Publisher`);
2. the page's own `WebPage` node (name, description, share image, last publication);
3. what the page type adds through its `structured_data_nodes(graph)` hook (base/models.py):
   e.g. a service page makes its node a `MedicalWebPage` about a `MedicalProcedure`, the FAQ
   page lists its questions; it may also name what the publisher offers on the page;
4. a `BreadcrumbList` below the home page.

This module knows no page type: each one answers for itself. Nothing in the graph is a claim
the page itself doesn't make.
"""

import json
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.models import Page

from base.models import SitePageMixin
from base.seo import breadcrumb_trail, page_description, page_title, share_image, share_image_url
from base.site_urls import absolute_page_url

SCHEMA_ORG = "https://schema.org"


class Publisher(Protocol):
    """Who publishes every page (the clinic): what the graph and the <head> tags need of it."""

    default_share_image: object | None

    @property
    def site_name(self) -> str: ...

    @property
    def graph_id(self) -> str: ...

    def graph_node(self, offers: list[dict]) -> dict:
        """Its own node; `offers` are references to what it offers on the page being shown."""


def reference(node_id: str) -> dict:
    return {"@id": node_id}


def visible_text(html: str) -> str:
    """Front-end HTML as the words a visitor reads."""
    return " ".join(strip_tags(html).split())


@dataclass
class PageGraph:
    """The graph of one page while its page type adds to it (`structured_data_nodes`)."""

    page: Page
    url: str  # the page's canonical URL, the @id of its node
    node: dict  # the page's own node: a WebPage until the page type says more
    context: dict  # the template context (what the page shows, e.g. its FAQs)
    request: object = None
    publisher: Publisher | None = None
    # References to what the publisher offers on this page (MedicalClinic.availableService).
    offers: list[dict] = field(default_factory=list)


def breadcrumb_node(trail, page_url: str, request) -> dict:
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute_page_url(crumb, request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def web_page_node(page, page_url: str, publisher, trail) -> dict:
    node = {
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": page_title(page),
        "inLanguage": get_language(),
    }
    description = page_description(page)
    if description:
        node["description"] = description
    image_url = share_image_url(share_image(page, publisher))
    if image_url:
        node["image"] = image_url
    if page.last_published_at:
        node["dateModified"] = page.last_published_at.isoformat()
    if publisher:
        node["publisher"] = reference(publisher.graph_id)
    if trail:
        node["breadcrumb"] = reference(f"{page_url}#breadcrumb")
    return node


def page_graph_nodes(page, context, request, publisher) -> tuple[list[dict], list[dict]]:
    """(the page's nodes, references to what the publisher offers on it)."""
    page_url = absolute_page_url(page, request)
    if not page_url:
        return [], []
    trail = breadcrumb_trail(page, request)
    graph = PageGraph(
        page=page,
        url=page_url,
        node=web_page_node(page, page_url, publisher, trail),
        context=context,
        request=request,
        publisher=publisher,
    )
    nodes = [graph.node]
    if isinstance(page, SitePageMixin):  # Wagtail's own Page (the tree's root) has no hooks
        nodes += page.structured_data_nodes(graph)
    if trail:
        nodes.append(breadcrumb_node(trail, page_url, request))
    return nodes, graph.offers


def page_graph(context) -> dict:
    """The whole JSON-LD document for the page being rendered (any page, or none)."""
    request = context.get("request")
    publisher = context.get("site_publisher") or None
    page = context.get("page")
    nodes, offers = [], []
    if isinstance(page, Page):
        nodes, offers = page_graph_nodes(page, context, request, publisher)
    if publisher:
        nodes.insert(0, publisher.graph_node(offers))
    return {"@context": SCHEMA_ORG, "@graph": nodes}


def json_ld(data: dict) -> str:
    """JSON safe inside <script>: `<`, `>` and `&` escaped, so `</script>` can't end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
