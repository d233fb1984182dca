from django import template

register = template.Library()


@register.filter
def menu_current(request_path: str, menu_url: str) -> str:
    """The aria-current value of a menu link: "page" on the page itself, "true" below it.

    Only links to the page itself may say "page" (on a page deeper than the menu, that is the
    breadcrumb's last link); a menu section the visitor is inside is "true". "" for any other
    link (the template then leaves the attribute out).
    """
    if not menu_url:
        return ""
    if request_path == menu_url:
        return "page"
    if menu_url != "/" and request_path.startswith(menu_url):
        return "true"
    return ""
