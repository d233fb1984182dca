"""The documents of indexed objects, stored beside the search index (search.models.StoredDocument).

Built when an object is indexed (search/backends/stored.py) from its `search_document()` hook
(base/search_document.py). Ranking and excerpts read the stored documents of the candidates
in one query (`documents_for`) instead of loading each page, its steps and its StreamFields.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from base.search_document import SearchDocument, indexed_document
from search.models import StoredDocument


def document_of(obj) -> SearchDocument:
    """An object's document, built from the object (a page without one: title and description)."""
    if hasattr(obj, "search_document"):
        return obj.search_document()
    return SearchDocument(obj.title, getattr(obj, "search_description", ""), "")


def document_key(obj) -> tuple[int, str]:
    """(content type, object id) as stored: a page's own type, even when `obj` is a plain Page."""
    if isinstance(obj, Page):
        return obj.content_type_id, str(obj.pk)
    return ContentType.objects.get_for_model(obj).pk, str(obj.pk)


def store_documents(objs) -> None:
    """Store the documents of the objects that have one (pages and FAQs; not images…)."""
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
    if hasattr(obj, "search_document"):
        content_type_id, object_id = document_key(obj)
        StoredDocument.objects.filter(content_type_id=content_type_id, object_id=object_id).delete()


def forget_all_documents() -> None:
    StoredDocument.objects.all().delete()


def documents_for(objs: list) -> list[SearchDocument]:
    """Each object's document, in order: the stored ones in one query.

    An object without a stored document (indexed before documents were stored, or by a search
    server such as OpenSearch, which doesn't fill the table) gets it built from the object,
    and stored for next time when it has one of its own.
    """
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
