"""The v2 API router: Wagtail's page, image and document endpoints and the clinic's FAQs.

The namespace must be "wagtailapi_v2": Wagtail's frontend-cache purge reverses URLs in it.
"""

from wagtail.api.v2.router import WagtailAPIRouter

from api.faqs import FAQsAPIViewSet
from api.pages import ClinicDocumentsAPIViewSet, ClinicImagesAPIViewSet, ClinicPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", ClinicPagesAPIViewSet)
api_router.register_endpoint("images", ClinicImagesAPIViewSet)
api_router.register_endpoint("documents", ClinicDocumentsAPIViewSet)
api_router.register_endpoint("faqs", FAQsAPIViewSet)
