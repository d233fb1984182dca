"""The contact page and its consultation request form.

Marketers edit the form's fields, labels, help text and thank-you message in the admin
(Wagtail's form builder). What a visitor sends is health information, so:
- it is stored before anything else happens, and the visitor sees success once it is stored;
- the notification email says only that a request arrived, with a link to the admin;
- only the "Front desk" group can read it (see contact/wagtail_hooks.py);
- it is deleted after CONSULTATION_RETENTION_DAYS (`manage.py purge_submissions`).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.fields import RichTextField
from wagtail.search import index

from base.content import register_content
from base.models import BaseFormPage
from base.openapi import SEO_SCHEMA, TEXT
from base.search_document import SearchDocument, page_document
from base.serializers import SeoField
from clinic.blocks import RICH_TEXT_FEATURES
from contact.consent import ConsentWording
from contact.forms import OWN_FIELD_NAMES, ConsultationFormBuilder
from contact.protection import count_stored_request, guard_submission
from contact.tasks import schedule_notification
from services.models import ServicePage

EXTRA_FIELD_TYPES = (
    ("tel", "Phone number"),
    ("service", "Service of interest (lists the published service pages)"),
)
# Wagtail's field types that list the marketer's choices (the service list lists pages).
CHOICE_FIELD_TYPES = {"dropdown", "multiselect", "radio", "checkboxes"}

AUTOCOMPLETE_CHOICES = [
    ("", "None"),
    ("name", "Full name"),
    ("email", "Email address"),
    ("tel", "Phone number"),
]


class ContactPage(BaseFormPage):
    intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence or two at the top, e.g. how soon the team answers.",
    )
    directions = models.TextField(
        max_length=600,
        blank=True,
        help_text="Optional: how to find the clinic, parking, accessibility of the entrance.",
    )
    form_heading = models.CharField(
        max_length=120,
        default="Request a consultation",
        help_text="Heading above the consultation form.",
    )
    form_intro = models.TextField(
        max_length=500,
        blank=True,
        help_text="A sentence above the form, e.g. 'We reply within one working day.'",
    )
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown after sending: what happens next and when the clinic will reply.",
    )
    notification_email = models.EmailField(
        blank=True,
        help_text=(
            "Who is told that a new request arrived. The email never contains what the "
            "visitor wrote, only a link to read it in the admin. Leave empty for no email."
        ),
    )

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        FieldPanel("directions"),
        MultiFieldPanel(
            [
                FieldPanel("form_heading"),
                FieldPanel("form_intro"),
                InlinePanel("form_fields", label="Form field"),
                FieldPanel("thank_you_text"),
            ],
            heading="Consultation form",
            help_text=(
                "The consent tick box is always added at the end; its words are in "
                "Snippets → Consent wording."
            ),
        ),
        FieldPanel("notification_email"),
    ]
    search_fields = BaseFormPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("directions"),
    ]

    # Headless API (docs/api.md). Not notification_email: a staff address isn't public. The
    # form itself is described and submitted at /api/v2/forms/<this id>/.
    api_fields = [
        APIField("intro"),
        APIField("directions"),
        APIField("form_heading"),
        APIField("form_intro"),
        APIField("thank_you_text"),
        APIField("seo", serializer=SeoField(source="*")),
    ]
    api_schema = {  # each api_field's JSON Schema, for the OpenAPI description
        "intro": TEXT,
        "directions": TEXT,
        "form_heading": TEXT,
        "form_intro": TEXT,
        "thank_you_text": TEXT,
        "seo": SEO_SCHEMA,
    }

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/contact_page.html"
    landing_page_template = "pages/contact_page_landing.html"
    form_builder = ConsultationFormBuilder

    @property
    def submissions_list_view_class(self):
        # Imported when asked for: Wagtail's form views can't be imported while models load.
        from contact.views import AuditedSubmissionsListView

        return AuditedSubmissionsListView

    class Meta:
        verbose_name = "contact page"

    def summary_text(self) -> str:
        return self.intro

    def search_document(self) -> SearchDocument:
        return page_document(self, body_text=[self.directions])

    def get_submission_class(self):
        return ConsultationRequest

    def get_data_fields(self):
        return super().get_data_fields() + [
            ("consent_version", "Consent version"),
            ("consented_at", "Consented at"),
        ]

    def process_form_submission(self, form):
        """Store first, notify second: the email is sent only once the request is saved."""
        submission = ConsultationRequest.objects.create(
            form_data=form.submitted_data(),
            page=self,
            consent_wording=form.consent_wording,
            consented_at=timezone.now(),
        )
        transaction.on_commit(lambda: schedule_notification(submission.pk))
        return submission

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            refusal = guard_submission(self, request)
            if refusal is not None:
                return refusal
        response = super().serve(request, *args, **kwargs)
        if request.method == "POST" and response.context_data.get("form_submission"):
            count_stored_request(request)
        return response


class ConsultationFormField(AbstractFormField):
    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name="field type",
        max_length=16,
        choices=FORM_FIELD_CHOICES + EXTRA_FIELD_TYPES,
        help_text="What kind of answer the field takes.",
    )
    autocomplete = models.CharField(
        max_length=20,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text="Lets browsers fill the field in for the visitor (accessibility).",
    )

    field_type.required_on_save = True  # previews need it, as in Wagtail's own model
    required = models.BooleanField(
        default=True, help_text="Tick if the visitor must fill this in to send the form."
    )
    help_text = models.CharField(
        max_length=255,
        blank=True,
        help_text="A hint shown under the label, e.g. 'Include your area code'.",
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldRowPanel(
            [
                FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
                FieldPanel("autocomplete"),
            ]
        ),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = "form field"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.field_type in CHOICE_FIELD_TYPES and not self.choices.strip():
            # A required one could never be answered, so no visitor could send the form.
            errors["choices"] = "Add the choices the visitor picks from, one per line."
        # The name the form uses: Wagtail keeps a field's first name when its label changes.
        if (self.clean_name or get_field_clean_name(self.label or "")) in OWN_FIELD_NAMES:
            errors["label"] = (
                "Every form already has this field (the consent box and the spam checks), so "
                "choose another label."
            )
        if errors:
            raise ValidationError(errors)


class ConsultationRequest(AbstractFormSubmission):
    """One visitor's request, with the consent wording version they agreed to and when."""

    # Deleting the contact page must never silently delete patients' requests with it
    # (Wagtail's default is CASCADE): they go only through `purge_submissions`.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.PROTECT, related_name="+")

    consent_wording = models.ForeignKey(
        ConsentWording, on_delete=models.PROTECT, related_name="submissions"
    )
    consented_at = models.DateTimeField()

    class Meta:
        verbose_name = "consultation request"

    def get_data(self):
        return {
            **super().get_data(),
            "consent_version": self.consent_wording_id,
            "consented_at": self.consented_at,
        }


# Where else contact pages show content, for the publishing event (base/content.py): the form
# lists the services, and its consent box the consent wording.
register_content(ServicePage, shown_on=lambda page: ContactPage.objects.live())
register_content(ConsentWording, shown_on=lambda wording: ContactPage.objects.live())
