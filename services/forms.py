"""The service page's admin form: what must be true before a service page goes live."""

from clinic.review_forms import MedicalPageForm
from clinic.seo import META_DESCRIPTION_MISSING, lacks_required_meta_description


class ServicePageForm(MedicalPageForm):
    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        # Publishing and submitting need it; a draft saves without it (deferred validation),
        # so an editor's work in progress is never refused. Bulk "Publish" checks it too
        # (clinic/wagtail_hooks.py).
        if not self.is_deferred_validation and lacks_required_meta_description(self.instance):
            self.add_error("search_description", META_DESCRIPTION_MISSING)
