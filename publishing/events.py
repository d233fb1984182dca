"""The one publishing event: every change visitors can see, announced once (base/content.py).

Django and Wagtail send many signals for one editor's action (a publish saves the page row
several times, then sends `page_published` and `published`); this module listens to the ones
that mean "visitors now see something different" and turns each into one `ContentChange`:

- a page: published, unpublished, moved or deleted (Wagtail's page_published,
  page_unpublished, post_page_move; post_delete);
- a snippet with drafts (FAQs): published, unpublished or deleted;
- other snippets, settings, images, documents, redirects, promoted search results, sites, view
  restrictions and models registered with base/content.py: saved (their many-to-many fields
  too) or deleted.

Not content: a page's or an FAQ's draft (nothing public changed), a settings row Wagtail creates
with its defaults the first time something reads it, image renditions, and anything a visitor
sends (consultation requests): no event ever carries patient data.

Which models count is read from Wagtail's registries (snippets, settings) and base/content.py's
registrations when the first change happens, so a newly registered snippet is covered without
touching this file. The URLs that showed a change *before* it (a moved page's old address, the
service pages an FAQ was taken off, a deleted page) are worked out while they are still true,
when a CDN is configured (the only subscriber that needs them).
"""

import contextlib
import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)
from wagtail.snippets.models import get_snippet_models

from base import content_version
from base.content import (
    DELETED,
    MOVED,
    OTHER,
    PAGE,
    PUBLISHED,
    SAVED,
    SETTING,
    SNIPPET,
    UNPUBLISHED,
    ContentChange,
    content_changed,
    content_changing,
    declared_models,
)
from publishing.cdn import cdn_configured
from publishing.shown import urls_showing

logger = logging.getLogger(__name__)

# Kept on an instance between the "before" signal and the change itself.
URLS_BEFORE = "_publishing_urls_before"

# Wagtail's own models whose changes visitors see (besides pages, snippets and settings).
WAGTAIL_CONTENT_LABELS = ("wagtailsearchpromotions.SearchPromotion",)


def content_models() -> set[type]:
    """Every model other than pages whose saves and deletes are changes visitors can see."""
    models = {get_image_model(), get_document_model(), Redirect, Site, PageViewRestriction}
    models |= set(get_snippet_models()) | set(settings_registry) | set(declared_models())
    for label in WAGTAIL_CONTENT_LABELS:
        with contextlib.suppress(LookupError):  # an optional Wagtail app that isn't installed
            models.add(apps.get_model(label))
    return {model for model in models if not issubclass(model, Page)}


_is_content: dict[type, bool] = {}


def is_content(model) -> bool:
    """Checked for every model saved, so remembered per model (the registries are complete by
    the first save: reading Wagtail's snippets loads every app's wagtail_hooks)."""
    if model not in _is_content:
        _is_content[model] = any(issubclass(model, content) for content in content_models())
    return _is_content[model]


def kind_of(model) -> str:
    if issubclass(model, Page):
        return PAGE
    if model in settings_registry:
        return SETTING
    if model in get_snippet_models():
        return SNIPPET
    return OTHER


# --- Announcing -------------------------------------------------------------------------------


def announce(action: str, instance, urls_before: frozenset[str] = frozenset()) -> ContentChange:
    """Tell the subscribers: `content_changing` now, `content_changed` after the commit."""
    kind = kind_of(type(instance))
    resolve = None if action == DELETED else urls_showing
    change = ContentChange(action, instance, kind, urls_before, resolve_urls=resolve)
    for _receiver, error in content_changing.send_robust(sender=change.model, change=change):
        if isinstance(error, Exception):
            logger.error("A subscriber failed on %s %s", change.label, action, exc_info=error)
    transaction.on_commit(lambda: deliver(change), robust=True)
    return change


def deliver(change: ContentChange) -> None:
    # First, so every subscriber (and every process) already reads the new content version.
    try:
        content_version.bump()
    except Exception:
        logger.exception(
            "Could not bump the content version after %s %s", change.label, change.action
        )
    for receiver, error in content_changed.send_robust(sender=change.model, change=change):
        if isinstance(error, Exception):
            # Never into the editor's request: publishing has happened, whatever a cache says.
            logger.error(
                "%s failed on %s %s",
                getattr(receiver, "__qualname__", receiver),
                change.label,
                change.action,
                exc_info=error,
            )


def remember_urls(instance) -> None:
    """Before a change: the URLs showing the instance as it still is (for the CDN only)."""
    if not cdn_configured() or instance.pk is None:
        return
    try:
        instance.__dict__[URLS_BEFORE] = urls_showing(instance)
    except Exception:
        logger.exception("Could not work out the URLs showing %s", type(instance).__name__)


def urls_before(instance) -> frozenset[str]:
    return instance.__dict__.pop(URLS_BEFORE, frozenset())


# --- Pages ---------------------------------------------------------------------------------------


def page_published_or_unpublished(sender, instance, signal, **kwargs):
    action = PUBLISHED if signal is page_published else UNPUBLISHED
    announce(action, instance, urls_before(instance))


# Wagtail sends pre_page_move and post_page_move with two copies of the page: the URLs from
# before are kept by its id between the two (per thread: each request is one).
_moving = threading.local()


def page_moving(sender, instance, **kwargs):
    remember_urls(instance)
    moving = _moving.__dict__.setdefault("pages", {})
    moving[instance.pk] = urls_before(instance)


def page_moved(sender, instance, **kwargs):
    moving = _moving.__dict__.setdefault("pages", {})
    announce(MOVED, instance, moving.pop(instance.pk, frozenset()))


def page_deleting(sender, instance, **kwargs):
    remember_urls(instance)


def page_deleted(sender, instance, **kwargs):
    # Once for every page removed, those below it included. Wagtail unpublishes a live page
    # just before deleting it, so subscribers hear "unpublished", then "deleted".
    announce(DELETED, instance, urls_before(instance))


# --- Everything else -------------------------------------------------------------------------


def object_saving(sender, instance, raw=False, **kwargs):
    # A draft of an FAQ doesn't save its row; publishing does, then sends `published`.
    if not raw and is_content(sender):
        remember_urls(instance)


def object_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or issubclass(sender, Page) or not is_content(sender):
        return
    if issubclass(sender, DraftStateMixin):
        return  # its `published` / `unpublished` are the events
    if created and sender in settings_registry:
        return  # Wagtail made the row with its defaults the first time something read it
    announce(SAVED, instance, urls_before(instance))


def object_published_or_unpublished(sender, instance, signal, **kwargs):
    # Wagtail sends `published` for pages too (after `page_published`): snippets only here.
    if issubclass(sender, Page) or not is_content(sender):
        return
    announce(PUBLISHED if signal is published else UNPUBLISHED, instance, urls_before(instance))


def object_deleting(sender, instance, **kwargs):
    if not issubclass(sender, Page) and is_content(sender):
        remember_urls(instance)


def object_deleted(sender, instance, **kwargs):
    if not issubclass(sender, Page) and is_content(sender):
        announce(DELETED, instance, urls_before(instance))


def relations_changed(sender, instance, action, **kwargs):
    if not action.startswith("post_") or isinstance(instance, (Page, DraftStateMixin)):
        return
    if is_content(type(instance)):
        announce(SAVED, instance)


def connect() -> None:
    """Listen for content changes (PublishingConfig.ready: in every process that edits content:
    the web servers, `manage.py publish_scheduled` run by cron, task workers, the shell)."""
    for signal in (page_published, page_unpublished):
        signal.connect(page_published_or_unpublished, dispatch_uid=f"publishing-{id(signal)}")
    pre_page_move.connect(page_moving, dispatch_uid="publishing-page-moving")
    post_page_move.connect(page_moved, dispatch_uid="publishing-page-moved")
    pre_delete.connect(page_deleting, sender=Page, dispatch_uid="publishing-page-deleting")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="publishing-page-deleted")
    for signal in (published, unpublished):
        signal.connect(object_published_or_unpublished, dispatch_uid=f"publishing-{id(signal)}")
    pre_save.connect(object_saving, dispatch_uid="publishing-object-saving")
    post_save.connect(object_saved, dispatch_uid="publishing-object-saved")
    pre_delete.connect(object_deleting, dispatch_uid="publishing-object-deleting")
    post_delete.connect(object_deleted, dispatch_uid="publishing-object-deleted")
    m2m_changed.connect(relations_changed, dispatch_uid="publishing-relations-changed")
