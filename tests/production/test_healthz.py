"""/healthz tells a load balancer whether this server can answer pages."""

import json

import pytest

from mysite import health

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_200_with_its_checks(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert "no-store" in response["Cache-Control"]


def test_a_broken_database_gives_503_naming_it(client, monkeypatch):
    def broken():
        raise ConnectionError("could not connect to server at db-host:5432")

    monkeypatch.setitem(health.REQUIRED_CHECKS, "database", broken)
    response = client.get("/healthz")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body == {"status": "error", "checks": {"database": "error", "cache": "ok"}}
    assert b"db-host" not in response.content  # no connection details for the world


def test_a_broken_cache_gives_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["cache"] == "error"


def test_it_answers_any_host_name_and_plain_http(client, settings):
    # A load balancer probes each server by its IP address, often over HTTP.
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200


def test_the_task_worker_is_reported_when_tasks_are_queued(client, settings):
    settings.TASKS = settings.TASKS | {
        "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["worker"] == "ok"


def test_a_task_waiting_too_long_reports_a_stalled_worker_but_keeps_serving(client, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = settings.TASKS | {
        "notifications": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    from contact.tasks import notify_new_request

    notify_new_request.using(backend="notifications").enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["worker"] == "stalled"
