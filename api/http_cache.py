"""HTTP caching for the public JSON API (/api/v2/): strong ETags, Cache-Control and 304s.

Every successful anonymous GET/HEAD under /api/v2/ gets

- `ETag: "<hash of the body>"`: a strong validator, so publishing anything the answer shows
  changes it, and nothing else does;
- `Cache-Control: public, max-age=…, s-maxage=…, stale-while-revalidate=…` (settings
  API_CACHE_MAX_AGE, API_CACHE_S_MAXAGE, API_CACHE_STALE_WHILE_REVALIDATE);

and a request whose `If-None-Match` names that ETag (or `*`) gets `304 Not Modified` with no body.
`Vary` comes from the layers that cause the variation: `Origin` (django-cors-headers, for every
/api/ URL), `Cookie` (sessions; editors get private answers), and `Accept` (Django REST
framework) on an endpoint that offers more than one format.

Left alone or kept out of shared caches, deliberately:

- methods other than GET/HEAD (the consultation form's POST, CORS preflights);
- answers whose view chose its own Cache-Control (the headless preview's `no-store`);
- anything but a 200, and answers that set a cookie (`no-store`): errors and redirects are cheap
  to recompute and must not outlive the fix;
- requests with a session cookie, i.e. editors (`private, no-cache`): a frontend reads the API
  anonymously, and an answer computed for a logged-in user must never reach a shared cache;
- the views in CACHE_CONTROL_BY_VIEW, for the reasons given there.

The middleware sits inside CorsMiddleware (so 304s carry the CORS headers a browser needs to
use its cached copy) and outside the session, CSRF and common middleware (so it sees the final
body, `Vary` and cookies). Django's ConditionalGetMiddleware is not installed: this one does its
job for the API, and the HTML pages' caching is decided elsewhere.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import parse_etags

API_PATH_PREFIX = "/api/v2/"

NO_STORE = "no-store"
PRIVATE_REVALIDATE = "private, no-cache"

# Views whose answers must not be shared between visitors, by URL name.
CACHE_CONTROL_BY_VIEW = {
    # The form's description carries a freshly signed "started" stamp (the minimum-time spam
    # guard): a cached copy would be stale for every later visitor.
    "api_consultation_form": NO_STORE,
    # A search URL holds what a patient searched for: a CDN would keep it as a cache key, and
    # search terms never leave our servers. The visitor's own browser may reuse the answer.
    "api_search": "private, max-age={max_age}",
}


def public_cache_control() -> str:
    return (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"s-maxage={settings.API_CACHE_S_MAXAGE}, "
        f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
    )


def strong_etag(content: bytes) -> str:
    # A hash of the exact bytes sent: equal bodies, equal ETags, on every server.
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def cache_control_for(request, response) -> str:
    if response.status_code != 200 or response.streaming or response.cookies:
        return NO_STORE
    match = request.resolver_match
    view_name = match.view_name if match else ""
    if view_name in CACHE_CONTROL_BY_VIEW:
        return CACHE_CONTROL_BY_VIEW[view_name].format(max_age=settings.API_CACHE_MAX_AGE)
    if "search" in request.GET:
        # Wagtail's own ?search= on pages, images and documents: a patient's words, like above.
        return CACHE_CONTROL_BY_VIEW["api_search"].format(max_age=settings.API_CACHE_MAX_AGE)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return PRIVATE_REVALIDATE
    return public_cache_control()


def apply_http_caching(request, response):
    """The response with its ETag and Cache-Control, or a 304 in its place."""
    if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
        return response
    cache_control = cache_control_for(request, response)
    response["Cache-Control"] = cache_control
    if cache_control == NO_STORE:
        return response
    response["ETag"] = strong_etag(response.content)
    return not_modified_or(request, response)


def not_modified_or(request, response):
    """A 304 when If-None-Match names the ETag (or is `*`); otherwise the response itself.

    Only If-None-Match is evaluated: If-Match and If-Unmodified-Since are for writes, and
    Django's generic handling would answer a GET with an empty HTML 412.
    """
    # If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
    wanted = {
        etag.removeprefix("W/") for etag in parse_etags(request.headers.get("If-None-Match", ""))
    }
    if "*" not in wanted and response["ETag"] not in wanted:
        return response
    not_modified = HttpResponseNotModified()
    for header in ("ETag", "Cache-Control", "Vary"):
        if response.has_header(header):
            not_modified[header] = response[header]
    return not_modified


class ApiHttpCacheMiddleware:
    """ETag, Cache-Control and 304s for /api/v2/ (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(API_PATH_PREFIX):
            return apply_http_caching(request, response)
        return response
