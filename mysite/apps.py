from django.apps import AppConfig


class SiteServingConfig(AppConfig):
    """Production serving: the page cache (checked against the content version, which the
    publishing event bumps: base/content_version.py) and publish-time image renditions, a
    subscriber of the publishing event (base/content.py), so they follow every change in every
    process that edits content: the web servers, `manage.py publish_scheduled` run by cron,
    task workers and the shell."""

    name = "mysite"
    label = "mysite"
    verbose_name = "Site serving"

    def ready(self):
        from base.content import content_changed
        from mysite.renditions import queue_renditions

        content_changed.connect(queue_renditions, dispatch_uid="mysite.renditions")
