"""The v2 API router: Wagtail's page, image and document endpoints, and every endpoint an app
registers with the `register_api_endpoint` hook (e.g. faqs/wagtail_hooks.py: `/faqs/`).

The namespace must be "wagtailapi_v2": Wagtail's purge utilities reverse URLs in it.
"""

from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter

from api.pages import ClinicDocumentsAPIViewSet, ClinicImagesAPIViewSet, ClinicPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", ClinicPagesAPIViewSet)
api_router.register_endpoint("images", ClinicImagesAPIViewSet)
api_router.register_endpoint("documents", ClinicDocumentsAPIViewSet)

_apps_registered = False


def app_endpoints_router() -> WagtailAPIRouter:
    """The router with the apps' endpoints too. They are added on first use, not at import: the
    hooks import every app's wagtail_hooks, which mustn't happen while apps are still loading
    (the publishing app's URL lookups import this module then)."""
    global _apps_registered
    if not _apps_registered:
        for register in hooks.get_hooks("register_api_endpoint"):
            api_router.register_endpoint(*register())
        _apps_registered = True
    return api_router
