"""Two app servers, one PostgreSQL and one Redis: an edit published on one shows on the other.

The many-machine topology of docs/deploy.md on one machine: two gunicorn instances on
different ports share a fresh PostgreSQL database and a Redis server (both made and removed
here). An editor publishes through server A's admin; server B, which had the page in the
shared page cache, serves the edit on its very next request.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and `redis-server` installed:
the test starts a private Redis on a free port (no persistence) and stops it, so it never
touches a Redis someone else uses. Without them the test is skipped, saying so;
REQUIRE_SERVICES=1 (set by .ci/run) turns the skip into a failure so CI can't pass without it.
"""

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.server import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    build_demo_site,
    free_port,
    manage,
    start_server,
)

POSTGRES_SERVER = os.environ.get("MULTISERVER_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_SERVER_BINARY = shutil.which("redis-server")
PUBLIC_HOST = "clinic.example.com"  # what a load balancer would pass on to both servers
PRP_PATH = "/services/prp-hair-restoration/"


def reachable(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def services_or_skip():
    missing = [url for url in [POSTGRES_SERVER] if not reachable(url)]
    missing += [] if REDIS_SERVER_BINARY else ["redis-server (apt-get install redis-server)"]
    if missing:
        reason = f"multi-server test needs PostgreSQL and Redis; not answering: {missing}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def shared_database(services_or_skip):
    import psycopg

    name = f"multiserver_{uuid.uuid4().hex[:12]}"
    admin_url = f"{POSTGRES_SERVER}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield f"{POSTGRES_SERVER}/{name}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def shared_redis(services_or_skip, tmp_path_factory):
    """A private Redis for the two servers, gone with everything in it when the module ends."""
    import redis

    port = free_port()
    log = tmp_path_factory.mktemp("redis") / "redis.log"
    process = subprocess.Popen(
        [REDIS_SERVER_BINARY, "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no", "--logfile", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start; see {log}") from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def two_servers(shared_database, shared_redis, demo_site_template, tmp_path_factory):
    env = {
        "DATABASE_URL": shared_database,
        "REDIS_URL": shared_redis,
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,localhost,{PUBLIC_HOST}",
        "DJANGO_PAGE_CACHE_SECONDS": "600",
        "DJANGO_TASKS_WORKER": "0",  # renditions straight after publishing: no worker here
    }
    # One workdir: both servers also share the media folder, as they would object storage.
    # Its own PostgreSQL demo database; the static files collected for the run's demo site.
    workdir = build_demo_site(
        tmp_path_factory.mktemp("multi") / "site", extra_env=env, static_from=demo_site_template
    )
    servers = [start_server(workdir, workers=2, extra_env=env) for _ in range(2)]
    yield env, workdir, servers
    for server in servers:
        server.stop()


def request(opener, url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Host": PUBLIC_HOST} | (headers or {}))
    with opener.open(req, timeout=30) as response:
        return response.status, response.headers, response.read().decode()


def visitor():
    return urllib.request.build_opener()  # no cookies: an anonymous visitor


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def publish_through_admin(server, page_id: int) -> None:
    """Log in to this server's admin and publish the page's latest draft (bulk publish)."""
    editor = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    _, _, login_page = request(editor, server.url("/admin/login/"))
    status, _, _ = request(
        editor,
        server.url("/admin/login/"),
        {
            "username": ADMIN_USERNAME,
            "password": ADMIN_PASSWORD,
            "csrfmiddlewaretoken": csrf_token(login_page),
            "next": "/admin/",
        },
    )
    assert status == 200
    publish_url = server.url(f"/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/")
    _, _, confirm_page = request(editor, publish_url)
    status, _, done = request(
        editor, publish_url, {"csrfmiddlewaretoken": csrf_token(confirm_page)}
    )
    assert status == 200
    assert "has been published" in done or "have been published" in done


def test_an_edit_published_on_one_server_is_served_by_the_other(two_servers):
    env, workdir, (server_a, server_b) = two_servers
    anonymous = visitor()

    # Both servers answer the page; B's first request is already a hit: one shared cache.
    _, headers, _ = request(anonymous, server_a.url(PRP_PATH))
    assert headers["X-Cache"] == "miss"
    _, headers, before = request(anonymous, server_b.url(PRP_PATH))
    assert headers["X-Cache"] == "hit"
    assert "Edited on server A" not in before

    # An editor's draft (not yet public), then publishing it through server A's admin.
    manage(
        workdir,
        "shell",
        "-v",
        "0",
        "-c",
        "from services.models import ServicePage; "
        f"page = ServicePage.objects.get(url_path__endswith='{PRP_PATH}'); "
        "page.summary = 'Edited on server A, seen on server B.'; page.save_revision()",
        extra_env=env,
    )
    _, headers, draft_time = request(anonymous, server_b.url(PRP_PATH))
    assert "Edited on server A" not in draft_time  # a draft is not public

    _, _, listing = request(anonymous, server_a.url("/api/v2/pages/?slug=prp-hair-restoration"))
    publish_through_admin(server_a, json.loads(listing)["items"][0]["id"])

    _, headers, after = request(anonymous, server_b.url(PRP_PATH))
    assert "Edited on server A, seen on server B." in after
    assert headers["X-Cache"] == "miss"
    _, headers, again = request(anonymous, server_a.url(PRP_PATH))
    assert headers["X-Cache"] == "hit"  # B's fresh render now serves A too
    assert "Edited on server A, seen on server B." in again


def test_both_servers_answer_healthz(two_servers):
    _, _, servers = two_servers
    for server in servers:
        status, headers, body = request(visitor(), server.url("/healthz"))
        assert status == 200
        assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
        assert "no-store" in headers["Cache-Control"]


def test_sessions_live_in_the_shared_cache_so_an_editor_can_use_either_server(two_servers):
    _, _, (server_a, server_b) = two_servers
    jar = http.cookiejar.CookieJar()
    editor = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    _, _, login_page = request(editor, server_a.url("/admin/login/"))
    request(
        editor,
        server_a.url("/admin/login/"),
        {
            "username": ADMIN_USERNAME,
            "password": ADMIN_PASSWORD,
            "csrfmiddlewaretoken": csrf_token(login_page),
        },
    )
    # Cookies are per host name, not per port: the jar sends A's session cookie to B.
    status, headers, dashboard = request(editor, server_b.url("/admin/"))
    assert status == 200
    assert "Sign out" in dashboard or "Log out" in dashboard
    # An editor never gets the cached public page.
    _, headers, _ = request(editor, server_b.url(PRP_PATH))
    assert headers.get("X-Cache") != "hit"
