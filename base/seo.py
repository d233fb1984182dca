"""What search engines and link previews read about a page: titles, descriptions, share images,
breadcrumbs and language alternates.

The same helpers feed the <head> tags (templates/components/seo_meta.html), the breadcrumbs,
the sitemap and the structured data (base/structured_data.py), so they can never disagree.
They ask the page itself through its hooks (base/models.py): its summary, its share image.
"""

import logging

from wagtail.models import Page, Site

from base.content_version import versioned
from base.models import SitePageMixin
from base.site_urls import absolute_page_url, absolute_url

logger = logging.getLogger(__name__)

# The size Facebook, LinkedIn and X recommend for link previews; JPEG is what they all read.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"


def page_description(page: Page | None) -> str:
    """The editors' search description, else the page's own summary (its hook)."""
    if page is None:
        return ""
    summary = page.summary_text() if isinstance(page, SitePageMixin) else ""
    for value in (page.search_description, summary):
        if value and value.strip():
            return value.strip()
    return ""


def page_title(page: Page | None) -> str:
    """The title search engines and link previews show (the SEO title if editors set one)."""
    if page is None:
        return ""
    return page.seo_title or page.title


def share_image(page: Page | None, publisher):
    """The page's own image (its hook), else the default share image of the site's publisher."""
    image = page.get_share_image() if isinstance(page, SitePageMixin) else None
    if image is None and publisher:
        image = publisher.default_share_image
    return image


def rendition_url(image, filter_spec: str) -> str:
    """An absolute URL of a rendition of `image`; empty if its file can't be read.

    Wagtail's {% image %} tag shrugs off a missing original (a lost upload, a moved bucket);
    calling get_rendition() directly doesn't, and every page would answer 500.
    """
    if image is None:
        return ""
    # Kept on the image object: the <head> tags and the JSON-LD both ask for the share image,
    # and each lookup reads (and rewrites) the renditions cache.
    urls = image.__dict__.setdefault("_rendition_urls", {})
    if filter_spec not in urls:
        urls[filter_spec] = _rendition_url(image, filter_spec)
    return urls[filter_spec]


def _rendition_url(image, filter_spec: str) -> str:
    try:
        return absolute_url(image.get_rendition(filter_spec).url)
    except OSError:  # SourceImageIOError and decoder errors
        logger.warning(
            "No %s rendition for image %s: its file can't be read", filter_spec, image.pk
        )
        return ""


def share_image_url(image) -> str:
    """An absolute URL of a link-preview-sized JPEG of `image`."""
    return rendition_url(image, SHARE_IMAGE_FILTER)


def breadcrumb_trail(page: Page, request=None) -> list[Page]:
    """The pages from the home page down to `page`; empty for the home page itself.

    Cached on the page object: the visible breadcrumbs and the JSON-LD both ask for it.
    """
    cached = page.__dict__.get("_breadcrumb_trail")
    if cached is not None:
        return cached
    if page.pk is None:  # the preview of a page being created: not in the tree yet
        return []
    ancestors = routed_ancestors(page)
    if ancestors is None:
        ancestors = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    site = Site.find_for_request(request) if request is not None else None
    ids = [ancestor.pk for ancestor in ancestors]
    if site is not None and site.root_page_id in ids:
        ancestors = ancestors[ids.index(site.root_page_id) :]
    trail = ancestors if len(ancestors) > 1 else []
    page.__dict__["_breadcrumb_trail"] = trail
    return trail


def routed_ancestors(page: Page) -> list[Page] | None:
    """The page and its ancestors below the tree's root, as routing the request fetched them.

    Wagtail's routing keeps each parent on its child (`_cached_parent_obj`, which treebeard's
    get_parent() reads), so a served page needs no query for them. None when the chain is
    incomplete (a preview, a page fetched some other way, a site rooted deeper than usual).
    """
    chain = [page]
    while chain[0].depth > 2:
        parent = chain[0].__dict__.get("_cached_parent_obj")
        if parent is None:
            return None
        chain.insert(0, parent)
    return chain


def language_alternates(page: Page, request=None) -> list[tuple[str, str]]:
    """(language code, absolute URL) of every live translation of the page, itself included.

    Built on Wagtail's locales, so adding a language (WAGTAIL_I18N_ENABLED and translated
    pages) adds its hreflang link without touching this code. Kept per content version: only
    publishing a translation changes them.
    """
    if page.pk is None:  # the preview of a page being created
        return []

    def find():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        alternates = []
        for translation in translations.order_by("locale__language_code"):
            url = absolute_page_url(translation, request)
            if url:
                alternates.append((translation.locale.language_code, url))
        return alternates

    return versioned(("language-alternates", page.pk), find)
