"""The contact page: the clinic's details in full. The consultation form joins it later."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from search.documents import StemmedSearchMixin


class ContactPage(StemmedSearchMixin, Page):
    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two at the top, e.g. how soon the team answers.",
    )
    directions = models.TextField(
        max_length=600,
        blank=True,
        help_text="Optional: how to find the clinic, parking, accessibility of the entrance.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("directions")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("directions"),
        index.SearchField("search_stems"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/contact_page.html"

    class Meta:
        verbose_name = "contact page"
