"""The readable text of each searchable thing, split by how much a match in it should count.

Used twice: to fill the search index (with stems, see `search_stems`) and to rank and
excerpt the candidates the index returns. Related rows a document needs (a service's steps)
are prefetched by the search engine, so ranking a page of results costs a fixed number of
queries.
"""

from dataclasses import dataclass
from html import unescape

from django.utils.html import strip_tags
from wagtail.fields import StreamField

from search.text import stem_text

# Fields a page's summary may come from, most specific first.
SUMMARY_FIELDS = ["summary", "hero_intro", "intro", "search_description"]
# Plain-text fields that count as the page's body.
BODY_TEXT_FIELDS = ["downtime", "directions", "disclaimer"]


@dataclass(frozen=True)
class SearchDocument:
    title: str
    summary: str
    body: str

    def all_text(self) -> tuple[str, str, str]:
        return (self.title, self.summary, self.body)


def rich_text_as_plain_text(html: str) -> str:
    """'<p>Risks &amp; side effects</p>' → 'Risks & side effects'."""
    return unescape(strip_tags(html))


def stream_text(obj, field) -> str:
    value = getattr(obj, field.name)
    return " ".join(str(part) for part in field.get_searchable_content(value) if part)


def page_document(page) -> SearchDocument:
    summary = next((getattr(page, name) for name in SUMMARY_FIELDS if getattr(page, name, "")), "")
    body_parts = [getattr(page, name, "") for name in BODY_TEXT_FIELDS]
    body_parts += [
        stream_text(page, field)
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    return SearchDocument(page.title, summary, " ".join(part for part in body_parts if part))


def faq_document(faq) -> SearchDocument:
    return SearchDocument(faq.question, rich_text_as_plain_text(faq.answer), "")


class StemmedSearchMixin:
    """Adds `search_stems` for the index: every readable word as its English stem.

    Pages and snippets list `index.SearchField("search_stems")` in their search_fields, so a
    search for "sessions" also finds "session" on every database backend.
    """

    def search_document(self) -> SearchDocument:
        return page_document(self)

    def search_stems(self) -> str:
        return stem_text(*self.search_document().all_text())
