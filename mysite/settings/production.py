"""Production: every deployment-specific value comes from the environment.

Required: DJANGO_SECRET_KEY. Everything else has a safe default; see the README's
configuration table.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list, task_backends

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY.strip():
    # Refuse to start rather than sign sessions with a guessable key.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# Publish webhooks are signed so receivers can tell them from forgeries: no URLs without a secret.
if WEBHOOK_URLS and not WEBHOOK_SECRET:  # noqa: F405
    raise ImproperlyConfigured(
        "DJANGO_WEBHOOK_SECRET is not set, but DJANGO_WEBHOOK_URLS is: events are signed with it. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))' "
        "and give it to the receivers."
    )
if not all(url.startswith(("https://", "http://")) for url in WEBHOOK_URLS):  # noqa: F405
    raise ImproperlyConfigured("DJANGO_WEBHOOK_URLS must be http:// or https:// URLs.")

DEBUG = env_bool("DJANGO_DEBUG", False)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Collected static files: compressed and with hashed names, so they can be cached for a year.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# HTTPS. DJANGO_HTTPS=0 switches off only the HTTPS-only parts below (redirect, HSTS, Secure
# cookies), so the production set-up can be served over plain HTTP on the loopback interface
# for the browser tests and benchmarks. Never on a public server.
HTTPS = env_bool("DJANGO_HTTPS", True)
SECURE_SSL_REDIRECT = HTTPS
# One year, subdomains included. Not "preload": joining the browsers' preload list is a
# deliberate, hard-to-undo decision about the whole domain, not something a setting should do.
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = False
# `check --deploy` warns about that choice (security.W021); it is made on purpose.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS

# Behind a proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from clients):
# DJANGO_SECURE_PROXY_SSL_HEADER=1 makes Django trust it, so it knows the request was HTTPS.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Work outside visitors' requests goes to worker processes by default (`manage.py db_worker
# --backend notifications|webhooks|renditions`); DJANGO_TASKS_WORKER=0 runs it straight after
# the change commits instead (no worker needed).
TASKS = task_backends(worker=env_bool("DJANGO_TASKS_WORKER", True))
