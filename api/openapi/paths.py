"""The operations of the API, as OpenAPI 3.1 path items: parameters, answers and headers.

Every limit here is the one the code enforces (WAGTAILAPI_LIMIT_MAX, api/search.py's bounds,
the 9-digit ids of contact/api.py), so a generated request that the description calls valid is
one the API must answer with a 2xx or a documented 4xx.
"""

from django.conf import settings

from api.openapi.schemas import PAGE_TYPES, ref
from api.search import MAX_LIMIT as SEARCH_MAX_LIMIT

# --- Headers and answers shared by the read endpoints ------------------------------------------

CACHE_HEADERS = {
    "ETag": {
        "description": "A strong validator of the body: send it back in `If-None-Match`.",
        "required": True,
        "schema": {"type": "string", "pattern": '^"[0-9a-f]+"$'},
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
PAGE_TYPE_NAMES = ["wagtailcore.Page", *PAGE_TYPES]


def page_listing_parameters() -> list[dict]:
    return [
        query(
            "type",
            "Only pages of this type (`app_label.Model`, e.g. `services.ServicePage`). With one "
            "type, its own fields can be asked for in `fields` and used as filters, e.g. "
            "`type=services.ServicePage&plan_sessions=3`.",
            {"enum": PAGE_TYPE_NAMES},
        ),
        *listing_parameters(),
        FIELDS,
        query(
            "order",
            "Sort by a field (`title`, `-first_published_at`, `id`) or `random` (not with "
            "`offset`). Default: the tree order of the site.",
            {"type": "string"},
            examples={"title": {"value": "title"}, "newest": {"value": "-first_published_at"}},
        ),
        query("child_of", "Only the children of this page id (or `root`).", {"type": "string"}),
        query("descendant_of", "Only pages below this page id (or `root`).", {"type": "string"}),
        query("ancestor_of", "Only the pages above this page id.", {"type": "integer"}),
        query("search", "Full-text search of the pages' titles and text.", {"type": "string"}),
        query("search_operator", "How search words combine.", {"enum": ["and", "or"]}),
        query(
            "site",
            "The site's hostname (a multi-site set-up), e.g. `localhost`.",
            {"type": "string"},
        ),
        RICH_TEXT_FORMAT,
        IF_NONE_MATCH,
    ]


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


def build_paths() -> dict:
    return {
        "/api/v2/pages/": {
            "get": operation(
                "list_pages",
                PAGES_TAG,
                "List published pages",
                "Published, public pages in tree order. Each item has `id`, `meta` (type, URLs, "
                "slug, first publication) and `title` by default; `type` plus `fields=*` gives "
                "every field of that type (e.g. all service pages with their treatment data).",
                page_listing_parameters(),
                read_answers(
                    json_answer("A page of the listing.", ref("PageListing"), CACHE_HEADERS),
                    not_found=True,  # `site` or `locale` that doesn't exist
                ),
            )
        },
        "/api/v2/pages/{id}/": detail_path(
            "page",
            PAGES_TAG,
            "One published page with all its fields",
            "Every field of the page's type (see the schema named after the type, e.g. "
            "`ServicePage`) and `meta.parent`.",
            "Page",
            [RICH_TEXT_FORMAT],
        ),
        "/api/v2/pages/find/": {
            "get": operation(
                "find_page",
                PAGES_TAG,
                "Find a page by its URL path",
                "Redirects (302) to the page's detail URL, e.g. for a frontend that routes by "
                "path. The redirect is absolute from the site's configured base URL.",
                [
                    query(
                        "html_path",
                        "The page's path on the site, e.g. `/services/prp-hair-restoration/`.",
                        {"type": "string"},
                        required=True,
                        example="/services/prp-hair-restoration/",
                    ),
                    FIELDS,
                ],
                {
                    "302": {
                        "description": "Found: `Location` is the page's API detail URL (the "
                        "other query parameters are kept).",
                        "headers": {"Location": {"required": True, "schema": {"type": "string"}}},
                    },
                    "400": BAD_REQUEST,
                    "404": NOT_FOUND,
                },
            )
        },
        "/api/v2/images/": listing_path(
            "images",
            LIBRARY_TAG,
            "List images",
            "Images in the public collections, each with its alt text and `responsive` "
            "renditions (AVIF, WebP and JPEG at several widths).",
            "ImageListing",
        ),
        "/api/v2/images/{id}/": detail_path(
            "image", LIBRARY_TAG, "One image", "With alt text, size and renditions.", "Image"
        ),
        "/api/v2/documents/": listing_path(
            "documents",
            LIBRARY_TAG,
            "List documents",
            "Documents with their download URLs.",
            "DocumentListing",
        ),
        "/api/v2/documents/{id}/": detail_path(
            "document", LIBRARY_TAG, "One document", "With its download URL.", "Document"
        ),
        "/api/v2/faqs/": listing_path(
            "faqs",
            CLINIC_TAG,
            "List published FAQs",
            "In the order the FAQ page shows them (category, then the editors' order), with "
            "answers as HTML. Filter by `category` and/or `service`.",
            "FAQListing",
            [
                query("category", "A category's slug, e.g. `treatment`.", {"type": "string"}),
                query("service", "A service page's id: its FAQs only.", ID_SCHEMA),
                RICH_TEXT_FORMAT,
            ],
        ),
        "/api/v2/faqs/{id}/": detail_path(
            "faq",
            CLINIC_TAG,
            "One published FAQ",
            "With the services it is about.",
            "FAQ",
            [RICH_TEXT_FORMAT],
        ),
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
        "/api/v2/search/": {
            "get": operation(
                "search",
                CLINIC_TAG,
                "Search the site",
                "The site search itself: synonyms, typo correction and ranking as on /search/. "
                "Kept out of shared caches (`Cache-Control: private`).",
                [
                    query(
                        "q",
                        "What to search for. Blank: 400.",
                        {"type": "string", "maxLength": 200},
                        required=True,
                        example="hair loss injections",
                    ),
                    query(
                        "limit",
                        f"How many results (default 10, at most {SEARCH_MAX_LIMIT}).",
                        {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": SEARCH_MAX_LIMIT,
                            "default": 10,
                        },
                    ),
                    query(
                        "offset",
                        "How many results to skip.",
                        {"type": "integer", "minimum": 0, "maximum": 10_000, "default": 0},
                    ),
                    IF_NONE_MATCH,
                ],
                read_answers(json_answer("The results.", ref("SearchResults"), CACHE_HEADERS)),
            )
        },
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
