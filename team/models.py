"""The "Our team" page: the clinic's providers, with their credentials, role and a short bio.

A page type of its own app (like home, services, faqs and contact) rather than in `clinic`:
`clinic` owns the providers as data (snippets, reviewers of medical pages); this app owns one
public page that shows them. The providers are edited once, under Providers, and the page
lists them all, so a new clinician appears here without anyone editing the page.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from api.fields import ProvidersField, SeoField
from api.preview_mixin import HeadlessPreviewMixin
from clinic.models import Provider
from clinic.seo import SeoMixin
from search.documents import StemmedSearchMixin


class TeamPage(HeadlessPreviewMixin, SeoMixin, StemmedSearchMixin, Page):
    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text=(
            "A sentence or two above the list of clinicians. The clinicians themselves are "
            "edited under Providers."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("search_stems"),
    ]

    # Headless API (docs/api.md): the page's intro and every provider.
    api_fields = [
        APIField("intro"),
        APIField("providers", serializer=ProvidersField()),
        APIField("seo", serializer=SeoField(source="*")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/team_page.html"

    class Meta:
        verbose_name = "team page"

    @property
    def providers(self):
        """Every provider, in name order, with their photo in the same query."""
        return Provider.objects.select_related("photo").prefetch_related("photo__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["providers"] = list(self.providers)
        return context
