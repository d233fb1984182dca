"""The practice in structured data (JSON-LD): the clinic and its providers.

Every page's graph (base/structured_data.py) starts with the clinic as its publisher: a
`MedicalClinic` with its name, address, phone, opening hours and social profiles, all from
Clinic details (ClinicSettings.graph_node). Providers are `Person` nodes, on the team page and
as the reviewers of medical pages.
"""

from django.templatetags.static import static

from base.seo import rendition_url, share_image_url
from base.site_urls import absolute_url
from base.structured_data import SCHEMA_ORG, reference

# The size of the provider photos on the team page, so both use one rendition.
PROVIDER_PHOTO_FILTER = "fill-320x320|format-jpeg"


def clinic_id() -> str:
    return absolute_url("/") + "#clinic"


def provider_id(provider) -> str:
    return absolute_url("/") + f"#provider-{provider.pk}"


# --- The clinic ------------------------------------------------------------------------------


def opening_hours_specification(clinic) -> list[dict]:
    """One OpeningHoursSpecification per opening interval, with every weekday it applies to."""
    days_by_interval: dict[tuple, list[str]] = {}
    for day in clinic.weekly_hours():
        for interval in day["intervals"]:
            days_by_interval.setdefault(interval, []).append(day["name"])
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA_ORG}/{name}" for name in days],
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M"),
        }
        for (opens, closes), days in sorted(days_by_interval.items())
    ]


def clinic_node(clinic, services: list[dict] = ()) -> dict:
    """The practice as shown in the header, footer and contact page."""
    node = {
        "@type": "MedicalClinic",
        "@id": clinic_id(),
        "name": clinic.clinic_name,
        "url": absolute_url("/"),
        # The site's own mark; the clinic has no other logo on the site.
        "logo": absolute_url(static("favicon.svg")),
        "medicalSpecialty": f"{SCHEMA_ORG}/Dermatology",
    }
    # Empty values are left out rather than stated as "".
    if clinic.phone:
        node["telephone"] = clinic.phone
    if clinic.email:
        node["email"] = clinic.email
    image_url = share_image_url(clinic.default_share_image) if clinic.default_share_image_id else ""
    if image_url:
        node["image"] = image_url
    address = {
        "streetAddress": clinic.street_address,
        "addressLocality": clinic.locality,
        "addressRegion": clinic.region,
        "postalCode": clinic.postal_code,
        "addressCountry": clinic.country,
    }
    address = {key: value for key, value in address.items() if value}
    if address:
        node["address"] = {"@type": "PostalAddress", **address}
    hours = opening_hours_specification(clinic)
    if hours:
        node["openingHoursSpecification"] = hours
    same_as = [url for _name, url in clinic.social_links]
    if same_as:
        node["sameAs"] = same_as
    if services:
        # schema.org links a clinic to what it offers this way (MedicalProcedure has no
        # `provider` property): the clinic is the provider of the page's procedure.
        node["availableService"] = list(services)
    return node


# --- People ----------------------------------------------------------------------------------


def person_node(provider) -> dict:
    """A provider as a Person: schema.org's `Physician` is an organisation, not a person."""
    node = {
        "@type": "Person",
        "@id": provider_id(provider),
        "name": provider.name,
        "worksFor": reference(clinic_id()),
    }
    if provider.role:
        node["jobTitle"] = provider.role
    if provider.credentials:
        node["honorificSuffix"] = provider.credentials
    if provider.short_bio:
        node["description"] = provider.short_bio
    photo_url = rendition_url(provider.photo, PROVIDER_PHOTO_FILTER) if provider.photo_id else ""
    if photo_url:
        node["image"] = photo_url
    return node
