"""The readable text of each searchable thing, split by how much a match in it should count.

Built when an object is indexed: the index gets its stems (`search_stems`), and the text
itself, with each part's stems, is stored beside the index (`search.models.StoredDocument`,
via the database backends' index class). Ranking and excerpts read the stored documents of
the candidates in one query (`documents_for`) instead of loading each page, its steps and its
StreamFields.
"""

from dataclasses import dataclass, replace
from html import unescape

from django.utils.html import strip_tags
from wagtail.fields import StreamField

from search.text import stem_text, stemmed_words

# Fields a page's summary may come from, most specific first.
SUMMARY_FIELDS = ["summary", "hero_intro", "intro", "search_description"]
# Plain-text fields that count as the page's body.
BODY_TEXT_FIELDS = ["downtime", "directions", "disclaimer"]


@dataclass(frozen=True)
class SearchDocument:
    title: str
    summary: str
    body: str
    # Each part's words as stems (search.text.stemmed_words), when stored with the document;
    # None where they must be worked out from the text.
    stems: tuple[str | None, str | None, str | None] = (None, None, None)

    def all_text(self) -> tuple[str, str, str]:
        return (self.title, self.summary, self.body)

    def with_stems(self) -> "SearchDocument":
        return replace(self, stems=tuple(stemmed_words(part) for part in self.all_text()))


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
        return stem_text(*indexed_document(self).all_text())


# Set on an object while the index stores it: its stems and its stored row come from one
# document (search/backends/stored.py), where each would otherwise parse the page again.
DOCUMENT_BEING_INDEXED = "_search_document_being_indexed"


def indexed_document(obj) -> SearchDocument:
    return obj.__dict__.get(DOCUMENT_BEING_INDEXED) or obj.search_document()


# --- Documents stored at index time (search.models.StoredDocument) ---------------------------


def document_of(obj) -> SearchDocument:
    """An object's document, built from the object (a page without one: title and description)."""
    if hasattr(obj, "search_document"):
        return obj.search_document()
    return SearchDocument(obj.title, getattr(obj, "search_description", ""), "")


def document_key(obj) -> tuple[int, str]:
    """(content type, object id) as stored: a page's own type, even when `obj` is a plain Page."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    if isinstance(obj, Page):
        return obj.content_type_id, str(obj.pk)
    return ContentType.objects.get_for_model(obj).pk, str(obj.pk)


def store_documents(objs) -> None:
    """Store the documents of the objects that have one (pages and FAQs; not images…)."""
    from search.models import StoredDocument

    rows = []
    for obj in objs:
        if hasattr(obj, "search_document"):
            (content_type_id, object_id) = document_key(obj)
            document = indexed_document(obj).with_stems()
            title_stems, summary_stems, body_stems = document.stems
            rows.append(
                StoredDocument(
                    content_type_id=content_type_id,
                    object_id=object_id,
                    title=document.title,
                    summary=document.summary,
                    body=document.body,
                    title_stems=title_stems,
                    summary_stems=summary_stems,
                    body_stems=body_stems,
                )
            )
    StoredDocument.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["title", "summary", "body", "title_stems", "summary_stems", "body_stems"],
        batch_size=500,
    )


def forget_document(obj) -> None:
    from search.models import StoredDocument

    if hasattr(obj, "search_document"):
        content_type_id, object_id = document_key(obj)
        StoredDocument.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()


def forget_all_documents() -> None:
    from search.models import StoredDocument

    StoredDocument.objects.all().delete()


def documents_for(objs: list) -> list[SearchDocument]:
    """Each object's document, in order: the stored ones in one query.

    An object without a stored document (indexed before documents were stored, or by a search
    server such as OpenSearch, which doesn't fill the table) gets it built from the object,
    and stored for next time when it has one of its own.
    """
    from search.models import StoredDocument

    keys = [document_key(obj) for obj in objs]
    stored = StoredDocument.objects.filter(
        content_type_id__in={content_type_id for content_type_id, _ in keys},
        object_id__in={object_id for _, object_id in keys},
    ).values_list(
        "content_type_id",
        "object_id",
        "title",
        "summary",
        "body",
        "title_stems",
        "summary_stems",
        "body_stems",
    )
    documents = {(row[0], row[1]): SearchDocument(*row[2:5], stems=row[5:]) for row in stored}
    missing = [
        specific_object(obj) for obj, key in zip(objs, keys, strict=True) if key not in documents
    ]
    if missing:
        store_documents(missing)
        documents.update((document_key(obj), document_of(obj)) for obj in missing)
    return [documents[key] for key in keys]


def specific_object(obj):
    """A page as its own type (pages come from the index as plain Pages), else the object."""
    return obj.specific if hasattr(obj, "specific") else obj
