"""The page every page type builds on, and the hooks through which it answers for itself.

    class ServicePage(BasePage):              # or BaseFormPage, for a page with a form
        def summary_text(self): ...           # its own summary (lists, meta description)
        def get_share_image(self): ...        # the image shown when the page is shared
        def search_document(self): ...        # what search reads, split by weight
        def structured_data_nodes(self, graph): ...   # its JSON-LD
        @classmethod
        def with_api_data(cls, queryset): ... # the rows its API fields read, in batches

Shared code (the <head> tags, the JSON-LD graph, search, the API) calls these hooks and never
asks a page which class it is. Every page also gets, from here: a "hide from search engines"
switch and its sitemap entry, headless preview (base/preview.py), and `search_stems` in the
search index.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from base.content_version import (  # noqa: F401 (ContentVersion: the model lives there)
    ContentVersion,
    caching_derived_values,
    versioned,
)
from base.forms import META_DESCRIPTION_MISSING, BasePageForm, lacks_required_meta_description
from base.preview import HeadlessPreviewMixin
from base.search_document import SearchDocument, StemmedSearchMixin, page_document
from base.site_urls import absolute_page_url


def restricted_or_aliased_paths() -> frozenset[str]:
    """The tree paths of pages with a view restriction and of alias pages (whose restrictions
    are their original's): below any other page, no page has a restriction."""
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return frozenset([*restricted, *aliases])


class SitePageMixin(HeadlessPreviewMixin, StemmedSearchMixin, models.Model):
    """What BasePage and BaseFormPage share: the fields and hooks of every page type."""

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
    search_fields = Page.search_fields + [index.SearchField("search_stems")]

    # Set True on a page type whose pages can't go live without a meta description.
    meta_description_required = False
    base_form_class = BasePageForm  # a page type's own form subclasses it (review/forms.py)
    # Each of the page type's api_fields as a JSON Schema, in the same order, for the API's
    # OpenAPI description (base/openapi.py); tests/api/test_openapi.py keeps the two in step.
    api_schema: dict = {}

    class Meta:
        abstract = True

    # --- Hooks: page types override what applies to them ------------------------------------

    def summary_text(self) -> str:
        """The page's own summary in a sentence or two (e.g. its intro): shown under its title
        in lists and search results, and the meta description when editors wrote none."""
        return ""

    def get_share_image(self):
        """The image link previews show for this page; None for the site's default."""
        return None

    # The kind of result site search shows beside the page's title.
    search_result_label = "Page"

    def search_document(self) -> SearchDocument:
        """What site search reads: the title, the summary and the body, by weight."""
        return page_document(self)

    def structured_data_nodes(self, graph) -> list[dict]:
        """This page type's JSON-LD nodes beside its own (base/structured_data.py). It may also
        refine its own node (`graph.node`) and name what the publisher offers here."""
        return []

    def publishing_problems(self, site) -> list[str]:
        """What stops this page from going live, as messages for the editor; [] when nothing.
        The edit form shows them on their fields; bulk publishing refuses with the first."""
        return [META_DESCRIPTION_MISSING] if lacks_required_meta_description(self) else []

    @classmethod
    def serving_queryset(cls):
        """The rows serving one page of this type reads (mysite/page_routing.py loads it by
        primary key from here): select_related what every view of it shows."""
        return cls.objects.all()

    @classmethod
    def with_api_data(cls, queryset):
        """The queryset the API serialises pages of this type from: add the related rows their
        api_fields read (select_related/prefetch_related), so a listing's queries don't grow."""
        return queryset

    # --- Behaviour every page shares ----------------------------------------------------------

    def get_view_restrictions(self):
        """Wagtail's answer (this page's and its ancestors' restrictions: two queries), asked
        only when the page is below a restricted page or an alias; otherwise none, from a set of
        those pages kept per content version."""
        if self.alias_of_id or not caching_derived_values():
            return super().get_view_restrictions()
        guarded = versioned(("restricted-or-aliased-paths",), restricted_or_aliased_paths)
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        if any(self.path[:end] in guarded for end in steps):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

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


class BasePage(SitePageMixin, Page):
    """The base of every page type of the site."""

    class Meta:
        abstract = True


class BaseFormPage(SitePageMixin, AbstractForm):
    """The base of page types that are a form built in the admin (Wagtail's form builder)."""

    class Meta:
        abstract = True
