"""Production: every deployment-specific value comes from the environment.

Required: DJANGO_SECRET_KEY. Everything else has a safe default; see the README's
configuration table.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY.strip():
    # Refuse to start rather than sign sessions with a guessable key.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

DEBUG = env_bool("DJANGO_DEBUG", False)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Collected static files: compressed and with hashed names, so they can be cached for a year.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
