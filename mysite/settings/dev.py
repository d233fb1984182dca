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
