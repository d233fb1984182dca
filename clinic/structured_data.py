"""Structured data (JSON-LD): one schema.org `@graph` per page, from the data the page shows.

Every page carries the clinic (`MedicalClinic`: name, address, phone, opening hours, social
profiles, all from Clinic details) and its own `WebPage` node with a `BreadcrumbList` below the
home page. Page types add what they show:

- service pages: a `MedicalWebPage` whose `about` is a `MedicalProcedure` (steps, preparation,
  aftercare), its clinical review (`lastReviewed`, `reviewedBy`, `citation`) and an `FAQPage`
  for the questions shown on it;
- the FAQ page: an `FAQPage` with every question it shows;
- the team page: a `Person` per provider.

Google no longer shows FAQ rich results; FAQPage here only describes what is on the page.
Nothing in the graph is a claim the page itself doesn't make.
"""

import json

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.translation import get_language

from clinic.models import OpeningHours
from clinic.seo import (
    absolute_page_url,
    absolute_url,
    breadcrumb_trail,
    page_description,
    page_title,
    rendition_url,
    share_image,
    share_image_url,
)

SCHEMA_ORG = "https://schema.org"
# Every treatment of a hair-restoration clinic is given on the scalp. Make it a field on the
# service page the day the clinic offers one that isn't.
BODY_LOCATION = "Scalp"
# The size of the provider photos on the team page, so both use one rendition.
PROVIDER_PHOTO_FILTER = "fill-320x320|format-jpeg"


def clinic_id() -> str:
    return absolute_url("/") + "#clinic"


def provider_id(provider) -> str:
    return absolute_url("/") + f"#provider-{provider.pk}"


def reference(node_id: str) -> dict:
    return {"@id": node_id}


def visible_text(html: str) -> str:
    """Front-end HTML as the words a visitor reads."""
    return " ".join(strip_tags(html).split())


def stream_points(stream) -> list[str]:
    """The text of a PointListBlock stream (aftercare, preparation), in order."""
    return [str(block.value) for block in stream or []]


# --- The clinic ------------------------------------------------------------------------------


def opening_hours_specification(clinic) -> list[dict]:
    """One OpeningHoursSpecification per opening interval, with every weekday it applies to."""
    day_names = dict(OpeningHours.WEEKDAYS)
    days_by_interval: dict[tuple, list[str]] = {}
    for day in clinic.weekly_hours():
        for interval in day["intervals"]:
            days_by_interval.setdefault(interval, []).append(day_names[day["weekday"]])
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


# --- Page nodes --------------------------------------------------------------------------------


def breadcrumb_node(trail, page_url: str, request) -> dict:
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute_page_url(crumb, request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def question_node(faq, page_url: str) -> dict:
    return {
        "@type": "Question",
        "name": faq.question,
        "url": f"{page_url}#{faq.anchor}",
        "acceptedAnswer": {"@type": "Answer", "text": visible_text(faq.answer_html)},
    }


def web_page_node(page, page_url: str, clinic, trail) -> dict:
    node = {
        "@type": "WebPage",
        "@id": page_url,
        "url": page_url,
        "name": page_title(page),
        "inLanguage": get_language(),
    }
    description = page_description(page)
    if description:
        node["description"] = description
    image_url = share_image_url(share_image(page, clinic))
    if image_url:
        node["image"] = image_url
    if page.last_published_at:
        node["dateModified"] = page.last_published_at.isoformat()
    if clinic:
        node["publisher"] = reference(clinic_id())
    if trail:
        node["breadcrumb"] = reference(f"{page_url}#breadcrumb")
    return node


def service_nodes(page, page_node: dict, page_url: str) -> list[dict]:
    """MedicalWebPage + MedicalProcedure (+ FAQPage, reviewer) for a service page."""
    procedure_id = f"{page_url}#procedure"
    page_node["@type"] = "MedicalWebPage"
    page_node["about"] = reference(procedure_id)
    nodes = []

    # Clinical review (clinic/review.py): read defensively, the fields may not exist yet.
    last_reviewed = getattr(page, "last_reviewed", None)
    if last_reviewed:
        page_node["lastReviewed"] = last_reviewed.isoformat()
    reviewer = getattr(page, "medical_reviewer", None)
    if reviewer is not None:
        page_node["reviewedBy"] = reference(provider_id(reviewer))
        nodes.append(person_node(reviewer))
    references = getattr(page, "references", None)
    citations = []
    for source in references.all() if references is not None else []:
        citation = {"@type": "CreativeWork", "name": source.title}
        if source.source:
            citation["publisher"] = {"@type": "Organization", "name": source.source}
        if source.url:
            citation["url"] = source.url
        citations.append(citation)
    if citations:
        page_node["citation"] = citations

    procedure = {
        "@type": "MedicalProcedure",
        "@id": procedure_id,
        "name": page.title,
        "description": page.summary,
        "url": page_url,
        "bodyLocation": BODY_LOCATION,
    }
    steps = [f"{n}. {step.title}: {step.description}" for n, step in enumerate(page.steps.all(), 1)]
    if steps:
        procedure["howPerformed"] = " ".join(steps)
    preparation = stream_points(getattr(page, "preparation", None))
    if preparation:
        procedure["preparation"] = " ".join(preparation)
    followup = stream_points(page.aftercare)
    if page.downtime:
        followup.append(f"Downtime: {page.downtime}")
    if followup:
        procedure["followup"] = " ".join(followup)
    nodes.append(procedure)

    faqs = list(page.related_faqs)
    if faqs:
        nodes.append(
            {
                "@type": "FAQPage",
                "@id": f"{page_url}#faqs",
                "url": page_url,
                "name": f"Questions about {page.title}",
                "isPartOf": reference(page_url),
                "mainEntity": [question_node(faq, page_url) for faq in faqs],
            }
        )
    return nodes


def page_graph_nodes(page, context, request, clinic) -> tuple[list[dict], list[dict]]:
    """(the page's nodes, services the clinic offers on it)."""
    page_url = absolute_page_url(page, request)
    if not page_url:
        return [], []
    trail = breadcrumb_trail(page, request)
    page_node = web_page_node(page, page_url, clinic, trail)
    nodes = [page_node]
    services = []
    label = page.specific_class._meta.label if page.specific_class else ""

    if label == "home.HomePage" and clinic:
        page_node["about"] = reference(clinic_id())
    elif label == "services.ServicePage":
        nodes += service_nodes(page, page_node, page_url)
        services.append(reference(f"{page_url}#procedure"))
    elif label == "faqs.FAQIndexPage":
        faqs = [faq for _category, items in context.get("faq_groups", []) for faq in items]
        if faqs:
            page_node["@type"] = "FAQPage"
            page_node["mainEntity"] = [question_node(faq, page_url) for faq in faqs]
    elif label == "team.TeamPage":
        providers = context.get("providers", [])
        page_node["@type"] = "AboutPage"
        if providers:
            page_node["about"] = [reference(provider_id(provider)) for provider in providers]
        nodes += [person_node(provider) for provider in providers]

    if trail:
        nodes.append(breadcrumb_node(trail, page_url, request))
    return nodes, services


def page_graph(context) -> dict:
    """The whole JSON-LD document for the page being rendered (any page, or none)."""
    request = context.get("request")
    clinic = context.get("clinic") or None
    page = context.get("page")
    nodes, services = [], []
    if page is not None and hasattr(page, "get_url_parts"):
        nodes, services = page_graph_nodes(page, context, request, clinic)
    if clinic:
        nodes.insert(0, clinic_node(clinic, services))
    return {"@context": SCHEMA_ORG, "@graph": nodes}


def json_ld(data: dict) -> str:
    """JSON safe inside <script>: `<`, `>` and `&` escaped, so `</script>` can't end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
