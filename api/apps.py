from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The headless JSON API (Wagtail API v2 plus the clinic's own endpoints); see docs/api.md."""

    name = "api"
    verbose_name = "Headless API"
