"""The operations of the API's own endpoints (pages, images, documents), as OpenAPI 3.1 path
items; the apps register theirs (the `register_openapi_paths` hook).

Every limit here is the one the code enforces (WAGTAILAPI_LIMIT_MAX, base/api.py's bounds), so a
generated request that the description calls valid is one the API must answer with a 2xx or a
documented 4xx.
"""

from wagtail import hooks

from api.openapi.schemas import page_types
from base.openapi import (
    BAD_REQUEST,
    CACHE_HEADERS,
    FIELDS,
    IF_NONE_MATCH,
    LIBRARY_TAG,
    NOT_FOUND,
    PAGES_TAG,
    RICH_TEXT_FORMAT,
    detail_path,
    json_answer,
    listing_parameters,
    listing_path,
    operation,
    query,
    read_answers,
    ref,
)


def page_listing_parameters() -> list[dict]:
    return [
        query(
            "type",
            "Only pages of this type (`app_label.Model`, e.g. `services.ServicePage`). With one "
            "type, its own fields can be asked for in `fields` and used as filters, e.g. "
            "`type=services.ServicePage&plan_sessions=3`.",
            {"enum": ["wagtailcore.Page", *page_types()]},
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


def own_paths() -> dict:
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
    }


def all_paths() -> dict:
    """The API's own operations, then each app's (in the order the apps are installed)."""
    paths = own_paths()
    for register in hooks.get_hooks("register_openapi_paths"):
        paths |= register()
    return paths
