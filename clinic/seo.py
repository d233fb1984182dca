"""What search engines and link previews read about a page: URLs, descriptions, share images.

The same helpers feed the <head> tags (templates/components/seo_meta.html), the breadcrumbs,
the sitemap and the structured data (clinic/structured_data.py), so they can never disagree.

Absolute URLs are built from WAGTAILADMIN_BASE_URL, the site's public base URL (README,
"Configuration"), not from the Site record: the demo's Site says "localhost:80" wherever it is
deployed, and a canonical URL pointing there would send search engines to the wrong host.
"""

import logging

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

# The size Facebook, LinkedIn and X recommend for link previews; JPEG is what they all read.
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"


META_DESCRIPTION_MISSING = (
    "Write a meta description (Promote tab): one or two sentences search engines show under "
    "this page's title."
)


def lacks_required_meta_description(page) -> bool:
    """True for a page type that must have a meta description to go live (service pages: a
    health page must say what it is under its title in search results) and has none."""
    required = getattr(page, "meta_description_required", False)
    return required and not (page.search_description or "").strip()


class SeoMixin(models.Model):
    """A 'hide from search engines' switch on the Promote tab of every page type."""

    noindex = models.BooleanField(
        default=False,
        verbose_name="hide from search engines",
        help_text=(
            "Tick to ask search engines not to list this page (e.g. a thank-you or campaign "
            "page). It is also left out of the sitemap. Visitors can still open it."
        ),
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("noindex")], heading="Search engines"),
    ]

    class Meta:
        abstract = True

    def get_sitemap_urls(self, request=None):
        """The sitemap entry: its absolute canonical URL and last publication, none if hidden."""
        if self.noindex:
            return []
        location = absolute_page_url(self, request)
        if not location:
            return []
        # As Wagtail's own: the last publication, else the last revision for older pages.
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [{"location": location, "lastmod": lastmod}]


def site_base_url() -> str:
    """E.g. 'https://clinic.example.com', without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """A site-relative path ('/services/') as an absolute URL; absolute URLs pass unchanged."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return site_base_url() + (path if path.startswith("/") else f"/{path}")


def absolute_page_url(page: Page, request=None) -> str:
    """The page's canonical URL; '' for a page no site serves or not saved yet (a preview)."""
    if page.pk is None:
        return ""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])


def page_description(page: Page | None) -> str:
    """The editors' search description, else the page's own summary or intro."""
    if page is None:
        return ""
    for name in ("search_description", "summary", "intro", "hero_intro"):
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def page_title(page: Page | None) -> str:
    """The title search engines and link previews show (the SEO title if editors set one)."""
    if page is None:
        return ""
    return page.seo_title or page.title


def share_image(page: Page | None, clinic):
    """The page's own (hero) image, else the default share image from Clinic details."""
    image = getattr(page, "hero_image", None) if page is not None else None
    if image is None and clinic:
        image = clinic.default_share_image
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
    pages) adds its hreflang link without touching this code.
    """
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    alternates = []
    for translation in translations.order_by("locale__language_code"):
        url = absolute_page_url(translation, request)
        if url:
            alternates.append((translation.locale.language_code, url))
    return alternates
