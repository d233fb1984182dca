"""Clinical governance: who wrote and checked a medical page, when, when next, and its sources;
the phrases medical pages may not use; the clinician's approval in the workflow.

Health pages are "your money or your life" content. Following the NHS standard for health
information, every medical page names its medical reviewer, shows when it was last checked and
when it will be checked next, and lists its sources. The same fields feed the page's structured
data (`lastReviewed`, `reviewedBy`, `citation`).

- `ClinicalReviewMixin`: for page types that are always medical (service pages).
- `OptionalMedicalContentMixin`: adds a "medical content" tick box for page types that are
  medical only sometimes; unticked pages skip the review line, the report and the claims check.
- `PageReference`: the ordered sources of any page (one table for every page type).
- `ClaimsCheckSettings`: the banned phrases (Settings → Claims check; review/claims.py checks).
- `ClinicalReviewTask`: the workflow step a clinician approves (review/workflow.py).

Page types take part through the mixins and their hooks; nothing here names a page type.
"""

import calendar
import datetime

from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Orderable, Site

from review.claims import check_claims

DEFAULT_BANNED_PHRASES = [
    "guaranteed",
    "permanent results",
    "cure",
    "100%",
    "no side effects",
    "painless",
]

# How long a review stays valid when the editor doesn't choose a date themselves.
REVIEW_INTERVAL_MONTHS = 12


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def default_next_review(last_reviewed: datetime.date) -> datetime.date:
    return add_months(last_reviewed, REVIEW_INTERVAL_MONTHS)


class ClinicalReviewMixin(models.Model):
    """Author, medical reviewer and review dates of a page that is always medical content."""

    author = models.ForeignKey(
        "clinic.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote the medical content of this page, if it was a clinician.",
    )
    medical_reviewer = models.ForeignKey(
        "clinic.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The clinician who checked this page is medically accurate. Shown on the page as "
            "'Medically reviewed by …'."
        ),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When a clinician last checked this page. Set to today automatically when a "
            "clinician approves the page in the 'Clinical review' workflow."
        ),
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "When the page must be checked again. Leave empty for 12 months after the last "
            "review. Pages due within 30 days appear in Reports → Clinical reviews due."
        ),
    )

    clinical_review_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("author"), FieldPanel("medical_reviewer")]),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
                InlinePanel(
                    "references",
                    heading="Sources",
                    label="Source",
                    help_text=(
                        "The evidence this page relies on: studies, guidelines, professional "
                        "bodies. Shown at the end of the page as 'Sources'."
                    ),
                ),
            ],
            heading="Clinical review",
        ),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_review_defaults()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        # Runs in the admin form, so drafts and revisions carry the default too.
        self.fill_review_defaults()

    @property
    def is_medical_content(self) -> bool:
        return True

    def publishing_problems(self, site) -> list[str]:
        """The claims check first (review/claims.py), then what every page needs (base)."""
        problems = []
        if self.is_medical_content:
            found = check_claims(self, ClaimsCheckSettings.phrases_for(site))
            problems = [f"Claims check: {problem.message}" for problem in found]
        return problems + super().publishing_problems(site)

    def clinical_copy_problems(self) -> list[tuple[str, str]]:
        """Hook: (field name, message) for copy this page type must have before it can go live
        (e.g. a service page's disclaimer), on top of the banned phrases (review/claims.py)."""
        return []

    def fill_review_defaults(self) -> None:
        """Next review defaults to 12 months after the last one."""
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = default_next_review(self.last_reviewed)


class OptionalMedicalContentMixin(ClinicalReviewMixin):
    """Clinical review for page types that are medical content only when an editor says so."""

    medical_content = models.BooleanField(
        default=False,
        verbose_name="medical content",
        help_text=(
            "Tick if this page gives health information. It then shows its reviewer and "
            "sources, goes on the clinical review report and is checked for banned claims."
        ),
    )

    clinical_review_panels = [
        FieldPanel("medical_content"),
        *ClinicalReviewMixin.clinical_review_panels,
    ]

    class Meta:
        abstract = True

    @property
    def is_medical_content(self) -> bool:
        return self.medical_content


class PageReference(Orderable):
    """One source a page's medical content relies on, listed under 'Sources'."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="references")
    title = models.CharField(
        max_length=300,
        help_text="The title of the study, guideline or article, as published.",
    )
    source = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Who published it and when, e.g. 'American Academy of Dermatology, 2024' or "
            "'Journal of Cosmetic Dermatology, 2023'."
        ),
    )
    url = models.URLField(
        max_length=500,
        blank=True,
        verbose_name="link",
        help_text="A link to it, ideally a DOI or the publisher's page. Leave empty if none.",
    )

    panels = [FieldPanel("title"), FieldPanel("source"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "source"
        verbose_name_plural = "sources"
        # Who sees Reports → Clinical reviews due (granted to Clinicians, Editors, Moderators).
        permissions = [("view_clinical_reviews_due", "Can see the clinical reviews due report")]

    def __str__(self) -> str:
        return self.title


@register_setting(icon="warning")
class ClaimsCheckSettings(BaseSiteSetting):
    """The phrases no medical page may use."""

    banned_phrases = models.TextField(
        default="\n".join(DEFAULT_BANNED_PHRASES),
        blank=True,
        help_text=(
            "One word or phrase per line. Medical pages (service pages and pages ticked as "
            "medical content) can't be published or submitted for review while their copy "
            "uses one. Whole words, upper or lower case alike: 'cure' also catches 'Cure' but "
            "not 'cured' or 'secure' (add those forms as lines of their own if needed). An "
            "honest denial such as 'not a cure' is allowed."
        ),
    )

    panels = [FieldPanel("banned_phrases")]

    class Meta:
        verbose_name = "claims check"

    @property
    def phrases(self) -> list[str]:
        return [line.strip() for line in self.banned_phrases.splitlines() if line.strip()]

    @classmethod
    def phrases_for(cls, site: Site | None) -> list[str]:
        """The banned phrases of `site` (the default site's if None; the defaults if none)."""
        if site is None:
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return list(DEFAULT_BANNED_PHRASES)
        return cls.for_site(site).phrases


class ClinicalReviewTask(AbstractGroupApprovalTask):
    """A group approval that counts as the page's clinical review.

    Approving stamps today's date as "last reviewed" (and the next review a year on) into the
    revision about to be published, so the live page and its history both show who approved
    what, and when.
    """

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            revision = task_state.workflow_state.content_object.get_latest_revision()
            stamp_review(revision, timezone.localdate())
        super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve the page; approval sets 'last reviewed'."

    class Meta:
        verbose_name = "clinical review task"
        verbose_name_plural = "clinical review tasks"


def stamp_review(revision, day: datetime.date) -> None:
    """Record a clinical review on `day` in a revision of a medical page (others are left alone)."""
    if revision is None:
        return
    page = revision.as_object()
    if not isinstance(page, ClinicalReviewMixin) or not page.is_medical_content:
        return
    revision.content["last_reviewed"] = day.isoformat()
    revision.content["next_review_due"] = default_next_review(day).isoformat()
    revision.save(update_fields=["content"])
