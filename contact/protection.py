"""Spam protection without a CAPTCHA: per-IP rate limit and a honeypot field.

(The third guard, a minimum time to fill the form in, is a form error: a fast human just
sends again.) Refusals are friendly pages that offer the phone number instead.
"""

import logging

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit.core import get_usage

from contact.forms import HONEYPOT_FIELD

logger = logging.getLogger(__name__)


def _usage(request, increment: bool) -> dict | None:
    return get_usage(
        request,
        group="consultation-form",
        key="ip",
        rate=settings.CONSULTATION_RATE_LIMIT,
        method="POST",
        increment=increment,
    )


def is_rate_limited(request) -> bool:
    """True once the sender's IP has sent as many requests as the limit allows.

    Only stored requests count (see `count_stored_request`): a patient who corrects a few
    mistakes is not locked out. The HTML form and the JSON endpoint share one count.
    """
    usage = _usage(request, increment=False)
    return bool(usage) and usage["count"] >= usage["limit"]


def count_stored_request(request) -> None:
    _usage(request, increment=True)


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
