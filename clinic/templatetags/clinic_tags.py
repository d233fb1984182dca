from django import template

register = template.Library()


@register.filter
def is_current_section(request_path: str, menu_url: str) -> bool:
    """True when the visitor is on a menu page or below it, so the menu can mark it current."""
    if not menu_url or menu_url == "/":
        return request_path == menu_url
    return request_path.startswith(menu_url)
