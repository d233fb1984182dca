"""Everything under /api/v2/: Wagtail's endpoints (the router), the apps' own endpoints (the
`register_api_urls` hook: settings, navigation, search, the consultation form…), the headless
preview and the API's description."""

from django.urls import path, re_path
from wagtail import hooks

from api import preview
from api.not_found import api_not_found
from api.openapi import views as openapi_views
from api.router import app_endpoints_router

urlpatterns = [url for register in hooks.get_hooks("register_api_urls") for url in register()] + [
    # Drafts for the headless frontend's preview, by signed token (not in the router: a second
    # page endpoint there would take over the pages' detail URLs).
    path("page_preview/", preview.PagePreviewAPIViewSet.as_preview_view(), name="api_page_preview"),
    # The OpenAPI 3.1 description, and the same as a page for people (api/openapi/).
    path("openapi.json", openapi_views.openapi_json, name="api_openapi"),
    path("docs/", openapi_views.api_docs, name="api_docs"),
    path("", app_endpoints_router().urls),
    # Last: whatever no endpoint matched gets a JSON 404, not the site's HTML page.
    re_path(r"^(?P<unmatched_path>[\s\S]*)$", api_not_found, name="api_not_found"),
]
