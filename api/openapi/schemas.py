"""The JSON shapes of the API, as OpenAPI 3.1 (JSON Schema 2020-12) component schemas.

Hand-kept next to the code that produces them (api/fields.py, api/images.py, api/clinic.py,
api/search.py, contact/api.py and the models' `api_fields`); tests/api/test_openapi.py fails
when a page type's `api_fields` and PAGE_TYPES below drift apart, and the schemathesis contract
test (tests/browser/test_api_contract.py) checks real answers against them.
"""

from api.images import RESPONSIVE_FORMATS

URI = {"type": "string", "format": "uri"}
NULLABLE_URI = {"type": ["string", "null"], "format": "uri"}
TEXT = {"type": "string"}
HTML = {
    "type": "string",
    "description": "Display-ready HTML (internal links resolved), or Markdown with "
    "`rich_text_format=markdown`.",
}
TEXT_LIST = {"type": "array", "items": TEXT}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(name: str) -> dict:
    return {"oneOf": [ref(name), {"type": "null"}]}


def closed(properties: dict, required: list[str] | None = None, **extra) -> dict:
    """An object with exactly these properties: a new key in an answer fails the contract."""
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required is not None:
        schema["required"] = required
    return schema | extra


# --- Shared pieces -----------------------------------------------------------------------------

SHARED = {
    "Error": closed(
        {"message": {"type": "string", "description": "What was wrong, for a developer."}},
        required=["message"],
        description="Every 400, 404 and 405 of the read endpoints.",
        examples=[{"message": "limit cannot be higher than 50"}],
    ),
    "PageLink": closed(
        {
            "id": {"type": "integer"},
            "title": TEXT,
            "html_url": NULLABLE_URI,
            "detail_url": URI,
        },
        required=["id", "title", "html_url", "detail_url"],
        description="A page a frontend links to: its API detail URL and its public URL.",
    ),
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
    "ListingMeta": closed(
        {"total_count": {"type": "integer", "minimum": 0}},
        required=["total_count"],
        description="How many items match, whatever `limit` and `offset` show.",
    ),
    "FAQCategory": closed({"slug": TEXT, "name": TEXT}, required=["slug", "name"]),
    "FAQSummary": closed(
        {
            "id": {"type": "integer"},
            "question": TEXT,
            "answer": HTML,
            "category": ref("FAQCategory"),
            "html_url": NULLABLE_URI,
            "detail_url": URI,
        },
        required=["id", "question", "answer", "category", "html_url", "detail_url"],
    ),
    "ServiceSummary": closed(
        {
            "id": {"type": "integer"},
            "title": TEXT,
            "summary": TEXT,
            "html_url": NULLABLE_URI,
            "detail_url": URI,
        },
        required=["id", "title", "summary", "html_url", "detail_url"],
    ),
    "Seo": closed(
        {
            "title": TEXT,
            "description": TEXT,
            "canonical_url": NULLABLE_URI,
            "noindex": {
                "type": "boolean",
                "description": "Editors chose *Hide from search engines*: add "
                '`<meta name="robots" content="noindex">`.',
            },
        },
        required=["title", "description", "canonical_url", "noindex"],
        description="What a frontend puts in `<head>`.",
    ),
}

# --- StreamField blocks ------------------------------------------------------------------------


def block(type_name: str, value: dict) -> dict:
    return closed(
        {"type": {"const": type_name}, "value": value, "id": {"type": "string"}},
        required=["type", "value"],
    )


BLOCKS = {
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
}

# --- Pages -------------------------------------------------------------------------------------

PAGE_META = closed(
    {
        "type": {"type": "string", "examples": ["services.ServicePage"]},
        "detail_url": URI,
        "html_url": NULLABLE_URI,
        "slug": TEXT,
        "show_in_menus": {"type": "boolean"},
        "seo_title": TEXT,
        "search_description": TEXT,
        "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        "alias_of": {"oneOf": [ref("ParentPage"), {"type": "null"}]},
        "parent": {"oneOf": [ref("ParentPage"), {"type": "null"}]},
        "locale": TEXT,
    },
    description="Which fields appear depends on `fields`; `parent` only in a detail answer.",
)

PARENT_PAGE = closed(
    {
        "id": {"type": "integer"},
        "meta": closed({"type": TEXT, "detail_url": URI, "html_url": NULLABLE_URI}),
        "title": TEXT,
    },
)

# Each page type's own fields (its `api_fields`), beside `id`, `meta` and `title`.
SEO = ref("Seo")
PAGE_TYPES = {
    "home.HomePage": {
        "hero_heading": TEXT,
        "hero_intro": TEXT,
        "hero_image": nullable("ResponsiveImage"),
        "featured_heading": TEXT,
        "featured_services": {"type": "array", "items": ref("ServiceSummary")},
        "cta_heading": TEXT,
        "cta_text": TEXT,
        "seo": SEO,
    },
    "services.ServiceIndexPage": {"intro": TEXT, "seo": SEO},
    "services.ServicePage": {
        "summary": TEXT,
        "hero_image": nullable("ResponsiveImage"),
        "steps": {"type": "array", "items": ref("ServiceStep")},
        "suitable_for": TEXT_LIST,
        "not_suitable_for": TEXT_LIST,
        "benefits": {"type": "array", "items": ref("Benefit")},
        "treatment_plan": ref("TreatmentPlan"),
        "aftercare": TEXT_LIST,
        "downtime": TEXT,
        "risks": TEXT_LIST,
        "disclaimer": TEXT,
        "body": {"type": "array", "items": ref("BodyBlock")},
        "related_faqs": {"type": "array", "items": ref("FAQSummary")},
        "clinical_review": ref("ClinicalReview"),
        "seo": SEO,
    },
    "faqs.FAQIndexPage": {"intro": TEXT, "seo": SEO},
    "contact.ContactPage": {
        "intro": TEXT,
        "directions": TEXT,
        "form_heading": TEXT,
        "form_intro": TEXT,
        "thank_you_text": TEXT,
        "seo": SEO,
    },
    "team.TeamPage": {
        "intro": TEXT,
        "providers": {"type": "array", "items": ref("ProviderProfile")},
        "seo": SEO,
    },
}
BASE_PAGE_FIELDS = {"id": {"type": "integer"}, "meta": ref("PageMeta"), "title": TEXT}

RANGE = closed(
    {"min": {"type": ["integer", "null"]}, "max": {"type": ["integer", "null"]}},
    required=["min", "max"],
)
PROVIDER = {
    "id": {"type": "integer"},
    "name": TEXT,
    "credentials": {"type": "string", "examples": ["MD, FAAD"]},
    "role": TEXT,
}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
SERVICE_PARTS = {
    "Provider": closed(PROVIDER, required=list(PROVIDER)),
    "ProviderProfile": closed(
        PROVIDER | {"short_bio": TEXT, "photo": nullable("ResponsiveImage")},
        required=[*PROVIDER, "short_bio", "photo"],
    ),
    "ClinicalReview": closed(
        {
            "author": nullable("Provider"),
            "medical_reviewer": nullable("Provider"),
            "last_reviewed": NULLABLE_DATE,
            "next_review_due": NULLABLE_DATE,
            "references": {
                "type": "array",
                "items": closed(
                    {"title": TEXT, "source": TEXT, "url": TEXT},
                    required=["title", "source", "url"],
                ),
                "description": "The sources the page's medical content rests on.",
            },
        },
        required=["author", "medical_reviewer", "last_reviewed", "next_review_due", "references"],
        description="Who wrote and who medically reviewed the page, when, and its sources.",
    ),
    "ServiceStep": closed({"title": TEXT, "description": TEXT}, required=["title", "description"]),
    "Benefit": closed({"title": TEXT, "description": TEXT}, required=["title", "description"]),
    "TreatmentPlan": closed(
        {
            "sessions": {"type": ["integer", "null"], "description": "Initial course."},
            "interval_weeks": RANGE,
            "maintenance_months": RANGE,
            "schedule_text": {
                "type": "string",
                "description": "The sentence the page shows, built from the numbers.",
                "examples": ["3 sessions, 4–6 weeks apart, then maintenance every 4–6 months"],
            },
        },
        required=["sessions", "interval_weeks", "maintenance_months", "schedule_text"],
    ),
}


def type_schema_name(page_type: str) -> str:
    return page_type.split(".")[1]


def page_type_schema(page_type: str) -> dict:
    """One page type: the base fields and its own, all optional (`fields` picks them)."""
    return closed(
        BASE_PAGE_FIELDS | PAGE_TYPES[page_type],
        description=f"A `{page_type}` page. Listings show `id`, `meta` and `title` unless "
        "`fields` asks for more (or less: `fields=_,title` leaves out even `id`); a detail "
        "answer shows every field.",
    )


def page_schema() -> dict:
    """Any page: the fields allowed are those of the type named in `meta.type`.

    Without `meta` (e.g. `fields=_,title`) only the types of the fields shown are checked.
    """
    every_field = {}
    for fields in PAGE_TYPES.values():
        every_field |= fields
    return closed(
        BASE_PAGE_FIELDS | every_field,
        description="A page of any type. `meta.type` says which; see the per-type schemas "
        "for the fields each has.",
        allOf=[
            {
                "if": {
                    "required": ["meta"],
                    "properties": {
                        "meta": {"required": ["type"], "properties": {"type": {"const": t}}}
                    },
                },
                "then": {"propertyNames": {"enum": list(BASE_PAGE_FIELDS | PAGE_TYPES[t])}},
            }
            for t in PAGE_TYPES
        ],
    )


PAGES = {
    "PageMeta": PAGE_META,
    "ParentPage": PARENT_PAGE,
    "Page": page_schema(),
    **{type_schema_name(t): page_type_schema(t) for t in PAGE_TYPES},
    **SERVICE_PARTS,
    "PageListing": closed(
        {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("Page")}},
        required=["meta", "items"],
    ),
}

# --- Images, documents, FAQs -------------------------------------------------------------------

ITEM_META = closed(
    {
        "type": TEXT,
        "detail_url": URI,
        "tags": TEXT_LIST,
        # Relative for images and documents stored locally (Wagtail's own field).
        "download_url": {"type": "string", "format": "uri-reference"},
        "html_url": NULLABLE_URI,
    }
)
LIBRARY = {
    "ItemMeta": ITEM_META,
    "Image": closed(
        {
            "id": {"type": "integer"},
            "meta": ref("ItemMeta"),
            "title": TEXT,
            "alt": TEXT,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "responsive": ref("ResponsiveImage"),
        },
    ),
    "ImageListing": closed(
        {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("Image")}},
        required=["meta", "items"],
    ),
    "Document": closed({"id": {"type": "integer"}, "meta": ref("ItemMeta"), "title": TEXT}),
    "DocumentListing": closed(
        {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("Document")}},
        required=["meta", "items"],
    ),
    "FAQ": closed(
        {
            "id": {"type": "integer"},
            "meta": ref("ItemMeta"),
            "question": TEXT,
            "answer": HTML,
            "category": ref("FAQCategory"),
            "html_url": NULLABLE_URI,
            "related_services": {"type": "array", "items": ref("PageLink")},
        },
        description="A published FAQ. `related_services` only in a detail answer (or with "
        "`fields`).",
    ),
    "FAQListing": closed(
        {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("FAQ")}},
        required=["meta", "items"],
    ),
}

# --- Clinic endpoints ----------------------------------------------------------------------------

CLINIC = {
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
    "SearchResults": closed(
        {
            "query": {"type": "string", "description": "The query as understood (cleaned)."},
            "corrected_query": {
                "type": "string",
                "description": "What typo correction searched for instead; empty if nothing.",
            },
            "count": {"type": "integer", "minimum": 0},
            "promotions": {
                "type": "array",
                "items": closed(
                    {"title": TEXT, "url": TEXT, "description": TEXT},
                    required=["title", "url", "description"],
                ),
                "description": "Results editors pinned for this query (first page only).",
            },
            "results": {
                "type": "array",
                "items": closed(
                    {
                        "type": {"type": "string", "examples": ["Service", "FAQ", "Page"]},
                        "title": TEXT,
                        "html_url": TEXT,
                        "excerpt": {
                            "type": "string",
                            "description": "Escaped text with the matched words in `<mark>`: "
                            "safe to insert as HTML.",
                        },
                    },
                    required=["type", "title", "html_url", "excerpt"],
                ),
            },
        },
        required=["query", "corrected_query", "count", "promotions", "results"],
    ),
}

# --- The consultation form -----------------------------------------------------------------------

FORM = {
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

SCHEMAS = SHARED | BLOCKS | PAGES | LIBRARY | CLINIC | FORM
