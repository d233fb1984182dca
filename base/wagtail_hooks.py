"""The admin's gate for bulk publishing: what each page type says stops it going live."""

from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page

from base.models import SitePageMixin


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_what_cant_go_live(request, action_type, objects, action):
    """Bulk "Publish" publishes each page's latest revision without the edit form, so what the
    form would refuse (each page's `publishing_problems` hook: a banned claim, a missing meta
    description) is checked here too; with "include child pages", the children's drafts too."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = list(objects)
    if request.POST.get("include_descendants"):
        for page in objects:
            pages += list(page.get_descendants())
    for page in pages:
        draft = page.specific.get_latest_revision_as_object()
        if not isinstance(draft, SitePageMixin):
            continue
        problems = draft.publishing_problems(page.get_site())
        if problems:
            messages.error(request, f"“{page.title}” was not published. {problems[0]}")
            return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
