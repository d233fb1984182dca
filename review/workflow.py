"""The "Clinical review" workflow: a clinician approves medical pages before they go live.

A marketer (Editors: may edit, may not publish) submits a medical page to the workflow; a member
of the Clinicians group approves it (`ClinicalReviewTask`, review/models.py), and the page is
published with "last reviewed" set to the day of approval and the next review a year later. The
workflow, its task and the Clinicians group are created by migrations (`clinic/0005`, from
before this app had its own). A section of medical pages joins the workflow with
`attach_section` (the services app attaches its services list as soon as it is created).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinician approval"
CLINICIANS_GROUP = "Clinicians"
# What clinicians may do in a medical section: edit, add and, as the reviewers, publish.
CLINICIAN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def attach_section(section) -> None:
    """Send every page under `section` through the clinical review workflow, and let the
    Clinicians group edit and publish there. Does nothing before the migrations have run."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    clinicians = Group.objects.filter(name=CLINICIANS_GROUP).first()
    if workflow is None or clinicians is None:
        return
    WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CLINICIAN_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=clinicians, page=section, permission=permission
        )
