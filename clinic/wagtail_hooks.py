from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.claims import banned_phrases_for, check_claims
from clinic.models import Provider
from clinic.reports import VIEW_PERMISSION as REVIEWS_PERMISSION
from clinic.reports import (
    ClinicalReviewsDuePanel,
    clinical_reviews_menu_item,
    clinical_reviews_urls,
    reviews_due,
)
from clinic.seo import META_DESCRIPTION_MISSING, lacks_required_meta_description


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "user"
    menu_label = "Providers"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role"]
    search_backend_name = None  # the database's "contains", as for FAQs (faqs/wagtail_hooks.py)
    search_fields = ["name", "role"]


register_snippet(ProviderViewSet)


# --- Clinical review: report, dashboard panel and claims warnings on drafts --------------------


@hooks.register("register_admin_urls")
def register_clinical_reviews_urls():
    return clinical_reviews_urls()


@hooks.register("register_reports_menu_item")
def register_clinical_reviews_report():
    return clinical_reviews_menu_item()


@hooks.register("construct_homepage_panels")
def add_clinical_reviews_panel(request, panels):
    if request.user.has_perm(REVIEWS_PERMISSION):
        panels.append(ClinicalReviewsDuePanel(reviews_due()))


def warn_about_claims(request, page):
    """A draft may hold a banned phrase (publishing it can't): say so after saving."""
    page = page.specific
    if not getattr(page, "is_medical_content", False) or not request.accepts("text/html"):
        return  # Wagtail's autosave asks for JSON: no messages piling up for later
    for problem in check_claims(page, banned_phrases_for(page.get_site())):
        messages.warning(request, f"Claims check: {problem.message} It can't be published yet.")


hooks.register("after_create_page", warn_about_claims)
hooks.register("after_edit_page", warn_about_claims)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_banned_claims(request, action_type, objects, action):
    """Bulk "Publish" publishes each page's latest revision without the edit form, so the claims
    check and the required meta description have to be checked here too (with "include child
    pages", the children's drafts as well)."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    pages = list(objects)
    if request.POST.get("include_descendants"):
        for page in objects:
            pages += list(page.get_descendants())
    for page in pages:
        draft = page.specific.get_latest_revision_as_object()
        problems = [p.message for p in check_claims(draft, banned_phrases_for(page.get_site()))]
        problems = [f"Claims check: {message}" for message in problems]
        if lacks_required_meta_description(draft):
            problems.append(META_DESCRIPTION_MISSING)
        if problems:
            messages.error(request, f"“{page.title}” was not published. {problems[0]}")
            return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None
