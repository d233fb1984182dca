"""WSGI entry point: `gunicorn mysite.wsgi` (set DJANGO_SETTINGS_MODULE for production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")

application = get_wsgi_application()
