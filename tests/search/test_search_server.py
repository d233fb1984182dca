"""The OpenSearch/Elasticsearch option (search/server_config.py): configured from the
environment, refused at start-up without its client, and never a broken search when the server
doesn't answer (the database index answers instead)."""

import importlib.util
import socket

import pytest
from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends import get_search_backend

from search.backends.database import SearchBackend as DatabaseSearchBackend
from search.server_config import DATABASE_SEARCH, search_backends_from_env


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_without_a_server_the_database_is_the_only_backend():
    assert search_backends_from_env({}) == {"default": DATABASE_SEARCH}


@pytest.mark.parametrize(
    "kind, backend_module",
    [
        ("opensearch3", "modelsearch.backends.opensearch3"),
        ("elasticsearch9", "modelsearch.backends.elasticsearch9"),
        ("wagtail.search.backends.elasticsearch9", "modelsearch.backends.elasticsearch9"),
    ],
)
def test_the_index_name_and_url_reach_the_server_backend(settings, kind, backend_module):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        {
            "SEARCH_BACKEND_URL": "http://search.internal:9200",
            "SEARCH_BACKEND": kind,
            "SEARCH_INDEX": "clinic-staging",
        }
    )

    server = get_search_backend("default")

    assert type(server).__module__.startswith(backend_module)
    assert server.index_prefix == "clinic-staging"
    assert [(host["host"], host["port"]) for host in server.hosts] == [("search.internal", 9200)]
    # The database index is kept as well, for when the server doesn't answer.
    assert type(get_search_backend("database")).__module__.startswith("search.backends")


def test_without_its_client_the_app_refuses_to_start(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "opensearchpy" else real_find_spec(name, *args),
    )

    with pytest.raises(ImproperlyConfigured, match="pip install -r requirements-search.txt"):
        search_backends_from_env(
            {"SEARCH_BACKEND_URL": "http://search:9200", "SEARCH_BACKEND": "opensearch3"}
        )


def test_an_unknown_server_kind_is_refused():
    with pytest.raises(ImproperlyConfigured, match="not one of: elasticsearch7"):
        search_backends_from_env({"SEARCH_BACKEND_URL": "http://s:9200", "SEARCH_BACKEND": "solr"})


@pytest.mark.django_db
def test_site_search_answers_from_the_database_while_the_server_does_not(
    client, settings, site_tree, caplog
):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        {
            "SEARCH_BACKEND_URL": closed_port_url(),
            "SEARCH_BACKEND": "elasticsearch9",
            "SEARCH_BACKEND_TIMEOUT": "1",
        }
    )
    assert isinstance(get_search_backend("database"), type(DatabaseSearchBackend({})))

    page = client.get("/search/?q=prp")
    api = client.get("/api/v2/search/?q=prp")
    suggestions = client.get("/search/suggest/?q=pr")

    assert page.status_code == 200
    assert "PRP hair restoration" in page.content.decode()
    assert api.status_code == 200
    assert api.json()["results"][0]["title"] == "PRP hair restoration"
    assert suggestions.status_code == 200
    assert {"PRP hair restoration"} <= {s["title"] for s in suggestions.json()["suggestions"]}
    assert "The search server didn't answer" in caplog.text
