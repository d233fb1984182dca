"""What every public page's header and footer need: the clinic's details and the main menu,
and the clinic as the publisher the <head> tags and the JSON-LD name.

Both are lazy, so pages (and admin views) that never show them pay no query for them, and
both are kept per content version (base/content_version.py): after the first page, none.
"""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from base.content_version import versioned
from clinic.models import ClinicSettings


def clinic_settings_for_site(site: Site | None) -> ClinicSettings | None:
    """The site's clinic details with their opening hours, or None before anyone has set them.

    Unlike Wagtail's `for_site`, this never creates a row: reading a page must not write.
    """
    if site is None:
        return None
    return versioned(
        ("clinic-settings", site.pk),
        lambda: (
            ClinicSettings.objects.filter(site=site)
            .select_related("contact_page", "default_share_image")
            .prefetch_related("opening_hours")
            .first()
        ),
    )


def menu_pages_for_site(site: Site | None) -> list[Page]:
    """The home page's published children that editors ticked 'Show in menus' for."""
    if site is None:
        return []
    return versioned(
        ("menu-pages", site.pk),
        lambda: list(site.root_page.get_children().live().public().in_menu()),
    )


def site_chrome(request):
    # Site.find_for_request caches its answer on the request, so asking twice is free.
    clinic = SimpleLazyObject(lambda: clinic_settings_for_site(Site.find_for_request(request)))
    return {
        "clinic": clinic,
        # The clinic publishes every page: the <head> tags and the JSON-LD name it
        # (base/structured_data.py's Publisher).
        "site_publisher": clinic,
        "menu_pages": SimpleLazyObject(lambda: menu_pages_for_site(Site.find_for_request(request))),
    }
