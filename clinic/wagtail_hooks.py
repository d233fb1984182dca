from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.api import API_URLS, OPENAPI_PATHS, OPENAPI_SCHEMAS
from clinic.models import Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "user"
    menu_label = "Providers"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role"]
    search_backend_name = None  # the database's "contains", as for FAQs (faqs/wagtail_hooks.py)
    search_fields = ["name", "role"]


register_snippet(ProviderViewSet)


# --- The practice's part of the headless API (clinic/api.py) ------------------------------------


@hooks.register("register_api_urls")
def clinic_api_urls():
    return API_URLS


@hooks.register("register_openapi_schemas")
def clinic_openapi_schemas():
    return OPENAPI_SCHEMAS


@hooks.register("register_openapi_paths")
def clinic_openapi_paths():
    return OPENAPI_PATHS
