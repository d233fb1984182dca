"""Clinical review in the headless API: who wrote and reviewed a medical page, when, its sources."""

from rest_framework.fields import Field

from base.openapi import TEXT, closed, nullable
from clinic.serializers import provider_data


class ClinicalReviewField(Field):
    """Who wrote and who medically reviewed a page, when, when it is next due, and its sources."""

    def to_representation(self, page):
        return {
            "author": provider_data(page.author),
            "medical_reviewer": provider_data(page.medical_reviewer),
            "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
            "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
            "references": [
                {"title": ref.title, "source": ref.source, "url": ref.url}
                for ref in page.references.all()
            ],
        }


NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}

OPENAPI_SCHEMAS = {
    "ClinicalReview": closed(
        {
            "author": nullable("Provider"),
            "medical_reviewer": nullable("Provider"),
            "last_reviewed": NULLABLE_DATE,
            "next_review_due": NULLABLE_DATE,
            "references": {
                "type": "array",
                "items": closed(
                    {"title": TEXT, "source": TEXT, "url": TEXT},
                    required=["title", "source", "url"],
                ),
                "description": "The sources the page's medical content rests on.",
            },
        },
        required=["author", "medical_reviewer", "last_reviewed", "next_review_due", "references"],
        description="Who wrote and who medically reviewed the page, when, and its sources.",
    ),
}
