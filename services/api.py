"""Services in the headless API: the serializer fields of service pages' `api_fields`.

Each returns plain, display-ready JSON (numbers as numbers, FAQ answers as HTML, URLs absolute).
"""

from rest_framework.fields import Field

from base.openapi import NULLABLE_URI, TEXT, URI, closed
from base.serializers import page_html_url
from base.site_urls import api_detail_url
from faqs.serializers import faq_data


class StepsField(Field):
    """A service's steps in order: [{"title", "description"}]."""

    def to_representation(self, steps):
        return [{"title": step.title, "description": step.description} for step in steps.all()]


class TreatmentPlanField(Field):
    """The plan as numbers, plus the sentence the page shows built from them."""

    def to_representation(self, page):
        return {
            "sessions": page.plan_sessions,
            "interval_weeks": {
                "min": page.plan_interval_weeks_min,
                "max": page.plan_interval_weeks_max,
            },
            "maintenance_months": {
                "min": page.plan_maintenance_months_min,
                "max": page.plan_maintenance_months_max,
            },
            "schedule_text": page.schedule_text,
        }


class RelatedFAQsField(Field):
    """The published FAQs shown on a service page, with their answers as HTML."""

    def to_representation(self, page):
        faqs = getattr(page, "api_live_faqs", None)  # prefetched by ServicePage.with_api_data
        if faqs is None:
            faqs = page.related_faqs
        return [faq_data(faq, self.context) for faq in faqs]


class ServiceSummaryListField(Field):
    """Services linked from another page (e.g. the home page's featured services)."""

    def to_representation(self, links):
        services = [link.service for link in links.all() if link.service.live]
        return [
            {
                "id": service.pk,
                "title": service.title,
                "summary": service.summary,
                "html_url": page_html_url(service),
                "detail_url": api_detail_url("pages", service.pk),
            }
            for service in services
        ]


# --- OpenAPI ------------------------------------------------------------------------------------

RANGE = closed(
    {"min": {"type": ["integer", "null"]}, "max": {"type": ["integer", "null"]}},
    required=["min", "max"],
)

OPENAPI_SCHEMAS = {
    "ServiceSummary": closed(
        {
            "id": {"type": "integer"},
            "title": TEXT,
            "summary": TEXT,
            "html_url": NULLABLE_URI,
            "detail_url": URI,
        },
        required=["id", "title", "summary", "html_url", "detail_url"],
    ),
    "ServiceStep": closed({"title": TEXT, "description": TEXT}, required=["title", "description"]),
    "Benefit": closed({"title": TEXT, "description": TEXT}, required=["title", "description"]),
    "TreatmentPlan": closed(
        {
            "sessions": {"type": ["integer", "null"], "description": "Initial course."},
            "interval_weeks": RANGE,
            "maintenance_months": RANGE,
            "schedule_text": {
                "type": "string",
                "description": "The sentence the page shows, built from the numbers.",
                "examples": ["3 sessions, 4–6 weeks apart, then maintenance every 4–6 months"],
            },
        },
        required=["sessions", "interval_weeks", "maintenance_months", "schedule_text"],
    ),
}
