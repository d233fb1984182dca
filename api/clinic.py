"""/api/v2/settings/ and /api/v2/navigation/: what a frontend shows around every page."""

from django.http import JsonResponse
from django.views.decorators.http import require_safe
from wagtail.models import Site

from api.fields import absolute_page_url, api_detail_url
from api.images import absolute_url
from clinic.context_processors import clinic_settings_for_site, menu_pages_for_site
from clinic.models import ClinicSettings

QUERY_PARAMETERS_ALLOWED = frozenset()


def unknown_parameters_response(request, allowed=QUERY_PARAMETERS_ALLOWED) -> JsonResponse | None:
    """A 400 naming the parameters this endpoint doesn't understand, or None if all are known."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        return JsonResponse(
            {"message": f"query parameter is not recognised: {', '.join(unknown)}"}, status=400
        )
    return None


def page_link(page) -> dict | None:
    if page is None:
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "html_url": absolute_page_url(page),
        "detail_url": api_detail_url("pages", page.pk),
    }


def opening_hours_data(clinic: ClinicSettings) -> list[dict]:
    return [
        {
            "weekday": day["weekday"],  # 0 = Monday … 6 = Sunday
            "day": day["name"],
            "is_open": day["is_open"],
            "intervals": [
                {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")}
                for opens, closes in day["intervals"]
            ],
            "text": day["text"],
        }
        for day in clinic.weekly_hours()
    ]


def settings_data(clinic: ClinicSettings) -> dict:
    contact_page = clinic.contact_page if clinic.contact_page_id else None
    if contact_page is not None and not contact_page.live:
        contact_page = None
    booking = clinic.booking_link
    return {
        "clinic_name": clinic.clinic_name,
        "phone": clinic.phone,
        "phone_href": clinic.phone_href if clinic.phone else "",
        "email": clinic.email,
        "address": {
            "street_address": clinic.street_address,
            "locality": clinic.locality,
            "region": clinic.region,
            "postal_code": clinic.postal_code,
            "country": clinic.country,
            "lines": clinic.address_lines,
        },
        "opening_hours": opening_hours_data(clinic),
        "hours_note": clinic.hours_note,
        "booking_url": absolute_url(booking) if booking else "",
        "contact_page": page_link(contact_page),
        "social_links": [{"network": name, "url": url} for name, url in clinic.social_links],
    }


@require_safe
def clinic_settings(request):
    """The clinic's contact details, opening hours, social links and booking link."""
    error = unknown_parameters_response(request)
    if error:
        return error
    site = Site.find_for_request(request)
    # Before anyone has filled in the details, answer the same shape with empty values.
    clinic = clinic_settings_for_site(site) or ClinicSettings(site=site)
    return JsonResponse(settings_data(clinic))


@require_safe
def navigation(request):
    """The main menu a frontend should render: home, then the pages ticked 'Show in menus'."""
    error = unknown_parameters_response(request)
    if error:
        return error
    site = Site.find_for_request(request)
    home = site.root_page.specific if site else None
    return JsonResponse(
        {
            "home": page_link(home),
            "items": [page_link(page) for page in menu_pages_for_site(site)],
        }
    )
