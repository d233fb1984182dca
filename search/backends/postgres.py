"""PostgreSQL full-text search that can use its GIN indexes.

modelsearch's PostgreSQL backend matches `(title || body) @@ query`: the concatenation of
the two tsvector columns of each index entry. The table has a GIN index on `title` and one
on `body`, but none on their concatenation, so PostgreSQL reads every index entry of the
content type and computes the concatenation to test it: about 200 ms at 10,000 pages, for
every search (bench/README.md, "## Search").

This backend matches `title @@ query OR body @@ query`, which the two GIN indexes answer.
The one difference: for "a & b", a found only in the title and b only in the body no longer
match together. On this site every index entry's body also holds the stems of its title
(`search_stems`, search/documents.py), so that can't happen. Queries this rewrite doesn't
cover (NOT, boosts, fuzzy, searching named fields) go the original way.

It also ranks cheaply: one ts_rank() per column for the whole query, and only for a bounded
number of matches (`search()` below).
"""

from django.contrib.postgres.search import SearchRank
from django.db.models import CharField, FloatField, Q, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

# How many matches a search ranks at most (see IndexedPostgresSearchQueryCompiler.search).
MAX_RANKED_MATCHES = 200


def _can_split(query) -> bool:
    """True for queries built only of words, phrases, AND and OR."""
    if isinstance(query, (And, Or)):
        return all(_can_split(subquery) for subquery in query.subqueries)
    return isinstance(query, (PlainText, Phrase))


class IndexedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or not _can_split(self.query):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        # One ts_rank() per column for the whole query. modelsearch ranks each part of an
        # AND/OR apart and combines the ranks: 16 ts_rank() per matching row for "is it
        # painful" (8 synonyms, 2 columns).
        rank_expression = sum(
            (
                SearchRank(vector, search_query, weights=self.sql_weights) * boost
                for vector, boost in self.get_search_vectors(search_query)
            ),
            start=Value(0.0, output_field=FloatField()),
        )
        if not (self.order_by_relevance and stop is not None and score_field is None):
            queryset = self.queryset.filter(self.match(search_query))
            return self._apply_ordering_and_scoring(
                queryset, rank_expression, start, stop, score_field
            )
        # Ranking reads each match's whole body vector (compressed and stored apart from
        # the row): thousands of rows when a common word matches most pages. So rank only
        # the first MAX_RANKED_MATCHES entries the GIN indexes find. A site with fewer
        # matches (the clinic's has a few dozen pages) still gets every match ranked.
        # Only entries of objects the queryset allows (live, public…): drafts are in the index
        # too, and must not take places among the first matches.
        allowed_ids = self.queryset.annotate(_text_pk=Cast("pk", CharField())).values("_text_pk")
        first_matches = list(
            IndexEntry.objects.filter(
                self.match(search_query, prefix=""),
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
                object_id__in=allowed_ids,
            ).values_list("object_id", flat=True)[:MAX_RANKED_MATCHES]
        )
        queryset = self.queryset.filter(pk__in=first_matches)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, None)

    @staticmethod
    def match(tsquery, prefix="index_entries__") -> Q:
        """`title @@ query OR body @@ query`: each side is answered by a GIN index."""
        return Q(**{f"{prefix}title": tsquery}) | Q(**{f"{prefix}body": tsquery})


class ClinicPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedPostgresSearchQueryCompiler
