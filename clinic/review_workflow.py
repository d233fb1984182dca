"""The "Clinical review" workflow: a clinician approves medical pages before they go live.

A marketer (Editors: may edit, may not publish) submits a service page to the workflow; a member
of the Clinicians group approves it, and the page is published with "last reviewed" set to the
day of approval and the next review a year later. The workflow, its task and the Clinicians group
are created by the migration `clinic/migrations/0005_clinical_review_workflow.py`; the services
section is attached to them when it exists then, or as soon as it is created (see
`attach_services_section`).
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import AbstractGroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage

from clinic.review import ClinicalReviewMixin, default_next_review

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinician approval"
CLINICIANS_GROUP = "Clinicians"
# What clinicians may do in the services section: edit, add and, as the reviewers, publish.
CLINICIAN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


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


def attach_services_section(services_index) -> None:
    """Send every page under `services_index` through the clinical review workflow, and let the
    Clinicians group edit and publish there. Does nothing before the migration has run."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    clinicians = Group.objects.filter(name=CLINICIANS_GROUP).first()
    if workflow is None or clinicians is None:
        return
    WorkflowPage.objects.get_or_create(page=services_index, defaults={"workflow": workflow})
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CLINICIAN_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=clinicians, page=services_index, permission=permission
        )


def _attach_new_services_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_services_section(instance)


post_save.connect(
    _attach_new_services_index,
    sender="services.ServiceIndexPage",
    dispatch_uid="clinic.review_workflow.attach_new_services_index",
)
