"""/api/v2/openapi.json (the description, for machines) and /api/v2/docs/ (the same, for people)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from api.openapi import openapi_document
from api.openapi.reference import markdown_lite, schema_tables, sections
from base.api import unknown_parameters_response


@require_safe
def openapi_json(request):
    """The OpenAPI 3.1 description. Cached like every API answer (ETag, Cache-Control)."""
    error = unknown_parameters_response(request)
    if error:
        return error
    return JsonResponse(openapi_document(), json_dumps_params={"indent": 2, "ensure_ascii": False})


@require_safe
def api_docs(request):
    """The human reference: server-rendered from the same document, no script at all.

    Query parameters are ignored (a link with a tracking parameter still opens the page)."""
    document = openapi_document()
    return render(
        request,
        "pages/api_docs.html",
        {
            "info": document["info"],
            "introduction": markdown_lite(document["info"]["description"]),
            "server_url": document["servers"][0]["url"],
            "sections": sections(document),
            "schemas": schema_tables(document),
        },
    )
