"""Every page type costs a small, fixed number of queries, however many images, FAQs and steps.

tests/test_query_budget.py holds the text-only budgets; this adds images (heroes, cards, body
pictures: rendition lookups are the classic N+1), site search and the API listing.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamValue

from home.models import HomePageFeaturedService
from search.invalidation import forget_everything
from tests.factories import (
    ClinicImageFactory,
    FAQFactory,
    ServicePageFactory,
    ServiceStepFactory,
)

BUDGET = 25
URLS = {
    "home": lambda tree: tree["home"].url,
    "services": lambda tree: tree["services"].url,
    "service": lambda tree: tree["service"].url,
    "faqs": lambda tree: tree["faq_page"].url,
    "search": lambda tree: "/search/?q=service",
    "api listing": lambda tree: "/api/v2/pages/?type=services.ServicePage&fields=*",
}


def add_illustrated_content(tree, count):
    service = tree["service"]
    for _ in range(count):
        FAQFactory(related_services=[service])
        ServiceStepFactory(page=service)
        other = ServicePageFactory(parent=tree["services"], hero_image=ClinicImageFactory())
        HomePageFeaturedService.objects.create(page=tree["home"], service=other)
    service.hero_image = ClinicImageFactory()
    body = [("image", {"image": ClinicImageFactory(), "caption": "x"}) for _ in range(count)]
    service.body = StreamValue(service.body.stream_block, body)
    service.save()


def queries_for(client, url) -> int:
    # The first view makes the renditions (publishing would have) and warms per-process
    # caches. Wagtail then remembers each rendition in the cache (Redis in production), as
    # measured here; with a cold cache every picture costs one lookup more, once.
    client.get(url)
    # Search answers are cached per query: measure a real search, not the cached answer.
    forget_everything()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("name", URLS)
def test_queries_do_not_grow_with_images_faqs_and_steps(client, site_tree, name):
    url = URLS[name](site_tree)
    add_illustrated_content(site_tree, 1)
    few = queries_for(client, url)
    add_illustrated_content(site_tree, 4)
    many = queries_for(client, url)

    assert many <= BUDGET, f"{url} costs {many} queries"
    assert many == few, f"{url}: {few} queries with one of each, {many} with five"
