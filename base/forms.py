"""The admin form of every page type: what must be true before a page goes live.

Publishing and submitting for review validate the whole form. Saving a draft defers these
errors, as Wagtail defers required fields, so an editor's work in progress is never refused.
Bulk "Publish" checks the same through the pages' `publishing_problems` hook
(base/wagtail_hooks.py).
"""

from wagtail.admin.forms import WagtailAdminPageForm

META_DESCRIPTION_MISSING = (
    "Write a meta description (Promote tab): one or two sentences search engines show under "
    "this page's title."
)


def lacks_required_meta_description(page) -> bool:
    """True for a page type that must have a meta description to go live (service pages: a
    health page must say what it is under its title in search results) and has none."""
    return page.meta_description_required and not (page.search_description or "").strip()


class BasePageForm(WagtailAdminPageForm):
    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if not self.is_deferred_validation and lacks_required_meta_description(self.instance):
            self.add_error("search_description", META_DESCRIPTION_MISSING)
