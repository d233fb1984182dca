"""Which content changes become publish webhooks (api/webhooks.py). Connected in ApiConfig.ready().

- Pages: published, unpublished, deleted.
- Snippets with drafts (FAQs): published, unpublished, deleted. Their draft saves are not
  events: nothing public changed.
- Plain snippets (providers, synonym groups, FAQ categories, consent wording): saved, deleted.
- Site settings (clinic details): saved (not the row Wagtail creates on first reading them).

Snippets and settings are recognised by Wagtail's registries at the time of the change, so a
newly registered snippet is covered without touching this file.
"""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from api import webhooks

logger = logging.getLogger(__name__)


def is_snippet(model) -> bool:
    from wagtail.snippets.models import get_snippet_models

    return not issubclass(model, Page) and model in get_snippet_models()


def is_setting(model) -> bool:
    from wagtail.contrib.settings.registry import registry

    return model in registry


def emit_safely(build, event: str, instance) -> None:
    # Working out a URL must never break publishing: log and carry on without the event.
    try:
        webhooks.emit(build(event, instance))
    except Exception:
        logger.exception("Could not prepare webhook %s for %s", event, type(instance).__name__)


@receiver(page_published)
def page_was_published(sender, instance, **kwargs):
    if webhooks.enabled():
        emit_safely(webhooks.page_event, "page.published", instance)


@receiver(page_unpublished)
def page_was_unpublished(sender, instance, **kwargs):
    if webhooks.enabled():
        emit_safely(webhooks.page_event, "page.unpublished", instance)


@receiver(post_delete, sender=Page)
def page_was_deleted(sender, instance, **kwargs):
    # Once for every page removed, descendants included. Wagtail unpublishes a live page just
    # before deleting it, so receivers hear page.unpublished, then page.deleted (with the URLs
    # it had: worked out from the copy in memory). Sent only if the delete commits.
    if webhooks.enabled():
        emit_safely(webhooks.page_event, "page.deleted", instance)


@receiver(published)
def snippet_was_published(sender, instance, **kwargs):
    # Wagtail sends `published` for pages too (after `page_published`): snippets only here.
    if webhooks.enabled() and is_snippet(sender):
        emit_safely(webhooks.object_event, "snippet.published", instance)


@receiver(unpublished)
def snippet_was_unpublished(sender, instance, **kwargs):
    if webhooks.enabled() and is_snippet(sender):
        emit_safely(webhooks.object_event, "snippet.unpublished", instance)


@receiver(post_save)
def snippet_or_setting_was_saved(sender, instance, created=False, raw=False, **kwargs):
    # Every model's saves pass through here: the cheap test comes first. `raw`: loaddata.
    if raw or not webhooks.enabled():
        return
    if is_setting(sender):
        # Wagtail creates a settings row with its defaults the first time anything reads it
        # (even a visitor's page view): only an edit is news.
        if not created:
            emit_safely(webhooks.object_event, "settings.saved", instance)
    elif is_snippet(sender) and not issubclass(sender, DraftStateMixin):
        emit_safely(webhooks.object_event, "snippet.saved", instance)


@receiver(post_delete)
def snippet_was_deleted(sender, instance, **kwargs):
    # Every model's deletes pass through here (pages: page_was_deleted above).
    if webhooks.enabled() and is_snippet(sender):
        emit_safely(webhooks.object_event, "snippet.deleted", instance)
