"""The admin list of consultation requests, with every look and every export audit-logged."""

from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log

VIEW_ACTION = "contact.view_requests"
EXPORT_ACTION = "contact.export_requests"


class AuditedSubmissionsListView(SubmissionsListView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            if self.is_export:
                action, data = EXPORT_ACTION, {"format": request.GET.get("export")}
            else:
                action, data = VIEW_ACTION, {"page_number": request.GET.get("p", "1")}
            log(instance=self.form_page, action=action, user=request.user, data=data)
        return response
