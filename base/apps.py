from django.apps import AppConfig


class BaseConfig(AppConfig):
    """What every page shares: the abstract page with its hooks (SEO, headless preview, search
    text, structured data), absolute URLs and the registry of content visitors can see.

    The bottom layer: it imports no other app of the project (docs/architecture.md).
    """

    name = "base"
    verbose_name = "Page base"
