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

import re

import psycopg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import BooleanField, CharField, F, FloatField, Func, Q, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.backends.stored import StoredDocumentsIndexMixin

# How many matches a search ranks at most (see IndexedPostgresSearchQueryCompiler.search).
MAX_RANKED_MATCHES = 200
# How many times to ask for more plain matches when some weren't allowed, before asking the
# database for allowed ones only (see first_allowed_matches).
MAX_MATCH_BATCHES = 3


def tsquery_text(query) -> str | None:
    """The query as one tsquery text ("('hair' & 'loss') | 'alopecia'"), or None for queries
    other than words, AND and OR.

    modelsearch turns each group of words into its own to_tsquery() call and combines them in
    SQL: for a query with many synonyms, a statement of several kilobytes whose building,
    compiling and sending took more time than PostgreSQL took to run it. As one text it is a
    single to_tsquery() with one parameter, matching the same entries.
    """
    if isinstance(query, PlainText):
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        if not terms:
            return None
        # Quoted as modelsearch quotes each lexeme (Lexeme.as_sql).
        lexemes = ["'" + term.replace("'", "''").replace("\\", "\\\\") + "'" for term in terms]
        return "(" + (" & " if query.operator == "and" else " | ").join(lexemes) + ")"
    if isinstance(query, (And, Or)):
        parts = [tsquery_text(subquery) for subquery in query.subqueries]
        if not parts or None in parts:
            return None
        return "(" + (" & " if isinstance(query, And) else " | ").join(parts) + ")"
    return None


# JIT too: should an index be missing, the penalty the planner then adds to the table scan
# would make it compile the statement (120 ms seen here).
USE_GIN_INDEXES = "SET enable_seqscan = off; SET enable_indexscan = off; SET jit = off"
RESET_PLANNER = "RESET enable_seqscan; RESET enable_indexscan; RESET jit"


def fetch_rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def takes_several_statements(cursor) -> bool:
    """True for psycopg's client-side binding cursor (Django's default). With server-side
    binding (the `server_side_binding` option) each call takes exactly one statement."""
    return isinstance(cursor.cursor, psycopg.ClientCursor)


def fetch_using_gin_indexes(sql: str, params: list) -> list[tuple]:
    """The rows of one SELECT, which PostgreSQL must answer with the GIN indexes.

    For "the first 200 matches" the planner prefers reading the table until 200 rows match:
    cheap by its estimates, but each row whose title doesn't match has its body vector
    decompressed from TOAST storage. At 10,000 pages that took 2–23 ms, depending on which
    table pages were still in shared buffers; the bitmap of the two GIN indexes took 2–3 ms
    (bench/README.md, "## Search"). Planner settings are per connection, so they are put
    back to the connection's defaults straight after.

    Settings, query and reset go in one round trip. Outside a transaction PostgreSQL runs
    such a batch as one, so a failing query rolls the settings back as well; inside one,
    the failed transaction's rollback does.
    """
    with connection.cursor() as cursor:
        if not takes_several_statements(cursor):
            cursor.execute(USE_GIN_INDEXES)
            try:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
            except Exception:
                # In a transaction its rollback undoes the SET (a RESET would fail there).
                if not connection.in_atomic_block:
                    cursor.execute(RESET_PLANNER)
                raise
            cursor.execute(RESET_PLANNER)
            return rows
        cursor.execute(f"{USE_GIN_INDEXES}; {sql}; {RESET_PLANNER}", params)
        while cursor.description is None and cursor.nextset():
            pass  # past the SETs' empty results, to the query's
        return cursor.fetchall()


class EqualsAny(Func):
    """`expression = ANY(array)`."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def pk_among(model, pks) -> EqualsAny:
    """`pk = ANY(%s)`: the primary keys as one array parameter.

    `pk__in` sends each key as a parameter of its own; for 200 keys psycopg spent more
    time binding them (about 2 ms) than PostgreSQL spent answering (0.5 ms).
    """
    array = Cast(Value(list(pks)), output_field=ArrayField(model._meta.pk))
    return EqualsAny(F("pk"), array)


class RankedEntries:
    """Index entries and their rank, read in one hand-written statement.

    Ranked on the index entries alone: ranking by joining each object's row to its index
    entry cost an index probe per content type per row (3,000 index pages read for 200
    matches), most of that statement's 5–7 ms. Written as SQL because building the same
    statement with the ORM took longer than PostgreSQL took to answer it. The rank is
    modelsearch's (its get_index_vectors): the title's, scaled by the entry's title_norm,
    plus the body's; the results are sorted here.
    """

    def __init__(self, search_query, weights: str, content_types, to_pk):
        self.content_types = list(content_types)
        self.to_pk = to_pk
        query = IndexEntry.objects.none().query
        compiler = query.get_compiler(connection=connection)
        self.tsquery_sql, self.tsquery_params = compiler.compile(
            search_query.resolve_expression(query)
        )
        self.weights = weights

    def first_matches(self, limit: int) -> list:
        """Primary keys of the first `limit` matching objects the index finds, best first."""
        q = self.tsquery_sql
        return self._ranked(
            f"(title @@ {q} OR body @@ {q}) LIMIT %s",
            [*self.tsquery_params, *self.tsquery_params, limit],
            fetch=fetch_using_gin_indexes,
        )

    def of_objects(self, pks) -> list:
        """These objects' primary keys, best first."""
        return self._ranked("object_id = ANY(%s)", [[str(pk) for pk in pks]])

    def _ranked(self, condition: str, params: list, fetch=None) -> list:
        q, table = self.tsquery_sql, connection.ops.quote_name(IndexEntry._meta.db_table)
        # Only SQL the ORM compiled and fixed text go in; every value is a parameter.
        sql = (
            f"SELECT object_id, ts_rank(%s::float4[], title, {q}) * title_norm"  # noqa: S608
            f" + ts_rank(%s::float4[], body, {q})"
            f" FROM {table} WHERE content_type_id = ANY(%s) AND {condition}"
        )
        weights, tsquery = self.weights, self.tsquery_params
        params = [weights, *tsquery, weights, *tsquery, self.content_types, *params]
        rows = (fetch or fetch_rows)(sql, params)
        ranked = [(self.to_pk(object_id), rank) for object_id, rank in rows]
        # Best first; among equal ranks the highest primary key first, as modelsearch orders.
        ranked.sort(key=lambda row: row[0], reverse=True)
        ranked.sort(key=lambda row: row[1], reverse=True)
        return [pk for pk, _ in ranked]


class AllowedInOrder(list):
    """Search results, and how many of the first matches the queryset allowed."""

    def __init__(self, objects, allowed_among_them: int):
        super().__init__(objects)
        self.allowed_among_them = allowed_among_them


def _can_split(query) -> bool:
    """True for queries built only of words, phrases, AND and OR."""
    if isinstance(query, (And, Or)):
        return all(_can_split(subquery) for subquery in query.subqueries)
    return isinstance(query, (PlainText, Phrase))


class IndexedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        text = tsquery_text(query)
        if text is None:
            return super().build_tsquery(query, config=config)
        return SearchQuery(text, search_type="raw", config=config)

    def search(self, config, start, stop, score_field=None, backend=None):
        returns_objects = self.queryset._fields is None  # not .values() or .values_list()
        if self.fields is not None or not _can_split(self.query) or not returns_objects:
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            # No word to search for ("-", "- -": hyphens and spaces only), so no tsquery to
            # match or rank with: nothing is found, as modelsearch finds nothing for "".
            return self.queryset.none()
        if not (self.order_by_relevance and stop is not None and score_field is None):
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
            queryset = self.queryset.filter(self.match(search_query))
            return self._apply_ordering_and_scoring(
                queryset, rank_expression, start, stop, score_field
            )
        # Ranking reads each match's whole body vector (compressed and stored apart from
        # the row): thousands of rows when a common word matches most pages. So rank only
        # the first MAX_RANKED_MATCHES matches the index finds. A site with fewer matches
        # (the clinic's has a few dozen pages) still gets every match ranked.
        ranking = RankedEntries(
            search_query,
            self.sql_weights,
            get_descendants_content_types_pks(self.queryset.model),
            to_pk=self.queryset.model._meta.pk.to_python,
        )
        first = ranking.first_matches(MAX_RANKED_MATCHES)
        found = self.in_rank_order(first, start, stop)
        if len(first) == MAX_RANKED_MATCHES and found.allowed_among_them < len(first):
            # Drafts and private pages are in the index too. Some were among the first
            # matches, so they took places allowed ones should have: rank the first
            # MAX_RANKED_MATCHES allowed matches instead (rare: a site has a few drafts).
            matches = IndexEntry.objects.filter(
                self.match(search_query, prefix=""), content_type_id__in=ranking.content_types
            )
            allowed = ranking.of_objects(self.first_allowed_matches(matches))
            found = self.in_rank_order(allowed, start, stop)
        return found

    def in_rank_order(self, pks, start, stop) -> "AllowedInOrder":
        """The objects among `pks` that the queryset allows, in the order of `pks`, sliced
        [start:stop]; and how many of `pks` it allows, for the top-up in search()."""
        queryset, model = self.queryset.order_by(), self.queryset.model  # ordered here
        if not pks:
            return AllowedInOrder([], 0)
        if len(pks) <= stop:  # no more than are wanted: the allowed objects, in one statement
            objects = {obj.pk: obj for obj in queryset.filter(pk_among(model, pks))}
            allowed_objects = [objects[pk] for pk in pks if pk in objects]
            return AllowedInOrder(allowed_objects[start:stop], len(allowed_objects))
        allowed = set(queryset.filter(pk_among(model, pks)).values_list("pk", flat=True))
        wanted = [pk for pk in pks if pk in allowed][start:stop]
        if not wanted:  # a results page past the last one
            return AllowedInOrder([], len(allowed))
        # From the queryset itself, so .specific(), select_related() and the like still apply.
        objects = {obj.pk: obj for obj in queryset.filter(pk_among(model, wanted))}
        return AllowedInOrder([objects[pk] for pk in wanted if pk in objects], len(allowed))

    def first_allowed_matches(self, matches) -> list:
        """Primary keys of the first MAX_RANKED_MATCHES matches the queryset allows.

        Asking the index for "entries of allowed objects" in one statement (a semi-join over
        every live page) cost 7–11 ms at 10,000 pages, where a plain match costs about 1 ms;
        so ask for plain matches, keep the allowed ones and ask again for others, a few times,
        before leaving it to the database.
        """
        allowed, seen = [], []
        for _ in range(MAX_MATCH_BATCHES):
            wanted = MAX_RANKED_MATCHES - len(allowed)
            batch = list(
                matches.exclude(object_id__in=seen).values_list("object_id", flat=True)[:wanted]
            )
            allowed += self.queryset.filter(pk__in=batch).values_list("pk", flat=True)
            seen += batch
            if len(batch) < wanted or len(allowed) >= MAX_RANKED_MATCHES:
                return allowed  # every match seen, or enough allowed ones
        # Many disallowed entries among the matches: let the database pick the allowed ones.
        allowed_ids = self.queryset.annotate(_text_pk=Cast("pk", CharField())).values("_text_pk")
        rest = matches.exclude(object_id__in=seen).filter(object_id__in=allowed_ids)
        wanted = MAX_RANKED_MATCHES - len(allowed)
        return allowed + list(rest.values_list("object_id", flat=True)[:wanted])

    @staticmethod
    def match(tsquery, prefix="index_entries__") -> Q:
        """`title @@ query OR body @@ query`: each side is answered by a GIN index."""
        return Q(**{f"{prefix}title": tsquery}) | Q(**{f"{prefix}body": tsquery})


class ClinicPostgresIndex(StoredDocumentsIndexMixin, PostgresIndex):
    pass


class ClinicPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = IndexedPostgresSearchQueryCompiler
    index_class = ClinicPostgresIndex
