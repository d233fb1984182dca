#!/usr/bin/env python
"""Render cost: CPU milliseconds (p50/p95) and SQL queries per request of the main pages.

A measurement to read, not a test that fails. Builds a throw-away demo site in a temporary
folder (SQLite, production settings, DEBUG and the page cache off, so every request renders),
then requests each page through Django's test client, in-process: no gunicorn, no network.
Three floors follow: the health check (middleware only), Wagtail's routing of the PRP page
to a one-line answer (no template: what any page costs before it renders), and a 404 page
(the site's header, footer, menu and meta tags around one line of text).
CPU time (time.process_time) rather than wall time, because this machine is shared:

    .venv/bin/python bench/render.py               # 200 requests per page
    .venv/bin/python bench/render.py --requests 50

The temporary folder is deleted afterwards.
"""

import argparse
import contextlib
import logging
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/",
    "PRP service page": "/services/prp-hair-restoration/",
    "FAQ page": "/faqs/",
    "contact page": "/contact/",
}
# What any request costs before a page's own content: the middleware alone (the health check,
# one query); Wagtail finding the PRP page (site, route, view restrictions) when the page then
# answers one line without a template (see routing_only); and the site's header, footer, menu
# and meta tags around a one-line body (a 404).
FLOORS = {
    "floor: /healthz": ("/healthz", 200),
    "floor: routing": (PAGES["PRP service page"], 200),
    "floor: 404 page": ("/no-such-page/", 404),
}


def production_environment(workdir: Path) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "mysite.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_HTTPS": "0",  # no redirect to https:// for the test client's plain requests
        "DJANGO_TASKS_WORKER": "0",  # renditions made at publish time, no worker needed
        "DJANGO_PAGE_CACHE_SECONDS": "0",  # every request renders
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    for name in ("REDIS_URL", "SEARCH_BACKEND_URL", "DJANGO_DEBUG"):
        os.environ.pop(name, None)
    return env


def build_site() -> None:
    """Migrate, collect static files (publishing renders pages) and load the demo content."""
    for command in (
        ["migrate", "--no-input"],
        ["collectstatic", "--no-input"],
        ["load_demo_content"],
    ):
        manage = [sys.executable, "manage.py", *command]  # our own commands, no outside input
        subprocess.run(manage, cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def measure(client, url: str, requests: int, expected: int = 200) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, queries) of CPU time per request, after a warm-up."""
    from django.db import connection

    for _ in range(10):  # templates compiled, renditions cached, site root paths cached
        status = client.get(url).status_code
        if status != expected:
            raise SystemExit(f"{url} answered {status}")
    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(requests):
        started = time.process_time()
        client.get(url)
        times.append((time.process_time() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], len(queries)


@contextlib.contextmanager
def routing_only():
    """Service pages answer "ok" without rendering, in this process only, for the routing floor.

    Everything before Page.serve still runs: the middleware, Wagtail's site lookup, the route
    down the page tree and the before_serve_page hooks (view restrictions).
    """
    from django.http import HttpResponse

    from services.models import ServicePage

    def answer_ok(page, request, *args, **kwargs):
        return HttpResponse("ok")

    own_serve = ServicePage.__dict__.get("serve")  # None: it inherits Page.serve
    ServicePage.serve = answer_ok
    try:
        yield
    finally:
        if own_serve is None:
            del ServicePage.serve
        else:
            ServicePage.serve = own_serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="clinic-render-") as workdir:
        os.environ.update(production_environment(Path(workdir)))
        print(f"Building a demo site in {workdir}…", file=sys.stderr)
        build_site()

        sys.path.insert(0, str(PROJECT_ROOT))
        import django

        django.setup()
        # Not a "Not Found" warning for each 404 measured.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        from django.test import Client

        client = Client()
        print(f"{'page':<18} {'CPU ms p50':>10} {'p95':>7} {'queries':>8}")
        rows = [(label, url, 200) for label, url in PAGES.items()]
        rows += [(label, url, status) for label, (url, status) in FLOORS.items()]
        for label, url, status in rows:
            if label == "floor: routing":
                with routing_only():
                    if client.get(url).content != b"ok":
                        raise SystemExit("The routing floor still rendered the page's template")
                    p50, p95, queries = measure(client, url, args.requests, status)
            else:
                p50, p95, queries = measure(client, url, args.requests, status)
            print(f"{label:<18} {p50:>10.1f} {p95:>7.1f} {queries:>8}")


if __name__ == "__main__":
    main()
