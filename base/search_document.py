"""A page's (or snippet's) readable text for search, split by how much a match in it counts.

Each searchable model builds its own `SearchDocument` (its `search_document()` hook; pages get
one from base/models.py that reads their title, summary and StreamFields). When the object is
indexed, the index gets the document's stems (`search_stems`), and search stores the text
beside the index for ranking and excerpts (search/documents.py).
"""

from dataclasses import dataclass, replace
from html import unescape

from django.utils.html import strip_tags
from wagtail.fields import StreamField

from base.text import stem_text, stemmed_words


@dataclass(frozen=True)
class SearchDocument:
    title: str
    summary: str
    body: str
    # Each part's words as stems (base.text.stemmed_words), when stored with the document;
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


def page_document(page, body_text: list[str] = ()) -> SearchDocument:
    """A page's document: its title, its summary (else its meta description) and a body of
    `body_text` (plain-text fields the page type names) followed by every StreamField."""
    summary = page.summary_text() or page.search_description
    body_parts = list(body_text)
    body_parts += [
        stream_text(page, field)
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    return SearchDocument(page.title, summary, " ".join(part for part in body_parts if part))


class StemmedSearchMixin:
    """Adds `search_stems` for the index: every readable word of the object's search document
    as its English stem.

    Searchable models list `index.SearchField("search_stems")` in their search_fields (pages get
    it from base/models.py), so a search for "sessions" also finds "session" on every database
    backend. Each model says what its document is with `search_document()`.
    """

    def search_document(self) -> SearchDocument:
        raise NotImplementedError

    @classmethod
    def search_vocabulary(cls):
        """Texts beyond their titles whose words typo correction may suggest (search/vocabulary.py),
        from published, public items only: e.g. a service page's summary."""
        return []

    def search_stems(self) -> str:
        return stem_text(*indexed_document(self).all_text())


# Set on an object while the index stores it: its stems and its stored row come from one
# document (search/backends/stored.py), where each would otherwise parse the page again.
DOCUMENT_BEING_INDEXED = "_search_document_being_indexed"


def indexed_document(obj) -> SearchDocument:
    return obj.__dict__.get(DOCUMENT_BEING_INDEXED) or obj.search_document()


class SearchableSnippetMixin(StemmedSearchMixin):
    """A model that isn't a page but which visitors find in site search (e.g. FAQs).

    Site search finds every model with this mixin (search/candidates.py) and asks it:
    """

    # The kind of result visitors see beside its title, e.g. "FAQ".
    search_result_label = ""

    @classmethod
    def search_queryset(cls):
        """What visitors may find (published items only)."""
        raise NotImplementedError

    @classmethod
    def search_results_page_url(cls) -> str:
        """The page the results are shown on ('' if none is live: they're then not offered)."""
        raise NotImplementedError

    def search_result_url(self, page_url: str) -> str:
        """Where this item is on the page at `page_url`, e.g. its anchor."""
        raise NotImplementedError

    @classmethod
    def search_vocabulary(cls):
        """Texts whose words typo correction may suggest (published items only)."""
        return []
