"""Wagtail's v2 page and image endpoints, tuned for the clinic.

- JSON only: the browsable HTML renderer would need inline scripts our CSP forbids, and HTML
  is not part of the API's contract.
- `html_url` is absolute from WAGTAILAPI_BASE_URL.
- A listing of service pages costs the same number of queries however many steps, FAQs and
  images each one has: everything they show is fetched in a few batched queries (plus one
  per page whose body holds images: Wagtail fetches a StreamField's images per field).
"""

from django.db.models import Prefetch
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.serializers import PageParentField, PageSerializer, get_serializer_class
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.bounds import BoundedNumbersMixin
from api.fields import AbsoluteHtmlUrlField
from api.images import prefetch_renditions


class AbsoluteParentField(PageParentField):
    """`meta.parent`, whose html_url is absolute like the page's own."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=ClinicPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class ClinicPageSerializer(PageSerializer):
    html_url = AbsoluteHtmlUrlField(read_only=True)
    parent = AbsoluteParentField(read_only=True)


def with_service_data(queryset):
    """Service pages with everything their API fields read, in batched queries."""
    from faqs.models import FAQ

    live_faqs = FAQ.objects.filter(live=True).select_related("category")
    return queryset.select_related("hero_image", "author", "medical_reviewer").prefetch_related(
        "steps",
        "references",
        "hero_image__renditions",
        Prefetch(
            "faqs", queryset=live_faqs.order_by("sort_order", "question"), to_attr="api_live_faqs"
        ),
    )


def body_images(pages) -> list:
    """Every image in the pages' `body` StreamFields (parsing a body fetches its images)."""
    images = []
    for page in pages:
        for block in getattr(page, "body", None) or []:
            if block.block_type == "image":
                images.append(block.value.get("image"))
    return images


class ClinicPagesAPIViewSet(BoundedNumbersMixin, PagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    base_serializer_class = ClinicPageSerializer

    def get_queryset(self):
        from services.models import ServicePage

        # Every page's URL needs its locale: one join instead of a query per page.
        queryset = super().get_queryset().select_related("locale")
        if queryset.model is ServicePage:
            queryset = with_service_data(queryset)
        return queryset

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        requested = self.request.GET.get("fields", "")
        if "*" in requested or "body" in requested:
            prefetch_renditions(body_images(pages))
        return pages


class ClinicImagesAPIViewSet(BoundedNumbersMixin, ImagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    # Alt text and renditions in listings too: a frontend rarely wants an image without them.
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["alt", "responsive"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("renditions")


class ClinicDocumentsAPIViewSet(BoundedNumbersMixin, DocumentsAPIViewSet):
    renderer_classes = [JSONRenderer]
