#!/usr/bin/env python
"""Search benchmark: how fast site search answers on a site with many pages and FAQs.

A measurement to read, not a test that fails. Each run builds a throw-away site (a temporary
SQLite file, or a PostgreSQL database it creates and drops), loads the demo content, adds
N generated service pages and N generated FAQs, then times a fixed list of patient queries:

    .venv/bin/python bench/search.py --pages 1000 --database sqlite
    .venv/bin/python bench/search.py --pages 10000 --database postgres --profile

It never touches the repository's db.sqlite3 or media/: the database, media and static
folders all live in a temporary directory that is deleted at the end, like the PostgreSQL
database. Settings are production's (DEBUG off), so no query log slows Django down.
Latest results and how they were obtained: bench/README.md, "## Search".
"""

import argparse
import cProfile
import io
import os
import platform
import pstats
import random
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"

# What patients type, typos and all: short and long, with and without synonyms, one that
# only typo correction can answer ("alopesha"), and one no page is about ("cost").
QUERIES = [
    "prp",
    "PRP hair restoration",
    "platelet rich plasma",
    "hair loss injections",
    "how many sessions",
    "is it painful",
    "does it hurt",
    "alopesha",
    "thinning hair women",
    "receding hairline men",
    "side effects",
    "downtime after prp",
    "aftercare",
    "how long do results last",
    "book a consultation",
    "microneedling",
    "crown thinning",
    "shedding after pregnancy",
    "is prp safe",
    "plattelet rich plasma",
    "cost",
]

# --- Generated content ---------------------------------------------------------------------
# Filler for load, in the site's register: what a page is about and what happens at a visit.
# Deliberately no medical claims (no success rates, no promises), like the demo content.

TREATMENTS = [
    "PRP",
    "PRP hair restoration",
    "platelet-rich plasma",
    "PRP with microneedling",
    "scalp microneedling",
    "low-level light therapy",
    "scalp health programme",
    "PRP maintenance",
    "combined scalp care plan",
    "hair and scalp assessment",
]
AREAS = [
    "crown",
    "hairline",
    "temples",
    "parting",
    "mid-scalp",
    "vertex",
    "nape",
    "beard line",
    "eyebrows",
    "whole scalp",
]
CONCERNS = [
    "thinning hair",
    "hair shedding",
    "a widening part",
    "a receding hairline",
    "patchy thinning",
    "hair loss after stress",
    "shedding after pregnancy",
    "fine, brittle hair",
    "an itchy scalp",
    "a flaky scalp",
    "hereditary hair loss",
    "slow regrowth",
]
AUDIENCES = [
    "women",
    "men",
    "adults over 50",
    "new parents",
    "people with fine hair",
    "people with curly hair",
    "athletes",
    "busy professionals",
]
PLACES = [
    "Westwood",
    "Santa Monica",
    "Culver City",
    "Pasadena",
    "Burbank",
    "Glendale",
    "Long Beach",
    "Silver Lake",
    "Echo Park",
    "Venice",
    "Brentwood",
    "Encino",
    "Torrance",
    "Malibu",
    "Downtown",
    "Sherman Oaks",
]
TITLES = [
    "{Treatment} for {concern} in {audience}",
    "{Treatment} at the {area}: {place} clinic",
    "{Treatment} for {audience} in {place}",
    "{Treatment} and {concern}",
]
SENTENCES = [
    "This page describes {treatment} for {concern} around the {area}, as offered in {place}.",
    "At the first visit a clinician looks at the {area} and asks about your history.",
    "Every plan is discussed in person, and results vary from person to person.",
    "Appointments for {audience} are available on weekdays and some Saturdays.",
    "Bring a list of any medicines you take, and any questions about {concern}.",
    "The team explains what {treatment} involves and how long a session takes.",
    "Some people choose {treatment} alongside other care their doctor recommends.",
    "You can ask for a call back if you would rather talk before booking.",
    "A session at the {place} clinic usually fits into a lunch break.",
    "Photos of the {area} may be taken, with your permission, to compare over time.",
    "Not everyone is a good fit for {treatment}; the consultation is there to find out.",
    "Parking is available near the {place} clinic, and the building has step-free access.",
]
STEPS = [
    ("Consultation", "A clinician talks with you about {concern} and looks at the {area}."),
    ("Preparing", "The {area} is cleaned and, if you wish, a numbing cream is applied."),
    ("The session", "{Treatment} is carried out in a quiet room at the {place} clinic."),
    ("Aftercare advice", "You go home with written aftercare notes for the next two days."),
    ("Follow-up", "The team checks in with you to answer any questions that came up."),
]
BENEFITS = [
    ("A plan for you", "Your plan is built around your history, your scalp and your goals."),
    ("Time to decide", "Nothing is booked until you have had time to think it over."),
    ("Close to home", "Sessions are available at the {place} clinic and online check-ins."),
]
POINTS = [
    "Avoid washing the {area} for 24 hours.",
    "Skip vigorous exercise for a day or two.",
    "Keep the {area} out of strong sun for 48 hours.",
    "Mild redness or tenderness at the {area} can happen and usually settles.",
    "Results vary, and not everyone responds to {treatment}.",
    "It can't grow hair where follicles are completely gone.",
    "Tell the clinician about any blood-thinning medicines before a session.",
]
QUESTIONS = [
    "How many sessions of {treatment} do {audience} usually have?",
    "Is {treatment} at the {area} painful?",
    "What should I avoid after {treatment}?",
    "Can {treatment} help with {concern}?",
    "How long is the downtime after {treatment}?",
    "How do I book {treatment} at the {place} clinic?",
    "Does {treatment} suit {audience}?",
    "What happens at a {treatment} consultation?",
]


class TextGenerator:
    """Deterministic filler: the same seed always gives the same site, so runs compare."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)  # noqa: S311 (filler text, not secrets)

    def topic(self) -> dict[str, str]:
        treatment = self.random.choice(TREATMENTS)
        return {
            "treatment": treatment,
            "Treatment": treatment[0].upper() + treatment[1:],
            "area": self.random.choice(AREAS),
            "concern": self.random.choice(CONCERNS),
            "audience": self.random.choice(AUDIENCES),
            "place": self.random.choice(PLACES),
        }

    def sentences(self, topic: dict, count: int, pool=SENTENCES) -> str:
        return " ".join(line.format(**topic) for line in self.random.sample(pool, count))

    def service_page(self, number: int) -> tuple[dict, list[dict]]:
        """Field values of one service page, and its steps."""
        topic = self.topic()
        title = self.random.choice(TITLES).format(**topic)
        sessions = self.random.randint(1, 6)
        weeks = self.random.randint(2, 6)
        fields = {
            "title": title,
            "slug": f"{slugify_ascii(title)}-{number}",
            "search_description": self.sentences(topic, 1),
            "summary": self.sentences(topic, 2)[:300],
            "suitable_for": points(topic, self.random.sample(POINTS, 2)),
            "not_suitable_for": points(topic, self.random.sample(POINTS, 1)),
            "benefits": [
                {
                    "type": "benefit",
                    "value": {"title": name, "description": text.format(**topic)},
                }
                for name, text in self.random.sample(BENEFITS, 2)
            ],
            "plan_sessions": sessions,
            "plan_interval_weeks_min": weeks,
            "plan_interval_weeks_max": weeks + self.random.randint(0, 2),
            "aftercare": points(topic, self.random.sample(POINTS, 3)),
            "downtime": "Most people go back to their usual day straight after a session.",
            "risks": points(topic, self.random.sample(POINTS, 2)),
            "body": [
                {"type": "heading", "value": {"text": "What to expect", "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{self.sentences(topic, 4)}</p>"},
                {"type": "paragraph", "value": f"<p>{self.sentences(topic, 3)}</p>"},
            ],
        }
        steps = [
            {"title": name, "description": text.format(**topic), "sort_order": order}
            for order, (name, text) in enumerate(STEPS[: self.random.randint(3, 5)])
        ]
        return fields, steps

    def faq(self) -> dict:
        topic = self.topic()
        return {
            "question": self.random.choice(QUESTIONS).format(**topic),
            "answer": f"<p>{self.sentences(topic, 3)}</p>",
        }


def points(topic: dict, lines: list[str]) -> list[dict]:
    return [{"type": "point", "value": line.format(**topic)} for line in lines]


def slugify_ascii(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:200]


# --- A throw-away site -----------------------------------------------------------------------


@contextmanager
def throwaway_site(database: str, postgres_server: str, keep: bool = False, reuse: str = ""):
    """Point Django at a temporary database, media and static folder; remove them afterwards.

    With `keep`, a PostgreSQL database stays for a later `reuse` (its name is printed): the
    generation takes minutes at 10,000 pages, a search change is measured in seconds.
    Must run before Django is set up: settings read these environment variables on import.
    """
    workdir = Path(tempfile.mkdtemp(prefix="clinic-bench-search-"))
    pg_name = reuse or f"bench_search_{os.getpid()}_{secrets.token_hex(3)}"
    keep = keep or bool(reuse)
    try:
        if database == "postgres":
            if not reuse:
                run_postgres_admin(postgres_server, f'CREATE DATABASE "{pg_name}"')
            database_url = f"{postgres_server}/{pg_name}"
        else:
            database_url = f"sqlite:///{workdir / 'db.sqlite3'}"
        os.environ.update(
            DJANGO_SETTINGS_MODULE="mysite.settings.production",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
            DATABASE_URL=database_url,
            DJANGO_MEDIA_ROOT=str(workdir / "media"),
            DJANGO_STATIC_ROOT=str(workdir / "static"),
            DJANGO_ALLOWED_HOSTS="localhost",
            DJANGO_LOG_LEVEL="WARNING",  # Wagtail logs every save at INFO: noise, and slower
        )
        # This benchmark is about the database backend, whatever the developer's shell says,
        # and its vocabulary must not land in a shared (Redis) cache a real site reads.
        os.environ.pop("SEARCH_BACKEND_URL", None)
        os.environ.pop("REDIS_URL", None)
        (workdir / "static").mkdir()
        yield database_url
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()  # PostgreSQL won't drop a database that is in use
        if database == "postgres" and keep:
            print(f"Kept the database: --database postgres --reuse-database {pg_name}")
        elif database == "postgres":
            run_postgres_admin(postgres_server, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
        shutil.rmtree(workdir, ignore_errors=True)


def run_postgres_admin(server: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def setup_django(database_url: str) -> None:
    import django
    from django.conf import settings

    sys.path.insert(0, str(PROJECT_ROOT))
    # Production stores static files with hashed names, which needs a collectstatic run (a
    # minute of CPU here). The search page only needs {% static %} URLs, so use plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    django.setup()
    # Belt and braces: never measure (or fill) the developer's own database.
    name = str(settings.DATABASES["default"]["NAME"])
    if name not in database_url:
        raise SystemExit(f"Refusing to run: the database is {name}, not the throw-away one")


def build_demo_site() -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)
    return time.perf_counter() - started


# --- Generating N pages and N FAQs fast ------------------------------------------------------


@dataclass
class Generation:
    pages_seconds: float = 0.0
    faqs_seconds: float = 0.0
    index_seconds: float = 0.0
    wagtail_ms_per_page: float | None = None
    checks: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return self.pages_seconds + self.faqs_seconds + self.index_seconds


def generate_content(count: int, seed: int) -> Generation:
    """Add `count` live service pages and FAQs, index them, check they are findable."""
    from django.db import transaction

    from services.models import ServiceIndexPage

    generator = TextGenerator(seed)
    result = Generation()
    # Its own generator, so the bulk content is the same with or without this comparison.
    result.wagtail_ms_per_page = time_wagtail_publishing(TextGenerator(seed + 1))

    started = time.perf_counter()
    with transaction.atomic():
        parent = ServiceIndexPage.objects.get()
        page_ids = insert_service_pages(parent, [generator.service_page(n) for n in range(count)])
    result.pages_seconds = time.perf_counter() - started

    started = time.perf_counter()
    with transaction.atomic():
        faq_ids = insert_faqs([generator.faq() for _ in range(count)], page_ids)
    result.faqs_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index_objects(page_ids, faq_ids)
    result.index_seconds = time.perf_counter() - started

    result.checks = check_generated(page_ids)
    return result


def time_wagtail_publishing(generator: TextGenerator, count: int = 10) -> float:
    """ms per page the ordinary way (add_child, then publish a revision), rolled back.

    Shows what the bulk route below saves: this is the path an editor's "Publish" takes,
    indexing and reference-index updates included.
    """
    from django.db import transaction

    from services.models import ServiceIndexPage, ServicePage, ServiceStep

    with transaction.atomic():
        parent = ServiceIndexPage.objects.get()
        started = time.perf_counter()
        for number in range(count):
            fields, steps = generator.service_page(10_000_000 + number)
            page = ServicePage(**fields, live=False)
            page.steps = [ServiceStep(**step) for step in steps]
            parent.add_child(instance=page)
            page.save_revision().publish()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed * 1000 / count


def insert_service_pages(parent, specs: list[tuple[dict, list[dict]]]) -> list[int]:
    """Create live service pages under `parent` in a few bulk queries; return their ids.

    Page.save() does a full validation, a slug check and a tree lookup per page, and the
    search and reference-index signals add more: fine for an editor, minutes for 10,000
    pages. Here the tree position (treebeard's materialised path) is computed directly and
    the rows go in without per-page checks or signals. The result is what add_child() and
    publish() leave behind, minus the revision history and the reference index, which search
    doesn't read.
    """
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from services.models import ServicePage, ServiceStep

    now = timezone.now()
    parent = Page.objects.select_for_update().get(pk=parent.pk)  # a fresh numchild
    pages = []
    for offset, (fields, _steps) in enumerate(specs, start=1):
        pages.append(
            ServicePage(
                **fields,
                draft_title=fields["title"],
                url_path=f"{parent.url_path}{fields['slug']}/",
                path=Page._get_path(parent.path, parent.depth + 1, parent.numchild + offset),
                depth=parent.depth + 1,
                numchild=0,
                locale_id=parent.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )

    # Django's bulk_create refuses multi-table inheritance, so insert the two tables apart:
    # the wagtailcore_page rows in bulk (which gives the ids), then each services_servicepage
    # row with save_base(raw=True), as `loaddata` does: no parent save, no signal handlers.
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages],
        batch_size=500,
    )
    for page, base in zip(pages, base_rows, strict=True):
        page.id = page.page_ptr_id = base.id
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))

    ServiceStep.objects.bulk_create(
        [
            ServiceStep(page_id=page.id, **step)
            for page, (_, steps) in zip(pages, specs, strict=True)
            for step in steps
        ],
        batch_size=500,
    )
    return [page.id for page in pages]


def insert_faqs(specs: list[dict], page_ids: list[int]) -> list[int]:
    """Live FAQs spread over the demo categories, each linked to one generated service."""
    from django.utils import timezone

    from faqs.models import FAQ, FAQCategory

    now = timezone.now()
    categories = list(FAQCategory.objects.all())
    faqs = FAQ.objects.bulk_create(
        [
            FAQ(
                **spec,
                category=categories[number % len(categories)],
                sort_order=1000 + number,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
            for number, spec in enumerate(specs)
        ],
        batch_size=500,
    )
    links = FAQ.related_services.through
    links.objects.bulk_create(
        [
            links(faq_id=faq.pk, servicepage_id=page_ids[number % len(page_ids)])
            for number, faq in enumerate(faqs)
        ],
        batch_size=500,
    )
    return [faq.pk for faq in faqs]


def index_objects(page_ids: list[int], faq_ids: list[int], chunk: int = 500) -> None:
    """Put the new objects in the search index with the backend's bulk call.

    The same call `update_index` makes, but only for the new rows, so the demo content's
    entries are left as publishing made them.
    """
    from wagtail.search.backends import get_search_backend

    from faqs.models import FAQ
    from services.models import ServicePage

    backend = get_search_backend()
    for start in range(0, len(page_ids), chunk):
        ids = page_ids[start : start + chunk]
        # Steps are part of a service's index entry: fetch them with the pages.
        pages = ServicePage.objects.filter(pk__in=ids).prefetch_related("steps")
        backend.add_bulk(ServicePage, list(pages))
    for start in range(0, len(faq_ids), chunk):
        backend.add_bulk(FAQ, list(FAQ.objects.filter(pk__in=faq_ids[start : start + chunk])))


def check_generated(page_ids: list[int]) -> list[str]:
    """Fail loudly if the bulk route left a broken tree, unindexed or unroutable pages."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from faqs.models import FAQ
    from services.models import ServicePage

    problems = [p for p in Page.find_problems() if p]
    if problems:
        raise SystemExit(f"The page tree has problems: {problems}")
    for model in (ServicePage, FAQ):
        indexed = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
        if indexed.count() != model.objects.count():
            raise SystemExit(
                f"{model.__name__}: {indexed.count()} of {model.objects.count()} indexed"
            )
    client = visitor()
    sample = ServicePage.objects.filter(pk__in=[page_ids[0], page_ids[-1]])
    for page in sample:
        status = client.get(page.url, secure=True).status_code
        if status != 200:
            raise SystemExit(f"{page.url} answers {status}")
    return [
        "treebeard find_problems(): none",
        f"index entries: {ServicePage.objects.count()} service pages, {FAQ.objects.count()} FAQs",
        "first and last generated page answer 200: " + ", ".join(p.url for p in sample),
    ]


# --- Measuring -------------------------------------------------------------------------------


class SQLTimer:
    """Counts and times every SQL statement, for connection.execute_wrapper().

    Cheaper than CaptureQueriesContext (which switches on the debug cursor and formats each
    statement), so it can stay on during timed rounds. On SQLite, rows are fetched after
    execute() returns, so a little SQL work is counted as Python.
    """

    def __init__(self):
        self.statements: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql, params))

    @property
    def seconds(self) -> float:
        return sum(duration for duration, _, _ in self.statements)


@dataclass
class Sample:
    query: str
    seconds: float
    cpu_seconds: float
    sql_seconds: float
    statements: int


def measure(
    call, queries: list[str], rounds: int, cached: bool = False
) -> tuple[list[Sample], dict[str, int]]:
    """Time `call(query)` for every query, `rounds` times, after an untimed warm-up round.

    The warm-up round fills per-process caches (vocabulary, site root paths, content types)
    and counts each call's SQL queries the way the test suite counts them. It is not timed:
    CaptureQueriesContext switches on the debug cursor, which formats every statement.

    Search keeps results per query until the content changes (search/result_cache.py).
    Unless `cached`, each call first forgets them (untimed), so every timing is a search
    that finds, ranks and excerpts: the first search of a query after a publish. With
    `cached`, the warm-up round fills the cache and every timed call is answered from it.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.result_cache import forget_results

    def prepare() -> None:
        if not cached:
            forget_results()

    call(queries[0])  # so that the first query's count doesn't include filling the caches
    for query in queries if cached else []:
        call(query)  # fill the result cache, so that the counts below are of cached answers
    counts = {}
    for query in queries:
        prepare()
        with CaptureQueriesContext(connection) as captured:
            call(query)
        counts[query] = len(captured)
    samples = []
    for _ in range(rounds):
        for query in queries:
            prepare()
            timer = SQLTimer()
            with connection.execute_wrapper(timer):
                cpu, started = time.process_time(), time.perf_counter()
                call(query)
                elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            samples.append(Sample(query, elapsed, cpu, timer.seconds, len(timer.statements)))
    return samples, counts


def search_call(query: str) -> None:
    from search.engine import site_search

    site_search(query)


def visitor():
    """A test client that asks for the demo Site's host name (requests pass secure=True:
    production settings redirect plain HTTP, and the redirect is not what we measure)."""
    from django.test import Client

    return Client(HTTP_HOST="localhost")


def http_call(client):
    from urllib.parse import urlencode

    def call(query: str) -> None:
        response = client.get("/search/?" + urlencode({"q": query}), secure=True)
        if response.status_code != 200:
            raise SystemExit(f"/search/?q={query} answered {response.status_code}")

    return call


def refresh_statistics() -> None:
    """VACUUM ANALYZE on PostgreSQL, as autovacuum does soon after a bulk load on a live server.

    Without ANALYZE the planner guesses from an empty site (e.g. 56 live pages instead of
    10,000) and the benchmark measures a plan no live site would use. Without VACUUM, the GIN
    indexes keep the bulk load in their unsorted "pending list", which every search reads
    through (a 1-row match took 57 ms instead of 8). SQLite sites never run ANALYZE unless
    someone does, so SQLite is measured as it is.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"  VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")


def time_cold_vocabulary() -> float:
    """The first search after any publish rebuilds the typo-correction vocabulary."""
    from django.core.cache import cache

    from search.vocabulary import CACHE_KEY, get_vocabulary

    cache.delete(CACHE_KEY)
    started = time.perf_counter()
    vocabulary = get_vocabulary()
    elapsed = time.perf_counter() - started
    print(f"  vocabulary: {len(vocabulary.words)} words, rebuilt in {elapsed * 1000:.0f} ms")
    return elapsed


def percentile(values: list[float], percent: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * percent // 100))  # ceil without floats
    return ordered[int(rank) - 1]


def latency(samples: list[Sample]) -> str:
    ms = [sample.seconds * 1000 for sample in samples]
    return f"{percentile(ms, 50):.0f} / {percentile(ms, 95):.0f} / {max(ms):.0f}"


def spread(samples: list[Sample]) -> str:
    """p50 / p95 of wall, SQL and own-CPU time: on a busy machine wall time alone misleads."""

    def p50_p95(values: list[float]) -> str:
        return f"{percentile(values, 50):.0f} / {percentile(values, 95):.0f}"

    return (
        f"wall {p50_p95([s.seconds * 1000 for s in samples])} ms, "
        f"SQL {p50_p95([s.sql_seconds * 1000 for s in samples])} ms, "
        f"CPU {p50_p95([s.cpu_seconds * 1000 for s in samples])} ms (p50 / p95)"
    )


def print_per_query(samples: list[Sample], counts: dict[str, int]) -> None:
    print(f"  {'query':<28} {'p50 ms':>7} {'max ms':>7} {'SQL ms':>7} {'CPU ms':>7} {'SQL q':>6}")
    for query in dict.fromkeys(sample.query for sample in samples):
        mine = [sample for sample in samples if sample.query == query]
        wall = [s.seconds * 1000 for s in mine]
        sql = statistics.median(s.sql_seconds * 1000 for s in mine)
        cpu = statistics.median(s.cpu_seconds * 1000 for s in mine)
        print(
            f"  {query:<28} {percentile(wall, 50):7.1f} {max(wall):7.1f} {sql:7.1f} {cpu:7.1f}"
            f" {counts[query]:6d}"
        )


# --- Profiling -------------------------------------------------------------------------------


def profile_searches(queries: list[str]) -> None:
    """Where a round of searches spends its time: Python functions, then the slowest SQL."""
    from django.db import connection

    from search.result_cache import forget_results

    profiler = cProfile.Profile()
    timer = SQLTimer()
    with connection.execute_wrapper(timer):
        for query in queries:
            forget_results()  # profile the search itself, not the result cache
            profiler.enable()
            search_call(query)
            profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(35)
    print(
        "\n## cProfile, one round of site_search() without cached results "
        "(cumulative; profiling slows Python ~2x)"
    )
    print(out.getvalue())
    print_stages(stats)

    print(f"## SQL: {len(timer.statements)} statements, {timer.seconds * 1000:.0f} ms in total")
    slowest = sorted(timer.statements, key=lambda item: -item[0])[:8]
    for duration, sql, _ in slowest:
        print(f"  {duration * 1000:7.1f} ms  {' '.join(sql.split())[:150]}")
    explain(slowest[0])


# The steps of search.engine.site_search(), as (label, file, function) in the profile.
STAGES = [
    ("promotions", "engine.py", "find_promotions"),
    ("parse the query", "query.py", "parse_query"),
    ("  of which typo correction", "query.py", "correct_typos"),
    ("find candidates (index, rows)", "candidates.py", "find_candidates"),
    ("  of which index search + fetch rows", None, "_do_search"),
    ("  of which first matches + ranking (PostgreSQL)", "postgres.py", "search"),
    ("stored documents (documents_for)", "documents.py", "documents_for"),
    ("  of which built from pages (not stored yet)", "documents.py", "document_of"),
    ("split and stem the documents", "ranking.py", "of"),
    ("rank (score)", "ranking.py", "score"),
    ("excerpts (first results page)", "ranking.py", "highlight"),
    ("page URLs (Page.get_url)", "pages.py", "get_url"),
]


def print_stages(stats: pstats.Stats) -> None:
    """Cumulative time of each step of site_search(), as a share of the whole."""

    def cumulative(filename: str | None, function: str) -> tuple[int, float]:
        calls, seconds = 0, 0.0
        for (file, _line, name), (_cc, count, _tt, cumtime, _callers) in stats.stats.items():
            if name == function and filename in (None, file):
                calls, seconds = calls + count, seconds + cumtime
        return calls, seconds

    _, total = cumulative("engine.py", "site_search")
    print(f"## Steps of site_search() under cProfile ({total * 1000:.0f} ms for the round)")
    for label, filename, function in STAGES:
        calls, seconds = cumulative(filename, function)
        print(f"  {label:<44} {calls:6d} calls {seconds * 1000:8.0f} ms {seconds / total:6.1%}")


def explain(statement) -> None:
    """The database's own account of the slowest statement, under the planner settings the
    search used for it (search/backends/postgres.py: fetch_using_gin_indexes)."""
    from django.db import connection

    _, sql, params = statement
    postgres = connection.vendor == "postgresql"
    prefix = "EXPLAIN ANALYZE " if postgres else "EXPLAIN QUERY PLAN "
    if postgres:
        from search.backends.postgres import RESET_PLANNER, USE_GIN_INDEXES, fetch_using_gin_indexes

    if postgres and sql.startswith(USE_GIN_INDEXES):  # settings, the query, reset: one batch
        query = sql.removeprefix(f"{USE_GIN_INDEXES}; ").removesuffix(f"; {RESET_PLANNER}")
        plan = fetch_using_gin_indexes(prefix + query, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            plan = cursor.fetchall()
    print(f"\n## {prefix.strip()} of the slowest statement")
    for row in plan:
        print("  " + " | ".join(str(column) for column in row))


# --- Running ---------------------------------------------------------------------------------


def machine_note() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}, Python {platform.python_version()}"


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def run(args) -> None:
    if args.reuse_database:
        generated = reuse_site(args.reindex)
        args.pages = generated_page_count()
    else:
        generated = build_site(args)
    refresh_statistics()
    measure_searches(args, generated)


def build_site(args) -> str:
    """The demo site plus N generated pages and FAQs; returns how long generation took."""
    print(f"Building the demo site ({args.database}) …")
    print(f"  migrate + load_demo_content: {build_demo_site():.1f} s")
    print(f"Generating {args.pages} service pages and {args.pages} FAQs …")
    generation = generate_content(args.pages, args.seed)
    print(
        f"  pages {generation.pages_seconds:.1f} s, FAQs {generation.faqs_seconds:.1f} s, "
        f"index {generation.index_seconds:.1f} s: {generation.total_seconds:.1f} s in total"
    )
    print(
        f"  for comparison, Wagtail add_child + publish: {generation.wagtail_ms_per_page:.0f} ms "
        f"per page, ~{generation.wagtail_ms_per_page * args.pages / 60_000:.0f} min for the pages"
    )
    for check in generation.checks:
        print(f"  check: {check}")
    return f"{generation.total_seconds:.0f} s"


def generated_page_count() -> int:
    """N for a kept database: its service pages (the generated ones and the demo's one)."""
    from services.models import ServicePage

    return ServicePage.objects.count()


def reuse_site(reindex: bool) -> str:
    """A kept database, brought up to date with this code (migrations; the index if asked)."""
    from django.core.management import call_command

    print("Reusing a kept database …")
    call_command("migrate", interactive=False, verbosity=0)
    if reindex:  # after a change to what the index stores
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        print(f"  update_index: {time.perf_counter() - started:.1f} s")
    return "reused"


def measure_searches(args, generated: str) -> None:
    cold = time_cold_vocabulary()

    queries = QUERIES[: args.queries]
    print(
        f"Measuring {len(queries)} queries × {args.rounds} rounds, results not cached "
        f"({machine_note()}) …"
    )
    searches, search_counts = measure(search_call, queries, args.rounds)
    print_per_query(searches, search_counts)
    print(f"  all {len(searches)} searches: {spread(searches)}")
    cached_searches, cached_counts = measure(search_call, queries, args.rounds, cached=True)
    print(
        f"  site_search() with cached results: p50 / p95 / max {latency(cached_searches)} ms, "
        f"{min(cached_counts.values())}–{max(cached_counts.values())} SQL queries"
    )

    http_row = "–"
    http_counts = {}
    if not args.no_http:
        client = visitor()
        requests, http_counts = measure(http_call(client), queries, args.rounds)
        http_row = latency(requests)
        print(f"  HTTP GET /search/?q= (results not cached): p50 / p95 / max {http_row} ms")

    print(f"\nDone ({machine_note()}; {database_version()}).")
    print(
        "| database | N | generation | site_search() p50 / p95 / max ms | queries per search | "
        "cached: p50 / p95 / max ms | "
        "HTTP /search/ p50 / p95 / max ms | queries per request | vocabulary rebuild |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    queries_per_request = (
        f"{min(http_counts.values())}–{max(http_counts.values())}" if http_counts else "–"
    )
    print(
        f"| {args.database} | {args.pages:,} | {generated} | "
        f"{latency(searches)} | {min(search_counts.values())}–{max(search_counts.values())} | "
        f"{latency(cached_searches)} | "
        f"{http_row} | {queries_per_request} | {cold * 1000:.0f} ms |"
    )
    if args.profile:
        profile_searches(queries)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="service pages and FAQs to add")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds after the warm-up")
    parser.add_argument(
        "--queries",
        type=int,
        default=len(QUERIES),
        help=f"measure only the first N of the {len(QUERIES)} queries (for very slow set-ups)",
    )
    parser.add_argument("--seed", type=int, default=2024, help="seed of the text generator")
    parser.add_argument("--no-http", action="store_true", help="skip the /search/ requests")
    parser.add_argument("--profile", action="store_true", help="cProfile one round, EXPLAIN")
    parser.add_argument(
        "--keep-database", action="store_true", help="keep the PostgreSQL database for a reuse"
    )
    parser.add_argument(
        "--reuse-database", metavar="NAME", default="", help="measure a kept PostgreSQL database"
    )
    parser.add_argument(
        "--reindex", action="store_true", help="with --reuse-database: run update_index first"
    )
    parser.add_argument(
        "--postgres-server",
        default=DEFAULT_POSTGRES,
        help=f"server to create the throw-away database on (default {DEFAULT_POSTGRES})",
    )
    args = parser.parse_args(argv)
    if args.pages < 1 or args.rounds < 1 or args.queries < 1:
        parser.error("--pages, --rounds and --queries must be at least 1")
    if (args.keep_database or args.reuse_database) and args.database != "postgres":
        parser.error("--keep-database and --reuse-database are for --database postgres")
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows up in a log as it happens
    # A `kill` should still drop the database and delete the temporary folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with throwaway_site(
        args.database, args.postgres_server, args.keep_database, args.reuse_database
    ) as database_url:
        setup_django(database_url)
        run(args)


if __name__ == "__main__":
    main()
