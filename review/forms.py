"""The admin form of medical pages: the claims check runs before anything can go live.

Publishing, submitting to the clinical review workflow and workflow actions from the editor
validate the whole form; a banned phrase or a missing disclaimer then shows as an error on the
field that holds it (or above the form, for StreamField blocks and inline rows), naming the
phrase and the field. Saving a draft defers these errors, as Wagtail defers required fields, so
work in progress is never lost: the editor sees them as a warning after saving
(review/wagtail_hooks.py; Wagtail's autosave stays quiet).
"""

from wagtail.blocks.base import BlockField

from base.forms import BasePageForm
from review.claims import check_claims
from review.models import ClaimsCheckSettings


class MedicalPageForm(BasePageForm):
    def _post_clean(self):
        super()._post_clean()  # the instance now holds the submitted values
        if self.is_deferred_validation or not self.instance.is_medical_content:
            return
        site = self.parent_page.get_site() if self.parent_page else None
        phrases = ClaimsCheckSettings.phrases_for(site)
        problems = check_claims(self.instance, phrases, self._submitted_rows())
        for problem in problems:
            self.add_error(self._error_field(problem.field_name), problem.message)

    def _error_field(self, name: str) -> str | None:
        field = self.fields.get(name)
        if field is None or self.has_error(name):
            return None
        if isinstance(field, BlockField):
            # A StreamField shows errors per block; a whole-field message goes above the form.
            return None
        return name

    def _submitted_rows(self) -> dict:
        """The inline rows (e.g. steps) as submitted, left out when marked for deletion."""
        rows = {}
        for name, formset in self.formsets.items():
            formset.is_valid()  # cleans the rows' forms, filling their instances
            rows[name] = [
                form.instance
                for form in formset.forms
                if not (formset.can_delete and formset._should_delete_form(form))
            ]
        return rows
