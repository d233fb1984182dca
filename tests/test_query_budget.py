"""Pages cost a small, fixed number of queries, however much content they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import FAQFactory, ServicePageFactory, ServiceStepFactory

# The most queries each page may cost (SQLite), set to what it costs today so a regression shows.
# The service page: Wagtail's routing, view restrictions and hreflang links, the clinic
# details and menu, then its steps, sources and FAQs once each (services/models.py).
QUERY_BUDGETS = {"home": 10, "services": 13, "service": 15, "faq_page": 12, "contact": 13}
PAGE_KEYS = list(QUERY_BUDGETS)


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_content(site_tree, count):
    service = site_tree["service"]
    for _ in range(count):
        FAQFactory(related_services=[service])
        ServiceStepFactory(page=service)
        ServicePageFactory(parent=site_tree["services"])


@pytest.mark.django_db
@pytest.mark.parametrize("page_key", PAGE_KEYS)
def test_page_queries_do_not_grow_with_content(client, site_tree, page_key):
    url = site_tree[page_key].url
    add_content(site_tree, 1)
    few = queries_for(client, url)
    add_content(site_tree, 4)
    many = queries_for(client, url)

    assert many == few, f"{url}: {few} queries with little content, {many} with more"
    assert many <= QUERY_BUDGETS[page_key], f"{url} costs {many} queries"
