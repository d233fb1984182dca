from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The headless JSON API (Wagtail API v2 plus the clinic's own endpoints); see docs/api.md."""

    name = "api"
    verbose_name = "Headless API"

    def ready(self):
        # Importing these connects their signal receivers. Publish webhooks: content changes →
        # signed events (api/signals.py, api/webhooks.py). CDN purges of the listings and pages
        # that show a change (api/cdn.py).
        from api import cdn, signals  # noqa: F401
