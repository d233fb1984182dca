"""Publish webhooks (publishing/webhooks.py): signed events to a real local HTTP receiver."""

import hashlib
import hmac
import json
import logging
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from clinic.models import ClinicSettings, Provider
from contact.models import ConsultationRequest
from search.models import SynonymGroup
from tests.contact.test_consultation_form import (  # noqa: F401 (contact_page is a fixture)
    contact_page,
    send,
)
from tests.factories import FAQFactory, ProviderFactory, ServicePageFactory
from tests.test_settings_and_commands import print_production_settings

SECRET = "test-webhook-secret"
# Build hooks often carry a token in the URL: it must never reach the logs.
HOOK_PATH = "/hooks/deploy-7f3a9c?token=url-token-never-logged"
EVENT_KEYS = {"event", "type", "id", "url", "api_url", "timestamp"}


class Receiver:
    """Answers each POST with the next status in `statuses` (200 when none are left)."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        self.url = ""

    @property
    def events(self) -> list[dict]:
        return [json.loads(body) for _headers, body in self.requests]


@pytest.fixture
def receiver():
    received = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.requests.append((self.headers, body))
            status = received.statuses.pop(0) if received.statuses else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.url = f"http://127.0.0.1:{server.server_port}{HOOK_PATH}"
    yield received
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhooks(settings, receiver):
    settings.WEBHOOK_URLS = [receiver.url]
    settings.WEBHOOK_SECRET = SECRET
    # Distinct bases, to show which URL is built from which.
    settings.WAGTAILADMIN_BASE_URL = "http://clinic.example"
    settings.WAGTAILAPI_BASE_URL = "http://api.clinic.example"
    settings.WEBHOOK_TIMEOUT = 2
    settings.WEBHOOK_RETRIES = 5
    settings.WEBHOOK_RETRY_DELAY = 0
    settings.TASKS = {
        **settings.TASKS,
        "webhooks": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    return receiver


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` runs what the block registered for after the commit, at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def verify(headers, body: bytes, secret: str, tolerance=timedelta(minutes=5)) -> bool:
    """What a receiver does (docs/webhooks.md): a recent timestamp, and the HMAC over both."""
    timestamp = headers["X-Clinic-Timestamp"]
    sent_at = datetime.fromtimestamp(int(timestamp), UTC)
    if abs(datetime.now(UTC) - sent_at) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest("sha256=" + expected.hexdigest(), headers["X-Clinic-Signature"])


def webhook_log(caplog) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "publishing.webhooks"]


def host(receiver) -> str:
    return receiver.url.split("/")[2]


def unused_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{HOOK_PATH}"


# --- Event shape per kind -----------------------------------------------------------------


@pytest.mark.django_db
def test_publishing_a_page_sends_its_type_id_and_absolute_urls(webhooks, committed, site_tree):
    service = ServicePageFactory(parent=site_tree["services"], slug="scalp-care", live=False)
    before = datetime.now(UTC)

    with committed():
        service.save_revision().publish()

    [event] = webhooks.events
    assert set(event) == EVENT_KEYS
    assert event["event"] == "page.published"
    assert event["type"] == "services.ServicePage"
    assert event["id"] == service.pk
    assert event["url"] == "http://clinic.example/services/scalp-care/"
    assert event["api_url"] == f"http://api.clinic.example/api/v2/pages/{service.pk}/"
    assert event["timestamp"].endswith("Z")
    sent = datetime.fromisoformat(event["timestamp"])
    assert before - timedelta(seconds=1) <= sent <= datetime.now(UTC)


def publish_form_data(service) -> dict:
    """What the admin's edit form posts when an editor presses Publish."""
    data = nested_form_data(
        {
            "title": service.title,
            "slug": service.slug,
            "summary": "Edited by marketing.",
            "search_description": "PRP treatment for thinning hair, explained by the clinic.",
            "disclaimer": service.disclaimer,
            "plan_sessions": "3",
            "plan_interval_weeks_min": "4",
            "plan_interval_weeks_max": "6",
            "plan_maintenance_months_min": "4",
            "plan_maintenance_months_max": "6",
            "action-publish": "publish",
        }
    )
    # Every StreamField and inline list left empty, whichever the page type has today.
    for field in type(service)._meta.get_fields():
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    for relation in get_all_child_relations(type(service)):
        data.update(nested_form_data({relation.get_accessor_name(): inline_formset([])}))
    return data


@pytest.mark.django_db
def test_publishing_through_the_admin_sends_one_event(webhooks, committed, admin_client, site_tree):
    service = site_tree["service"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])

    with committed():
        response = admin_client.post(edit_url, publish_form_data(service))

    assert response.status_code == 302
    assert [(e["event"], e["id"]) for e in webhooks.events] == [("page.published", service.pk)]


@pytest.mark.django_db
def test_unpublishing_a_page_sends_page_unpublished(webhooks, committed, site_tree):
    service = site_tree["service"]

    with committed():
        service.unpublish()

    [event] = webhooks.events
    assert event["event"] == "page.unpublished"
    assert event["id"] == service.pk
    assert event["url"] == "http://clinic.example/services/prp/"


@pytest.mark.django_db
def test_deleting_a_page_announces_it_and_every_page_below_it(webhooks, committed, site_tree):
    services, service = site_tree["services"], site_tree["service"]

    with committed():
        services.delete()

    # Wagtail unpublishes a live page before deleting it: unpublished, then deleted.
    for page in (services, service):
        events = [event for event in webhooks.events if event["id"] == page.pk]
        assert [event["event"] for event in events] == ["page.unpublished", "page.deleted"]
        assert events[1]["type"] == page.specific_class._meta.label
    # The URLs it had, so a frontend or CDN knows what to drop.
    [deleted] = [
        e for e in webhooks.events if e["event"] == "page.deleted" and e["id"] == service.pk
    ]
    assert deleted["url"] == "http://clinic.example/services/prp/"
    assert deleted["api_url"] == f"http://api.clinic.example/api/v2/pages/{service.pk}/"


@pytest.mark.django_db
def test_faq_publish_unpublish_and_delete_are_snippet_events(webhooks, committed, site_tree):
    faq = FAQFactory(live=False)

    with committed():
        faq.save_revision().publish()
        faq.refresh_from_db()
        faq.unpublish()
        faq_id = faq.pk
        faq.delete()

    assert [event["event"] for event in webhooks.events] == [
        "snippet.published",
        "snippet.unpublished",
        "snippet.deleted",
    ]
    published = webhooks.events[0]
    assert published["type"] == "faqs.FAQ"
    assert published["id"] == faq_id
    assert published["url"] is None
    assert published["api_url"] == f"http://api.clinic.example/api/v2/faqs/{faq_id}/"


@pytest.mark.django_db
def test_saving_an_faq_draft_sends_nothing(webhooks, committed, site_tree):
    faq = FAQFactory()

    with committed():
        faq.question = "A draft question nobody sees yet?"
        faq.save_revision()

    assert webhooks.requests == []


@pytest.mark.django_db
def test_plain_snippets_send_saved_and_deleted(webhooks, committed):
    with committed():
        provider = ProviderFactory()
        provider_id = provider.pk
        provider.delete()
        synonyms = SynonymGroup.objects.create(terms="hair loss, alopecia")

    assert [(e["event"], e["type"], e["id"]) for e in webhooks.events] == [
        ("snippet.saved", "clinic.Provider", provider_id),
        ("snippet.deleted", "clinic.Provider", provider_id),
        ("snippet.saved", "search.SynonymGroup", synonyms.pk),
    ]
    assert {(e["url"], e["api_url"]) for e in webhooks.events} == {(None, None)}


@pytest.mark.django_db
def test_saving_the_clinic_details_sends_settings_saved(webhooks, committed, clinic_settings):
    with committed():
        clinic_settings.phone = "(310) 555-0199"
        clinic_settings.save()

    [event] = webhooks.events
    assert event["event"] == "settings.saved"
    assert event["type"] == "clinic.ClinicSettings"
    assert event["id"] == clinic_settings.pk
    assert event["api_url"] == "http://api.clinic.example/api/v2/settings/"


@pytest.mark.django_db
def test_settings_created_by_reading_them_are_not_an_event(webhooks, committed, home_page):
    site = home_page.get_site()

    with committed():
        ClinicSettings.for_site(site)  # creates the row with its defaults, as a page view may

    assert ClinicSettings.objects.filter(site=site).exists()
    assert webhooks.requests == []


@pytest.mark.django_db
def test_a_consultation_request_is_never_an_event(webhooks, committed, client, contact_page):  # noqa: F811
    with committed():
        response = send(client, contact_page)

    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 1
    assert webhooks.requests == []


@pytest.mark.django_db
def test_saving_a_page_draft_sends_nothing(webhooks, committed, site_tree):
    with committed():
        site_tree["service"].save_revision()  # a page draft: a Revision row, no event

    assert webhooks.requests == []


# --- Signature ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_signature_verifies_with_the_secret_and_not_with_another(webhooks, committed):
    with committed():
        ProviderFactory()

    [(headers, body)] = webhooks.requests
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Clinic-Event"] == "snippet.saved"
    assert headers["X-Clinic-Signature"].startswith("sha256=")
    assert verify(headers, body, SECRET)
    assert not verify(headers, body, "another-secret")
    assert not verify(headers, body.replace(b"snippet.saved", b"snippet.deleted"), SECRET)


@pytest.mark.django_db
def test_the_timestamp_is_signed_so_an_old_event_cannot_be_replayed_as_new(webhooks, committed):
    with committed():
        ProviderFactory()

    [(headers, body)] = webhooks.requests
    # The same signature under a fresher timestamp: what a replaying attacker would send.
    replayed = {
        "X-Clinic-Timestamp": str(int(headers["X-Clinic-Timestamp"]) + 1),
        "X-Clinic-Signature": headers["X-Clinic-Signature"],
    }
    assert not verify(replayed, body, SECRET)
    stale = {"X-Clinic-Timestamp": str(int(time.time()) - 3600)}
    stale["X-Clinic-Signature"] = "sha256=" + (
        hmac.new(
            SECRET.encode(), stale["X-Clinic-Timestamp"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
    )
    assert not verify(stale, body, SECRET)  # correctly signed, but an hour old


# --- Retries and failures -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_500_is_retried_until_the_receiver_takes_it(webhooks, committed, caplog):
    webhooks.statuses = [500, 503]

    with caplog.at_level(logging.INFO, logger="publishing.webhooks"), committed():
        ProviderFactory()

    assert len(webhooks.requests) == 3
    bodies = {body for _headers, body in webhooks.requests}
    deliveries = {headers["X-Clinic-Delivery"] for headers, _body in webhooks.requests}
    assert len(bodies) == 1 and len(deliveries) == 1  # the same event, for deduplication
    assert all(verify(headers, body, SECRET) for headers, body in webhooks.requests)
    messages = webhook_log(caplog)
    warnings = [message for level, message in messages if level == logging.WARNING]
    assert len(warnings) == 2
    assert "HTTP 500" in warnings[0] and "attempt 1 of 3" in warnings[0]
    assert "HTTP 503" in warnings[1] and "attempt 2 of 3" in warnings[1]
    assert messages[-1] == (
        logging.INFO,
        f"Webhook snippet.saved delivered to {host(webhooks)} (HTTP 200)",
    )


@pytest.mark.django_db
def test_a_400_is_not_retried_and_is_logged_without_secrets(webhooks, committed, caplog):
    webhooks.statuses = [400]

    with caplog.at_level(logging.INFO, logger="publishing.webhooks"), committed():
        ProviderFactory(name="Dr. Logged Nowhere")

    assert len(webhooks.requests) == 1
    [error] = [message for level, message in webhook_log(caplog) if level == logging.ERROR]
    assert error == f"Webhook snippet.saved to {host(webhooks)} failed: HTTP 400; not retried"
    for leaked in (SECRET, "url-token-never-logged", "deploy-7f3a9c", "Dr. Logged Nowhere"):
        assert leaked not in caplog.text


@pytest.mark.django_db
def test_a_redirect_is_not_followed(webhooks, committed, caplog):
    webhooks.statuses = [302]

    with committed():
        ProviderFactory()

    assert len(webhooks.requests) == 1
    assert "HTTP 302" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unreachable_receiver_never_stops_publishing(
    site_tree, webhooks, settings, caplog, admin_client
):
    # A real commit: delivery runs inside the editor's request, as it does without a worker.
    settings.WEBHOOK_URLS = [unused_port_url(), webhooks.url]
    service = site_tree["service"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])

    with caplog.at_level(logging.INFO, logger="publishing.webhooks"):
        started = time.monotonic()
        response = admin_client.post(edit_url, publish_form_data(service))
        took = time.monotonic() - started

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.summary == "Edited by marketing." and service.live
    assert took < 10  # 3 short attempts at most, never the worker's long backoff
    # The working receiver still got its event.
    assert [event["event"] for event in webhooks.events] == ["page.published"]
    [error] = [message for level, message in webhook_log(caplog) if level == logging.ERROR]
    assert error.startswith("Webhook page.published to 127.0.0.1:")
    assert error.endswith("no answer (ConnectionRefusedError); gave up after 3 attempts")
    assert "url-token-never-logged" not in caplog.text


@pytest.mark.django_db
def test_a_failing_queue_never_stops_publishing(webhooks, committed, settings, site_tree, caplog):
    settings.TASKS = {**settings.TASKS, "webhooks": {"BACKEND": "no.such.Backend"}}
    service = site_tree["service"]
    service.unpublish()

    with committed():
        service.save_revision().publish()

    service.refresh_from_db()
    assert service.live
    assert "Could not queue webhook page.published" in caplog.text


# --- When nothing is sent -----------------------------------------------------------------


@pytest.mark.django_db
def test_nothing_is_sent_when_no_urls_are_configured(webhooks, committed, settings, site_tree):
    settings.WEBHOOK_URLS = []

    with committed():
        site_tree["service"].save_revision().publish()
        ProviderFactory()

    assert webhooks.requests == []


@pytest.mark.django_db
def test_nothing_unsigned_is_sent_without_a_secret(webhooks, committed, settings, caplog):
    settings.WEBHOOK_SECRET = ""

    with committed():
        ProviderFactory()

    assert webhooks.requests == []
    assert "WEBHOOK_SECRET is not set" in caplog.text


@pytest.mark.django_db
def test_nothing_is_sent_before_the_commit(webhooks, committed):
    with committed():
        ProviderFactory()
        assert webhooks.requests == []

    assert len(webhooks.requests) == 1


@pytest.mark.django_db
def test_nothing_is_sent_for_a_change_that_is_rolled_back(webhooks, committed):
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            ProviderFactory()
            raise RuntimeError("the save failed after all")
        SynonymGroup.objects.create(terms="hair loss, alopecia")

    assert [event["type"] for event in webhooks.events] == ["search.SynonymGroup"]
    assert not Provider.objects.exists()


# --- With a worker ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_worker_events_wait_in_the_queue_and_retries_are_deferred(webhooks, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {**settings.TASKS, "webhooks": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOK_RETRY_DELAY = 30
    webhooks.statuses = [500]

    ProviderFactory()  # autocommit: committed at once

    assert webhooks.requests == []  # queued, not sent during the save
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--backend", "webhooks", "--batch", "--no-startup-delay")

    assert len(webhooks.requests) == 1
    retry = DBTaskResult.objects.exclude(status="SUCCESSFUL").get()
    assert retry.args_kwargs["args"][-1] == 2  # the second attempt
    wait = retry.run_after - datetime.now(UTC)
    assert timedelta(seconds=25) < wait <= timedelta(seconds=30)


# --- Production settings ------------------------------------------------------------------


def test_production_refuses_webhook_urls_without_a_secret():
    result = print_production_settings(
        "s.WEBHOOK_URLS",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_WEBHOOK_URLS="https://frontend.example.com/hooks/publish",
    )

    assert result.returncode != 0
    assert "DJANGO_WEBHOOK_SECRET is not set" in result.stderr


def test_production_reads_webhook_settings_and_sends_them_from_the_worker():
    result = print_production_settings(
        "s.WEBHOOK_URLS, s.WEBHOOK_TIMEOUT, s.WEBHOOK_RETRIES, s.TASKS['webhooks']['BACKEND']",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_WEBHOOK_URLS="https://a.example.com/hook, https://b.example.com/hook",
        DJANGO_WEBHOOK_SECRET="s" * 32,
        DJANGO_WEBHOOK_TIMEOUT="3",
        DJANGO_WEBHOOK_RETRIES="2",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['https://a.example.com/hook', 'https://b.example.com/hook'] 3.0 2 "
        "django_tasks_db.DatabaseBackend"
    )


def test_production_refuses_webhook_urls_that_are_not_http():
    result = print_production_settings(
        "s.WEBHOOK_URLS",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_WEBHOOK_URLS="file:///etc/passwd",
        DJANGO_WEBHOOK_SECRET="s" * 32,
    )

    assert result.returncode != 0
    assert "must be http:// or https://" in result.stderr
