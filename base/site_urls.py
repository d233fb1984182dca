"""Absolute URLs: the one place the site's public addresses are built.

Two bases, each from one setting (README, "Configuration"):

- pages and media: WAGTAILADMIN_BASE_URL, the site's public base URL (canonical URLs, the
  sitemap, the JSON-LD, link previews, `html_url` in the API, webhooks' `url`);
- API endpoints: WAGTAILAPI_BASE_URL, which Wagtail's own API uses for `meta.detail_url` (the
  settings make it the same as the site's unless a deployment serves the API elsewhere).

Not from the Site record: the demo's Site says "localhost:80" wherever it is deployed, and a
canonical URL pointing there would send search engines to the wrong host.
"""

from django.conf import settings
from wagtail.models import Site

from base.content_version import versioned


def site_base_url() -> str:
    """E.g. 'https://clinic.example.com', without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def api_base_url() -> str:
    return (getattr(settings, "WAGTAILAPI_BASE_URL", "") or site_base_url()).rstrip("/")


def absolute_url(path: str) -> str:
    """A site-relative path ('/services/') as an absolute URL; absolute URLs pass unchanged.

    Also for media: renditions are relative with local storage, absolute with object storage.
    """
    if not path or path.startswith(("http://", "https://")):
        return path
    return site_base_url() + (path if path.startswith("/") else f"/{path}")


def absolute_page_url(page, request=None) -> str:
    """The page's canonical URL; '' for a page no site serves or not saved yet (a preview)."""
    if page.pk is None:
        return ""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2])


def api_url(path: str) -> str:
    """An API path ('/api/v2/pages/4/') as an absolute URL on the API's base."""
    return api_base_url() + path


def api_detail_url(endpoint: str, pk: int) -> str:
    """E.g. api_detail_url("pages", 4) → 'https://clinic.example.com/api/v2/pages/4/'."""
    return api_url(f"/api/v2/{endpoint}/{pk}/")


def request_site(request):
    """The Wagtail Site serving this request, as Site.find_for_request finds it, kept per
    content version (a query per request otherwise) and remembered on the request, where
    Wagtail looks first."""
    if not hasattr(request, "_wagtail_site"):
        host, port = request.get_host(), request.get_port()  # get_host() checks ALLOWED_HOSTS
        request._wagtail_site = versioned(
            ("site", host, port), lambda: Site.find_for_request(request)
        )
    return request._wagtail_site
