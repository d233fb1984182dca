"""The test suite: fast hashing, throw-away media, no outgoing email.

The database still comes from DATABASE_URL, so the same suite runs on SQLite (default)
and on PostgreSQL in CI.
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Uploaded and generated images go to a temporary folder, never into the working tree.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="clinic-test-media-"))

WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"

# Static files straight from the source folders (no collectstatic needed to run the suite).
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="clinic-test-static-"))
WHITENOISE_USE_FINDERS = True

# No login throttling: many tests log in, some with wrong passwords on purpose. The test of the
# throttling itself (tests/test_security.py) turns it back on.
AXES_ENABLED = False

# No page cache, even with REDIS_URL exported: tests expect each request to render afresh. The
# page cache's own tests (tests/production/) switch it on.
PAGE_CACHE_SECONDS = 0
# No per-process caches of derived data either: a test's edits are never committed, so they
# never bump the content version. The tests of those caches switch them on.
CONTENT_CACHES = False

# Never purge a real CDN or open CORS from a developer's exported variables: the suite's own
# tests (tests/api/test_cdn_purge.py, test_cors.py) configure what they need.
WAGTAILFRONTENDCACHE = {}
FRONTEND_CACHE_WILDCARD_BACKENDS = []
CORS_ALLOWED_ORIGINS = []
