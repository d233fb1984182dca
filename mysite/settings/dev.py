"""Local development: `make run`. Debug on, SQLite by default, emails to the console."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True

# Only ever used on a developer's machine; production refuses to start without its own key.
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Whitenoise serves static files straight from the source folders and picks up edits.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 (whitenoise warns when it is missing)

# A developer edits templates and code, which the content version can't see: render every page
# afresh unless DJANGO_PAGE_CACHE_SECONDS asks for the page cache (e.g. to try it out).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "0"))  # noqa: F405
