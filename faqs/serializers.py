"""FAQs as the headless API shows them: in /api/v2/faqs/ (FAQ.api_fields) and on service pages.

Display-ready: the answer as HTML with links resolved, and where it is answered on the site.
"""

from rest_framework.fields import Field
from wagtail.rich_text import expand_db_html

from base.content_version import versioned
from base.serializers import page_html_url
from base.site_urls import absolute_url, api_detail_url


def answered_at(faq, context: dict) -> str | None:
    """Where the FAQ is answered on the site, absolute: the FAQ page at the question's anchor.
    The FAQ page is looked up once per API response."""
    if "_faq_page_url" not in context:
        context["_faq_page_url"] = faq.answers_page_url()
    page_url = context["_faq_page_url"]
    return absolute_url(faq.url_on(page_url)) if page_url else None


def faq_data(faq, context: dict) -> dict:
    return {
        "id": faq.pk,
        "question": faq.question,
        # Per content version: only a publish moves the links' targets.
        "answer": versioned(
            ("faq-answer-api-html", faq.answer), lambda: expand_db_html(faq.answer)
        ),
        "category": {"slug": faq.category.slug, "name": faq.category.name},
        "html_url": answered_at(faq, context),
        "detail_url": api_detail_url("faqs", faq.pk),
    }


class FAQCategoryField(Field):
    def to_representation(self, category):
        return {"slug": category.slug, "name": category.name}


class FAQHtmlUrlField(Field):
    """Where the question is answered on the site: the FAQ page, at its own anchor."""

    def to_representation(self, faq):
        return answered_at(faq, self.context)


class RelatedServicesField(Field):
    def to_representation(self, services):
        return [
            {
                "id": service.pk,
                "title": service.title,
                "html_url": page_html_url(service),
                "detail_url": api_detail_url("pages", service.pk),
            }
            for service in services.all()
        ]
