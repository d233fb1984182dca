"""Serializer fields for the clinic's page data in the v2 API (used in the models' api_fields).

Each returns plain, display-ready JSON: rich text as HTML with links resolved, URLs absolute,
numbers as numbers, so a frontend needs no knowledge of Wagtail's storage formats.
"""

from django.conf import settings
from rest_framework.fields import Field
from wagtail.rich_text import expand_db_html


def absolute_page_url(page) -> str | None:
    """The page's public URL, absolute from WAGTAILAPI_BASE_URL; None if it has no route."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return settings.WAGTAILAPI_BASE_URL + url_parts[2]


def api_detail_url(endpoint: str, pk: int) -> str:
    return f"{settings.WAGTAILAPI_BASE_URL}/api/v2/{endpoint}/{pk}/"


def faq_page_url(context: dict) -> str | None:
    """The published FAQ page's URL, looked up once per API response."""
    if "_faq_page_url" not in context:
        from faqs.models import FAQIndexPage

        faq_page = FAQIndexPage.objects.live().public().first()
        context["_faq_page_url"] = absolute_page_url(faq_page) if faq_page else None
    return context["_faq_page_url"]


def faq_data(faq, context: dict) -> dict:
    page_url = faq_page_url(context)
    return {
        "id": faq.pk,
        "question": faq.question,
        "answer": expand_db_html(faq.answer),
        "category": {"slug": faq.category.slug, "name": faq.category.name},
        # Answered on the FAQ page, each question at its own anchor.
        "html_url": f"{page_url}#{faq.anchor}" if page_url else None,
        "detail_url": api_detail_url("faqs", faq.pk),
    }


class AbsoluteHtmlUrlField(Field):
    """`html_url` built from WAGTAILAPI_BASE_URL, whatever hostname the Site record has."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return absolute_page_url(page)


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
        faqs = getattr(page, "api_live_faqs", None)
        if faqs is None:
            faqs = page.related_faqs
        return [faq_data(faq, self.context) for faq in faqs]


class SeoField(Field):
    """What a frontend puts in <head>: title, description and the canonical URL."""

    def to_representation(self, page):
        return {
            "title": page.seo_title or page.title,
            "description": page.search_description,
            "canonical_url": absolute_page_url(page),
            "noindex": getattr(page, "noindex", False),
        }


class ServiceSummaryListField(Field):
    """Services linked from another page (e.g. the home page's featured services)."""

    def to_representation(self, links):
        services = [link.service for link in links.all() if link.service.live]
        return [
            {
                "id": service.pk,
                "title": service.title,
                "summary": service.summary,
                "html_url": absolute_page_url(service),
                "detail_url": api_detail_url("pages", service.pk),
            }
            for service in services
        ]


class FAQCategoryField(Field):
    def to_representation(self, category):
        return {"slug": category.slug, "name": category.name}


class FAQHtmlUrlField(Field):
    """Where the question is answered on the site: the FAQ page, at its own anchor."""

    def to_representation(self, faq):
        page_url = faq_page_url(self.context)
        return f"{page_url}#{faq.anchor}" if page_url else None


class RelatedServicesField(Field):
    def to_representation(self, services):
        return [
            {
                "id": service.pk,
                "title": service.title,
                "html_url": absolute_page_url(service),
                "detail_url": api_detail_url("pages", service.pk),
            }
            for service in services.all()
        ]


def provider_data(provider) -> dict | None:
    if provider is None:
        return None
    return {
        "id": provider.pk,
        "name": provider.name,
        "credentials": provider.credentials,
        "role": provider.role,
    }


class ProvidersField(Field):
    """The clinic's providers with their photo, credentials, role and bio (the team page)."""

    def to_representation(self, providers):
        from api.images import image_data

        return [
            {
                **provider_data(provider),
                "short_bio": provider.short_bio,
                "photo": image_data(provider.photo),
            }
            for provider in providers
        ]


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
