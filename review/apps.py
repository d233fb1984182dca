from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """Clinical governance: review fields and sources, the Clinical review workflow, the claims
    check and the reviews-due report. Below the content apps, above the practice (clinic)."""

    name = "review"
    verbose_name = "Clinical review"
