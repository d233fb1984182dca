"""The JSON shapes the API itself owns: errors, listings, page meta, each page type, images and
documents. The apps register the shapes of their own data and endpoints (the
`register_openapi_schemas` hook); every page type's fields come from its `api_schema`.

tests/api/test_openapi.py fails when a page type's `api_fields` and `api_schema` drift apart,
and the schemathesis contract test (tests/browser/test_api_contract.py) checks real answers
against the whole description.
"""

from django.apps import apps
from wagtail import hooks
from wagtail.models import get_page_models

from base.models import SitePageMixin
from base.openapi import NULLABLE_URI, TEXT, TEXT_LIST, URI, closed, ref

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
    "ListingMeta": closed(
        {"total_count": {"type": "integer", "minimum": 0}},
        required=["total_count"],
        description="How many items match, whatever `limit` and `offset` show.",
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

BASE_PAGE_FIELDS = {"id": {"type": "integer"}, "meta": ref("PageMeta"), "title": TEXT}


def page_types() -> dict[str, dict]:
    """Each page type of the site (`app_label.Model`) with the schemas of its api_fields, in the
    order of INSTALLED_APPS (then of their definition)."""
    app_order = {config.label: n for n, config in enumerate(apps.get_app_configs())}
    models = [model for model in get_page_models() if issubclass(model, SitePageMixin)]
    models.sort(key=lambda model: app_order[model._meta.app_label])
    return {model._meta.label: model.api_schema for model in models}


def type_schema_name(page_type: str) -> str:
    return page_type.split(".")[1]


def page_type_schema(page_type: str, fields: dict) -> dict:
    """One page type: the base fields and its own, all optional (`fields` picks them)."""
    return closed(
        BASE_PAGE_FIELDS | fields,
        description=f"A `{page_type}` page. Listings show `id`, `meta` and `title` unless "
        "`fields` asks for more (or less: `fields=_,title` leaves out even `id`); a detail "
        "answer shows every field.",
    )


def page_schema(types: dict[str, dict]) -> dict:
    """Any page: the fields allowed are those of the type named in `meta.type`.

    Without `meta` (e.g. `fields=_,title`) only the types of the fields shown are checked.
    """
    every_field = {}
    for fields in types.values():
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
                "then": {"propertyNames": {"enum": list(BASE_PAGE_FIELDS | fields)}},
            }
            for t, fields in types.items()
        ],
    )


def page_schemas() -> dict:
    types = page_types()
    return {
        "PageMeta": PAGE_META,
        "ParentPage": PARENT_PAGE,
        "Page": page_schema(types),
        **{type_schema_name(t): page_type_schema(t, fields) for t, fields in types.items()},
        "PageListing": closed(
            {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("Page")}},
            required=["meta", "items"],
        ),
    }


# --- Images and documents ----------------------------------------------------------------------

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
}


def all_schemas() -> dict:
    """Every component schema: the API's own and the apps', by name (alphabetical)."""
    schemas = SHARED | page_schemas() | LIBRARY
    for register in hooks.get_hooks("register_openapi_schemas"):
        for name, schema in register().items():
            if name in schemas:
                raise ValueError(f"Two apps describe an OpenAPI schema named {name!r}")
            schemas[name] = schema
    return dict(sorted(schemas.items()))
