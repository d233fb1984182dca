"""Telling the front desk that a request arrived: after it is stored, without its contents."""

import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

logger = logging.getLogger(__name__)


def notification_body(submission, admin_url: str) -> str:
    # Deliberately nothing the visitor typed: email is not a safe place for health details.
    return (
        "A new consultation request arrived on the website "
        f"({submission.submit_time:%Y-%m-%d %H:%M} UTC).\n\n"
        f"Read it in the admin (you will need to log in):\n{admin_url}\n\n"
        "For patients' privacy this email never contains what they wrote."
    )


@task(backend="notifications")
def notify_new_request(submission_id: int) -> None:
    # By name: the page model that stores requests (contact/models.py) imports this module.
    consultation_request = apps.get_model("contact", "ConsultationRequest")
    try:
        submission = consultation_request.objects.select_related("page").get(pk=submission_id)
        page = submission.page.specific
        if not page.notification_email:
            return
        path = reverse("wagtailforms:list_submissions", args=[page.pk])
        send_mail(
            subject="New consultation request",
            message=notification_body(submission, settings.WAGTAILADMIN_BASE_URL + path),
            from_email=None,
            recipient_list=[page.notification_email],
        )
    except Exception:
        # The request is stored and the visitor has their confirmation: log, don't raise.
        logger.exception(
            "Could not send the notification for consultation request %s", submission_id
        )


def schedule_notification(submission_id: int) -> None:
    """Queue the notification; a broken task queue must not turn a stored request into an error."""
    try:
        notify_new_request.enqueue(submission_id)
    except Exception:
        logger.exception(
            "Could not queue the notification for consultation request %s", submission_id
        )
