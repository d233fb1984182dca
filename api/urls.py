"""Everything under /api/v2/: Wagtail's endpoints (router) and the clinic's own."""

from django.urls import path, re_path

from api import clinic, preview, search
from api.not_found import api_not_found
from api.openapi import views as openapi_views
from api.router import api_router
from contact import api as contact_api

urlpatterns = [
    # At most 9 digits: a longer id can't exist, and SQLite can't even compare it.
    re_path(
        r"^forms/(?P<page_id>[0-9]{1,9})/$",
        contact_api.consultation_form,
        name="api_consultation_form",
    ),
    path("settings/", clinic.clinic_settings, name="api_settings"),
    path("navigation/", clinic.navigation, name="api_navigation"),
    path("search/", search.search, name="api_search"),
    # Drafts for the headless frontend's preview, by signed token (not in the router: a second
    # page endpoint there would take over the pages' detail URLs).
    path("page_preview/", preview.PagePreviewAPIViewSet.as_preview_view(), name="api_page_preview"),
    # The OpenAPI 3.1 description, and the same as a page for people (api/openapi/).
    path("openapi.json", openapi_views.openapi_json, name="api_openapi"),
    path("docs/", openapi_views.api_docs, name="api_docs"),
    path("", api_router.urls),
    # Last: whatever no endpoint matched gets a JSON 404, not the site's HTML page.
    re_path(r"^(?P<unmatched_path>[\s\S]*)$", api_not_found, name="api_not_found"),
]
