"""Keeping each indexed object's document (search.models.StoredDocument) next to the index.

The database backends mix this into their index class, so the documents change exactly when
the index does: on every save (the index signal), `update_index`, and deletion.
"""

from base.search_document import DOCUMENT_BEING_INDEXED
from search.documents import forget_all_documents, forget_document, store_documents


class StoredDocumentsIndexMixin:
    def add_items(self, model, objs):
        objs = list(objs)  # read twice: by the index, then here
        searchable = [obj for obj in objs if hasattr(obj, "search_document")]
        for obj in searchable:  # built once, for the index's stems and the stored row
            obj.__dict__[DOCUMENT_BEING_INDEXED] = obj.search_document()
        try:
            super().add_items(model, objs)
            store_documents(objs)
        finally:
            for obj in searchable:
                del obj.__dict__[DOCUMENT_BEING_INDEXED]

    def delete_item(self, item):
        super().delete_item(item)
        forget_document(item)

    def reset(self):
        super().reset()
        forget_all_documents()
