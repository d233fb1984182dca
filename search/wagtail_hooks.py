from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.api import API_URLS, OPENAPI_PATHS, OPENAPI_SCHEMAS
from search.models import SynonymGroup
from search.reports import search_terms_menu_item, search_terms_urls


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Search synonyms"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_terms_urls():
    return search_terms_urls()


@hooks.register("register_reports_menu_item")
def register_search_terms_report():
    return search_terms_menu_item()


@hooks.register("construct_reports_menu")
def hide_wagtails_own_search_terms_report(request, menu_items):
    # Wagtail's report counts hits that this site doesn't record; ours replaces it.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


# --- Search in the headless API (search/api.py) -------------------------------------------------


@hooks.register("register_api_urls")
def search_api_urls():
    return API_URLS


@hooks.register("register_openapi_schemas")
def search_openapi_schemas():
    return OPENAPI_SCHEMAS


@hooks.register("register_openapi_paths")
def search_openapi_paths():
    return OPENAPI_PATHS
