"""/api/v2/page_preview/?content_type=…&token=…: the draft a headless frontend previews.

The admin's Preview sends the editor to the frontend with a content type and a signed token
(base/preview.py); the frontend asks this endpoint for the draft and gets it in the same
JSON shape as /api/v2/pages/<id>/ (a page not saved yet has id 0). The token is the only key:
anyone holding it can read that one draft until it expires, like a "view draft" link.

Never cached anywhere (`Cache-Control: no-store`, no ETag): a draft changes with every edit,
and its URL holds the token. No token, a forged or expired one, or a page type that can't be
previewed: a 400 with a message; a valid token whose draft is gone: a 404. Never a draft then.
"""

from django.apps import apps
from django.core.signing import BadSignature, SignatureExpired
from django.http import Http404
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page

from api.pages import ClinicPagesAPIViewSet
from api.router import api_router
from base.preview import HeadlessPreviewMixin

QUERY_PARAMETERS = frozenset(["content_type", "token", "fields", "rich_text_format"])
PRESS_PREVIEW_AGAIN = "press Preview in the admin again for a fresh link"


def previewable_page_model(content_type: str) -> type[Page]:
    """The page model named `app_label.model` (as in the preview URL) if it can be previewed."""
    try:
        app_label, model_name = content_type.split(".")
        model = apps.get_model(app_label, model_name)
    except (ValueError, LookupError):
        model = None
    if model is None or not issubclass(model, HeadlessPreviewMixin) or not issubclass(model, Page):
        raise BadRequestError(
            f"content_type is not a page type that can be previewed: {content_type[:100]}"
        )
    return model


class PagePreviewAPIViewSet(ClinicPagesAPIViewSet):
    def preview_view(self, request):
        unknown = sorted(set(request.GET) - QUERY_PARAMETERS)
        if unknown:
            raise BadRequestError(f"query parameter is not recognised: {', '.join(unknown)}")
        serializer = self.get_serializer(self.get_object())
        return Response(serializer.data)

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            self._cached_object = self.find_draft()
        return self._cached_object

    def find_draft(self) -> Page:
        content_type = self.request.GET.get("content_type", "")
        token = self.request.GET.get("token", "")
        if not content_type or not token:
            raise BadRequestError(
                "content_type and token are required: open the preview from the admin's Preview"
            )
        model = previewable_page_model(content_type)
        try:
            page = model.get_page_from_preview_token(token)
        except SignatureExpired as error:
            raise BadRequestError(
                f"the preview token has expired: {PRESS_PREVIEW_AGAIN}"
            ) from error
        except BadSignature as error:
            raise BadRequestError("the preview token is not valid") from error
        if page is None:
            raise Http404(f"no draft is stored under this preview token: {PRESS_PREVIEW_AGAIN}")
        if page.pk is None:
            # A page being created: the serializer's detail_url needs a number.
            page.pk = page.id = 0
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Errors too; api/http_cache.py then adds no ETag and no other Cache-Control.
        response["Cache-Control"] = "no-store"
        return response

    @classmethod
    def as_preview_view(cls):
        """The view for api/urls.py, with the API router the serializers need for nested URLs."""
        return api_router.wrap_view(cls.as_view({"get": "preview_view"}))
