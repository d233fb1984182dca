import pytest

from tests.factories import (
    ContactPageFactory,
    FAQIndexPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    make_clinic_settings,
    make_home_site,
)
from tests.server import shared_demo_site, start_building_shared_demo_site


def pytest_collection_finish(session):
    """Start building the run's demo site now, on the side, if a collected test needs it.

    pytest-django runs database tests first, and the server and browser tests that need the demo
    site last; by then it is built, instead of every worker waiting for it (tests/server.py)."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or session.config.option.collectonly:
        return
    if any("demo_site_template" in getattr(item, "fixturenames", ()) for item in session.items):
        start_building_shared_demo_site(factory)


@pytest.fixture(autouse=True)
def fresh_search_caches():
    """Search caches results, vocabulary and synonyms; the database rows an earlier test
    searched are rolled back, so each test starts with those forgotten."""
    from search.invalidation import forget_everything

    forget_everything()


@pytest.fixture(scope="session")
def demo_site_template(tmp_path_factory):
    """The demo site (database, media, collected static files) built once per run, shared by
    every xdist worker. Servers get copies of it (`tests.server.copy_demo_site`)."""
    return shared_demo_site(tmp_path_factory)


@pytest.fixture
def home_page(db):
    return make_home_site()


@pytest.fixture
def clinic_settings(home_page):
    return make_clinic_settings()


@pytest.fixture
def site_tree(home_page, clinic_settings):
    """A small site: home, services with one service, the FAQ page and the contact page."""
    services = ServiceIndexPageFactory(parent=home_page, slug="services")
    service = ServicePageFactory(parent=services, title="PRP hair restoration", slug="prp")
    faq_page = FAQIndexPageFactory(parent=home_page, slug="faqs")
    contact = ContactPageFactory(parent=home_page, slug="contact")
    clinic_settings.contact_page = contact
    clinic_settings.save()
    return {
        "home": home_page,
        "services": services,
        "service": service,
        "faq_page": faq_page,
        "contact": contact,
    }
