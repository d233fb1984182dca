"""Headless consultation requests: the same form, validation and guards, over JSON.

GET  /api/v2/forms/<page id>/  describes the form: its fields, the consent wording and a
                               `started` stamp to send back (the minimum-time guard).
POST /api/v2/forms/<page id>/  with a JSON object of answers → 201, 400 with field errors,
                               415 if the body isn't JSON, 429 when rate limited.

CSRF: exempt, because the endpoint only accepts `Content-Type: application/json`, which a
cross-site form can't send and a cross-site script can't send without CORS allowing it.
"""

import json

from django.http import JsonResponse
from django.urls import re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from base.openapi import (
    FORM_TAG,
    NO_STORE_HEADERS,
    NOT_FOUND,
    TEXT,
    closed,
    json_answer,
    operation,
    path_id,
    ref,
)
from contact.forms import HONEYPOT_FIELD
from contact.models import ContactPage
from contact.protection import count_stored_request, is_rate_limited

HIDDEN_MACHINERY = {HONEYPOT_FIELD}


def describe(form) -> dict:
    fields = []
    for name, field in form.fields.items():
        if name in HIDDEN_MACHINERY:
            continue
        description = {
            "name": name,
            "label": str(field.label),
            # e.g. "text", "email", "tel", "radio", "select", "checkbox", "hidden", "textarea"
            "type": field.widget.attrs.get("type")
            or getattr(field.widget, "input_type", "textarea"),
            "required": field.required,
            "help_text": str(field.help_text or ""),
        }
        if hasattr(field, "choices"):
            description["choices"] = [
                {"value": str(value), "label": str(label)} for value, label in field.choices
            ]
        initial = form.get_initial_for_field(field, name)
        if initial not in (None, ""):
            description["initial"] = initial
        fields.append(description)
    return {"fields": fields}


def is_unicode(text: str) -> bool:
    """False for a string holding a lone surrogate ("\\ud83d" is a valid JSON escape): no
    database can store it (PostgreSQL: DataError) and nothing can encode it to show it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def strings_in(value) -> list[str]:
    """Every string inside a JSON value, keys included (a loop: the nesting can be deep)."""
    found, pending = [], [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def unreadable_text_errors(payload: dict) -> dict:
    """Field errors for answers (or field names) that aren't valid Unicode text."""
    errors = {}
    for name, value in payload.items():
        if not is_unicode(name):
            errors["form"] = ["A field name is not valid text."]
        elif not all(map(is_unicode, strings_in(value))):
            errors[name] = ["This answer contains characters that are not valid text."]
    return errors


def as_form_data(payload: dict) -> dict:
    """JSON answers as the HTML form would have sent them."""
    data = {}
    for name, value in payload.items():
        if value is True:
            data[name] = "on"
        elif value is False or value is None:
            continue
        elif isinstance(value, list):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    return data


def errors_of(form) -> dict:
    return {
        ("form" if name == "__all__" else name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }


@csrf_exempt
@require_http_methods(["GET", "POST"])
def consultation_form(request, page_id: str):
    page = ContactPage.objects.live().public().filter(pk=page_id).first()
    if page is None:
        # JSON like every other API answer (get_object_or_404 would render the HTML 404 page).
        return JsonResponse({"message": "No published contact page with this id."}, status=404)
    if request.method == "GET":
        return JsonResponse(describe(page.get_form(page=page, user=request.user)))

    if request.content_type != "application/json":
        return JsonResponse({"errors": {"form": ["Send the answers as JSON."]}}, status=415)
    if is_rate_limited(request):
        return JsonResponse(
            {"errors": {"form": ["Too many requests. Please wait a minute, or call us."]}},
            status=429,
        )
    try:
        payload = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[…" nesting
        payload = None
    if not isinstance(payload, dict):
        return JsonResponse({"errors": {"form": ["Send a JSON object of answers."]}}, status=400)
    unreadable = unreadable_text_errors(payload)
    if unreadable:
        return JsonResponse({"errors": unreadable}, status=400)
    if str(payload.get(HONEYPOT_FIELD) or "").strip():
        return JsonResponse({"errors": {"form": ["This request looks automated."]}}, status=400)

    form = page.get_form(as_form_data(payload), page=page, user=request.user)
    if not form.is_valid():
        return JsonResponse({"errors": errors_of(form)}, status=400)
    page.process_form_submission(form)
    count_stored_request(request)
    return JsonResponse({"status": "received"}, status=201)


# Under /api/v2/ (registered in contact/wagtail_hooks.py). At most 9 digits: a longer id can't
# exist, and SQLite can't even compare it.
API_URLS = [
    re_path(r"^forms/(?P<page_id>[0-9]{1,9})/$", consultation_form, name="api_consultation_form"),
]


# --- OpenAPI ------------------------------------------------------------------------------------

OPENAPI_SCHEMAS = {
    "FormField": closed(
        {
            "name": TEXT,
            "label": TEXT,
            "type": {
                "type": "string",
                "description": "The HTML input type to render.",
                "examples": ["text", "email", "tel", "textarea", "select", "checkbox", "hidden"],
            },
            "required": {"type": "boolean"},
            "help_text": TEXT,
            "choices": {
                "type": "array",
                "items": closed({"value": TEXT, "label": TEXT}, required=["value", "label"]),
            },
            "initial": {"description": "Send it back unchanged (hidden fields, e.g. `started`)."},
        },
        required=["name", "label", "type", "required", "help_text"],
    ),
    "FormDescription": closed(
        {"fields": {"type": "array", "items": ref("FormField")}}, required=["fields"]
    ),
    "FormAnswers": {
        "type": "object",
        "description": "The answers by field `name`: strings, `true` for a ticked checkbox, a "
        "list of strings for multiple choices, and the hidden fields' `initial` values.",
        "additionalProperties": {
            "oneOf": [
                {"type": "string"},
                {"type": "boolean"},
                {"type": "number"},
                {"type": "null"},
                {"type": "array", "items": {"type": "string"}},
            ]
        },
        "examples": [
            {
                "name": "Sam Patient",
                "email": "sam@example.com",
                "consent": True,
                "consent_version": 1,
                "started": "<the value from GET>",
            }
        ],
    },
    "FormReceived": closed({"status": {"const": "received"}}, required=["status"]),
    "FormErrors": closed(
        {
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
                "description": "Messages by field name; `form` for the whole request.",
            }
        },
        required=["errors"],
        examples=[{"errors": {"email": ["Enter a valid email address."]}}],
    ),
}


OPENAPI_PATHS = {
    "/api/v2/forms/{id}/": {
        "parameters": [path_id("The contact page's id (`/api/v2/settings/` gives it).")],
        "get": operation(
            "describe_form",
            FORM_TAG,
            "Describe the consultation form",
            "Its fields in order, with labels, types, choices and the hidden fields to "
            "send back (`started` is signed: it proves the form wasn't filled in by a "
            "script in a second). Never cached.",
            [],
            {
                "200": json_answer("The form.", ref("FormDescription"), NO_STORE_HEADERS),
                "404": NOT_FOUND,
            },
        ),
        "post": {
            **operation(
                "submit_form",
                FORM_TAG,
                "Send a consultation request",
                "The answers as a JSON object (`Content-Type: application/json`). Validated "
                "like the site's own form, rate limited per IP address.",
                [],
                {
                    "201": json_answer("Stored; the clinic is notified.", ref("FormReceived")),
                    "400": json_answer("Not sent: field errors.", ref("FormErrors")),
                    "404": NOT_FOUND,
                    "415": json_answer("The body wasn't JSON.", ref("FormErrors")),
                    "429": json_answer(
                        "Too many requests from this address: wait a minute, or call.",
                        ref("FormErrors"),
                    ),
                },
            ),
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("FormAnswers")}},
            },
        },
    },
}
