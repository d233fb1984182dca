"""The vocabulary every app describes its part of the API with (OpenAPI 3.1, JSON Schema 2020-12).

The API's description is kept by hand next to the code that produces each answer: a page type's
`api_schema` sits beside its `api_fields`, and each app registers the schemas and operations of
its own endpoints with the `register_openapi_schemas` / `register_openapi_paths` hooks (its
wagtail_hooks.py). api/openapi/ puts the document together; the schemathesis contract test
(tests/browser/test_api_contract.py) holds it to what the live API answers.

Every limit stated here is the one the code enforces, so a request the description calls valid
is one the API must answer with a 2xx or a documented 4xx.
"""

from django.conf import settings

# --- Schemas -------------------------------------------------------------------------------------

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


# Every page type's `seo` field (base/api.py's SeoField; the "Seo" schema is api/openapi's).
SEO_SCHEMA = ref("Seo")


# --- Headers and answers shared by the read endpoints ------------------------------------------

CACHE_HEADERS = {
    "ETag": {
        "description": "A validator of the body: send it back in `If-None-Match`. Weak "
        '(`W/"…"`) when the answer is gzip-compressed (`Accept-Encoding: gzip`), as HTTP '
        "asks of a compressed body; the same hash either way.",
        "required": True,
        "schema": {"type": "string", "pattern": '^(W/)?"[0-9a-f]+"$'},
    },
    "Cache-Control": {
        "description": "`public, max-age=…, s-maxage=…, stale-while-revalidate=…` for shared "
        "content; `private` for search (what a patient searched for stays out of CDNs).",
        "required": True,
        "schema": {"type": "string"},
    },
}
NO_STORE_HEADERS = {
    "Cache-Control": {
        "description": "`no-store`: this answer must not be cached anywhere.",
        "required": True,
        "schema": {"type": "string", "const": "no-store"},
    },
}


def json_answer(description: str, schema: dict, headers: dict | None = None, example=None):
    content = {"schema": schema}
    if example is not None:
        content["example"] = example
    answer = {"description": description, "content": {"application/json": content}}
    if headers:
        answer["headers"] = headers
    return answer


def error(description: str) -> dict:
    return json_answer(description, ref("Error"))


NOT_MODIFIED = {
    "description": "Not Modified: `If-None-Match` named the current ETag. No body: reuse yours.",
    "headers": {"ETag": CACHE_HEADERS["ETag"]},
}
BAD_REQUEST = error("A parameter is unknown or out of range; `message` says which.")
NOT_FOUND = error("No such item, or not published.")


def read_answers(ok: dict, *, not_found: bool = False, bad_request: bool = True) -> dict:
    answers = {"200": ok, "304": NOT_MODIFIED}
    if bad_request:
        answers["400"] = BAD_REQUEST
    if not_found:
        answers["404"] = NOT_FOUND
    return answers


# --- Parameters --------------------------------------------------------------------------------


def query(name: str, description: str, schema: dict, **extra) -> dict:
    return {"name": name, "in": "query", "description": description, "schema": schema} | extra


IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "description": "The ETag of the copy you have: answered with 304 if it is still current.",
    "schema": {"type": "string"},
    "example": '"5d41402abc4b2a76b9719d911017c592"',
}
# At most 9 digits: a longer id can't exist, and SQLite can't compare one with 19 digits or more.
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 999_999_999}


def path_id(description: str) -> dict:
    return {
        "name": "id",
        "in": "path",
        "required": True,
        "description": description,
        "schema": ID_SCHEMA,
    }


def listing_parameters() -> list[dict]:
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    return [
        query(
            "limit",
            f"How many items to return (default 20, at most {limit_max}).",
            {"type": "integer", "minimum": 0, "maximum": limit_max, "default": 20},
        ),
        query(
            "offset",
            "How many items to skip, for the next page of a listing.",
            {"type": "integer", "minimum": 0, "maximum": 999_999_999, "default": 0},
        ),
    ]


FIELDS = query(
    "fields",
    "Which fields to show, comma-separated: `*` for all, `-name` to drop a default, `_` to "
    "drop all defaults, `name(sub,fields)` for a related item's fields. Unknown names: 400.",
    {"type": "string"},
    examples={"all": {"value": "*"}, "some": {"value": "title,summary,treatment_plan"}},
)
RICH_TEXT_FORMAT = query(
    "rich_text_format",
    "Rich text as display HTML (the default), Markdown, or the database's own formats.",
    {"enum": ["html", "markdown", "db_html", "db_markdown"]},
)


# --- Operations --------------------------------------------------------------------------------

PAGES_TAG, LIBRARY_TAG, CLINIC_TAG, FORM_TAG = "Pages", "Images and documents", "Clinic", "Forms"


def operation(operation_id: str, tag: str, summary: str, description: str, parameters, answers):
    return {
        "operationId": operation_id,
        "tags": [tag],
        "summary": summary,
        "description": description,
        "parameters": parameters,
        "responses": answers,
    }


def listing_path(name, tag, summary, description, listing_schema, extra_parameters=()):
    return {
        "get": operation(
            f"list_{name}",
            tag,
            summary,
            description,
            [*listing_parameters(), FIELDS, *extra_parameters, IF_NONE_MATCH],
            read_answers(json_answer("A page of the listing.", ref(listing_schema), CACHE_HEADERS)),
        )
    }


def detail_path(name, tag, summary, description, item_schema, extra_parameters=()):
    return {
        "get": operation(
            f"get_{name}",
            tag,
            summary,
            description,
            [path_id(f"The {name} item's id."), FIELDS, *extra_parameters, IF_NONE_MATCH],
            read_answers(json_answer("The item.", ref(item_schema), CACHE_HEADERS), not_found=True),
        )
    }
