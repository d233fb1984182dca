from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """The one publishing event (publishing/events.py) and two of its subscribers: the CDN
    purge (cdn.py) and publish webhooks (webhooks.py). Connected in every process that edits
    content: the web servers, `manage.py publish_scheduled` run by cron, task workers, the shell.
    """

    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from base.content import content_changed
        from publishing import cdn, events, webhooks

        events.connect()
        content_changed.connect(cdn.purge, dispatch_uid="publishing.cdn.purge")
        content_changed.connect(webhooks.send, dispatch_uid="publishing.webhooks.send")
