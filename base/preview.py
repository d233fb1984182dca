"""Headless preview for page models: "Preview" in the admin opens the frontend on the draft.

With settings.HEADLESS_PREVIEW_URL set (DJANGO_HEADLESS_PREVIEW_URL), previewing a page of a
type with this mixin (the preview panel, "Preview in new tab", "View draft", a revision) stores
the draft under a signed token (wagtail-headless-preview's PagePreview) and redirects to
`<HEADLESS_PREVIEW_URL>?content_type=services.servicepage&token=…`. The frontend then reads the
draft from /api/v2/page_preview/ (api/preview.py). Without the setting, and for a page type's
other preview modes (the contact page's thank-you page), Wagtail renders the preview with the
site's templates exactly as before.

Every page type gets it from base/models.py. Kept apart from the endpoint (api/preview.py):
page models import this module while Django is still loading models, too early for Wagtail's
API views.
"""

from django.conf import settings
from django.utils.http import urlencode
from wagtail_headless_preview.models import HeadlessPreviewMixin as PackageHeadlessPreviewMixin
from wagtail_headless_preview.models import PagePreview


def headless_preview_enabled() -> bool:
    return bool(settings.HEADLESS_PREVIEW_URL)


class HeadlessPreviewMixin(PackageHeadlessPreviewMixin):
    """In a page model's bases, before Page (base/models.py's SitePageMixin has it)."""

    def serve_preview(self, request, mode_name):
        if not headless_preview_enabled() or mode_name != self.default_preview_mode:
            # Skip the package's mixin: Wagtail's own preview, rendered by our templates.
            return super(PackageHeadlessPreviewMixin, self).serve_preview(request, mode_name)
        return super().serve_preview(request, mode_name)

    def get_client_root_url(self, request) -> str:
        # Read per request (not the package's cached settings), so tests can switch it.
        return settings.HEADLESS_PREVIEW_URL

    def get_preview_url(self, request, token: str) -> str:
        url = self.get_client_root_url(request)
        query = urlencode({"content_type": self.get_content_type_str(), "token": token})
        # The frontend's URL may already carry a query, e.g. ?api=https://cms.example.
        return f"{url}{'&' if '?' in url else '?'}{query}"

    @classmethod
    def get_page_from_preview_token(cls, token: str):
        """The draft stored under `token`, or None if none is (any more).

        Raises django.core.signing.BadSignature for a forged or damaged token and its subclass
        SignatureExpired for one older than settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE (the
        package itself never lets a token expire).
        """
        cls.get_preview_signer().unsign(token, max_age=settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE)
        preview = PagePreview.objects.filter(
            content_type__app_label=cls._meta.app_label,
            content_type__model=cls._meta.model_name,
            token=token,
        ).first()
        return preview.as_page() if preview else None
