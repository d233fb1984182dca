from django.apps import AppConfig


class SiteServingConfig(AppConfig):
    """Project-wide production serving: the page cache's invalidation and publish-time renditions.

    An app (rather than imports in the middleware) so the signals are connected in every
    process that edits content: the web servers, `manage.py publish_scheduled` run by cron,
    task workers and the shell.
    """

    name = "mysite"
    label = "mysite"
    verbose_name = "Site serving"

    def ready(self):
        from mysite.page_cache import connect_invalidation_signals
        from mysite.renditions import connect_rendition_signals

        connect_invalidation_signals()
        connect_rendition_signals()
