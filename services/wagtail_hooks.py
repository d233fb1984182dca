"""The services' part of the headless API's description (services/api.py)."""

from wagtail import hooks

from services.api import OPENAPI_SCHEMAS


@hooks.register("register_openapi_schemas")
def services_openapi_schemas():
    return OPENAPI_SCHEMAS
