"""Frequently asked questions: snippets written once, shown on the FAQ page and service pages."""

from itertools import groupby

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Page, PreviewableMixin, RevisionMixin
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from base.content import register_content
from base.content_version import versioned
from base.models import BasePage
from base.openapi import SEO_SCHEMA, TEXT
from base.search_document import SearchableSnippetMixin, SearchDocument, rich_text_as_plain_text
from base.serializers import SeoField
from clinic.blocks import RICH_TEXT_FEATURES
from faqs.serializers import FAQCategoryField, FAQHtmlUrlField, RelatedServicesField
from faqs.structured_data import question_node
from review.claims import find_banned_phrases, plain_text
from review.forms import MedicalPageForm
from review.models import ClaimsCheckSettings, OptionalMedicalContentMixin


class FAQCategory(models.Model):
    """A heading the FAQ page groups questions under, e.g. 'Cost and booking'."""

    name = models.CharField(
        max_length=80, unique=True, help_text="Shown as a heading on the FAQ page."
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the page address, e.g. 'cost-and-booking'."
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers appear first on the FAQ page."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "FAQ category"
        verbose_name_plural = "FAQ categories"

    def __str__(self) -> str:
        return self.name


class FAQQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """FAQs can be searched and autocompleted like pages: FAQ.objects.filter(...).search(...)."""


class FAQ(
    SearchableSnippetMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One question and its answer. Drafts and revisions let editors prepare changes safely."""

    question = models.CharField(
        max_length=200, help_text="Ask it the way a patient would, e.g. 'Does it hurt?'."
    )
    answer = RichTextField(
        features=RICH_TEXT_FEATURES, help_text="A short, plain answer. Link to a page for detail."
    )
    category = models.ForeignKey(
        FAQCategory,
        on_delete=models.PROTECT,
        related_name="faqs",
        help_text="The heading it appears under on the FAQ page.",
    )
    related_services = ParentalManyToManyField(
        "services.ServicePage",
        blank=True,
        related_name="faqs",
        help_text="Service pages that show this question too.",
    )
    sort_order = models.IntegerField(
        default=0,
        help_text="Lower numbers appear first, within the category and on service pages.",
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="faq")

    # Headless API (/api/v2/faqs/, faqs/api.py); the answer is display-ready HTML.
    api_fields = [
        APIField("question"),
        APIField("answer"),
        APIField("category", serializer=FAQCategoryField()),
        APIField("html_url", serializer=FAQHtmlUrlField(source="*")),
        APIField("related_services", serializer=RelatedServicesField()),
    ]

    objects = FAQQuerySet.as_manager()

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldPanel("category"),
        # Tick boxes: a multiple <select> drops the other services on a plain click.
        FieldPanel("related_services", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("question", boost=2),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
        index.SearchField("search_stems"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "question"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        """The claims check: FAQ answers appear on the medical pages and in their structured
        data, so they may not promise what the clinic can't (Settings → Claims check)."""
        super().clean()
        phrases = ClaimsCheckSettings.phrases_for(None)
        errors = {}
        for name, text in [("question", self.question), ("answer", plain_text(self.answer))]:
            found = find_banned_phrases(text or "", phrases)
            if found:
                errors[name] = (
                    f"This says “{found[0]}”, a claim the clinic's pages may not make "
                    "(Settings → Claims check). Say what the treatment can and can't do instead."
                )
        if errors:
            raise ValidationError(errors)

    # --- In site search (base/search_document.py) ------------------------------------------

    search_result_label = "FAQ"

    def search_document(self) -> SearchDocument:
        return SearchDocument(self.question, rich_text_as_plain_text(self.answer), "")

    @classmethod
    def search_queryset(cls):
        return cls.objects.filter(live=True)

    @classmethod
    def search_results_page_url(cls) -> str:
        return cls.answers_page_url()

    def search_result_url(self, page_url: str) -> str:
        return self.url_on(page_url)

    @classmethod
    def search_vocabulary(cls):
        for question, answer in cls.search_queryset().values_list("question", "answer"):
            yield question
            yield rich_text_as_plain_text(answer)

    @property
    def answer_html(self) -> str:
        """The answer as visitors see it, internal links resolved.

        Worked out once per answer: the page shows it and its JSON-LD repeats it, and resolving
        a link costs queries. Kept with the source it was made from, so an edit is never stale.
        """
        source, html = self.__dict__.get("_answer_html", (None, ""))
        if source != self.answer:
            source = self.answer
            # Per content version too: the links' targets only move when something is published.
            html = versioned(("faq-answer-html", source), lambda: str(RichText(source)))
            self.__dict__["_answer_html"] = (source, html)
        return html

    @property
    def anchor(self) -> str:
        """The id of this question on any page that shows it, for links like /faqs/#faq-12."""
        return f"faq-{self.pk}"

    def url_on(self, page_url: str) -> str:
        """The link to this question on the page at `page_url` (the FAQ page, a service page)."""
        return f"{page_url}#{self.anchor}"

    @classmethod
    def answers_page_url(cls) -> str:
        """Where every FAQ is answered: the live FAQ page's path ('' without one), kept per
        content version."""

        def find() -> str:
            faq_page = FAQIndexPage.objects.live().public().first()
            parts = faq_page.get_url_parts() if faq_page else None
            return (parts[2] or "") if parts else ""

        return versioned(("faq-answers-page-url",), find)

    def get_preview_template(self, request, mode_name):
        return "previews/faq_preview.html"


class FAQIndexPage(OptionalMedicalContentMixin, BasePage):
    """The FAQ page: every published question, grouped by category."""

    intro = models.TextField(
        max_length=500, blank=True, help_text="A sentence or two above the questions."
    )

    # Answers to health questions: tick "medical content" to show their clinical review.
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        *OptionalMedicalContentMixin.clinical_review_panels,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # Headless API (docs/api.md); the questions themselves: /api/v2/faqs/.
    api_fields = [APIField("intro"), APIField("seo", serializer=SeoField(source="*"))]
    api_schema = {"intro": TEXT, "seo": SEO_SCHEMA}  # for the OpenAPI description

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/faq_index_page.html"
    base_form_class = MedicalPageForm  # the claims check, when ticked as medical content

    class Meta:
        verbose_name = "FAQ page"

    def summary_text(self) -> str:
        return self.intro

    def structured_data_nodes(self, graph) -> list[dict]:
        """The page is an FAQPage of every question it shows."""
        faqs = [faq for _category, items in graph.context.get("faq_groups", []) for faq in items]
        if faqs:
            graph.node["@type"] = "FAQPage"
            graph.node["mainEntity"] = [question_node(faq, graph.url) for faq in faqs]
        return []

    def faq_groups(self) -> list[tuple[FAQCategory, list[FAQ]]]:
        """(category, its published FAQs) in category order; empty categories are left out."""
        faqs = (
            FAQ.objects.filter(live=True)
            .select_related("category")
            .order_by("category__sort_order", "category__name", "sort_order", "question")
        )
        return [
            (category, list(items)) for category, items in groupby(faqs, key=lambda f: f.category)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["faq_groups"] = self.faq_groups()
        return context


# --- Where FAQs are shown, for the publishing event (base/content.py) -------------------------


def faq_pages():
    return FAQIndexPage.objects.live()


def service_pages_showing(faq):
    """The service pages the FAQ is on, as stored (before a publish: those it is taken off)."""
    service_page = FAQ._meta.get_field("related_services").related_model
    return service_page.objects.filter(faqs=faq.pk)


def faqs_api_listing() -> list[str]:
    return [reverse("wagtailapi_v2:faqs:listing")]


def faqs_naming(service_page) -> list[str]:
    """The FAQs' API answers that name a service page (its title and URL), and their listing."""
    faq_ids = FAQ.objects.filter(related_services=service_page.pk).values_list("pk", flat=True)
    details = [reverse("wagtailapi_v2:faqs:detail", args=[faq_id]) for faq_id in faq_ids]
    return faqs_api_listing() + details


register_content(FAQ, shown_on=lambda faq: [*service_pages_showing(faq), *faq_pages()])
# The FAQ page groups questions under their category's name (its FAQs pass it on too).
register_content(
    FAQCategory, shown_on=lambda category: faq_pages(), api_urls=lambda c: faqs_api_listing()
)
