"""SQLite FTS5 search that ranks each match once.

To order results by relevance, modelsearch's SQLite backend gives every matching object a
*correlated* subquery that runs the full-text match again, so the whole match is repeated
for each matching row: the time grows with the square of the matches (50 s for "prp" at
10,000 pages, bench/README.md).

When a search asks for the best few (a slice with an end, ordered by relevance), this backend
asks the FTS table once for the best entries, ordered by bm25() with a LIMIT and restricted to
the objects the queryset allows (live, public, …), then fetches just those objects in that
order. Other searches (counts, NOT, scores requested by the caller) go the original way.
"""

from django.db.models import Case, CharField, IntegerField, Value, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

from search.backends.stored import StoredDocumentsIndexMixin


class RankOnceSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if (
            stop is None
            or score_field is not None
            or not self.order_by_relevance
            or isinstance(query, (Not, MatchAll))
        ):
            return super().search(config, start, stop, score_field=score_field)

        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        allowed_ids = self.queryset.annotate(_text_pk=Cast("pk", CharField())).values("_text_pk")
        best_ids = list(
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=allowed_ids,
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score", "-index_entry_id")  # bm25(): lower is better
            .values_list("index_entry__object_id", flat=True)[start:stop]
        )
        if not best_ids:
            return self.queryset.none()
        position = Case(
            *(When(pk=object_id, then=Value(n)) for n, object_id in enumerate(best_ids)),
            output_field=IntegerField(),
        )
        return self.queryset.filter(pk__in=best_ids).order_by(position)


class ClinicSQLiteIndex(StoredDocumentsIndexMixin, SQLiteIndex):
    pass


class ClinicSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = RankOnceSQLiteSearchQueryCompiler
    index_class = ClinicSQLiteIndex
