"""The CDN purge set-up (Wagtail's WAGTAILFRONTENDCACHE), read from environment variables.

Imported by the settings, so it must not import Django models. FRONTEND_CACHE_BACKEND chooses
the CDN; each backend then needs its own variables (see the README's configuration table):

- `cloudflare`: FRONTEND_CACHE_CLOUDFLARE_ZONE_ID and FRONTEND_CACHE_CLOUDFLARE_API_TOKEN (an API
  token allowed to purge that zone);
- `cloudfront`: FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID; AWS credentials come the usual boto3
  way (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the server's role);
- `http`: FRONTEND_CACHE_HTTP_LOCATION, the cache server that accepts `PURGE` requests
  (Varnish, nginx), e.g. http://varnish:6081.

FRONTEND_CACHE_HOSTNAMES (optional, comma separated) limits purging to those host names.
A misspelt backend or a missing variable stops the app at start-up rather than silently never
purging.
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {
            "ZONEID": "FRONTEND_CACHE_CLOUDFLARE_ZONE_ID",
            "BEARER_TOKEN": "FRONTEND_CACHE_CLOUDFLARE_API_TOKEN",
        },
    ),
    "cloudfront": (
        "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        {"DISTRIBUTION_ID": "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"},
    ),
    "http": (
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        {"LOCATION": "FRONTEND_CACHE_HTTP_LOCATION"},
    ),
}


def frontend_cache_from_env(environ: Mapping[str, str]) -> dict:
    """WAGTAILFRONTENDCACHE for these variables: empty when FRONTEND_CACHE_BACKEND is unset."""
    name = environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
    if not name:
        return {}
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND={name!r} is not one of: {', '.join(sorted(BACKENDS))}."
        )
    backend, variables = BACKENDS[name]
    config = {"BACKEND": backend}
    for key, variable in variables.items():
        value = environ.get(variable, "").strip()
        if not value:
            raise ImproperlyConfigured(f"FRONTEND_CACHE_BACKEND={name} needs {variable}.")
        config[key] = value
    hostnames = [h.strip() for h in environ.get("FRONTEND_CACHE_HOSTNAMES", "").split(",")]
    if any(hostnames):
        config["HOSTNAMES"] = [h for h in hostnames if h]
    return {name: config}


def wildcard_backends(frontend_cache: Mapping[str, dict]) -> list[str]:
    """The configured backends that understand a trailing `*` (CloudFront invalidations)."""
    return [
        name
        for name, config in frontend_cache.items()
        if config["BACKEND"] == BACKENDS["cloudfront"][0]
    ]
