"""Service pages: what a treatment is, how it is done, who it suits, the plan, aftercare and risks.

Treatment facts are structured fields (numbers are numbers, steps are rows) so the page,
search and later the API and structured data all read the same values.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import post_save
from django.dispatch import receiver
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.content import register_content
from base.models import BasePage
from base.openapi import SEO_SCHEMA, TEXT, TEXT_LIST, nullable, ref
from base.search_document import SearchDocument, page_document, stream_text
from base.serializers import SeoField
from clinic.images import ResponsiveImageField
from faqs.models import FAQ, faqs_naming
from review.api import ClinicalReviewField
from review.forms import MedicalPageForm
from review.models import ClinicalReviewMixin
from review.workflow import attach_section
from services.api import RelatedFAQsField, StepsField, TreatmentPlanField
from services.blocks import BenefitListBlock, PointListBlock, ServiceBodyBlock
from services.structured_data import service_nodes
from services.treatment_plan import schedule_text

DEFAULT_DISCLAIMER = (
    "Results vary from person to person, and no clinic can promise a particular outcome. "
    "Your clinician will talk you through what is realistic for you at your consultation."
)


class ServiceIndexPage(BasePage):
    """The list of the clinic's services."""

    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two above the list of services.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # Headless API (docs/api.md); the services themselves: /api/v2/pages/?child_of=<this id>.
    api_fields = [APIField("intro"), APIField("seo", serializer=SeoField(source="*"))]
    api_schema = {"intro": TEXT, "seo": SEO_SCHEMA}  # for the OpenAPI description

    parent_page_types = ["home.HomePage"]
    subpage_types = ["services.ServicePage"]
    max_count_per_parent = 1
    template = "pages/service_index_page.html"

    class Meta:
        verbose_name = "services list"

    def summary_text(self) -> str:
        return self.intro

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
            subpage = ServicePage.serving_queryset().child_of(self).get(slug=path_components[0])
        except ServicePage.DoesNotExist:
            # Not a service page (an older page type), or no such page: Wagtail decides.
            return super().route(request, path_components)
        subpage._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return subpage.route(request, path_components[1:])


class ServicePage(ClinicalReviewMixin, BasePage):
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

    search_fields = BasePage.search_fields + [
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
    # Each api_field's JSON Schema, for the API's OpenAPI description (base/openapi.py).
    api_schema = {
        "summary": TEXT,
        "hero_image": nullable("ResponsiveImage"),
        "steps": {"type": "array", "items": ref("ServiceStep")},
        "suitable_for": TEXT_LIST,
        "not_suitable_for": TEXT_LIST,
        "benefits": {"type": "array", "items": ref("Benefit")},
        "treatment_plan": ref("TreatmentPlan"),
        "aftercare": TEXT_LIST,
        "downtime": TEXT,
        "risks": TEXT_LIST,
        "disclaimer": TEXT,
        "body": {"type": "array", "items": ref("BodyBlock")},
        "related_faqs": {"type": "array", "items": ref("FAQSummary")},
        "clinical_review": ref("ClinicalReview"),
        "seo": SEO_SCHEMA,
    }

    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    template = "pages/service_page.html"
    # Service pages are always medical: the claims check runs before they can go live.
    base_form_class = MedicalPageForm  # the claims check, and a meta description to publish
    meta_description_required = True  # to publish (base/forms.py)

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

    # --- Hooks (base/models.py) ------------------------------------------------------------

    def summary_text(self) -> str:
        return self.summary

    def get_share_image(self):
        return self.hero_image

    # In site search: "Service" beside the title, and the summary and downtime's words for typo
    # correction (search/vocabulary.py).
    search_result_label = "Service"

    @classmethod
    def search_vocabulary(cls):
        for summary, downtime in cls.objects.live().public().values_list("summary", "downtime"):
            yield summary
            yield downtime

    def search_document(self) -> SearchDocument:
        """What search reads: the page's sections under the headings visitors see."""
        document = page_document(self, body_text=[self.downtime, self.disclaimer])
        sections = [
            ("How it works", " ".join(f"{s.title} {s.description}" for s in self.steps.all())),
            ("Treatment plan", self.schedule_text),
            ("Aftercare", stream_text(self, self._meta.get_field("aftercare"))),
            ("Risks and limitations", stream_text(self, self._meta.get_field("risks"))),
        ]
        extra = " ".join(f"{heading}: {text}." for heading, text in sections if text)
        return SearchDocument(document.title, document.summary, f"{extra} {document.body}")

    def structured_data_nodes(self, graph) -> list[dict]:
        """A MedicalWebPage about a MedicalProcedure, its review and FAQs (structured_data.py)."""
        return service_nodes(self, graph)

    def clinical_copy_problems(self) -> list[tuple[str, str]]:
        if (self.disclaimer or "").strip():
            return []
        return [
            (
                "disclaimer",
                "A service page needs its disclaimer: say that results vary and that the "
                "clinician explains what is realistic at the consultation.",
            )
        ]

    @classmethod
    def serving_queryset(cls):
        """The hero image and the reviewer every view of a service page shows."""
        return cls.objects.select_related("hero_image", "medical_reviewer__photo")

    @classmethod
    def with_api_data(cls, queryset):
        """Everything the API fields read, in batched queries: a listing of service pages costs
        the same number of queries however many steps, FAQs and images each one has."""
        live_faqs = published_faqs(FAQ.objects.all())
        return queryset.select_related("hero_image", "author", "medical_reviewer").prefetch_related(
            "steps",
            "references",
            "hero_image__renditions",
            Prefetch("faqs", queryset=live_faqs, to_attr="api_live_faqs"),
        )

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
        # The page and its JSON-LD (services/structured_data.py) both show the steps, sources and
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


@receiver(post_save, sender=ServiceIndexPage, dispatch_uid="services.new-list-clinical-review")
def send_a_new_services_list_through_clinical_review(sender, instance, created, raw=False, **kw):
    """Every service page is medical content: a new services list joins the Clinical review
    workflow at once (review/workflow.py), with its clinicians' permissions."""
    if created and not raw:
        attach_section(instance)


# Where else a service page is shown, for the publishing event (base/content.py): its FAQs'
# API answers name it.
register_content(ServicePage, api_urls=faqs_naming)
