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

from base.content import register_content
from base.models import BasePage
from base.openapi import SEO_SCHEMA, TEXT, ref
from base.serializers import SeoField
from base.structured_data import reference
from clinic.models import Provider
from clinic.serializers import ProvidersField
from clinic.structured_data import person_node, provider_id


class TeamPage(BasePage):
    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text=(
            "A sentence or two above the list of clinicians. The clinicians themselves are "
            "edited under Providers."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # Headless API (docs/api.md): the page's intro and every provider.
    api_fields = [
        APIField("intro"),
        APIField("providers", serializer=ProvidersField()),
        APIField("seo", serializer=SeoField(source="*")),
    ]
    api_schema = {  # each api_field's JSON Schema, for the OpenAPI description
        "intro": TEXT,
        "providers": {"type": "array", "items": ref("ProviderProfile")},
        "seo": SEO_SCHEMA,
    }

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/team_page.html"

    class Meta:
        verbose_name = "team page"

    def summary_text(self) -> str:
        return self.intro

    def structured_data_nodes(self, graph) -> list[dict]:
        """An AboutPage about its providers, each a Person."""
        providers = graph.context.get("providers", [])
        graph.node["@type"] = "AboutPage"
        if providers:
            graph.node["about"] = [reference(provider_id(provider)) for provider in providers]
        return [person_node(provider) for provider in providers]

    @property
    def providers(self):
        """Every provider, in name order, with their photo in the same query."""
        return Provider.objects.select_related("photo").prefetch_related("photo__renditions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["providers"] = list(self.providers)
        return context


# The team page lists every provider, for the publishing event (base/content.py). (The pages a
# provider wrote or reviewed reference them: the reference index knows those.)
register_content(Provider, shown_on=lambda provider: TeamPage.objects.live())
