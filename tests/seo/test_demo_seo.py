"""The demo content passes its own SEO rules: descriptions, the team page, a share image."""

import pytest

from clinic.models import ClinicSettings
from services.models import ServicePage
from team.models import TeamPage


@pytest.fixture
def demo(demo_content):
    """The demo site as `manage.py load_demo_content` builds it (tests/conftest.py)."""


@pytest.mark.django_db
def test_demo_service_pages_are_valid_with_their_search_descriptions(demo):
    for service in ServicePage.objects.all():
        assert service.search_description
        service.full_clean()


@pytest.mark.django_db
def test_demo_has_a_live_team_page_in_the_menu_and_a_default_share_image(demo):
    team = TeamPage.objects.get()
    assert team.live and team.show_in_menus
    assert ClinicSettings.objects.get().default_share_image is not None
