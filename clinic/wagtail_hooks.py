from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from clinic.models import Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "user"
    menu_label = "Providers"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "role"]
    search_fields = ["name", "role"]


register_snippet(ProviderViewSet)
