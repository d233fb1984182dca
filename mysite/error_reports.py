"""Error reports to Sentry (SENTRY_DSN) without health data.

What a patient types (the consultation form, a search) can reach an exception in three ways:
the request body, the URL's query string and the local variables of the failing code. None
of them is sent, and neither are cookies, headers that identify a visitor, IP addresses or
the parameters of SQL queries. What is left (the exception, the stack, the path, the release)
is enough to find and fix a bug.
"""

import os
from urllib.parse import urlsplit, urlunsplit

KEPT_HEADERS = {"host", "user-agent", "accept", "content-type", "content-length"}


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "query_string", "cookies", "env"):
            request.pop(key, None)
        if isinstance(request.get("url"), str):
            parts = urlsplit(request["url"])
            request["url"] = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
    event.pop("user", None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        breadcrumbs["values"] = [scrub_breadcrumb(b) for b in breadcrumbs.get("values", [])]
    return event


def scrub_breadcrumb(breadcrumb: dict, hint: dict | None = None) -> dict:
    data = breadcrumb.get("data")
    if isinstance(data, dict):
        data.pop("params", None)  # SQL parameters: a search term, a form answer
        for key in ("url", "http.query"):
            if isinstance(data.get(key), str):
                data[key] = data[key].split("?", 1)[0] if key == "url" else ""
    return breadcrumb


def init_sentry(dsn: str) -> None:
    import sentry_sdk

    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("DJANGO_RELEASE") or None,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=scrub_event,
        # Performance traces carry the request (URL, query string) too: scrub them the same way.
        before_send_transaction=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
    )
