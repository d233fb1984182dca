"""The practice in the headless API: the endpoints /api/v2/settings/ and /api/v2/navigation/
(what a frontend shows around every page), and the OpenAPI description of these, of providers,
images and body blocks (registered in wagtail_hooks.py). Providers' fields in pages' answers:
clinic/serializers.py."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe
from wagtail.models import Site

from base.api import unknown_parameters_response
from base.openapi import (
    CACHE_HEADERS,
    CLINIC_TAG,
    HTML,
    IF_NONE_MATCH,
    TEXT,
    TEXT_LIST,
    URI,
    closed,
    json_answer,
    nullable,
    operation,
    read_answers,
    ref,
)
from base.serializers import page_html_url
from base.site_urls import absolute_url, api_detail_url
from clinic.context_processors import clinic_settings_for_site, menu_pages_for_site
from clinic.images import RESPONSIVE_FORMATS
from clinic.models import ClinicSettings

# --- /api/v2/settings/ and /api/v2/navigation/ -------------------------------------------------


def page_link(page) -> dict | None:
    if page is None:
        return None
    return {
        "id": page.pk,
        "title": page.title,
        "html_url": page_html_url(page),
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


# Under /api/v2/ (registered in clinic/wagtail_hooks.py).
API_URLS = [
    path("settings/", clinic_settings, name="api_settings"),
    path("navigation/", navigation, name="api_navigation"),
]


# --- OpenAPI: the shapes of the above, and of images and blocks every page may show -----------


def block(type_name: str, value: dict) -> dict:
    return closed(
        {"type": {"const": type_name}, "value": value, "id": {"type": "string"}},
        required=["type", "value"],
    )


PROVIDER = {
    "id": {"type": "integer"},
    "name": TEXT,
    "credentials": {"type": "string", "examples": ["MD, FAAD"]},
    "role": TEXT,
}

OPENAPI_SCHEMAS = {
    "Rendition": closed(
        {"url": URI, "width": {"type": "integer"}, "height": {"type": "integer"}},
        required=["url", "width", "height"],
    ),
    "ImageSource": closed(
        {
            "format": {"enum": list(RESPONSIVE_FORMATS)},
            "mime_type": {"type": "string", "examples": ["image/avif"]},
            "renditions": {"type": "array", "items": ref("Rendition"), "minItems": 1},
            "srcset": {
                "type": "string",
                "description": "Ready for `<source srcset>` / `<img srcset>`.",
                "examples": ["https://clinic.example.com/media/images/a.width-480.avif 480w"],
            },
        },
        required=["format", "mime_type", "renditions", "srcset"],
    ),
    "ResponsiveImage": closed(
        {
            "id": {"type": "integer"},
            "alt": {"type": "string", "description": "Alt text from the image library."},
            "width": {"type": "integer", "description": "Of the original, for the aspect ratio."},
            "height": {"type": "integer"},
            "sources": {
                "type": "array",
                "items": ref("ImageSource"),
                "description": "One per format, best first: AVIF, WebP, then JPEG.",
            },
        },
        required=["id", "alt", "width", "height", "sources"],
        description="An image with its alt text, size and renditions: a `<picture>` needs "
        "nothing else.",
    ),
    # The blocks of a page's flexible body (clinic/blocks.py).
    "HeadingBlock": block(
        "heading",
        closed({"text": TEXT, "level": {"enum": ["h2", "h3"]}}, required=["text", "level"]),
    ),
    "ParagraphBlock": block("paragraph", HTML),
    "CalloutBlock": block("callout", closed({"title": TEXT, "text": HTML})),
    "ImageBlock": block(
        "image",
        closed(
            {"image": nullable("ResponsiveImage"), "caption": TEXT}, required=["image", "caption"]
        ),
    ),
    "BodyBlock": {
        "oneOf": [
            ref("HeadingBlock"),
            ref("ParagraphBlock"),
            ref("CalloutBlock"),
            ref("ImageBlock"),
        ],
        "description": "One block of a page's flexible body, told apart by `type`.",
    },
    "Provider": closed(PROVIDER, required=list(PROVIDER)),
    "ProviderProfile": closed(
        PROVIDER | {"short_bio": TEXT, "photo": nullable("ResponsiveImage")},
        required=[*PROVIDER, "short_bio", "photo"],
    ),
    "OpeningDay": closed(
        {
            "weekday": {"type": "integer", "minimum": 0, "maximum": 6, "description": "0 = Monday"},
            "day": {"type": "string", "examples": ["Monday"]},
            "is_open": {"type": "boolean"},
            "intervals": {
                "type": "array",
                "items": closed(
                    {
                        "opens": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                        "closes": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                    },
                    required=["opens", "closes"],
                ),
            },
            "text": {"type": "string", "examples": ["9:00 AM – 5:00 PM", "Closed"]},
        },
        required=["weekday", "day", "is_open", "intervals", "text"],
    ),
    "ClinicSettings": closed(
        {
            "clinic_name": TEXT,
            "phone": TEXT,
            "phone_href": {"type": "string", "examples": ["tel:+13109759785"]},
            "email": TEXT,
            "address": closed(
                {
                    "street_address": TEXT,
                    "locality": TEXT,
                    "region": TEXT,
                    "postal_code": TEXT,
                    "country": TEXT,
                    "lines": TEXT_LIST,
                },
                required=[
                    "street_address",
                    "locality",
                    "region",
                    "postal_code",
                    "country",
                    "lines",
                ],
            ),
            "opening_hours": {
                "type": "array",
                "items": ref("OpeningDay"),
                "minItems": 7,
                "maxItems": 7,
            },
            "hours_note": TEXT,
            "booking_url": {
                "type": "string",
                "description": "The booking system, else the contact page; empty if neither.",
            },
            "contact_page": nullable("PageLink"),
            "social_links": {
                "type": "array",
                "items": closed({"network": TEXT, "url": URI}, required=["network", "url"]),
            },
        },
        required=[
            "clinic_name",
            "phone",
            "phone_href",
            "email",
            "address",
            "opening_hours",
            "hours_note",
            "booking_url",
            "contact_page",
            "social_links",
        ],
    ),
    "Navigation": closed(
        {"home": nullable("PageLink"), "items": {"type": "array", "items": ref("PageLink")}},
        required=["home", "items"],
    ),
}

OPENAPI_PATHS = {
    "/api/v2/settings/": {
        "get": operation(
            "get_settings",
            CLINIC_TAG,
            "The clinic's contact details",
            "Name, phone, email, address, the week's opening hours, booking link and social "
            "links: what the site's header and footer show. No query parameters.",
            [IF_NONE_MATCH],
            read_answers(json_answer("The details.", ref("ClinicSettings"), CACHE_HEADERS)),
        )
    },
    "/api/v2/navigation/": {
        "get": operation(
            "get_navigation",
            CLINIC_TAG,
            "The main menu",
            "The home page, then the pages editors ticked *Show in menus*, in order. No "
            "query parameters.",
            [IF_NONE_MATCH],
            read_answers(json_answer("The menu.", ref("Navigation"), CACHE_HEADERS)),
        )
    },
}
