"""Reading what a rendered page tells search engines: meta tags and the JSON-LD graph."""

import json

from bs4 import BeautifulSoup

BASE_URL = "https://clinic.example.com"


def page_html(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def meta(html: BeautifulSoup, key: str) -> str | None:
    """The content of <meta name=key> or <meta property=key>, None if absent."""
    tag = html.find("meta", attrs={"name": key}) or html.find("meta", attrs={"property": key})
    return tag["content"] if tag else None


def json_ld_graph(html: BeautifulSoup) -> list[dict]:
    scripts = html.find_all("script", attrs={"type": "application/ld+json"})
    assert len(scripts) == 1, f"expected one JSON-LD script, found {len(scripts)}"
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def nodes_of_type(graph: list[dict], node_type: str) -> list[dict]:
    return [node for node in graph if node["@type"] == node_type]


def node_of_type(graph: list[dict], node_type: str) -> dict:
    nodes = nodes_of_type(graph, node_type)
    assert len(nodes) == 1, f"expected one {node_type}, found {[n['@type'] for n in graph]}"
    return nodes[0]


def node_by_id(graph: list[dict], node_id: str) -> dict:
    matches = [node for node in graph if node.get("@id") == node_id]
    assert len(matches) == 1, f"no single node {node_id}"
    return matches[0]
