"""Publishing a page makes its images' renditions, so no visitor waits for them."""

import pytest
from django.core.cache import cache
from wagtail.blocks import StreamValue

from clinic.models import ClinicRendition
from home.models import HomePageFeaturedService
from tests.factories import ClinicImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_renditions():
    cache.clear()  # Wagtail remembers renditions in the cache: start from none
    yield
    cache.clear()


@pytest.fixture
def illustrated_site(site_tree):
    """The service page with a hero and a body image; the home page features the service."""
    service = site_tree["service"]
    service.hero_image = ClinicImageFactory(width=1600, height=900)
    service.body = StreamValue(
        service.body.stream_block,
        [("image", {"image": ClinicImageFactory(width=1400, height=1000), "caption": "Tubes"})],
    )
    home = site_tree["home"]
    home.hero_image = ClinicImageFactory(width=1600, height=900)
    HomePageFeaturedService.objects.create(page=home, service=service, sort_order=0)
    return site_tree


def test_a_published_page_renders_without_making_any_rendition(client, illustrated_site, publish):
    service, home = illustrated_site["service"], illustrated_site["home"]
    publish(lambda: service.save_revision().publish())
    publish(lambda: home.save_revision().publish())
    made_at_publish = ClinicRendition.objects.count()

    for key in ("service", "services", "home"):
        assert client.get(illustrated_site[key].url).status_code == 200

    assert made_at_publish > 0
    assert ClinicRendition.objects.count() == made_at_publish


def test_without_the_publish_step_the_first_visitor_would_make_them(client, illustrated_site):
    # The control for the test above: the same pages, saved without publishing signals.
    illustrated_site["service"].save()
    assert client.get(illustrated_site["service"].url).status_code == 200

    assert ClinicRendition.objects.count() > 0
