from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The headless JSON API: Wagtail API v2 and the apps' own endpoints under /api/v2/, their
    HTTP caching and bounds, and the OpenAPI description; see docs/api.md."""

    name = "api"
    verbose_name = "Headless API"
