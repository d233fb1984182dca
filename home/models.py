"""The home page: a hero, the featured services and a call to action."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.models import BasePage
from base.openapi import SEO_SCHEMA, TEXT, nullable, ref
from base.serializers import SeoField
from base.structured_data import reference
from clinic.images import ResponsiveImageField
from services.api import ServiceSummaryListField


class HomePage(BasePage):
    hero_heading = models.CharField(
        max_length=120,
        help_text=(
            "The page's main heading, e.g. 'PRP for thinning hair, from your own blood'. "
            "Keep it short."
        ),
    )
    hero_intro = models.TextField(
        max_length=400,
        help_text="One or two sentences under the heading saying what the clinic offers.",
    )
    hero_image = models.ForeignKey(
        "clinic.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide image beside the heading (at least 1200 pixels wide).",
    )
    featured_heading = models.CharField(
        max_length=120,
        default="Our treatments",
        help_text="Heading above the featured services.",
    )
    cta_heading = models.CharField(
        max_length=120,
        default="Talk to us about your hair",
        verbose_name="call to action heading",
        help_text="Heading of the box near the end of the page inviting visitors to book or call.",
    )
    cta_text = models.TextField(
        max_length=400,
        blank=True,
        verbose_name="call to action text",
        help_text="A sentence inviting visitors to book a consultation or phone the clinic.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading="Hero",
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                InlinePanel("featured_services", label="Featured service", max_num=6),
            ],
            heading="Featured services",
        ),
        MultiFieldPanel(
            [FieldPanel("cta_heading"), FieldPanel("cta_text")],
            heading="Call to action",
            help_text=(
                "The buttons use the booking link and phone number from Settings → Clinic details."
            ),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_intro"),
    ]

    # Headless API (docs/api.md).
    api_fields = [
        APIField("hero_heading"),
        APIField("hero_intro"),
        APIField("hero_image", serializer=ResponsiveImageField()),
        APIField("featured_heading"),
        APIField("featured_services", serializer=ServiceSummaryListField()),
        APIField("cta_heading"),
        APIField("cta_text"),
        APIField("seo", serializer=SeoField(source="*")),
    ]
    # Each api_field's JSON Schema, for the API's OpenAPI description (base/openapi.py).
    api_schema = {
        "hero_heading": TEXT,
        "hero_intro": TEXT,
        "hero_image": nullable("ResponsiveImage"),
        "featured_heading": TEXT,
        "featured_services": {"type": "array", "items": ref("ServiceSummary")},
        "cta_heading": TEXT,
        "cta_text": TEXT,
        "seo": SEO_SCHEMA,
    }

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "services.ServiceIndexPage",
        "faqs.FAQIndexPage",
        "contact.ContactPage",
        "team.TeamPage",
    ]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = "home page"

    def summary_text(self) -> str:
        return self.hero_intro

    def get_share_image(self):
        return self.hero_image

    def structured_data_nodes(self, graph) -> list[dict]:
        """The home page is about the clinic that publishes the site."""
        if graph.publisher:
            graph.node["about"] = reference(graph.publisher.graph_id)
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_services"] = [
            item.service
            for item in self.featured_services.select_related("service", "service__hero_image")
            if item.service.live
        ]
        return context


class HomePageFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_services")
    service = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A service page to show as a card on the home page.",
    )

    panels = [PageChooserPanel("service")]
