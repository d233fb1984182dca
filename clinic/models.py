"""The practice itself: its images, its contact details and opening hours, its providers."""

import io
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils.dateformat import time_format
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from PIL import Image as PILImage
from PIL import ImageOps
from rest_framework.fields import CharField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from base.content import register_content
from clinic.images import ResponsiveImageField
from clinic.structured_data import clinic_id, clinic_node


class ClinicImage(AbstractImage):
    """Every image on the site.

    Alt text is required: a screen-reader user must never hear a filename.
    """

    # Wagtail already uses `description` as an image's default alt text everywhere (templates,
    # rich text, the API); we make it required and name it for what it is, rather than adding a
    # second field editors would have to keep in sync.
    description = models.CharField(
        max_length=255,
        verbose_name="alt text",
        help_text=(
            "Describe what the image shows for people who can't see it, e.g. "
            "'A clinician preparing a blood sample in a centrifuge'. Don't start with 'Image of'."
        ),
    )

    admin_form_fields = Image.admin_form_fields

    # Headless API (/api/v2/images/): the alt text and srcset-ready renditions (clinic/images.py).
    api_fields = [
        APIField("alt", serializer=CharField(source="description", read_only=True)),
        APIField("responsive", serializer=ResponsiveImageField(source="*")),
    ]

    @property
    def alt_text(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        # A newly uploaded file (not yet in storage) loses its EXIF/XMP metadata before it is
        # stored: phone photos carry GPS position, time and device, and these may be patients.
        if self.file and not self.file._committed:
            cleaned = without_metadata(self.file)
            if cleaned is not None:
                self.file = cleaned
                self._set_image_file_metadata()  # size and hash of what is actually stored
        super().save(*args, **kwargs)

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


# Metadata that can say where and when a photo was taken, and with which device.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp")


def without_metadata(file) -> ContentFile | None:
    """The image re-encoded without EXIF/XMP metadata, or None if it has none (or can't be read).

    The EXIF orientation is applied to the pixels first, so the photo still looks the right way
    up. Animated images are left alone (re-encoding would risk their frames); unreadable files
    are left to Wagtail's own validation.
    """
    file.seek(0)
    try:
        with PILImage.open(file) as original:
            # Many phones write MPO: a JPEG with extra pictures (depth maps, previews). The
            # first picture is the photo; store it as the plain JPEG browsers show anyway.
            image_format = "JPEG" if original.format == "MPO" else original.format
            exif = original.getexif()
            has_metadata = bool(exif) or any(key in original.info for key in METADATA_KEYS)
            animated = getattr(original, "n_frames", 1) > 1 and original.format != "MPO"
            if not has_metadata or animated:
                return None
            image = ImageOps.exif_transpose(original)
            image.load()
    except (OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(0)
    for key in METADATA_KEYS:
        image.info.pop(key, None)
    options = {"exif": b""}
    if image_format == "JPEG":
        options["quality"] = 95
    if "icc_profile" in image.info:  # colour profile: not personal, and keeps colours right
        options["icc_profile"] = image.info["icc_profile"]
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return ContentFile(buffer.getvalue(), name=Path(file.name).name)


class ClinicRendition(AbstractRendition):
    image = models.ForeignKey(ClinicImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


def phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def validate_phone(phone: str) -> None:
    if not 7 <= len(phone_digits(phone)) <= 15:
        raise ValidationError("Enter a phone number with 7 to 15 digits, e.g. (310) 975-9785.")


@register_setting(icon="home")
class ClinicSettings(ClusterableModel, BaseSiteSetting):
    """Contact details shown in the header, the footer and on the contact page."""

    clinic_name = models.CharField(
        max_length=120,
        help_text="The practice's name as patients know it. Shown in the header and page titles.",
    )
    phone = models.CharField(
        max_length=30,
        validators=[validate_phone],
        help_text="Main phone number, written as patients should read it, e.g. (310) 975-9785.",
    )
    email = models.EmailField(
        blank=True,
        help_text="Public email address for general questions. Leave empty to show none.",
    )
    street_address = models.CharField(
        max_length=200, blank=True, help_text="Street and number, e.g. 123 Main Street, Suite 4."
    )
    locality = models.CharField(max_length=100, blank=True, help_text="City, e.g. Los Angeles.")
    region = models.CharField(max_length=100, blank=True, help_text="State, e.g. CA.")
    postal_code = models.CharField(max_length=20, blank=True, help_text="ZIP code, e.g. 90001.")
    country = models.CharField(
        max_length=2, default="US", help_text="Two-letter country code, e.g. US."
    )
    hours_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional note under the opening hours, e.g. 'Closed on public holidays'.",
    )
    booking_url = models.URLField(
        blank=True,
        help_text=(
            "Link to an online booking system, if the clinic uses one. "
            "Leave empty and the 'Book a consultation' buttons lead to the contact page."
        ),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The page with the clinic's contact details. 'Book a consultation' buttons lead here."
        ),
    )
    instagram_url = models.URLField(blank=True, help_text="Full Instagram profile link.")
    youtube_url = models.URLField(blank=True, help_text="Full YouTube channel link.")
    facebook_url = models.URLField(blank=True, help_text="Full Facebook page link.")
    linkedin_url = models.URLField(blank=True, help_text="Full LinkedIn page link.")
    default_share_image = models.ForeignKey(
        ClinicImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown when a page without its own image is shared on social media or in messages. "
            "Choose a wide image (at least 1200 × 630 pixels), nothing important near the edges."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("clinic_name"), FieldPanel("phone"), FieldPanel("email")],
            heading="Name and contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("locality"),
                FieldPanel("region"),
                FieldPanel("postal_code"),
                FieldPanel("country"),
            ],
            heading="Address",
        ),
        InlinePanel(
            "opening_hours",
            heading="Opening hours",
            label="Opening time",
            help_text="Add a row per day the clinic is open. Days without a row show as closed.",
        ),
        FieldPanel("hours_note"),
        MultiFieldPanel([FieldPanel("booking_url"), FieldPanel("contact_page")], heading="Booking"),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
            ],
            heading="Social media",
        ),
        FieldPanel("default_share_image"),
    ]

    # Settings are read on every page: fetch the contact page in the same query.
    select_related = ["contact_page", "default_share_image"]

    class Meta:
        verbose_name = "clinic details"

    def __str__(self) -> str:
        return self.clinic_name or "Clinic details"

    # --- The site's publisher (base/structured_data.py's Publisher): every page names it -----

    @property
    def site_name(self) -> str:
        return self.clinic_name

    @property
    def graph_id(self) -> str:
        return clinic_id()

    def graph_node(self, offers: list[dict]) -> dict:
        return clinic_node(self, offers)

    @property
    def phone_href(self) -> str:
        """The phone as a `tel:` link; a 10-digit number is taken as North American (+1)."""
        digits = phone_digits(self.phone)
        if self.phone.strip().startswith("+"):
            return f"tel:+{digits}"
        if len(digits) == 10:
            return f"tel:+1{digits}"
        return f"tel:{digits}"

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(part for part in [self.region, self.postal_code] if part)
        city_line = ", ".join(part for part in [self.locality, city_line] if part)
        return [line for line in [self.street_address, city_line] if line]

    @property
    def social_links(self) -> list[tuple[str, str]]:
        """(network name, URL) for every network the clinic has filled in, in a fixed order."""
        links = [
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(name, url) for name, url in links if url]

    @property
    def booking_link(self) -> str:
        """Where 'Book a consultation' leads: the booking system, else the contact page."""
        if self.booking_url:
            return self.booking_url
        if self.contact_page_id and self.contact_page.live:
            return self.contact_page.url
        return ""

    def weekly_hours(self) -> list[dict]:
        """Monday to Sunday, each with its opening times as text, 'Closed' where none."""
        rows_by_day: dict[int, list[OpeningHours]] = {}
        for row in self.opening_hours.all():
            rows_by_day.setdefault(row.weekday, []).append(row)
        week = []
        for number, name in OpeningHours.WEEKDAYS:
            open_rows = sorted(
                (row for row in rows_by_day.get(number, []) if not row.closed),
                key=lambda row: row.opens,
            )
            week.append(
                {
                    "weekday": number,
                    "name": name,
                    "is_open": bool(open_rows),
                    "intervals": [(row.opens, row.closes) for row in open_rows],
                    "text": ", ".join(row.interval_text for row in open_rows) or "Closed",
                }
            )
        return week


class OpeningHours(Orderable):
    """One opening interval on one weekday. Two rows on a day make a lunch break."""

    WEEKDAYS = [
        (0, "Monday"),
        (1, "Tuesday"),
        (2, "Wednesday"),
        (3, "Thursday"),
        (4, "Friday"),
        (5, "Saturday"),
        (6, "Sunday"),
    ]

    settings = ParentalKey(ClinicSettings, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS, help_text="Day of the week.")
    closed = models.BooleanField(
        default=False, help_text="Tick to show this day as closed (times are then ignored)."
    )
    opens = models.TimeField(null=True, blank=True, help_text="Opening time, e.g. 09:00.")
    closes = models.TimeField(null=True, blank=True, help_text="Closing time, e.g. 17:00.")

    panels = [
        FieldPanel("weekday"),
        FieldPanel("closed"),
        FieldPanel("opens"),
        FieldPanel("closes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "opening time"
        verbose_name_plural = "opening hours"

    def clean(self) -> None:
        if self.closed:
            return
        if self.opens is None or self.closes is None:
            raise ValidationError("Enter both an opening and a closing time, or tick 'closed'.")
        if self.closes <= self.opens:
            raise ValidationError({"closes": "The closing time must be after the opening time."})

    @property
    def interval_text(self) -> str:
        return f"{time_format(self.opens, 'g:i A')} – {time_format(self.closes, 'g:i A')}"


class Provider(index.Indexed, models.Model):
    """A clinician at the practice. Later also the medical reviewer of health pages."""

    name = models.CharField(max_length=120, help_text="Full name as patients should see it.")
    credentials = models.CharField(
        max_length=120,
        blank=True,
        help_text="Qualifications after the name, e.g. 'MD, board-certified dermatologist'.",
    )
    role = models.CharField(
        max_length=120, help_text="What they do at the clinic, e.g. 'Medical director'."
    )
    photo = models.ForeignKey(
        ClinicImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A head-and-shoulders photo, at least 400 pixels wide.",
    )
    short_bio = models.TextField(
        max_length=600,
        blank=True,
        help_text="Two or three sentences about their experience, in plain words.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


# --- What the header and footer show, for the publishing event (base/content.py) -------------


def in_the_menu(page) -> bool:
    """The home page of a site, or one of its children: the header's menu names them."""
    roots = set(Site.objects.values_list("root_page_id", flat=True))
    return page.pk in roots or page.get_parent().pk in roots if page.depth > 1 else False


def menu_api_urls(page) -> list[str]:
    return [reverse("api_navigation"), reverse("api_settings")] if in_the_menu(page) else []


register_content(ClinicSettings, everywhere=True, api_urls=lambda clinic: [reverse("api_settings")])
register_content(Page, everywhere=in_the_menu, api_urls=menu_api_urls)
