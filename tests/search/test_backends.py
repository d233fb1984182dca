"""Our database search backends find what Wagtail's own finds, with SQL that scales.

The suite runs on SQLite and on PostgreSQL (DATABASE_URL), so each database's half of these
tests runs in one of the two runs.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from faqs.models import FAQ

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")

QUERIES = [
    PlainText("prp", operator="or"),
    PlainText("hair loss session pain", operator="or"),
    PlainText("platelet rich plasma", operator="and"),
    PlainText("o'brien back\\slash hair-loss", operator="or"),  # quoting, hyphens
    And([Or([PlainText("prp"), PlainText("platelet rich plasma")]), PlainText("safe")]),
    And([PlainText("hair"), Or([PlainText("women"), PlainText("femal")])]),
]


def wagtails_own_backend():
    return get_search_backend("wagtail.search.backends.database", SEARCH_CONFIG="simple")


@pytest.mark.per_database  # no query, but the answer depends on the configured database
def test_the_site_uses_the_backend_for_its_database():
    backend = type(get_search_backend()).__name__
    expected = {"postgresql": "ClinicPostgresSearchBackend", "sqlite": "ClinicSQLiteSearchBackend"}
    assert backend == expected[connection.vendor]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_it_finds_the_same_pages_and_faqs_as_wagtails_backend(demo_content, query):
    ours, theirs = get_search_backend(), wagtails_own_backend()
    for queryset in (Page.objects.live().public().specific(), FAQ.objects.filter(live=True)):
        found = {item.pk for item in ours.search(query, queryset)[:100]}
        expected = {item.pk for item in theirs.search(query, queryset)[:100]}
        assert found == expected
    assert found, "the query should find something in the demo content"


def test_the_best_matches_come_first(demo_content):
    titles = [page.title for page in get_search_backend().search("centrifuge", Page)[:3]]
    assert titles[0] == "PRP hair restoration"


@on_postgres
def test_postgres_matches_each_column_so_its_gin_indexes_can_answer(demo_content):
    with CaptureQueriesContext(connection) as captured:
        list(get_search_backend().search(QUERIES[3], Page)[:10])

    [first_matches] = [q["sql"] for q in captured if "wagtailsearch_indexentry" in q["sql"]]
    assert "(title @@ to_tsquery(" in first_matches
    assert " OR body @@ to_tsquery(" in first_matches
    assert "||" not in first_matches  # no concatenation of the two columns


@on_postgres
def test_postgres_ranks_a_bounded_number_of_matches(demo_content, monkeypatch):
    from search.backends import postgres

    monkeypatch.setattr(postgres, "MAX_RANKED_MATCHES", 2)
    found = list(get_search_backend().search(PlainText("prp", operator="or"), Page)[:10])

    assert len(found) == 2


@on_postgres
@pytest.mark.parametrize("batches", [1, 100], ids=["then-allowed-only", "more-batches"])
def test_postgres_counts_only_allowed_objects_among_the_first_matches(
    demo_content, monkeypatch, batches
):
    from search.backends import postgres

    # Drafts are in the index too (found in review): the first matches must be live pages,
    # whether found by asking for more matches or, after `batches`, for allowed ones only.
    Page.objects.exclude(depth=1).update(live=False)
    prp = Page.objects.get(slug="prp-hair-restoration")
    Page.objects.filter(pk=prp.pk).update(live=True)
    monkeypatch.setattr(postgres, "MAX_RANKED_MATCHES", 1)
    monkeypatch.setattr(postgres, "MAX_MATCH_BATCHES", batches)
    found = list(get_search_backend().search(PlainText("prp"), Page.objects.live())[:10])

    assert [page.pk for page in found] == [prp.pk]


@on_postgres
def test_postgres_keeps_what_the_queryset_asks_for_such_as_specific_pages(demo_content):
    found = list(get_search_backend().search(PlainText("prp"), Page.objects.live().specific())[:3])

    assert found[0].title == "PRP hair restoration"
    assert type(found[0]).__name__ == "ServicePage"


@on_postgres
def test_postgres_reads_the_objects_of_a_few_matches_in_one_statement(demo_content):
    with CaptureQueriesContext(connection) as captured:
        found = list(get_search_backend().search(PlainText("prp"), Page.objects.live())[:100])

    page_reads = [q for q in captured if q["sql"].startswith('SELECT "wagtailcore_page"')]
    assert len(page_reads) == 1
    assert found[0].title == "PRP hair restoration"


@on_postgres
def test_postgres_skips_drafts_when_more_matches_than_wanted(demo_content):
    backend, live_pages = get_search_backend(), Page.objects.live()
    best_two = list(backend.search(PlainText("prp"), live_pages)[:2])
    Page.objects.filter(pk=best_two[0].pk).update(live=False)  # the best match is now a draft

    [best_live] = backend.search(PlainText("prp"), Page.objects.live())[:1]

    assert best_live.pk == best_two[1].pk


@on_postgres
def test_postgres_first_matches_need_no_join_when_every_match_is_allowed(demo_content):
    with CaptureQueriesContext(connection) as captured:
        list(get_search_backend().search(PlainText("prp"), Page.objects.live())[:10])

    [first_matches] = [q["sql"] for q in captured if "wagtailsearch_indexentry" in q["sql"]]
    assert "wagtailcore_page" not in first_matches  # no semi-join with every live page


def planner_setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.fixture(params=[False, True], ids=["one-batch", "one-statement-per-call"])
def statements_per_call(request, monkeypatch):
    """Both ways of sending the planner settings: in one batch (Django's client-side binding
    cursor), and apart, as a server-side binding cursor (the `server_side_binding` option)
    requires. The second is chosen here by replacing the cursor check."""
    from search.backends import postgres

    if request.param:
        monkeypatch.setattr(postgres, "takes_several_statements", lambda cursor: False)
    return request.param


@on_postgres
def test_postgres_sends_the_planner_settings_in_one_batch_with_djangos_default_cursor(db):
    from search.backends.postgres import takes_several_statements

    with connection.cursor() as cursor:
        assert takes_several_statements(cursor)


@on_postgres
def test_postgres_finds_first_matches_with_gin_indexes_then_restores_the_planner(
    demo_content, statements_per_call
):
    with CaptureQueriesContext(connection) as captured:
        found = list(get_search_backend().search(PlainText("prp"), Page.objects.live())[:10])

    statements = [q["sql"] for q in captured]
    first = next(i for i, sql in enumerate(statements) if "wagtailsearch_indexentry" in sql)
    around_it = " ".join(statements[max(first - 1, 0) : first + 2])
    assert "SET enable_seqscan = off" in around_it
    assert "RESET enable_seqscan" in around_it
    assert found[0].title == "PRP hair restoration"
    assert (planner_setting("enable_seqscan"), planner_setting("enable_indexscan")) == ("on", "on")


@on_postgres
@pytest.mark.django_db(transaction=True)  # outside a transaction: nothing else would undo them
def test_postgres_planner_settings_do_not_outlive_a_failing_query(statements_per_call):
    from django.db import DataError

    from search.backends.postgres import fetch_using_gin_indexes

    with pytest.raises(DataError):
        fetch_using_gin_indexes("SELECT 1 / %s", [0])

    assert (planner_setting("enable_seqscan"), planner_setting("jit")) == ("on", "on")


@on_postgres
def test_postgres_search_of_values_querysets_and_pages_past_the_end(demo_content):
    backend = get_search_backend()

    titles = backend.search(PlainText("prp"), Page.objects.live().values("title"))[:3]
    past_the_end = list(backend.search(PlainText("prp"), Page.objects.live())[500:510])

    assert list(titles)[0]["title"] == "PRP hair restoration"  # modelsearch's way, no error
    assert past_the_end == []


@on_sqlite
def test_sqlite_ranks_each_match_once_without_a_correlated_subquery(demo_content):
    with CaptureQueriesContext(connection) as captured:
        list(get_search_backend().search(QUERIES[1], Page)[:10])

    ranking = next(q["sql"] for q in captured if "bm25" in q["sql"])
    assert "ORDER BY" in ranking and "LIMIT 10" in ranking
    assert '= ("wagtailcore_page"."id")' not in ranking  # the old per-row subquery
    assert ranking.count("MATCH") == 1


@on_postgres
@pytest.mark.parametrize("words", ["-", "--", "- -"])
def test_postgres_search_without_searchable_words_finds_nothing(demo_content, words):
    # Hyphens and spaces only: no word to search for, so no tsquery to rank with (a 500 on
    # /api/v2/pages/?search=- before). Nothing found, as modelsearch finds for "".
    backend, pages = get_search_backend(), Page.objects.live().public().specific()
    query = PlainText(words, operator="or")

    with CaptureQueriesContext(connection) as captured:
        found = list(backend.search(query, pages)[:10])
        also_unsliced = list(backend.search(query, pages))
        count = backend.search(query, pages).count()

    assert (found, also_unsliced, count) == ([], [], 0)
    assert not [q for q in captured if "wagtailsearch_indexentry" in q["sql"]]  # no ranking


@on_postgres
@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_postgres_api_search_for_a_hyphen_is_an_empty_result(demo_content, client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/?search=-")

    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["meta"]["total_count"] == 0


@on_postgres
def test_postgres_site_search_for_a_hyphen_does_not_fail(demo_content, client):
    response = client.get("/search/?q=-")

    assert response.status_code == 200
