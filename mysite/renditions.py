"""Image renditions made when a page is published, not on its first visitor's request.

A `{% picture %}` of three formats at three widths is nine renditions; AVIF encoding alone
takes seconds. Publishing queues a task that renders the page once as an anonymous visitor
would see it, and the pages that list it (its ancestors: the services list and the home page
show a service's card), so the templates themselves ask for exactly the renditions they use:
hero and body pictures, cards, the link-preview image. Nothing to keep in sync by hand.

The render goes through Wagtail's dummy-request machinery (`make_preview_request`): the
whole middleware stack, no cookies, marked private, so the page cache never keeps it.
"""

import logging

from django_tasks import task
from wagtail.models import Page

from base.content import PAGE, PUBLISHED

logger = logging.getLogger(__name__)


def pages_showing(page) -> list:
    """The page and its live ancestors below the tree's root, deepest first."""
    ancestors = page.get_ancestors().filter(depth__gt=1).live().specific()
    return [page, *reversed(list(ancestors))]


@task(backend="renditions")
def generate_page_renditions(page_id: int) -> int:
    """Render a live page and its ancestors once; answers how many pages were rendered."""
    page = Page.objects.filter(pk=page_id, live=True).specific().first()
    if page is None:
        return 0  # unpublished or deleted before the worker got to it
    rendered = 0
    for shown in pages_showing(page):
        try:
            response = shown.make_preview_request()
            rendered += 1
            if response.status_code != 200:
                logger.warning("Rendering page %s gave %s", shown.pk, response.status_code)
        except Exception:
            # A broken image must not fail publishing: the page then renders it on demand.
            logger.exception("Could not render page %s to make its renditions", shown.pk)
    return rendered


def queue_renditions(change, **kwargs) -> None:
    """Subscriber of the publishing event (after the commit): a page was just published."""
    if change.kind != PAGE or change.action != PUBLISHED:
        return
    try:
        generate_page_renditions.enqueue(change.pk)
    except Exception:
        logger.exception("Could not queue renditions for page %s", change.pk)
