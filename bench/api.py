#!/usr/bin/env python
"""API benchmark: latency (p50/p95) and SQL queries per request of the main /api/v2/ endpoints.

A measurement to read, not a test that fails. Each run builds a throw-away site exactly as
bench/search.py does (a temporary SQLite file, or a PostgreSQL database it creates and drops,
production settings), loads the demo content, optionally adds N generated service pages and
N FAQs, then requests each endpoint through Django's test client (in-process: no gunicorn, no
network) and reports the median and 95th percentile wall time and the SQL queries per request:

    .venv/bin/python bench/api.py --database sqlite
    .venv/bin/python bench/api.py --database postgres --pages 200

It never touches the repository's db.sqlite3 or media/. Latest results: bench/README.md, "## API".
"""

import argparse
import importlib.util
import signal
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def load_search_bench():
    """bench/search.py's site building and generators (not importable as `search`: the app is)."""
    spec = importlib.util.spec_from_file_location("bench_search", BENCH_DIR / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


harness = load_search_bench()


def endpoints() -> dict[str, str]:
    """What a frontend asks for most, by label."""
    from services.models import ServicePage

    prp = ServicePage.objects.live().order_by("path").first()
    return {
        "pages: 20 service pages, fields=*": (
            "/api/v2/pages/?type=services.ServicePage&fields=*&limit=20"
        ),
        "pages/<id>: a service page": f"/api/v2/pages/{prp.pk}/",
        "faqs": "/api/v2/faqs/",
        "settings": "/api/v2/settings/",
        "navigation": "/api/v2/navigation/",
        "search ?q=prp": "/api/v2/search/?q=prp",
        "search ?q=does it hurt": "/api/v2/search/?q=does+it+hurt",
    }


# Search keeps results per query until content changes (search/result_cache.py): measured
# both answered from that cache (a repeated query) and computed afresh (its first search).
UNCACHED_SEARCHES = {
    "search ?q=prp, uncached": "/api/v2/search/?q=prp",
    "search ?q=does it hurt, uncached": "/api/v2/search/?q=does+it+hurt",
}


def add_generated_content(count: int, seed: int) -> float:
    """`count` live service pages and FAQs (bench/search.py's bulk route), indexed."""
    from django.db import transaction

    from services.models import ServiceIndexPage

    generator = harness.TextGenerator(seed)
    started = time.perf_counter()
    with transaction.atomic():
        parent = ServiceIndexPage.objects.get()
        page_ids = harness.insert_service_pages(
            parent, [generator.service_page(n) for n in range(count)]
        )
        faq_ids = harness.insert_faqs([generator.faq() for _ in range(count)], page_ids)
    harness.index_objects(page_ids, faq_ids)
    return time.perf_counter() - started


def measure(client, url: str, rounds: int, before=None) -> tuple[list[float], int, int]:
    """(wall times in ms, SQL queries of one request, body bytes), after an untimed warm-up.

    The warm-up makes the image renditions a listing needs (the first view after publishing
    pays for them) and fills per-process caches; it is then counted once for queries.
    """
    from django.db import connection

    first = client.get(url, secure=True)
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}: {first.content[:300]!r}")
    # Counted with a wrapper, not CaptureQueriesContext: that reads the length of a log capped
    # at 9,000 entries, which the build (load_demo_content) may already have filled.
    before = before or (lambda: None)
    counter = harness.SQLTimer()
    before()
    with connection.execute_wrapper(counter):
        client.get(url, secure=True)
    times = []
    for _ in range(rounds):
        before()  # untimed
        started = time.perf_counter()
        client.get(url, secure=True)
        times.append((time.perf_counter() - started) * 1000)
    return times, len(counter.statements), len(first.content)


def run(args) -> None:
    print(f"Building the demo site ({args.database}) …")
    print(f"  migrate + load_demo_content: {harness.build_demo_site():.1f} s")
    if args.pages:
        print(f"Adding {args.pages} service pages and {args.pages} FAQs …")
        print(f"  {add_generated_content(args.pages, args.seed):.1f} s")
    harness.refresh_statistics()

    client = harness.visitor()
    print(f"Measuring {args.rounds} requests per endpoint ({harness.machine_note()}) …")
    from search.result_cache import forget_results

    rows = []
    cases = [(label, url, None) for label, url in endpoints().items()]
    cases += [(label, url, forget_results) for label, url in UNCACHED_SEARCHES.items()]
    for label, url, before in cases:
        times, queries, size = measure(client, url, args.rounds, before)
        p50, p95 = harness.percentile(times, 50), harness.percentile(times, 95)
        rows.append((label, p50, p95, queries, size))
        print(f"  {label:<36} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  {queries:3d} queries")

    print(f"\nDone ({harness.machine_note()}; {harness.database_version()}).")
    heading = f"endpoint ({args.database}, demo + {args.pages} pages)"
    print(f"| {heading} | p50 ms | p95 ms | SQL queries | bytes |")
    print("|---|---|---|---|---|")
    for label, p50, p95, queries, size in rows:
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {queries} | {size:,} |")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pages", type=int, default=0, help="generated service pages and FAQs to add (default 0)"
    )
    parser.add_argument("--rounds", type=int, default=50, help="timed requests per endpoint")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the text generator")
    parser.add_argument(
        "--postgres-server",
        default=harness.DEFAULT_POSTGRES,
        help=f"server for the throw-away database (default {harness.DEFAULT_POSTGRES})",
    )
    args = parser.parse_args(argv)
    if args.pages < 0 or args.rounds < 1:
        parser.error("--pages must be 0 or more and --rounds at least 1")
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with harness.throwaway_site(args.database, args.postgres_server) as database_url:
        harness.setup_django(database_url)
        run(args)


if __name__ == "__main__":
    main()
