"""Clinical review in the admin: the reviews-due report and dashboard panel, and the claims
check's warning on saved drafts. (Bulk publishing asks each page's `publishing_problems`
hook: base/wagtail_hooks.py.)"""

from wagtail import hooks
from wagtail.admin import messages

from review.api import OPENAPI_SCHEMAS
from review.claims import check_claims
from review.models import ClaimsCheckSettings
from review.reports import VIEW_PERMISSION as REVIEWS_PERMISSION
from review.reports import (
    ClinicalReviewsDuePanel,
    clinical_reviews_menu_item,
    clinical_reviews_urls,
    reviews_due,
)


@hooks.register("register_admin_urls")
def register_clinical_reviews_urls():
    return clinical_reviews_urls()


@hooks.register("register_reports_menu_item")
def register_clinical_reviews_report():
    return clinical_reviews_menu_item()


@hooks.register("construct_homepage_panels")
def add_clinical_reviews_panel(request, panels):
    if request.user.has_perm(REVIEWS_PERMISSION):
        panels.append(ClinicalReviewsDuePanel(reviews_due()))


def warn_about_claims(request, page):
    """A draft may hold a banned phrase (publishing it can't): say so after saving."""
    page = page.specific
    if not getattr(page, "is_medical_content", False) or not request.accepts("text/html"):
        return  # Wagtail's autosave asks for JSON: no messages piling up for later
    for problem in check_claims(page, ClaimsCheckSettings.phrases_for(page.get_site())):
        messages.warning(request, f"Claims check: {problem.message} It can't be published yet.")


hooks.register("after_create_page", warn_about_claims)
hooks.register("after_edit_page", warn_about_claims)


@hooks.register("register_openapi_schemas")
def review_openapi_schemas():
    return OPENAPI_SCHEMAS
