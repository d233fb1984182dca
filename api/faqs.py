"""/api/v2/faqs/: published FAQs, filterable by category (slug) and by service (page id)."""

from django.db.models import Prefetch
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from api.bounds import BoundedNumbersMixin, is_plain_id
from faqs.models import FAQ
from services.models import ServicePage


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
        live_services = ServicePage.objects.live().public().order_by("path")
        return (
            self.model.objects.filter(live=True)
            .select_related("category")
            .prefetch_related(Prefetch("related_services", queryset=live_services))
            .order_by("category__sort_order", "category__name", "sort_order", "question", "id")
        )
