"""Wagtail's v2 page, image and document endpoints, tuned for the site.

- JSON only: the browsable HTML renderer would need inline scripts our CSP forbids, and HTML
  is not part of the API's contract.
- `html_url` is absolute from the site's base URL (base/site_urls.py).
- A listing of pages of one type costs the same number of queries however many rows each one
  shows: the page type fetches what its API fields read in batches (its `with_api_data` hook),
  and the renditions of the images in StreamFields are fetched together (Wagtail still fetches
  a StreamField's images once per field).
- What only a publish changes is kept per content version (base/content_version.py): the view
  restrictions and the request's Site. A listing that fits in one answer is counted from its
  rows, without a COUNT query (`SparingPagination`).
"""

from django.conf import settings
from django.db.models import QuerySet
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageParentField, PageSerializer, get_serializer_class
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.blocks import StructValue
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction

from base.api import BoundedNumbersMixin
from base.content_version import versioned
from base.models import SitePageMixin
from base.serializers import AbsoluteHtmlUrlField
from base.site_urls import request_site
from clinic.images import prefetch_renditions


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


def stream_images(pages, field_names) -> list:
    """The images chosen in blocks of the named StreamFields (an image block, or a struct block
    with an image in it), so their renditions can be fetched in one query."""
    images = []
    for page in pages:
        for name in field_names:
            for block in getattr(page, name) or []:
                value = block.value
                values = value.values() if isinstance(value, StructValue) else [value]
                images += [item for item in values if isinstance(item, AbstractImage)]
    return images


class SparingPagination(WagtailPagination):
    """Wagtail's offset/limit pagination, without the COUNT query when the rows fetched already
    tell the total: fewer than `limit` of them, from offset 0 or with at least one row."""

    def paginate_queryset(self, queryset, request, view=None):
        if not isinstance(queryset, QuerySet):  # search results: Wagtail's way
            return super().paginate_queryset(queryset, request, view)
        # Wagtail's own checks of offset and limit (a clear 400), on an empty queryset: its
        # slice bounds are the request's, and counting it costs no query.
        bounds = super().paginate_queryset(queryset.none(), request, view).query
        start, stop = bounds.low_mark, bounds.high_mark
        rows = list(queryset[start:stop])
        if len(rows) < stop - start and (rows or start == 0):
            self.total_count = start + len(rows)
        else:
            self.total_count = queryset.count()
        return rows


def public_pages(request, model=Page):
    """Wagtail's get_public_pages_queryset (wagtail/api/querysets.py), with the view
    restrictions and the Site kept per content version instead of two queries per call."""
    queryset = model._default_manager.all().live()
    restrictions = versioned(
        ("view-restrictions",), lambda: list(PageViewRestriction.objects.select_related("page"))
    )
    for restriction in restrictions:
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site:
        base_queryset = queryset
        queryset = base_queryset.descendant_of(site.root_page, inclusive=True)
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            for translation in site.root_page.get_translations():
                queryset |= base_queryset.descendant_of(translation, inclusive=True)
    return queryset


class ClinicPagesAPIViewSet(BoundedNumbersMixin, PagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    base_serializer_class = ClinicPageSerializer
    pagination_class = SparingPagination

    def get_base_queryset(self):
        request_site(self.request)  # the Site per content version, where Wagtail looks for it
        try:
            return public_pages(self.request)
        except ValueError as error:  # as Wagtail's: a bad `site` parameter
            raise BadRequestError(str(error)) from error

    def get_queryset(self):
        # Every page's URL needs its locale: one join instead of a query per page.
        queryset = super().get_queryset().select_related("locale")
        if issubclass(queryset.model, SitePageMixin):
            queryset = queryset.model.with_api_data(queryset)
        return queryset

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        requested = self.request.GET.get("fields", "")
        streams = [
            field.name
            for field in queryset.model._meta.get_fields()
            if isinstance(field, StreamField) and ("*" in requested or field.name in requested)
        ]
        if streams:
            prefetch_renditions(stream_images(pages, streams))
        return pages


class ClinicImagesAPIViewSet(BoundedNumbersMixin, ImagesAPIViewSet):
    renderer_classes = [JSONRenderer]
    pagination_class = SparingPagination
    # Alt text and renditions in listings too: a frontend rarely wants an image without them.
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["alt", "responsive"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("renditions")


class ClinicDocumentsAPIViewSet(BoundedNumbersMixin, DocumentsAPIViewSet):
    renderer_classes = [JSONRenderer]
    pagination_class = SparingPagination
