"""Spam protection without a CAPTCHA: per-IP rate limit and a honeypot field.

(The third guard, a minimum time to fill the form in, is a form error: a fast human just
sends again.) Refusals are friendly pages that offer the phone number instead.
"""

import logging

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

from contact.forms import HONEYPOT_FIELD

logger = logging.getLogger(__name__)


def is_rate_limited(request) -> bool:
    """Count this POST against the sender's IP; True once they are over the limit.

    The HTML form and the JSON endpoint share one count, so switching doesn't help a spammer.
    """
    return is_ratelimited(
        request,
        group="consultation-form",
        key="ip",
        rate=settings.CONSULTATION_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def guard_submission(page, request):
    """None if the POST may be processed, else the response that refuses it."""
    if is_rate_limited(request):
        logger.info("Consultation form: rate limit reached")
        return refusal(request, page, "pages/form_too_many.html", status=429)
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        logger.info("Consultation form: honeypot filled in, not stored")
        return refusal(request, page, "pages/form_refused.html", status=400)
    return None


def refusal(request, page, template, status):
    context = page.get_context(request)
    return TemplateResponse(request, template, context, status=status)
