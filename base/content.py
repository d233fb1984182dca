"""Content visitors see: what each app declares of its models, and the event their changes make.

The publishing app (publishing/events.py) turns every change a visitor can see into one
`ContentChange`: publishing, unpublishing, moving or deleting a page; saving or deleting a
snippet, a setting, an image, a redirect, a promoted search result; or any model registered
here. It is announced twice:

- `content_changing`, at once, inside the editor's transaction: for caches that only need to
  forget (search's results and vocabulary), so the same request already sees the change;
- `content_changed`, once the transaction has committed (never for a rolled-back change): for
  everything visitors or other systems fetch again (the page cache, the CDN purge, webhooks,
  publish-time image renditions). A subscriber's failure is logged and never reaches the editor.

Apps say where their models are shown with `register_content`, once, next to the model, so a
new content type is covered by every cache, purge and webhook without touching them:

    register_content(FAQ, shown_on=lambda faq: [*faq.related_services.all(), *faq_pages()])

Pages, snippets, settings, images and documents count as content without registering; what
shows them is worked out from the page tree and Wagtail's reference index (an image is shown
wherever the pages and snippets that use it are shown), so a registration only adds what those
can't know: a page that lists every instance (the FAQ page, the team page), or shows a model
it doesn't reference (the contact form lists the services).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.dispatch import Signal

# Sent with `change=ContentChange(...)`.
content_changing = Signal()
content_changed = Signal()


@dataclass
class Visibility:
    """Everything declared about where a model's instances are shown (see register_content)."""

    shown_on: list[Callable] = field(default_factory=list)
    everywhere: list[Callable] = field(default_factory=list)
    api_urls: list[Callable] = field(default_factory=list)


_declared: dict[type, Visibility] = {}


def register_content(
    model: type,
    *,
    shown_on: Callable[[object], Iterable] | None = None,
    everywhere: bool | Callable[[object], bool] = False,
    api_urls: Callable[[object], Iterable[str]] | None = None,
) -> None:
    """Declare where instances of `model` (and its subclasses) are shown.

    - `shown_on(instance)`: the pages and snippets that show the instance's content. Their
      URLs change with it, and a snippet among them passes the change on to whatever shows it.
    - `everywhere`: shown on every page (the header, the footer), or a test of the instance.
    - `api_urls(instance)`: API paths (e.g. "/api/v2/settings/") that show it, beyond its own
      endpoint and those of the objects above.

    Registering a model again adds to what was declared (another app may show it too).
    """
    visibility = _declared.setdefault(model, Visibility())
    if shown_on is not None:
        visibility.shown_on.append(shown_on)
    if everywhere:
        visibility.everywhere.append(everywhere if callable(everywhere) else lambda _: True)
    if api_urls is not None:
        visibility.api_urls.append(api_urls)


def declared_models() -> list[type]:
    return list(_declared)


def visibility_of(instance) -> Visibility:
    """What every registration for the instance's class (and its bases) declared, together."""
    combined = Visibility()
    for model, visibility in _declared.items():
        if isinstance(instance, model):
            combined.shown_on += visibility.shown_on
            combined.everywhere += visibility.everywhere
            combined.api_urls += visibility.api_urls
    return combined


# What changed, in words subscribers can switch on.
PUBLISHED, UNPUBLISHED, MOVED = "published", "unpublished", "moved"
DELETED, SAVED = "deleted", "saved"
# What kind of thing changed: Wagtail's own registries decide (publishing/events.py).
PAGE, SNIPPET, SETTING, OTHER = "page", "snippet", "setting", "other"


@dataclass(eq=False)
class ContentChange:
    """One change visitors can see: what changed, how, and which URLs now show something new."""

    action: str  # PUBLISHED, UNPUBLISHED, MOVED, DELETED or SAVED
    instance: object  # as it was when it changed (a deleted object is still in memory)
    kind: str  # PAGE, SNIPPET, SETTING or OTHER
    # URLs that showed it before the change (a moved page's old address, the pages an FAQ was
    # taken off), worked out while those were still true; only when something needs URLs.
    urls_before: frozenset[str] = frozenset()
    # Works out the URLs that show it now (publishing/shown.py); called once, when asked.
    resolve_urls: Callable[[object], frozenset[str]] | None = field(default=None, repr=False)
    # Its primary key when it changed (Django forgets a deleted object's once it is gone).
    pk: object = None

    def __post_init__(self):
        if self.pk is None:
            self.pk = getattr(self.instance, "pk", None)

    @property
    def model(self) -> type:
        specific_class = getattr(self.instance, "specific_class", None)  # a page's own type
        return specific_class or type(self.instance)

    @property
    def label(self) -> str:
        return self.model._meta.label

    @cached_property
    def urls(self) -> frozenset[str]:
        """Every absolute URL (pages and API) whose answer may differ after this change."""
        now = self.resolve_urls(self.instance) if self.resolve_urls else frozenset()
        return frozenset(now) | self.urls_before
