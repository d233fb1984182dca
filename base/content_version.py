"""One number that changes whenever visitors could see something new: the content version.

Every cache that keeps what content makes (whole pages, the site's header and footer, the
JSON-LD, routing) checks it instead of trying to forget the right entries, so each cache is
right on every topology: one process, several gunicorn workers, several servers.

- It lives in the database (one row of `ContentVersion`), so every process that can read the
  content can read the version, with or without Redis. With Redis (REDIS_URL) it is mirrored
  there, so a cached page costs no database query at all.
- The publishing event (publishing/events.py) bumps it once the editor's transaction has
  committed: a process that reads the new number can only read the new content.
- It is read once per request (VersionMiddleware remembers it for the request), so a page is
  rendered from one consistent view, and `versioned()` values made under an older number are
  dropped at the first request that sees a newer one.

The number comes with an epoch, made when the row is created: a database rebuilt from scratch
(`make run` on a fresh clone, a test database) starts again at 1, and must not match what a
shared Redis still holds from the database before.
"""

import contextvars
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import connection, models

logger = logging.getLogger(__name__)

# Redis key of the mirror, and how long a process trusts it before reading the database again.
# The mirror is set on every bump; the lifetime only bounds how long a bump that could not
# reach Redis (an outage at the wrong moment) can leave pages stale.
MIRROR_KEY = "content-version"
MIRROR_SECONDS = 10

# Per-process `versioned()` values: plenty for a clinic's pages, bounded against odd URLs.
MAX_VERSIONED_VALUES = 5000


def new_epoch() -> str:
    return uuid.uuid4().hex


class ContentVersion(models.Model):
    """The content version's one row (id 1). Never edited by hand: see `bump()`."""

    epoch = models.CharField(max_length=32, default=new_epoch, editable=False)
    number = models.BigIntegerField(default=1)

    class Meta:
        app_label = "base"

    def __str__(self):
        return f"{self.epoch}:{self.number}"


# --- Reading and bumping ---------------------------------------------------------------------


def read_from_database() -> str:
    """The version as the database has it: one primary-key read, without the ORM's overhead."""
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT epoch, number FROM {table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # before the first bump of a database made without migrations
        return "none:0"
    return f"{row[0]}:{row[1]}"


def _mirror():
    return caches["default"] if settings.REDIS_URL else None


def read() -> str:
    """The current version: from the Redis mirror when there is one, else the database."""
    mirror = _mirror()
    if mirror is not None:
        try:
            version = mirror.get(MIRROR_KEY)
            if version is not None:
                return version
            version = read_from_database()
            # add(), not set(): a bump that happened since our read has already set a newer one.
            mirror.add(MIRROR_KEY, version, MIRROR_SECONDS)
            return version
        except Exception:
            logger.warning("Redis unavailable; reading the content version from the database")
    return read_from_database()


def bump() -> str:
    """A new version for everyone: call after the change has committed (the publishing event
    does). Returns the new version."""
    updated = ContentVersion.objects.filter(pk=1).update(number=models.F("number") + 1)
    if not updated:
        ContentVersion.objects.get_or_create(pk=1)
    version = read_from_database()
    mirror = _mirror()
    if mirror is not None:
        try:
            mirror.set(MIRROR_KEY, version, MIRROR_SECONDS)
        except Exception:
            # Processes read the database again within MIRROR_SECONDS.
            logger.warning("Could not mirror the content version in Redis", exc_info=True)
    return version


# --- The request's version --------------------------------------------------------------------


@dataclass
class RequestVersion:
    """What one request knows: the version (read on first use) and whether it may use the
    per-process `versioned()` values (not in the admin or a preview: editors see drafts)."""

    derived_caching: bool
    version: str | None = None


_request = contextvars.ContextVar("content_version_request", default=None)

# Paths whose requests never use `versioned()` values: editors' screens and draft previews.
UNCACHED_PATH_PREFIXES = ("/api/v2/page_preview/",)


class VersionMiddleware:
    """Remember the content version for the length of each request (first in MIDDLEWARE after
    whitenoise, so the page cache and everything below it agree on one number)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        derived_caching = settings.CONTENT_CACHES and not (
            path.startswith(settings.ADMIN_URL_PREFIX) or path.startswith(UNCACHED_PATH_PREFIXES)
        )
        token = _request.set(RequestVersion(derived_caching=derived_caching))
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current() -> str | None:
    """This request's version (read once, then remembered); None outside a request."""
    state = _request.get()
    if state is None:
        return None
    if state.version is None:
        state.version = read()
    return state.version


# --- Values derived from content, kept per process until the version changes -------------------


@dataclass
class _Store:
    version: str | None = None
    values: dict = field(default_factory=dict)


_store = _Store()


def caching_derived_values() -> bool:
    state = _request.get()
    return state is not None and state.derived_caching


def versioned(key, compute):
    """`compute()`, remembered in this process until the content version changes.

    For what only a publish can change (the menu, the clinic's details, rendered rich text,
    routing): `key` names it (a tuple: what it is and whose), `compute` makes it from the
    database. Outside a request, in the admin and in previews, it is simply computed. The value
    is shared by every request of the process: never change it in place.
    """
    global _store
    if not caching_derived_values():
        return compute()
    version = current()
    store = _store
    if store.version != version:
        store = _store = _Store(version=version)
    try:
        return store.values[key]
    except KeyError:
        pass
    value = compute()
    if len(store.values) < MAX_VERSIONED_VALUES:
        store.values[key] = value
    return value


def start_afresh() -> None:
    """Forget every `versioned()` value of this process (tests: each starts with none)."""
    global _store
    _store = _Store()
