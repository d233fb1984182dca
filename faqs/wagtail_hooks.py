from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from faqs.api import OPENAPI_PATHS, OPENAPI_SCHEMAS, FAQsAPIViewSet
from faqs.models import FAQ, FAQCategory


class FAQViewSet(SnippetViewSet):
    model = FAQ
    icon = "help"
    menu_label = "Questions"
    list_display = ["question", "category", "sort_order", "live"]
    list_filter = ["category", "live"]
    # Searched with the database's own "contains" rather than the search index: the index
    # search fails on SQLite when limited to fields (django-modelsearch#47) and can't be
    # combined with the category filter. A few hundred FAQs at most, so this stays quick.
    search_backend_name = None
    search_fields = ["question", "answer"]


class FAQCategoryViewSet(SnippetViewSet):
    model = FAQCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "sort_order"]


class FAQGroup(SnippetViewSetGroup):
    items = (FAQViewSet, FAQCategoryViewSet)
    menu_icon = "help"
    menu_label = "FAQs"
    menu_order = 200


register_snippet(FAQGroup)


# --- The FAQs' part of the headless API (faqs/api.py) -------------------------------------------


@hooks.register("register_api_endpoint")
def faqs_api_endpoint():
    return "faqs", FAQsAPIViewSet


@hooks.register("register_openapi_schemas")
def faqs_openapi_schemas():
    return OPENAPI_SCHEMAS


@hooks.register("register_openapi_paths")
def faqs_openapi_paths():
    return OPENAPI_PATHS
