"""The consultation form: the marketers' fields, plus what every submission needs.

Every form gets, whatever the marketers configured:
- the consent tick box (unticked, required), worded by the current ConsentWording;
- a honeypot field people never see and bots fill in;
- a signed "started at" stamp, so a form sent faster than a person could type is refused.
"""

import re
import time

from django import forms
from django.core import signing
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from contact.consent import ConsentWording
from services.models import ServicePage

MIN_SECONDS_TO_FILL = 3
MAX_SECONDS_TO_FILL = 24 * 60 * 60
STARTED_SALT = "contact.consultation-form.started"
HONEYPOT_FIELD = "website"  # a name bots like to fill in
# The names of the fields every form gets; a marketer's field with one of them would vanish.
OWN_FIELD_NAMES = frozenset({"consent", "consent_version", HONEYPOT_FIELD, "started"})
NOT_SURE = "Not sure yet"


def service_choices() -> list[tuple[str, str]]:
    titles = ServicePage.objects.live().public().order_by("title").values_list("title", flat=True)
    return [("", "Choose a service")] + [(t, t) for t in titles] + [(NOT_SURE, NOT_SURE)]


def validate_phone_number(value: str) -> None:
    if value and not 7 <= len(re.sub(r"\D", "", value)) <= 15:
        raise forms.ValidationError("Enter a phone number with 7 to 15 digits.")


class ConsultationForm(BaseForm):
    """The base class the form builder puts the marketers' fields on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_wording = self.shown_consent_wording() or ConsentWording.current()
        self.fields["consent"] = forms.BooleanField(
            required=True,
            label=self.consent_wording.text if self.consent_wording else "I agree",
            error_messages={"required": "Please tick the box to agree, so we can reply to you."},
        )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields["consent_version"] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial=self.consent_wording.pk if self.consent_wording else "",
        )
        self.fields["started"] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial=signing.dumps(time.time(), salt=STARTED_SALT),
        )

    def shown_consent_wording(self):
        """The wording the visitor was shown, if it changed while they typed.

        Only a version that was current within the form's lifetime counts, so a sender can't
        pick an old wording to agree to.
        """
        shown = str(self.data.get("consent_version") or "") if self.is_bound else ""
        if not re.fullmatch(r"[0-9]{1,9}", shown):
            return None
        wording = ConsentWording.objects.filter(pk=int(shown)).first()
        current = ConsentWording.current()
        if wording is None or wording == current:
            return wording
        replaced_by = ConsentWording.objects.filter(pk__gt=wording.pk).order_by("pk").first()
        recently_current = replaced_by and (
            time.time() - replaced_by.created_at.timestamp() < MAX_SECONDS_TO_FILL
        )
        return wording if recently_current else None

    def seconds_taken(self) -> float | None:
        """How long since the form was shown, or None if the stamp is missing or forged."""
        try:
            started = signing.loads(self.data.get("started", ""), salt=STARTED_SALT)
            return time.time() - float(started)
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        taken = self.seconds_taken()
        if taken is None or taken > MAX_SECONDS_TO_FILL:
            # The form goes back with a fresh stamp: sending it again must work, or a visitor
            # whose page stayed open overnight (or was shown before a new SECRET_KEY) could
            # never send what they typed without losing it to a reload.
            self.restamp()
        if taken is None or taken < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(
                "That was quicker than we expected. Please check your details and send again.",
                code="too_fast",
            )
        if taken > MAX_SECONDS_TO_FILL:
            raise forms.ValidationError(
                "This form was open for a long time. Please check your details and send again.",
                code="expired",
            )
        if self.consent_wording is None:
            raise forms.ValidationError("The form can't be sent right now. Please call us.")
        return cleaned

    def restamp(self) -> None:
        """Put a fresh "started at" stamp in the bound data the form is shown again with."""
        self.data = self.data.copy()  # a request's QueryDict can't be changed in place
        self.data["started"] = signing.dumps(time.time(), salt=STARTED_SALT)

    def submitted_data(self) -> dict:
        """What is stored: the visitor's answers, without the form's own machinery."""
        return {
            name: value for name, value in self.cleaned_data.items() if name not in OWN_FIELD_NAMES
        }


class ConsultationFormBuilder(FormBuilder):
    def create_tel_field(self, field, options):
        options["max_length"] = 30
        options["validators"] = [validate_phone_number]
        return forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}), **options)

    def create_service_field(self, field, options):
        options.pop("initial", None)
        # Read once per form (the builder runs per request, so a new service shows at once);
        # a callable would be read again each time the choices are iterated: twice a render.
        return forms.ChoiceField(choices=service_choices(), **options)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        if field.field_type in {"singleline", "multiline"}:
            options["max_length"] = 255 if field.field_type == "singleline" else 4000
        return options

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            autocomplete = getattr(field, "autocomplete", "")
            form_field = formfields.get(field.clean_name or field.get_field_clean_name())
            if autocomplete and form_field is not None:
                form_field.widget.attrs["autocomplete"] = autocomplete
        return formfields

    def get_form_class(self):
        return type("ConsultationRequestForm", (ConsultationForm,), self.formfields)
