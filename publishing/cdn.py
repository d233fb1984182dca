"""CDN purging: after a change commits, every page and API URL that shows it is purged.

Subscribes to the publishing event (base/content.py's `content_changed`); the URLs are the
change's (publishing/shown.py says how they are found: the page, the pages listing or showing
it, the API details and listings, every page for what the header and footer show, …). Purges
are sent once the database transaction has committed: a CDN that re-fetched before then would
store the old content again. Nothing is worked out when no CDN is configured
(WAGTAILFRONTENDCACHE empty), and a failure is logged, never raised: purging must not stop
anyone publishing.

Search answers are never stored by a CDN (api/http_cache.py), so there is nothing to purge.

Query strings: a CDN keeps `/api/v2/pages/?type=…` apart from `/api/v2/pages/`, and a purge by
URL reaches only the exact URL. CloudFront invalidations accept a trailing `*`, which covers every
query string, so the backends in FRONTEND_CACHE_WILDCARD_BACKENDS also get `<listing>*`. Other
CDNs keep those copies until API_CACHE_S_MAXAGE runs out.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache

logger = logging.getLogger(__name__)


def cdn_configured() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def is_api_listing(url: str) -> bool:
    """A listing of the API's router (`/api/v2/pages/`…): the URLs that take query strings."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return match.namespaces[:1] == ["wagtailapi_v2"] and match.url_name == "listing"


def purge(change, **kwargs) -> None:
    """`content_changed` subscriber: purge what the change shows, after the commit."""
    if not cdn_configured():
        return
    try:
        urls = sorted(change.urls)
    except Exception:
        logger.exception("Could not work out CDN purges for %s", change.label)
        return
    if not urls:
        return
    try:
        batch = PurgeBatch()
        batch.add_urls(urls)
        batch.purge()
        wildcard_backends = list(getattr(settings, "FRONTEND_CACHE_WILDCARD_BACKENDS", []))
        listings = [url + "*" for url in urls if is_api_listing(url)]
        if listings and wildcard_backends:
            purge_urls_from_cache(listings, backends=wildcard_backends)
    except Exception:
        logger.exception("Could not purge %d URLs from the CDN", len(urls))
