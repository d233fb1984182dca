"""/api/v2/faqs/: published FAQs, filterable by category (slug) and by service (page id).

The fields of each FAQ are in faqs/serializers.py (FAQ.api_fields), shared with service pages."""

from django.db.models import Prefetch
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from base.api import BoundedNumbersMixin, is_plain_id
from base.openapi import (
    CLINIC_TAG,
    HTML,
    ID_SCHEMA,
    NULLABLE_URI,
    RICH_TEXT_FORMAT,
    TEXT,
    URI,
    closed,
    detail_path,
    listing_path,
    query,
    ref,
)
from faqs.models import FAQ


class FAQFilter(BaseFilterBackend):
    """?category=<slug> and ?service=<service page id>; both may be combined."""

    def filter_queryset(self, request, queryset, view):
        category = request.GET.get("category")
        if category is not None:
            queryset = queryset.filter(category__slug=category)
        service = request.GET.get("service")
        if service is not None:
            if not is_plain_id(service):
                raise BadRequestError("service must be the id of a service page, e.g. service=4")
            queryset = queryset.filter(related_services__id=int(service))
        return queryset


class FAQsAPIViewSet(BoundedNumbersMixin, BaseAPIViewSet):
    renderer_classes = [JSONRenderer]
    filter_backends = [FAQFilter]
    known_query_parameters = frozenset(
        ["limit", "offset", "fields", "category", "service", "rich_text_format"]
    )
    body_fields = BaseAPIViewSet.body_fields + [
        "question",
        "answer",
        "category",
        "html_url",
        "related_services",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "question",
        "answer",
        "category",
        "html_url",
    ]
    model = FAQ
    name = "faqs"

    def check_query_parameters(self, queryset):
        # Wagtail would accept any field name (?question=…) as a filter, but this endpoint
        # filters only by category and service: anything else is a mistake worth a 400.
        unknown = sorted(set(self.request.GET) - self.known_query_parameters)
        if unknown:
            raise BadRequestError(f"query parameter is not recognised: {', '.join(unknown)}")
        super().check_query_parameters(queryset)

    def get_queryset(self):
        service_page = FAQ._meta.get_field("related_services").related_model
        live_services = service_page.objects.live().public().order_by("path")
        return (
            self.model.objects.filter(live=True)
            .select_related("category")
            .prefetch_related(Prefetch("related_services", queryset=live_services))
            .order_by("category__sort_order", "category__name", "sort_order", "question", "id")
        )


# --- OpenAPI ------------------------------------------------------------------------------------

OPENAPI_SCHEMAS = {
    "FAQCategory": closed({"slug": TEXT, "name": TEXT}, required=["slug", "name"]),
    "FAQSummary": closed(
        {
            "id": {"type": "integer"},
            "question": TEXT,
            "answer": HTML,
            "category": ref("FAQCategory"),
            "html_url": NULLABLE_URI,
            "detail_url": URI,
        },
        required=["id", "question", "answer", "category", "html_url", "detail_url"],
    ),
    "FAQ": closed(
        {
            "id": {"type": "integer"},
            "meta": ref("ItemMeta"),
            "question": TEXT,
            "answer": HTML,
            "category": ref("FAQCategory"),
            "html_url": NULLABLE_URI,
            "related_services": {"type": "array", "items": ref("PageLink")},
        },
        description="A published FAQ. `related_services` only in a detail answer (or with "
        "`fields`).",
    ),
    "FAQListing": closed(
        {"meta": ref("ListingMeta"), "items": {"type": "array", "items": ref("FAQ")}},
        required=["meta", "items"],
    ),
}

OPENAPI_PATHS = {
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
}
