"""Admin report 'Clinical reviews due' and its dashboard panel.

Lists live medical pages whose clinical review is overdue, due within 30 days, or that were
never reviewed, soonest first, with their reviewer and dates. Clinicians, Editors and
Moderators see it (permission `review.view_clinical_reviews_due`, granted by migration).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.models import get_page_models

from base.admin_reports import PermissionReportView, report_menu_item, report_urls
from review.models import ClinicalReviewMixin, OptionalMedicalContentMixin

VIEW_PERMISSION = "review.view_clinical_reviews_due"
DUE_WITHIN_DAYS = 30
DASHBOARD_ROWS = 5


@dataclass(frozen=True)
class ReviewDue:
    """One medical page that needs a clinician's review soon."""

    page: ClinicalReviewMixin
    today: datetime.date

    @property
    def title(self) -> str:
        return self.page.get_admin_display_title()

    @property
    def pk(self) -> int:
        return self.page.pk

    @property
    def page_type(self) -> str:
        return self.page._meta.verbose_name.capitalize()

    @property
    def reviewer(self) -> str:
        return str(self.page.medical_reviewer) if self.page.medical_reviewer else "None chosen"

    @property
    def last_reviewed(self) -> str:
        return _date(self.page.last_reviewed) or "Never"

    @property
    def next_review_due(self) -> str:
        return _date(self.page.next_review_due) or "Now"

    @property
    def overdue(self) -> bool:
        due = self.page.next_review_due
        return due is None or due < self.today

    @property
    def status(self) -> str:
        due = self.page.next_review_due
        if due is None:
            return "Never reviewed"
        days = (due - self.today).days
        if days < 0:
            return f"Overdue by {-days} day{'s' if days != -1 else ''}"
        if days == 0:
            return "Due today"
        return f"Due in {days} day{'s' if days != 1 else ''}"

    @property
    def sort_key(self) -> tuple:
        # Never reviewed first, then the most overdue, then the soonest due.
        return (self.page.next_review_due is not None, self.page.next_review_due, self.title)


def _date(day: datetime.date | None) -> str:
    return day.strftime("%b %-d, %Y") if day else ""


def medical_page_models() -> list[type]:
    return [model for model in get_page_models() if issubclass(model, ClinicalReviewMixin)]


def reviews_due(today: datetime.date | None = None, within_days: int = DUE_WITHIN_DAYS):
    """Live medical pages never reviewed or due for review by `today` + `within_days`, soonest
    first. One query per medical page type."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    rows = []
    for model in medical_page_models():
        # exact_type: a subclass's pages are listed once, under their own model.
        pages = model.objects.live().exact_type(model).select_related("medical_reviewer")
        if issubclass(model, OptionalMedicalContentMixin):
            pages = pages.filter(medical_content=True)
        pages = pages.filter(Q(next_review_due__isnull=True) | Q(next_review_due__lte=horizon))
        rows.extend(ReviewDue(page, today) for page in pages)
    return sorted(rows, key=lambda row: row.sort_key)


class ClinicalReviewsDueView(PermissionReportView):
    permission = VIEW_PERMISSION
    page_title = "Clinical reviews due"
    header_icon = "doc-full-inverse"
    index_url_name = "clinical_reviews_due_report"
    index_results_url_name = "clinical_reviews_due_report_results"
    columns = [
        TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
        Column("status", label="Review"),
        Column("next_review_due", label="Next review due"),
        Column("last_reviewed", label="Last reviewed"),
        Column("reviewer", label="Medical reviewer"),
        Column("page_type", label="Type"),
    ]
    list_export = ["title", "status", "next_review_due", "last_reviewed", "reviewer", "page_type"]
    export_headings = {
        "title": "Page",
        "status": "Review",
        "next_review_due": "Next review due",
        "last_reviewed": "Last reviewed",
        "reviewer": "Medical reviewer",
        "page_type": "Type",
    }

    def get_queryset(self):
        return reviews_due()


def clinical_reviews_urls():
    return report_urls(ClinicalReviewsDueView, "reports/clinical-reviews-due/")


def clinical_reviews_menu_item():
    return report_menu_item(
        ClinicalReviewsDueView, "Clinical reviews due", name="clinical-reviews-due", order=1250
    )


class ClinicalReviewsDuePanel(Component):
    """Dashboard summary of the report: how many pages are overdue or due soon, the first few."""

    name = "clinical_reviews_due"
    order = 110
    template_name = "admin/clinical_reviews_due_panel.html"

    def __init__(self, rows: list[ReviewDue]):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {
            "rows": self.rows[:DASHBOARD_ROWS],
            "total": len(self.rows),
            "overdue": sum(1 for row in self.rows if row.overdue),
            "due_soon": sum(1 for row in self.rows if not row.overdue),
            "due_within_days": DUE_WITHIN_DAYS,
            "report_url": reverse(ClinicalReviewsDueView.index_url_name),
        }
