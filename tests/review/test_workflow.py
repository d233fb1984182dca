"""The "Clinical review" workflow: a marketer's edit goes live only once a clinician approves it,
and the approval is the page's clinical review (last reviewed = today)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Workflow, WorkflowState

from review.models import ClinicalReviewTask, add_months
from services.models import ServicePage
from tests.factories import ServiceIndexPageFactory
from tests.review.conftest import editor_form_data

NEW_SUMMARY = "Platelet-rich plasma from your own blood, injected where hair is thinning."


def edit(client, page, user, action=None, **values):
    data = editor_form_data(page, user, summary=NEW_SUMMARY, **values)
    if action:
        data[action] = action
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def live_version(page) -> ServicePage:
    return ServicePage.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_migration_creates_the_workflow_its_task_and_the_clinicians_group():
    workflow = Workflow.objects.get(name="Clinical review")
    tasks = [task.specific for task in workflow.tasks.all()]

    assert workflow.active
    assert len(tasks) == 1
    assert isinstance(tasks[0], ClinicalReviewTask)
    assert list(tasks[0].groups.values_list("name", flat=True)) == ["Clinicians"]


@pytest.mark.django_db
def test_a_new_services_section_goes_through_clinical_review(home_page):
    services = ServiceIndexPageFactory(parent=home_page, slug="services")

    assert services.get_workflow().name == "Clinical review"
    clinicians = Group.objects.get(name="Clinicians")
    codenames = set(
        GroupPagePermission.objects.filter(group=clinicians, page=services).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}


@pytest.mark.django_db
def test_a_marketer_cannot_publish_a_service_page(client, site_tree, staff):
    page = site_tree["service"]
    marketer = staff("marketer", "Editors")
    client.force_login(marketer)

    assert not page.permissions_for_user(marketer).can_publish()
    response = edit(client, page, marketer, action="action-publish")

    assert response.status_code == 302  # saved, but only as a draft
    assert live_version(page).summary != NEW_SUMMARY
    assert live_version(page).get_latest_revision_as_object().summary == NEW_SUMMARY


@pytest.mark.django_db
def test_clinician_approval_publishes_the_marketers_edit_stamped_with_today(
    client, site_tree, staff
):
    page = site_tree["service"]
    page.last_reviewed = datetime.date(2025, 1, 15)
    page.save_revision().publish()
    marketer = staff("marketer", "Editors")
    clinician = staff("clinician", "Clinicians")

    client.force_login(marketer)
    edit(client, page, marketer, action="action-submit")
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    assert state.workflow.name == "Clinical review"
    assert live_version(page).summary != NEW_SUMMARY  # waiting for the clinician

    client.force_login(clinician)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    )

    assert response.status_code == 302
    live = live_version(page)
    today = timezone.localdate()
    assert live.summary == NEW_SUMMARY
    assert live.last_reviewed == today
    assert live.next_review_due == add_months(today, 12)
    assert not live.has_unpublished_changes
    page_html = client.get(live.url).content.decode()
    assert today.strftime("%B %-d, %Y") in page_html


@pytest.mark.django_db
def test_changes_requested_leave_the_page_and_its_review_date_alone(client, site_tree, staff):
    page = site_tree["service"]
    page.last_reviewed = datetime.date(2025, 1, 15)
    page.save_revision().publish()
    marketer = staff("marketer", "Editors")
    client.force_login(marketer)
    edit(client, page, marketer, action="action-submit")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state

    live_revision = live_version(page).live_revision

    client.force_login(staff("clinician", "Clinicians"))
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]),
        {"comment": "Please cite a source for the second step."},
        headers={"X-Requested-With": "XMLHttpRequest"},  # as the admin's comment dialog sends it
    )

    # The dialog's answer when the action was done (a refused or invalid one answers otherwise).
    assert response.status_code == 200
    assert response.json()["step"] == "success"
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.comment == "Please cite a source for the second step."
    assert task_state.workflow_state.status == "needs_changes"
    live = live_version(page)
    assert live.live_revision == live_revision
    assert live.has_unpublished_changes
    assert live.summary != NEW_SUMMARY
    assert live.last_reviewed == datetime.date(2025, 1, 15)
    assert NEW_SUMMARY not in client.get(live.url).content.decode()


@pytest.mark.django_db
def test_a_marketer_cannot_approve_their_own_submission(client, site_tree, staff):
    page = site_tree["service"]
    marketer = staff("marketer", "Editors")
    client.force_login(marketer)
    edit(client, page, marketer, action="action-submit")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    )

    assert live_version(page).summary != NEW_SUMMARY
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


@pytest.mark.django_db
def test_publishing_without_the_workflow_does_not_count_as_a_review(client, site_tree, superuser):
    # Administrators (and the demo loader) can still publish directly; that is no review.
    page = site_tree["service"]
    client.force_login(superuser)

    edit(client, page, superuser, action="action-publish")

    live = live_version(page)
    assert live.summary == NEW_SUMMARY
    assert live.last_reviewed is None


@pytest.mark.django_db
def test_a_clinician_can_correct_the_page_and_approve_it_from_the_editor(client, site_tree, staff):
    page = site_tree["service"]
    marketer = staff("marketer", "Editors")
    clinician = staff("clinician", "Clinicians")
    client.force_login(marketer)
    edit(client, page, marketer, action="action-submit")

    client.force_login(clinician)
    draft = ServicePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    data = editor_form_data(draft, clinician, downtime="Most people go back to work the same day.")
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    live = live_version(page)
    assert live.summary == NEW_SUMMARY  # the marketer's edit…
    assert live.downtime == "Most people go back to work the same day."  # …and the clinician's
    assert live.last_reviewed == timezone.localdate()
