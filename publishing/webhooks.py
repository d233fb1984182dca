"""Publish webhooks: tell a headless frontend (or a CDN, a search index…) that content changed.

When content changes, every URL in ``WEBHOOK_URLS`` receives a signed JSON ``POST`` (the exact
shape, the headers and how a receiver verifies them are in docs/webhooks.md)::

    {"event": "page.published", "type": "services.ServicePage", "id": 12,
     "url": "https://clinic.example.com/services/prp/",
     "api_url": "https://clinic.example.com/api/v2/pages/12/",
     "timestamp": "2026-11-23T01:02:03.456Z"}

Which changes: those of the publishing event (publishing/events.py) in EVENT_NAMES below. What
is never an event: anything a visitor sends (consultation requests are not content), so no
patient data can leave in a webhook.

How it is sent: the event is queued when the publishing event is delivered, after the
transaction commits, so a receiver never hears of a change that was rolled back, and always
finds it when it calls the API back. Each URL gets its own django-tasks task on the "webhooks"
backend:

- with a worker (``DJANGO_TASKS_WORKER=1``, production's default) the task sits in the database
  until ``manage.py db_worker --backend webhooks`` sends it; a retry is a new task due after an
  exponential backoff, so a slow receiver holds up nobody;
- without one, the task runs right after the commit, inside the editor's request, so it is
  kept short: at most ``IMMEDIATE_MAX_ATTEMPTS`` attempts of at most ``IMMEDIATE_MAX_TIMEOUT``
  seconds each, at most ``IMMEDIATE_MAX_WAIT`` seconds between them.

Network errors and 5xx answers are retried; any other answer (3xx, 4xx) is a receiver's
configuration error that retrying won't fix. Every failure is logged with the receiver's host
and the HTTP status only: never the body, the full URL (build hooks carry tokens in paths and
query strings) or the secret. Nothing here ever raises into the editor's request.
"""

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from base.content import (
    DELETED,
    MOVED,
    PAGE,
    PUBLISHED,
    SAVED,
    SETTING,
    SNIPPET,
    UNPUBLISHED,
    visibility_of,
)
from base.site_urls import absolute_url, api_url
from publishing.shown import endpoint_url

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Clinic-Signature"
TIMESTAMP_HEADER = "X-Clinic-Timestamp"
EVENT_HEADER = "X-Clinic-Event"
DELIVERY_HEADER = "X-Clinic-Delivery"
USER_AGENT = "ClinicWebhooks/1"

# Without a worker the editor waits for delivery: a receiver that hangs costs them at most
# 3 attempts × 2 s + 2 waits × 1 s = 8 s per URL; one that refuses connections about 2 s.
IMMEDIATE_MAX_ATTEMPTS = 3
IMMEDIATE_MAX_TIMEOUT = 2.0
IMMEDIATE_MAX_WAIT = 1.0


def enabled() -> bool:
    return bool(settings.WEBHOOK_URLS)


# Which changes are events, by (kind, action) of the publishing event (base/content.py). Other
# kinds of content (images, redirects, …) change pages, which are announced when published.
EVENT_NAMES = {
    (PAGE, PUBLISHED): "page.published",
    (PAGE, UNPUBLISHED): "page.unpublished",
    (PAGE, MOVED): "page.moved",
    (PAGE, DELETED): "page.deleted",
    (SNIPPET, PUBLISHED): "snippet.published",
    (SNIPPET, UNPUBLISHED): "snippet.unpublished",
    (SNIPPET, SAVED): "snippet.saved",
    (SNIPPET, DELETED): "snippet.deleted",
    (SETTING, SAVED): "settings.saved",
}


def send(change, **kwargs) -> None:
    """`content_changed` subscriber (after the commit): queue the change's event, if it is one."""
    name = EVENT_NAMES.get((change.kind, change.action))
    if name is None or not enabled():
        return
    try:
        event = page_event(name, change) if change.kind == PAGE else object_event(name, change)
    except Exception:
        # Working out a URL must never break publishing: log and carry on without the event.
        logger.exception("Could not prepare webhook %s for %s", name, change.label)
        return
    emit(event)


# --- Events -----------------------------------------------------------------------------


def page_event(event: str, change) -> dict:
    """The event for a page (a deleted one too: its copy in memory still knows its URL)."""
    parts = change.instance.get_url_parts()  # pages outside every site have no URL
    url = absolute_url(parts[2]) if parts and parts[2] is not None else None
    return build_event(event, change.model, change.pk, url, page_api_url(change.pk))


def object_event(event: str, change) -> dict:
    """The event for a snippet or a setting."""
    instance = change.instance
    url = None
    if hasattr(instance, "get_absolute_url"):
        url = absolute_url(instance.get_absolute_url())
    return build_event(event, change.model, change.pk, url, object_api_url(instance, change.pk))


def build_event(event: str, model, pk, url: str | None, api_url: str | None) -> dict:
    return {
        "event": event,
        "type": model._meta.label,
        "id": pk,
        "url": url,
        "api_url": api_url,
        "timestamp": iso_utc(timezone.now()),
    }


def page_api_url(pk) -> str | None:
    return next(iter(endpoint_url(Page, "detail", pk)), None)


def object_api_url(instance, pk) -> str | None:
    """Its detail in the API's router (an FAQ), else its own endpoint (the clinic details)."""
    detail = endpoint_url(type(instance), "detail", pk)
    if detail:
        return next(iter(detail))
    for api_urls in visibility_of(instance).api_urls:
        for path in api_urls(instance):
            return api_url(path)
    return None


def iso_utc(moment) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- Queueing -----------------------------------------------------------------------------


def emit(event: dict) -> None:
    """Queue `event` for every configured URL (already after the commit: see `send`)."""
    if not settings.WEBHOOK_SECRET:
        # Unsigned events could be forged by anyone who knows a receiver's URL: send none.
        logger.error("Webhook %s not sent: WEBHOOK_SECRET is not set", event["event"])
        return
    # Compact and stable: the receiver verifies the signature over exactly these bytes.
    body = json.dumps(event, separators=(",", ":"), sort_keys=True)
    queue_deliveries(body, event["event"], uuid.uuid4().hex)


def queue_deliveries(body: str, event_name: str, delivery_id: str) -> None:
    # One task per URL: a receiver that is down gets retried without resending to the others.
    for url in settings.WEBHOOK_URLS:
        try:
            deliver_webhook.enqueue(url, body, event_name, delivery_id)
        except Exception:
            logger.exception("Could not queue webhook %s for %s", event_name, receiver_host(url))


# --- Delivery -----------------------------------------------------------------------------


@task(backend="webhooks")
def deliver_webhook(url: str, body: str, event_name: str, delivery_id: str, attempt: int = 1):
    """POST one event to one URL; retry network errors and 5xx with exponential backoff."""
    try:
        deferred_retries = deliver_webhook.get_backend().supports_defer
        max_attempts = 1 + max(settings.WEBHOOK_RETRIES, 0)
        timeout = settings.WEBHOOK_TIMEOUT
        if not deferred_retries:
            max_attempts = min(max_attempts, IMMEDIATE_MAX_ATTEMPTS)
            timeout = min(timeout, IMMEDIATE_MAX_TIMEOUT)
        host = receiver_host(url)
        while True:
            status, problem = post_event(url, body, event_name, delivery_id, timeout)
            if problem is None:
                logger.info("Webhook %s delivered to %s (HTTP %s)", event_name, host, status)
                return
            retryable = status is None or status >= 500
            if not retryable:
                logger.error("Webhook %s to %s failed: %s; not retried", event_name, host, problem)
                return
            if attempt >= max_attempts:
                logger.error(
                    "Webhook %s to %s failed: %s; gave up after %d attempts",
                    event_name,
                    host,
                    problem,
                    attempt,
                )
                return
            delay = settings.WEBHOOK_RETRY_DELAY * 2 ** (attempt - 1)
            logger.warning(
                "Webhook %s to %s failed: %s (attempt %d of %d); retrying in %gs",
                event_name,
                host,
                problem,
                attempt,
                max_attempts,
                delay if deferred_retries else min(delay, IMMEDIATE_MAX_WAIT),
            )
            if deferred_retries:
                deliver_webhook.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                    url, body, event_name, delivery_id, attempt + 1
                )
                return
            time.sleep(min(delay, IMMEDIATE_MAX_WAIT))
            attempt += 1
    except Exception:
        # Never into the editor's request (immediate backend), never a crashed worker loop.
        logger.exception("Webhook %s to %s failed unexpectedly", event_name, receiver_host(url))


def post_event(url: str, body: str, event_name: str, delivery_id: str, timeout: float):
    """One attempt. Returns (HTTP status or None, None when delivered else what went wrong)."""
    if urlsplit(url).scheme not in ("http", "https"):
        # urllib would also open file: and ftp: URLs; a webhook is only ever HTTP(S).
        return 0, "not an http(s) URL"
    timestamp = str(int(time.time()))
    data = body.encode()
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            EVENT_HEADER: event_name,
            DELIVERY_HEADER: delivery_id,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(settings.WEBHOOK_SECRET, timestamp, data),
        },
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, f"no answer ({type(reason).__name__})"
    if 200 <= status < 300:
        return status, None
    return status, f"HTTP {status}"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=` + hex HMAC-SHA256 over "<timestamp>.<raw body>" (docs/webhooks.md)."""
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def receiver_host(url: str) -> str:
    """Only the host (and port): paths and query strings of webhook URLs often hold tokens."""
    try:
        parts = urlsplit(url)
        return parts.netloc.rpartition("@")[2] or "(no host)"
    except ValueError:
        return "(invalid URL)"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A signed event goes to the configured URL only; a redirect is reported, not followed."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)
