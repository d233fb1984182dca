"""Service pages: what a treatment is, how it is done, who it suits, the plan, aftercare and risks.

Treatment facts are structured fields (numbers are numbers, steps are rows) so the page,
search and later the API and structured data all read the same values.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from api.fields import (
    ClinicalReviewField,
    RelatedFAQsField,
    SeoField,
    StepsField,
    TreatmentPlanField,
)
from api.images import ResponsiveImageField
from api.preview_mixin import HeadlessPreviewMixin
from clinic.review import ClinicalReviewMixin
from clinic.seo import SeoMixin
from faqs.models import FAQ
from search.documents import SearchDocument, StemmedSearchMixin, page_document, stream_text
from services.blocks import BenefitListBlock, PointListBlock, ServiceBodyBlock
from services.forms import ServicePageForm
from services.treatment_plan import schedule_text

DEFAULT_DISCLAIMER = (
    "Results vary from person to person, and no clinic can promise a particular outcome. "
    "Your clinician will talk you through what is realistic for you at your consultation."
)


class ServiceIndexPage(HeadlessPreviewMixin, SeoMixin, StemmedSearchMixin, Page):
    """The list of the clinic's services."""

    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two above the list of services.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("search_stems"),
    ]

    # Headless API (docs/api.md); the services themselves: /api/v2/pages/?child_of=<this id>.
    api_fields = [APIField("intro"), APIField("seo", serializer=SeoField(source="*"))]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count_per_parent = 1
    template = "pages/service_index_page.html"

    class Meta:
        verbose_name = "services list"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.child_of(self).live().public().select_related("hero_image")
        )
        return context

    def route(self, request, path_components):
        """Find a service page in one query, with the images and reviewer every view shows.

        Wagtail's own route reads the child, then its specific row, then each related object
        on first use: five queries on every visit to a service page.
        """
        if not path_components:
            return super().route(request, path_components)
        try:
            subpage = (
                ServicePage.objects.child_of(self)
                .select_related("hero_image", "medical_reviewer__photo")
                .get(slug=path_components[0])
            )
        except ServicePage.DoesNotExist:
            # Not a service page (an older page type), or no such page: Wagtail decides.
            return super().route(request, path_components)
        subpage._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return subpage.route(request, path_components[1:])


class ServicePage(HeadlessPreviewMixin, ClinicalReviewMixin, SeoMixin, StemmedSearchMixin, Page):
    """One treatment, e.g. PRP hair restoration."""

    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two plain sentences saying what the treatment is. Shown under the page title, "
            "in the services list and in search results."
        ),
    )
    hero_image = models.ForeignKey(
        "clinic.ClinicImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide image shown at the top of the page and in the services list.",
    )

    suitable_for = StreamField(
        PointListBlock(),
        blank=True,
        verbose_name="who it can help",
        help_text="One point per group of people or condition it can help.",
    )
    not_suitable_for = StreamField(
        PointListBlock(),
        blank=True,
        verbose_name="who it can't help",
        help_text="Be honest about limits, e.g. where hair follicles are gone.",
    )
    benefits = StreamField(
        BenefitListBlock(), blank=True, help_text="Why patients choose it, one benefit at a time."
    )

    plan_sessions = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name="initial sessions",
        help_text=(
            "How many sessions the first course has, e.g. 3. Leave empty if there's no fixed plan."
        ),
    )
    plan_interval_weeks_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name="weeks between sessions (at least)",
        help_text="Shortest gap between sessions of the first course, in weeks, e.g. 4.",
    )
    plan_interval_weeks_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name="weeks between sessions (at most)",
        help_text="Longest gap, in weeks, e.g. 6. Leave empty if it's always the same.",
    )
    plan_maintenance_months_min = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name="months between maintenance sessions (at least)",
        help_text="After the first course, a top-up every … months, e.g. 4. Empty means none.",
    )
    plan_maintenance_months_max = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name="months between maintenance sessions (at most)",
        help_text="Longest gap between top-ups, in months, e.g. 6.",
    )

    preparation = StreamField(
        PointListBlock(),
        blank=True,
        verbose_name="before your treatment",
        help_text="What patients should do or know before their appointment, one point each.",
    )
    aftercare = StreamField(
        PointListBlock(),
        blank=True,
        help_text="What patients notice and should do or avoid afterwards, one point each.",
    )
    downtime = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "How soon patients get back to normal life, e.g. "
            "'Most return to usual activities the same day.'"
        ),
    )
    risks = StreamField(
        PointListBlock(),
        blank=True,
        verbose_name="risks and limitations",
        help_text="Side effects and what the treatment can't do, one point each.",
    )
    disclaimer = models.TextField(
        max_length=500,
        default=DEFAULT_DISCLAIMER,
        help_text="Shown in a box near the end of the page. Keep it clear that results vary.",
    )
    body = StreamField(
        ServiceBodyBlock(),
        blank=True,
        help_text="Anything else about the treatment, after the structured sections above.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        InlinePanel(
            "steps",
            heading="How it works",
            label="Step",
            help_text="The procedure in order, as a patient experiences it.",
        ),
        FieldPanel("preparation"),
        MultiFieldPanel(
            [FieldPanel("suitable_for"), FieldPanel("not_suitable_for")],
            heading="Who it is for",
        ),
        FieldPanel("benefits"),
        MultiFieldPanel(
            [
                FieldPanel("plan_sessions"),
                FieldRowPanel(
                    [FieldPanel("plan_interval_weeks_min"), FieldPanel("plan_interval_weeks_max")]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("plan_maintenance_months_min"),
                        FieldPanel("plan_maintenance_months_max"),
                    ]
                ),
            ],
            heading="Treatment plan",
            help_text=(
                "Numbers only: the page writes the sentence, e.g. '3 sessions, 4–6 weeks apart, "
                "then maintenance every 4–6 months'."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("aftercare"), FieldPanel("downtime")], heading="Aftercare and downtime"
        ),
        FieldPanel("risks"),
        FieldPanel("disclaimer"),
        FieldPanel("body"),
        *ClinicalReviewMixin.clinical_review_panels,
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("suitable_for"),
        index.SearchField("not_suitable_for"),
        index.SearchField("benefits"),
        index.SearchField("preparation"),
        index.SearchField("aftercare"),
        index.SearchField("downtime"),
        index.SearchField("risks"),
        index.SearchField("body"),
        index.RelatedFields(
            "steps", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.SearchField("search_stems"),
    ]

    # Headless API (docs/api.md): the same structured data the page shows, display-ready.
    api_fields = [
        APIField("summary"),
        APIField("hero_image", serializer=ResponsiveImageField()),
        APIField("steps", serializer=StepsField()),
        APIField("suitable_for"),
        APIField("not_suitable_for"),
        APIField("benefits"),
        APIField("treatment_plan", serializer=TreatmentPlanField(source="*")),
        APIField("aftercare"),
        APIField("downtime"),
        APIField("risks"),
        APIField("disclaimer"),
        APIField("body"),
        APIField("related_faqs", serializer=RelatedFAQsField(source="*")),
        APIField("clinical_review", serializer=ClinicalReviewField(source="*")),
        APIField("seo", serializer=SeoField(source="*")),
    ]

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    template = "pages/service_page.html"
    # Service pages are always medical: the claims check runs before they can go live.
    base_form_class = ServicePageForm  # the claims check, and a meta description to publish
    meta_description_required = True  # to publish (services/forms.py)

    class Meta:
        verbose_name = "service page"

    def clean(self) -> None:
        super().clean()
        errors = {}
        pairs = [
            ("plan_interval_weeks_min", "plan_interval_weeks_max"),
            ("plan_maintenance_months_min", "plan_maintenance_months_max"),
        ]
        for low_name, high_name in pairs:
            low, high = getattr(self, low_name), getattr(self, high_name)
            if high is not None and low is None:
                errors[low_name] = "Fill in the 'at least' number too, or clear the 'at most' one."
            elif low is not None and high is not None and high < low:
                errors[high_name] = "The 'at most' number can't be smaller than the 'at least' one."
        if self.plan_sessions is None and self.plan_interval_weeks_min is not None:
            errors["plan_sessions"] = (
                "Enter the number of sessions the gap between sessions belongs to."
            )
        if errors:
            raise ValidationError(errors)

    def search_document(self) -> SearchDocument:
        """What search reads: the page's sections under the headings visitors see."""
        document = page_document(self)
        sections = [
            ("How it works", " ".join(f"{s.title} {s.description}" for s in self.steps.all())),
            ("Treatment plan", self.schedule_text),
            ("Aftercare", stream_text(self, self._meta.get_field("aftercare"))),
            ("Risks and limitations", stream_text(self, self._meta.get_field("risks"))),
        ]
        extra = " ".join(f"{heading}: {text}." for heading, text in sections if text)
        return SearchDocument(document.title, document.summary, f"{extra} {document.body}")

    @property
    def schedule_text(self) -> str:
        """E.g. '3 sessions, 4–6 weeks apart, then maintenance every 4–6 months'."""
        return schedule_text(
            self.plan_sessions,
            self.plan_interval_weeks_min,
            self.plan_interval_weeks_max,
            self.plan_maintenance_months_min,
            self.plan_maintenance_months_max,
        )

    @property
    def related_faqs(self):
        """Published FAQs linked to this service (from the FAQ side), in the editors' order.

        A list once get_context has fetched them, so the page and its JSON-LD share one query.
        """
        prefetched = self.__dict__.get("prefetched_faqs")
        if prefetched is not None:
            return prefetched
        return published_faqs(self.faqs.all())

    def get_context(self, request, *args, **kwargs):
        # The page and its JSON-LD (clinic/structured_data.py) both show the steps, sources and
        # FAQs: fetch each once per request. Not in previews, which carry unsaved rows.
        if self.pk is not None and not getattr(request, "is_preview", False):
            self.prefetch_shown_rows()
        return super().get_context(request, *args, **kwargs)

    def prefetch_shown_rows(self) -> None:
        prefetch_related_objects(
            [self],
            "steps",
            "references",
            Prefetch("faqs", queryset=published_faqs(FAQ.objects.all()), to_attr="prefetched_faqs"),
        )


def published_faqs(faqs):
    """Live FAQs with their category, in the order service pages show them."""
    return faqs.filter(live=True).select_related("category").order_by("sort_order", "question")


class ServiceStep(Orderable):
    """One step of how a treatment is carried out."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(
        max_length=120, help_text="The step in a few words, e.g. 'A small blood draw'."
    )
    description = models.TextField(
        max_length=600, help_text="What happens in this step, in one to three sentences."
    )

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "step"
