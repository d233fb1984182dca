"""`/healthz` for load balancers and uptime monitors: can this app server answer pages?

It checks what every page needs, the database and the cache, with one trivial round trip
each, and renders nothing: 200 with `{"status": "ok", "checks": {...}}` when both answer,
503 with the failing check named otherwise, so a load balancer takes the server out of
rotation. It is answered by the first middleware, before host validation and the HTTPS
redirect: load balancers probe each server by its own address, often over plain HTTP, and
must get the answer rather than a 400 or a redirect. Never cached (`Cache-Control:
no-store`), and it runs before the page cache.

With DJANGO_TASKS_WORKER=1 it also reports whether the notification worker keeps up (no
task left waiting for more than WORKER_STALE_AFTER). That is informational: a stuck worker
is an alert for a person, not a reason to stop serving pages.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

WORKER_STALE_AFTER = timedelta(minutes=5)


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    # A write and a read: a cache that accepts connections but can't store is not healthy.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was stored")
    return "ok"


def check_worker() -> str:
    """'ok', or 'stalled' when a queued task has waited longer than a worker would let it."""
    from django_tasks_db.models import DBTaskResult

    waiting_since = timezone.now() - WORKER_STALE_AFTER
    stalled = DBTaskResult.objects.ready().filter(enqueued_at__lt=waiting_since).exists()
    return "stalled" if stalled else "ok"


REQUIRED_CHECKS = {"database": check_database, "cache": check_cache}


def uses_task_worker() -> bool:
    return any(
        backend.get("BACKEND") == "django_tasks_db.DatabaseBackend"
        for backend in settings.TASKS.values()
    )


HEALTH_PATH = "/healthz"


def healthz(request):
    checks = {}
    healthy = True
    for name, check in REQUIRED_CHECKS.items():
        try:
            checks[name] = check()
        except Exception:
            # Name the failing part, never the error text (it can hold hosts or credentials).
            logger.exception("Health check %s failed", name)
            checks[name] = "error"
            healthy = False
    if healthy and uses_task_worker():
        try:
            checks["worker"] = check_worker()
        except Exception:
            logger.exception("Health check of the task worker failed")
            checks["worker"] = "unknown"
    response = JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)  # Cache-Control: ... no-store ... private
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz itself; first in MIDDLEWARE (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return healthz(request)
        return self.get_response(request)
