"""Who sees consultation requests: only staff with the 'view consultation request' permission.

The "Front desk" group has it (created by a data migration); marketers in "Editors" don't,
even though they can edit the contact page. Every view and export is written to the audit log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contact.api import API_URLS, OPENAPI_PATHS, OPENAPI_SCHEMAS
from contact.consent import ConsentWording
from contact.models import ConsultationRequest, ContactPage
from contact.views import EXPORT_ACTION, VIEW_ACTION

VIEW_REQUESTS = "contact.view_consultationrequest"


def can_read_requests(user) -> bool:
    return user.is_active and user.has_perm(VIEW_REQUESTS)


@hooks.register("filter_form_submissions_for_user")
def only_front_desk_reads_requests(user, form_pages):
    if not can_read_requests(user):
        return form_pages.none()
    # Front desk staff needn't be able to edit the contact page to read its requests.
    return Page.objects.filter(content_type__in=get_form_types())


def requests_redirect(request):
    """The admin menu's "Consultation requests": the contact page's list of submissions."""
    if not can_read_requests(request.user):
        raise PermissionDenied
    page = ContactPage.objects.order_by("pk").first()
    if page is None:
        return redirect("wagtailadmin_home")
    return redirect("wagtailforms:list_submissions", page.pk)


class ConsultationRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_requests(request.user)


@hooks.register("register_admin_urls")
def register_requests_url():
    return [path("consultation-requests/", requests_redirect, name="consultation_requests")]


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return ConsultationRequestsMenuItem(
        "Consultation requests",
        reverse("consultation_requests"),
        name="consultation-requests",
        icon_name="mail",
        order=150,
    )


@hooks.register("construct_main_menu")
def hide_generic_forms_menu(request, menu_items):
    # "Consultation requests" replaces Wagtail's generic "Forms" listing, which needs page
    # permissions front desk staff don't have.
    menu_items[:] = [item for item in menu_items if item.name != "forms"]


def page_holding_requests(pages) -> Page | None:
    """The first of these pages, or of the pages below them, that holds consultation requests.

    Deleting a page deletes everything under it, and a request keeps its page (PROTECT), so a
    deletion that reached one would fail with a server error and lose nothing but the editor's
    confidence: refuse it with an explanation instead.
    """
    under_any = Q()
    for page in pages:
        under_any |= Q(page__path__startswith=page.path)
    if not under_any:
        return None
    held = ConsultationRequest.objects.filter(under_any).select_related("page").first()
    return held.page if held else None


def refuse_deleting(request, holder, back_to):
    messages.error(
        request,
        f"“{holder.title}” holds consultation requests, so it can't be deleted. Unpublish it "
        "instead, or ask the front desk to export and remove the requests first.",
    )
    return back_to


@hooks.register("before_delete_page")
def keep_pages_that_hold_requests(request, page):
    """Refuse to delete a page that holds consultation requests, or a page above one."""
    holder = page_holding_requests([page])
    if holder is None:
        return None
    return refuse_deleting(request, holder, redirect("wagtailadmin_pages:edit", page.pk))


@hooks.register("before_bulk_action")
def keep_pages_that_hold_requests_in_bulk(request, action_type, objects, action_class_instance):
    """The same for pages ticked in a listing and deleted together."""
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action_type != "delete" or not pages:
        return None
    holder = page_holding_requests(pages)
    if holder is None:
        return None
    return refuse_deleting(
        request, holder, redirect("wagtailadmin_explore", pages[0].get_parent().pk)
    )


@hooks.register("before_delete_snippet")
def keep_consent_wording_that_requests_agreed_to(request, instances):
    """Every request records the consent wording its sender agreed to: that wording stays."""
    agreed_to = [
        wording
        for wording in instances
        if isinstance(wording, ConsentWording) and wording.submissions.exists()
    ]
    if not agreed_to:
        return None
    messages.error(
        request,
        "This consent wording can't be deleted: consultation requests record that their senders "
        "agreed to it. Add a new version instead; the newest one is shown on the form.",
    )
    return redirect("wagtailsnippets_contact_consentwording:list")


@hooks.register("register_log_actions")
def register_request_log_actions(actions):
    actions.register_action(
        VIEW_ACTION, "View consultation requests", "Viewed consultation requests"
    )
    actions.register_action(
        EXPORT_ACTION, "Export consultation requests", "Exported consultation requests"
    )


class ConsentWordingViewSet(SnippetViewSet):
    model = ConsentWording
    icon = "clipboard-list"
    menu_label = "Consent wording"
    list_display = ["__str__", "created_at"]


register_snippet(ConsentWordingViewSet)


# --- The consultation form in the headless API (contact/api.py) ---------------------------------


@hooks.register("register_api_urls")
def contact_api_urls():
    return API_URLS


@hooks.register("register_openapi_schemas")
def contact_openapi_schemas():
    return OPENAPI_SCHEMAS


@hooks.register("register_openapi_paths")
def contact_openapi_paths():
    return OPENAPI_PATHS
