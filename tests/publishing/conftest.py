"""What the "content changed" tests need: the page cache on, a recording CDN, a webhook receiver,
and a second site to move pages to.

Copied from tests/production/conftest.py, tests/api/test_cdn_purge.py and tests/api/test_webhooks.py
rather than imported: these tests import only tests.*, Django and Wagtail, so they keep describing
the behaviour while the application code behind it moves.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import caches
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, ServiceIndexPageFactory, make_clinic_settings

# --- Committing ----------------------------------------------------------------------------------


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(change): run `change` and then its on-commit work, as a real (committed) admin
    request would; answers what `change` answered."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


# --- The page cache ------------------------------------------------------------------------------


def clear_caches():
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def page_cache_on(settings):
    """The page cache switched on (as with REDIS_URL in production), starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    clear_caches()
    yield
    clear_caches()


# --- The CDN -------------------------------------------------------------------------------------


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    """The URLs purged so far, with a CDN configured as FRONTEND_CACHE_BACKEND configures one."""
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.publishing.conftest.RecordingBackend"}
    }
    settings.FRONTEND_CACHE_WILDCARD_BACKENDS = []
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


@pytest.fixture
def purged_by(cdn, committed):
    """purged_by(change) -> every URL purged while `change` ran and once it had committed."""

    def run(change) -> set[str]:
        cdn.clear()
        committed(change)
        return set(cdn)

    return run


# --- Webhooks ------------------------------------------------------------------------------------


class Receiver:
    """A frontend's webhook URL: keeps every event POSTed to it, answers 200."""

    def __init__(self):
        self.bodies: list[bytes] = []
        self.url = ""

    @property
    def events(self) -> list[dict]:
        return [json.loads(body) for body in self.bodies]


@pytest.fixture
def webhooks(settings):
    received = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received.url = f"http://127.0.0.1:{server.server_port}/hooks/rebuild"
    settings.WEBHOOK_URLS = [received.url]
    settings.WEBHOOK_SECRET = "test-webhook-secret"
    settings.WEBHOOK_TIMEOUT = 2
    settings.WEBHOOK_RETRIES = 0
    settings.WEBHOOK_RETRY_DELAY = 0
    settings.TASKS = {
        **settings.TASKS,
        "webhooks": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    yield received
    server.shutdown()
    server.server_close()


# --- A second site -------------------------------------------------------------------------------


@pytest.fixture
def second_site(site_tree):
    """Another clinic site, served as 127.0.0.1, with no services section yet.

    A home page takes one services section and a services section only service pages, so
    moving a page to another site is the move that changes its URL.
    """
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="second-home")
    site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, site_name="Second")
    make_clinic_settings(site=site, clinic_name="Second Hair Clinic")
    return {"site": site, "home": home}


@pytest.fixture
def second_services(second_site):
    """The second site's services section, where a service page can move to."""
    return ServiceIndexPageFactory(
        parent=second_site["home"], slug="treatments", title="Treatments"
    )
