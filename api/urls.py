"""Everything under /api/v2/: Wagtail's endpoints (router) and the clinic's own."""

from django.urls import path, re_path

from api.router import api_router
from contact import api as contact_api

urlpatterns = [
    # At most 9 digits: a longer id can't exist, and SQLite can't even compare it.
    re_path(
        r"^forms/(?P<page_id>[0-9]{1,9})/$",
        contact_api.consultation_form,
        name="api_consultation_form",
    ),
    path("", api_router.urls),
]
