from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from faqs.models import FAQ, FAQCategory


class FAQViewSet(SnippetViewSet):
    model = FAQ
    icon = "help"
    menu_label = "Questions"
    list_display = ["question", "category", "sort_order", "live"]
    list_filter = ["category", "live"]
    search_fields = ["question"]


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
