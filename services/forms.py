"""The service page's admin form: what must be true before a service page goes live."""

from clinic.review_forms import MedicalPageForm

META_DESCRIPTION_MISSING = (
    "Write a meta description (Promote tab): one or two sentences search engines show under "
    "this page's title."
)


class ServicePageForm(MedicalPageForm):
    def clean(self):
        cleaned_data = super().clean()
        # Publishing and submitting need it; a draft saves without it (deferred validation),
        # so an editor's work in progress is never refused.
        description = (cleaned_data.get("search_description") or "").strip()
        if not self.is_deferred_validation and not description:
            # Search engines show it under the page's title; a health page must say what it is.
            self.add_error("search_description", META_DESCRIPTION_MISSING)
        return cleaned_data
