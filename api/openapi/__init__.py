"""The API's OpenAPI 3.1 description, served at /api/v2/openapi.json and as /api/v2/docs/.

Kept by hand (no generator understands Wagtail's v2 viewsets), next to the code of each answer:
`schemas.py` and `paths.py` here describe the API's own endpoints and put together what the
apps register (base/openapi.py explains how). The schemathesis contract test
(tests/browser/test_api_contract.py) holds the whole to what the live API answers.
"""

from api.openapi.paths import all_paths
from api.openapi.schemas import all_schemas
from base.site_urls import api_base_url

VERSION = "2.0.0"

DESCRIPTION = """\
Read the clinic's published content (pages, FAQs, images, contact details, the menu, search)
and send consultation requests, as JSON. Read-only except the form; no authentication.

- **Errors**: 400 (an unknown or out-of-range parameter) and 404 answer `{"message": "…"}`;
  the form answers `{"errors": {…}}` (400, 415, 429). A method an endpoint doesn't take gets a
  405 (a `POST` to a read-only endpoint may get the site's 403 CSRF refusal first).
- **Limits**: listings return at most 50 items (`limit`), search at most 50 results.
- **Caching**: every public `GET` has a strong `ETag` and `Cache-Control`; send the ETag back in
  `If-None-Match` to get `304 Not Modified`. Publishing changes the ETag of everything that
  shows the change.
- **Images** come with alt text, size and `srcset`-ready renditions (AVIF, WebP, JPEG), never
  a bare id.
- **CORS**: only the frontend origins the site is configured with.

Guide with examples: the site's `docs/api.md`; this description as a page: `/api/v2/docs/`.
"""


def openapi_document() -> dict:
    """The description, with the server URL this deployment answers on (built per call:
    cheap, and always in step with the settings)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Clinic content API",
            "version": VERSION,
            "description": DESCRIPTION,
        },
        "servers": [{"url": api_base_url(), "description": "This site"}],
        "tags": [
            {"name": "Pages", "description": "The site's pages with their structured data."},
            {"name": "Clinic", "description": "FAQs, contact details, the menu and search."},
            {"name": "Images and documents", "description": "The media library."},
            {"name": "Forms", "description": "The consultation form."},
        ],
        "paths": all_paths(),
        "components": {"schemas": all_schemas()},
    }
