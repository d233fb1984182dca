"""The serializer fields every page type lists in its `api_fields`: `seo`, and an absolute
`html_url` (used by the API's page serializer, api/pages.py).

Display-ready JSON throughout: rich text as HTML with links resolved, URLs absolute, numbers as
numbers, so a frontend needs no knowledge of Wagtail's storage formats.
"""

from rest_framework.fields import Field

from base.site_urls import absolute_page_url


def page_html_url(page) -> str | None:
    """The page's public URL, absolute; None if no site serves it."""
    return absolute_page_url(page) or None


class AbsoluteHtmlUrlField(Field):
    """`html_url` built from the site's base URL, whatever hostname the Site record has."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page_html_url(page)


class SeoField(Field):
    """What a frontend puts in <head>: title, description and the canonical URL."""

    def to_representation(self, page):
        return {
            "title": page.seo_title or page.title,
            "description": page.search_description,
            "canonical_url": page_html_url(page),
            "noindex": page.noindex,
        }
