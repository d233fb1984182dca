"""The 500 page. It must render even when the database is what failed."""

import logging

from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from wagtail.models import Site

from clinic.context_processors import clinic_settings_for_site

logger = logging.getLogger(__name__)


def clinic_settings_or_none(request):
    """The clinic's contact details if they can be read, so the error page can show the phone."""
    try:
        return clinic_settings_for_site(Site.find_for_request(request))
    except Exception:  # the database may be the thing that is down
        logger.warning("500 page rendered without clinic settings", exc_info=True)
        return None


def server_error(request):
    if request.path.startswith("/api/"):
        # API clients expect JSON, even when something went wrong on our side.
        return JsonResponse({"message": "Something went wrong on our side."}, status=500)
    template = loader.get_template("500.html")
    context = {"clinic": clinic_settings_or_none(request)}
    return HttpResponseServerError(template.render(context))
