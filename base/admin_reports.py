"""What the clinic's admin reports share: one permission to open them, their URLs, their menu
item (shown only to those who may open the report). Used by "Clinical reviews due"
(review/reports.py) and "Search terms" (search/reports.py)."""

from django.urls import path, reverse
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView


class PermissionReportView(ReportView):
    """A report only users with `permission` may open (everyone else gets the admin's 403)."""

    permission = ""  # "app_label.codename"

    def get_filtered_queryset(self):
        return self.get_queryset()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def report_urls(view: type[PermissionReportView], route: str) -> list:
    """The report's page and the results-only URL its filters reload, under `route`."""
    return [
        path(route, view.as_view(), name=view.index_url_name),
        path(f"{route}results/", view.as_view(results_only=True), name=view.index_results_url_name),
    ]


def report_menu_item(
    view: type[PermissionReportView], label: str, name: str, order: int
) -> PermissionMenuItem:
    return PermissionMenuItem(
        label,
        reverse(view.index_url_name),
        name=name,
        icon_name=view.header_icon,
        order=order,
        permission=view.permission,
    )
