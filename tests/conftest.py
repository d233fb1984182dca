"""Fixtures every folder shares, and how the suite splits between CI's two database phases.

.ci/run runs the suite twice: on SQLite (`make test`, everything) and on PostgreSQL. A test that
never uses the configured database gets the `database_independent` mark, and the PostgreSQL
phase leaves it out (`-m "not database_independent"`): it would prove nothing new there. The
mark is given automatically to tests without database access (pytest-django refuses them any),
and by hand to tests in a `django_db` module that only run production settings or servers in a
subprocess (their database is the subprocess's own SQLite file). Either way the database is
blocked while they run, so one that starts using it fails instead of silently moving phase.
"""

import functools
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.test import TransactionTestCase
from hypothesis import settings as hypothesis_settings

from base import content_version
from tests.factories import (
    ContactPageFactory,
    FAQIndexPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    make_clinic_settings,
    make_home_site,
)
from tests.server import shared_demo_site, start_building_shared_demo_site

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis: its default profile (100 examples; the suite's form tests ask for a multiple of it)
# in `make test`. .ci/run's PostgreSQL phase loads "postgres" with a fifth of the examples: the
# full count ran on SQLite just before, and these tests' database work is the same on both.
hypothesis_settings.register_profile("postgres", max_examples=20)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# A test with any of these in its fixture closure has database access.
DATABASE_FIXTURES = {"_django_db_helper", "django_db_setup", "live_server"}


def uses_the_database(item) -> bool:
    if item.get_closest_marker("per_database") or item.get_closest_marker("django_db"):
        return True
    if isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, TransactionTestCase):
        return True  # Django's TestCase classes (e.g. WagtailPageTestCase)
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        explicit = item.get_closest_marker("database_independent") is not None
        if explicit and item.get_closest_marker("per_database"):
            raise pytest.UsageError(f"{item.nodeid}: database_independent and per_database")
        if not explicit and not uses_the_database(item):
            item.add_marker(pytest.mark.database_independent)


MODULE_FIXTURE = re.compile(r"@pytest\.fixture\(\s*scope=.module.")


@functools.cache
def has_module_fixtures(module: str) -> bool:
    """Whether a test module, or a conftest.py above it in tests/, defines a module-scoped fixture
    (a gunicorn server, a copy of the demo site, the API schema). Read from the source: the xdist
    controller that asks has not collected anything."""
    folders = [folder for folder in Path(module).parents if folder != Path(".")]
    sources = [ROOT / module, *(ROOT / folder / "conftest.py" for folder in folders)]
    return any(MODULE_FIXTURE.search(path.read_text()) for path in sources if path.is_file())


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: fine without it (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """With -n: each test is a unit of its own, in pytest-django's order (database tests, then
    transactional ones, then the rest), except that a module with module-scoped fixtures is one
    unit, so each of its fixtures is built once, on one worker.

    (`--dist loadgroup` with xdist_group marks would do the same, but pytest-xdist 3.8 renames
    node ids in a way pytest 9.2 ignores, so the marks have no effect there.)"""
    if config.getoption("dist") not in ("load", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if has_module_fixtures(module) else nodeid

    # Keep the collection's order: the default puts the biggest units (browser modules) first,
    # before the demo site they need is built, and transactional tests must come last.
    config.option.loadscopereorder = False
    return ModuleFixtureScheduling(config, log)


class ServersFirstAmongTheRest:
    """After pytest-django's ordering (database tests, transactional ones, then tests without a
    database): the tests without a database that need the demo site (gunicorn, chromium: the
    slowest units) start that last block, so the xdist workers end on short tests together."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        def block(item):
            # Tests with a database stay first, also the database_independent ones in django_db
            # modules: after the browser tests, Playwright's event loop would refuse them one.
            if uses_the_database(item):
                return 0
            return 1 if "demo_site_template" in getattr(item, "fixturenames", ()) else 2

        items.sort(key=block)  # stable: pytest-django's order within each block


def pytest_configure(config):
    config.pluginmanager.register(ServersFirstAmongTheRest(), "servers-first-among-the-rest")


def pytest_collection_finish(session):
    """Start building the run's demo site now, on the side, if a collected test needs it.

    pytest-django runs database tests first, and the server and browser tests that need the demo
    site last; by then it is built, instead of every worker waiting for it (tests/server.py)."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or session.config.option.collectonly:
        return
    if any("demo_site_template" in getattr(item, "fixturenames", ()) for item in session.items):
        start_building_shared_demo_site(factory)


@pytest.fixture(autouse=True)
def database_blocked_when_independent(request, django_db_blocker):
    """A `database_independent` test runs with the database blocked (see the module docstring)."""
    if request.node.get_closest_marker("database_independent") is None:
        yield
        return
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")  # set up first, so it is blocked after
    with django_db_blocker.block():
        yield


@pytest.fixture(autouse=True)
def fresh_search_caches():
    """Search caches results, vocabulary and synonyms; the database rows an earlier test
    searched are rolled back, so each test starts with those forgotten."""
    from search.invalidation import forget_everything

    forget_everything()


@pytest.fixture(scope="session")
def demo_site_template(tmp_path_factory):
    """The demo site (database, media, collected static files) built once per run, shared by
    every xdist worker. Servers get copies of it (`tests.server.copy_demo_site`)."""
    return shared_demo_site(tmp_path_factory)


# --- The demo content, loaded once per process --------------------------------------------------


def _row_tables(connection) -> list[str]:
    """Tables whose rows we copy. Not SQLite's FTS5 tables (and their shadow tables): triggers on
    the search index table fill them as its rows go in, as they did when the loader ran."""
    names = connection.introspection.table_names(include_views=False)
    if connection.vendor != "sqlite":
        return names
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
        virtual = [name for (name,) in cursor.fetchall()]
    return [n for n in names if not any(n == v or n.startswith(f"{v}_") for v in virtual)]


def _read_table(connection, table: str):
    """A table's rows, comparable between two reads: PostgreSQL's COPY text, else the rows."""
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                data = b"".join(bytes(block) for block in copy)
            return data, sorted(data.splitlines())
        cursor.execute(f"PRAGMA table_info({quoted})")
        columns = [column[1] for column in cursor.fetchall()]
        # `+column` is the stored value itself, without Django's type converters (time, date,
        # datetime...), which would need adapting back on the way in.
        values = ", ".join(f"+{connection.ops.quote_name(column)}" for column in columns)
        cursor.execute(f"SELECT {values} FROM {quoted}")  # noqa: S608 (names from introspection)
        rows = cursor.fetchall()
        return (columns, rows), Counter(rows)


def _write_table(connection, table: str, content) -> None:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quoted}")  # noqa: S608
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quoted} FROM STDIN") as copy:
                copy.write(content)
            return
        columns, rows = content
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", rows)  # noqa: S608


@pytest.fixture(scope="session")
def demo_rows(django_db_setup, django_db_blocker) -> dict:
    """Every table `manage.py load_demo_content` changes, as the loader left it.

    The loader runs once per process (xdist worker) in a transaction that is then rolled back;
    `demo_content` puts these rows back for each test that wants the demo site. Its media files
    stay in this process's MEDIA_ROOT, as they would after a load in the test itself."""
    from django.core.management import call_command
    from django.db import connection, transaction

    with django_db_blocker.unblock(), transaction.atomic():
        tables = _row_tables(connection)
        before = {table: _read_table(connection, table)[1] for table in tables}
        call_command("load_demo_content", verbosity=0)
        changed = {}
        for table in tables:
            content, comparable = _read_table(connection, table)
            if comparable != before[table]:
                changed[table] = content
        transaction.set_rollback(True)
    return changed


@pytest.fixture
def demo_content(db, demo_rows):
    """The demo site, exactly as `manage.py load_demo_content` builds it on a fresh database.

    Loaded once per process (`demo_rows`) and copied in for each test: the demo loader takes
    seconds, copying its rows milliseconds. Nothing the test changes outlives it."""
    from django.apps import apps
    from django.core.cache import caches
    from django.core.management.color import no_style
    from django.db import connection

    for table, content in demo_rows.items():
        _write_table(connection, table, content)
    if connection.vendor == "postgresql":
        # Rows went in with their ids: move each id sequence past them, as inserts would.
        models = apps.get_models(include_auto_created=True)
        models = [model for model in models if model._meta.db_table in demo_rows]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    # Caches may remember the database as it was before the copy (e.g. the site root paths).
    for cache in caches.all(initialized_only=True):
        cache.clear()
    from search.invalidation import forget_everything

    forget_everything()


@pytest.fixture
def home_page(db):
    return make_home_site()


@pytest.fixture
def clinic_settings(home_page):
    return make_clinic_settings()


@pytest.fixture
def site_tree(home_page, clinic_settings):
    """A small site: home, services with one service, the FAQ page and the contact page."""
    services = ServiceIndexPageFactory(parent=home_page, slug="services")
    service = ServicePageFactory(parent=services, title="PRP hair restoration", slug="prp")
    faq_page = FAQIndexPageFactory(parent=home_page, slug="faqs")
    contact = ContactPageFactory(parent=home_page, slug="contact")
    clinic_settings.contact_page = contact
    clinic_settings.save()
    return {
        "home": home_page,
        "services": services,
        "service": service,
        "faq_page": faq_page,
        "contact": contact,
    }


@pytest.fixture
def content_caches(settings):
    """The per-process caches of derived data switched on (the suite runs without them: its
    edits never commit, so they never bump the content version), starting empty."""
    settings.CONTENT_CACHES = True
    content_version.start_afresh()
    yield
    content_version.start_afresh()
