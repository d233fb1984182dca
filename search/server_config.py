"""The search server option (OpenSearch or Elasticsearch), read from environment variables.

Imported by the settings, so it must not import Django models. Without SEARCH_BACKEND_URL the
site searches in its database, which is fast enough for a clinic (bench/README.md, "Search":
p95 under 50 ms at 10,000 pages on PostgreSQL). With it:

- SEARCH_BACKEND names the server's kind: `opensearch3`, `opensearch2`, `elasticsearch9`
  (the default), `elasticsearch8` or `elasticsearch7`, or Wagtail's dotted path of one;
- SEARCH_INDEX is the prefix of the index names on the server (Wagtail's INDEX_PREFIX);
- the client library comes from requirements-search.txt; without it the app refuses to start
  rather than fail at the first search;
- the database index is kept up to date as well ("database" backend), and site search answers
  from it while the server doesn't (search/candidates.py).

The site's own query understanding (synonyms, typo correction, stems) and ranking apply on the
server too: search asks the server only for candidates, with the stems of what was meant, and
ranks them itself (search/engine.py).
"""

import importlib.util
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

DATABASE_SEARCH = {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"}

# Server kind → (Wagtail's backend, the client package it needs, that package's import name).
SERVERS = {
    "opensearch3": ("wagtail.search.backends.opensearch3", "opensearch-py", "opensearchpy"),
    "opensearch2": ("wagtail.search.backends.opensearch2", "opensearch-py", "opensearchpy"),
    "elasticsearch9": ("wagtail.search.backends.elasticsearch9", "elasticsearch", "elasticsearch"),
    "elasticsearch8": ("wagtail.search.backends.elasticsearch8", "elasticsearch", "elasticsearch"),
    "elasticsearch7": ("wagtail.search.backends.elasticsearch7", "elasticsearch", "elasticsearch"),
}


def search_backends_from_env(environ: Mapping[str, str]) -> dict:
    """WAGTAILSEARCH_BACKENDS for these variables: the database alone without a server URL."""
    url = environ.get("SEARCH_BACKEND_URL", "").strip()
    if not url:
        return {"default": DATABASE_SEARCH}
    kind = environ.get("SEARCH_BACKEND", "elasticsearch9").strip().rsplit(".", 1)[-1].lower()
    if kind not in SERVERS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={kind!r} is not one of: {', '.join(sorted(SERVERS))}."
        )
    backend, package, module = SERVERS[kind]
    if importlib.util.find_spec(module) is None:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND_URL is set but the {package} client is not installed: "
            "pip install -r requirements-search.txt (or unset SEARCH_BACKEND_URL to search in "
            "the database)."
        )
    server = {
        "BACKEND": backend,
        "URLS": [url],
        "INDEX_PREFIX": environ.get("SEARCH_INDEX", "clinic").strip(),
        # A server that doesn't answer is given up on quickly: search falls back to the database.
        "TIMEOUT": int(environ.get("SEARCH_BACKEND_TIMEOUT", "5")),
    }
    return {"default": server, "database": DATABASE_SEARCH}
