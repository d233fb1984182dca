"""A JSON 404 for any URL under /api/v2/ that no endpoint answers (e.g. `/api/v2/pages/x/`).

Without it Django answers with the site's HTML "page not found" page, which a frontend's JSON
parser chokes on; every answer under /api/v2/ is JSON, errors included.
"""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt


# Exempt: it changes nothing, and a POST to a mistyped URL deserves this 404, not a CSRF 403.
@csrf_exempt
def api_not_found(request, unmatched_path=""):
    return JsonResponse(
        {"message": "There is no API endpoint at this URL; the list is at /api/v2/docs/."},
        status=404,
    )
