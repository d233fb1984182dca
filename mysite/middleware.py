"""Security headers that differ between the public site and the Wagtail admin.

Public pages get the strict policy in settings.CONTENT_SECURITY_POLICY and `X-Frame-Options: DENY`.
The admin (settings.ADMIN_URL_PREFIX) renders inline scripts and styles and shows page previews
in same-origin iframes, so it gets settings.ADMIN_CONTENT_SECURITY_POLICY and SAMEORIGIN instead.

Page previews (/admin/pages/<id>/edit/preview/, view_draft) render the public page through the
whole middleware stack a second time with the page's own URL, so their response arrives carrying
the public headers: for admin URLs the admin's values replace whatever is there.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_request(request) -> bool:
    return request.path_info.startswith(settings.ADMIN_URL_PREFIX)


class ClinicCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy for admin URLs."""

    def process_response(self, request, response):
        if is_admin_request(request):
            response.headers.pop(HEADER, None)  # a preview's public policy would block its iframe
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_request(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class AdminFramingMiddleware:
    """`X-Frame-Options: SAMEORIGIN` for the admin (its preview iframes); DENY stays elsewhere.

    Listed after Django's XFrameOptionsMiddleware, so it sees the response first and that
    middleware, finding the header set, leaves it alone. (Django's own middleware stays in
    MIDDLEWARE: `check --deploy` looks for it by name.) It replaces a DENY a page preview
    brought with it; a view marked @xframe_options_exempt keeps its choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_admin_request(request) and not getattr(response, "xframe_options_exempt", False):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
