"""Whole-response cache for anonymous visitors, checked against the content version.

A public page is the same for every anonymous visitor, so its full response (body and
headers) is kept and served again without the view, the templates or the page's queries.
Correctness rests on one number, the *content version* (base/content_version.py), kept in the
database and mirrored in Redis:

- every stored response carries the version that was current when its request began;
- a stored response is served only while its version is still the current one;
- every change visitors can see (the publishing event, publishing/events.py: a page published,
  unpublished, moved or deleted; an FAQ, a setting, an image, a redirect… saved or deleted)
  bumps the version once the database transaction has committed.

Pages are kept in Redis with REDIS_URL, shared by every worker and server; without it, in each
worker's memory. Either way a publish shows on the very next request to any worker, since each
checks the version (one query without Redis, none with it).

Each page is kept twice, as it is and gzip-compressed, so a hit costs no compression. These
pages carry no secret (never a CSRF token or a cookie, see below), so compressing them
needs no BREACH mitigation; pages rendered per visitor are compressed by Django's
GZipMiddleware, which pads each answer by a random length (settings.MIDDLEWARE).

Never served from or stored in the cache: anything but GET/HEAD; visitors with a session
or messages cookie (editors, password-protected pages, flash messages); the admin and
previews; site search (see EXCLUDED_PATH_PREFIXES); answers other than 200, answers that set
a cookie or contain a CSRF token (the consultation form); answers marked private/no-store.
"""

import contextlib
import gzip
import hashlib
import logging
import os
import re

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from base import content_version

logger = logging.getLogger(__name__)

# Never cached. Search: the view counts every search for the search-terms report (a cache hit
# would skip that), the query is health data we don't want as a key in a shared cache, and
# nearly every query is different anyway. Documents and media are files, not pages; previews
# carry draft content (the headless preview also sends a token).
EXCLUDED_PATH_PREFIXES = (
    "/healthz",
    "/search/",
    "/documents/",
    "/media/",
    "/static/",
    "/api/v2/page_preview/",
    "/api/v2/forms/",
)

API_PATH_PREFIX = "/api/"
MAX_BODY_BYTES = 2 * 1024 * 1024
CACHEABLE_CONTENT_TYPES = ("text/html", "application/json")
PRIVATE_CACHE_CONTROL = ("private", "no-store", "no-cache")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def release_id() -> str:
    """Cached pages name hashed static files and come from templates: a deploy starts afresh."""
    release = os.environ.get("DJANGO_RELEASE", "")
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    # Without collectstatic (development, tests) the release variable alone.
    with contextlib.suppress(OSError):
        release += hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
    return release or "unversioned"


# Ad and campaign links add a parameter unique to every click (?fbclid=…, ?gclid=…, utm_*): the
# page doesn't depend on them, and keeping them in the cache key would make a campaign's burst
# of visitors all misses, each storing another copy of the page.
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga"}


def query_without_tracking(query_string: str) -> str:
    pairs = [
        pair
        for pair in query_string.split("&")
        if pair
        and not pair.split("=", 1)[0].startswith("utm_")
        and pair.split("=", 1)[0] not in TRACKING_PARAMETERS
    ]
    return "&".join(pairs)


class PageCacheMiddleware:
    """Serve and store anonymous GET/HEAD responses; see the module docstring for the rules.

    Sits high in MIDDLEWARE (right after whitenoise), so a hit skips sessions, CSRF,
    authentication and the view. Headers the inner middleware added (security headers, the
    API's ETag and Cache-Control) are stored with the body and come back unchanged.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.release = release_id()

    def __call__(self, request):
        if not self.is_candidate(request):
            return self.get_response(request)
        try:
            key = self.key_for(request)
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in

        cache = page_cache()
        try:
            version = content_version.current()
            entry = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; rendering without it", exc_info=True)
            return self.get_response(request)

        if is_entry(entry) and entry[0] == version:
            return self.cached_response(request, entry)

        response = self.get_response(request)
        if self.is_storable(request, response):
            try:
                cache.set(key, self.entry_for(version, response), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a page in the page cache", exc_info=True)
        response["X-Cache"] = "miss"
        return response

    def is_candidate(self, request) -> bool:
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if getattr(request, "is_dummy", False):
            return False  # Wagtail's previews and publish-time renders (mysite/renditions.py)
        path = request.path_info
        if path.startswith(settings.ADMIN_URL_PREFIX) or path.startswith(EXCLUDED_PATH_PREFIXES):
            return False
        # Someone with a session may be an editor, or have unlocked a private page; messages
        # are per visitor. Their pages are rendered for them alone.
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies

    def key_for(self, request) -> str:
        # CORS answers differ per Origin; the API answers JSON or, to a browser asking for
        # HTML, its browsable page (Accept). Pages don't vary by Accept: keep browsers together.
        is_api = request.path_info.startswith(API_PATH_PREFIX)
        parts = "\n".join(
            [
                self.release,
                request.scheme,
                request.get_host(),
                request.path,
                query_without_tracking(request.META.get("QUERY_STRING", "")),
                request.META.get("HTTP_ORIGIN", ""),
                request.META.get("HTTP_ACCEPT", "") if is_api else "",
            ]
        )
        return "page-cache:" + hashlib.sha256(parts.encode()).hexdigest()

    @staticmethod
    def is_storable(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "is_preview", False):
            return False
        if not response.get("Content-Type", "").startswith(CACHEABLE_CONTENT_TYPES):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in PRIVATE_CACHE_CONTROL):
            return False
        content = response.content
        # A CSRF token is per visitor; Django sets a cookie when one is used, but be sure.
        return len(content) <= MAX_BODY_BYTES and b"csrfmiddlewaretoken" not in content

    @staticmethod
    def entry_for(version: str, response) -> tuple:
        content = response.content
        # mtime=0: the same page compresses to the same bytes on every worker.
        compressed = gzip.compress(content, compresslevel=6, mtime=0)
        if len(compressed) >= len(content):
            compressed = None
        return (version, response.status_code, list(response.items()), content, compressed)

    @staticmethod
    def cached_response(request, entry):
        _, status, headers, content, compressed = entry
        use_gzip = compressed is not None and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        response = HttpResponse(compressed if use_gzip else content, status=status)
        for name, value in headers:
            response[name] = value
        if compressed is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if use_gzip:
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(compressed))
            etag = response.get("ETag")
            if etag and etag.startswith('"'):  # as GZipMiddleware does: a compressed body's
                response["ETag"] = "W/" + etag  # ETag is weak
        response["X-Cache"] = "hit"
        # The API's ETag still works: a matching If-None-Match gets its 304.
        etag = response.get("ETag")
        if etag:
            conditional = get_conditional_response(request, etag=etag, response=response)
            if conditional is not response:
                conditional["X-Cache"] = "hit"
                return conditional
        return response


ACCEPTS_GZIP = re.compile(r"\bgzip\b")
ENTRY_LENGTH = 5


def is_entry(entry) -> bool:
    """Whether `entry` is a stored page of this release's shape (an older one is a miss)."""
    return isinstance(entry, tuple) and len(entry) == ENTRY_LENGTH
