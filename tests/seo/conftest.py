import pytest

from tests.factories import TeamPageFactory
from tests.seo.helpers import BASE_URL


@pytest.fixture(autouse=True)
def public_base_url(settings):
    """Canonical URLs come from the site's public base URL, whatever the test client's host."""
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


@pytest.fixture
def every_page(site_tree):
    """One page of every public page type, keyed by name."""
    team = TeamPageFactory(parent=site_tree["home"], slug="team")
    return {**site_tree, "team": team}
