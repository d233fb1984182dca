"""CDN purging on publish (publishing/cdn.py, publishing/frontend_cache_config.py), with a
recording backend."""

import logging

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

import publishing.shown
from publishing.frontend_cache_config import frontend_cache_from_env, wildcard_backends
from tests.factories import FAQCategoryFactory, FAQFactory, ServicePageFactory
from tests.test_settings_and_commands import print_production_settings

pytestmark = pytest.mark.django_db

API = f"{settings.WAGTAILAPI_BASE_URL}/api/v2"


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it was asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


class BrokenBackend(BaseBackend):
    def purge(self, url):
        raise ConnectionError("CDN API unreachable")


@pytest.fixture
def cdn(settings):
    """The URLs purged, with a CDN configured as FRONTEND_CACHE_BACKEND would configure one."""
    settings.WAGTAILFRONTENDCACHE = {
        "recorder": {"BACKEND": "tests.api.test_cdn_purge.RecordingBackend"}
    }
    settings.FRONTEND_CACHE_WILDCARD_BACKENDS = []
    RecordingBackend.purged.clear()
    return RecordingBackend.purged


@pytest.fixture
def purged_by(cdn, django_capture_on_commit_callbacks):
    """purged_by(change) -> the set of URLs purged once `change` has committed."""

    def run(change) -> set[str]:
        cdn.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return set(cdn)

    return run


def html(page) -> str:
    return page.get_full_url()


def every_page_url() -> set[str]:
    return {html(page) for page in Page.objects.live().public().exclude(depth=1)}


# Pages


def test_publishing_a_service_page_purges_it_its_listings_and_the_pages_showing_it(
    purged_by, site_tree
):
    service = site_tree["service"]
    service.summary = "Reviewed in November."

    urls = purged_by(lambda: service.save_revision().publish())

    assert {
        html(service),
        f"{API}/pages/{service.pk}/",
        f"{API}/pages/",
        f"{API}/faqs/",  # FAQs list their services
        html(site_tree["services"]),  # the services list
        f"{API}/pages/{site_tree['services'].pk}/",
        html(site_tree["home"]),  # featured services
        f"{API}/pages/{site_tree['home'].pk}/",
        html(site_tree["contact"]),  # the form's list of services
    } <= urls
    # Not a menu page: the rest of the site stays cached.
    assert html(site_tree["faq_page"]) not in urls
    assert f"{API}/settings/" not in urls
    assert f"{API}/navigation/" not in urls


def test_publishing_a_menu_page_purges_navigation_settings_and_every_page(purged_by, site_tree):
    faq_page = site_tree["faq_page"]
    faq_page.title = "Questions and answers"

    urls = purged_by(lambda: faq_page.save_revision().publish())

    assert {f"{API}/navigation/", f"{API}/settings/", f"{API}/pages/"} <= urls
    assert every_page_url() <= urls


def test_publishing_a_section_purges_the_pages_below_it(purged_by, site_tree):
    # Their breadcrumbs name it.
    services = site_tree["services"]
    services.title = "Treatments"

    urls = purged_by(lambda: services.save_revision().publish())

    assert html(site_tree["service"]) in urls
    assert f"{API}/pages/{site_tree['service'].pk}/" in urls  # its meta.parent names it


def test_renaming_a_service_purges_the_details_of_its_faqs(purged_by, site_tree):
    faq = FAQFactory(related_services=[site_tree["service"]])
    site_tree["service"].title = "PRP for thinning hair"

    urls = purged_by(lambda: site_tree["service"].save_revision().publish())

    assert f"{API}/faqs/{faq.pk}/" in urls


def test_unpublishing_a_page_purges_it_and_its_listings(purged_by, site_tree):
    service = site_tree["service"]
    url = html(service)

    urls = purged_by(service.unpublish)

    assert {url, f"{API}/pages/{service.pk}/", f"{API}/pages/", html(site_tree["services"])} <= urls


def test_deleting_a_live_page_purges_it_and_its_listings(purged_by, site_tree):
    service = ServicePageFactory(parent=site_tree["services"], slug="going")
    url, api_url = html(service), f"{API}/pages/{service.pk}/"

    urls = purged_by(service.delete)

    assert {url, api_url, f"{API}/pages/", html(site_tree["services"])} <= urls


def test_a_saved_draft_purges_nothing(purged_by, site_tree):
    service = site_tree["service"]
    service.summary = "Not approved yet."

    assert purged_by(service.save_revision) == set()


# FAQs


def test_publishing_an_faq_purges_its_endpoints_the_faq_page_and_its_service_pages(
    purged_by, site_tree
):
    service = site_tree["service"]
    faq = FAQFactory(related_services=[service])
    faq.answer = "<p>A numbing cream is used first.</p>"

    urls = purged_by(lambda: faq.save_revision().publish())

    assert {
        f"{API}/faqs/",
        f"{API}/faqs/{faq.pk}/",
        f"{API}/pages/",
        f"{API}/pages/{service.pk}/",
        html(service),
        html(site_tree["faq_page"]),
    } <= urls
    assert html(site_tree["contact"]) not in urls


def test_taking_an_faq_off_a_service_page_purges_that_page_too(purged_by, site_tree):
    before = site_tree["service"]
    after = ServicePageFactory(parent=site_tree["services"], slug="scalp-care")
    faq = FAQFactory(related_services=[before])
    faq.related_services.set([after])

    urls = purged_by(lambda: faq.save_revision().publish())

    assert {html(before), html(after), f"{API}/pages/{before.pk}/"} <= urls


def test_unpublishing_an_faq_purges_it(purged_by, site_tree):
    faq = FAQFactory(related_services=[site_tree["service"]])
    faq.save_revision().publish()

    urls = purged_by(faq.unpublish)

    assert {f"{API}/faqs/", f"{API}/faqs/{faq.pk}/", html(site_tree["service"])} <= urls


def test_deleting_an_faq_purges_it(purged_by, site_tree):
    faq = FAQFactory(related_services=[site_tree["service"]])
    api_url = f"{API}/faqs/{faq.pk}/"

    urls = purged_by(faq.delete)

    assert {
        f"{API}/faqs/",
        api_url,
        html(site_tree["service"]),
        html(site_tree["faq_page"]),
    } <= urls


def test_renaming_an_faq_category_purges_the_faq_page_and_listing(purged_by, site_tree):
    category = FAQCategoryFactory()
    category.name = "Cost and booking"

    urls = purged_by(category.save)

    assert {f"{API}/faqs/", html(site_tree["faq_page"])} <= urls


def test_renaming_an_faq_category_purges_the_service_pages_showing_its_faqs(purged_by, site_tree):
    faq = FAQFactory(related_services=[site_tree["service"]])
    faq.category.name = "Cost and booking"

    urls = purged_by(faq.category.save)

    assert {
        f"{API}/faqs/{faq.pk}/",
        html(site_tree["service"]),
        f"{API}/pages/{site_tree['service'].pk}/",
    } <= urls


# Providers


def test_editing_a_provider_purges_the_team_page_and_the_pages_they_reviewed(purged_by, site_tree):
    from tests.factories import ProviderFactory, TeamPageFactory

    team = TeamPageFactory(parent=site_tree["home"], slug="team")
    provider = ProviderFactory()
    service = site_tree["service"]
    service.medical_reviewer = provider
    service.save_revision().publish()
    provider.credentials = "MD, FAAD"

    urls = purged_by(provider.save)

    assert {
        html(team),
        f"{API}/pages/{team.pk}/",
        html(service),
        f"{API}/pages/{service.pk}/",
    } <= urls
    assert html(site_tree["faq_page"]) not in urls


# Clinic details


def test_saving_the_clinic_details_purges_settings_and_every_page(
    purged_by, site_tree, clinic_settings
):
    clinic_settings.phone = "(310) 000-1111"

    urls = purged_by(clinic_settings.save)

    assert f"{API}/settings/" in urls
    assert every_page_url() <= urls
    assert len(every_page_url()) == 5


# When and how


def test_nothing_is_purged_before_the_change_commits(
    cdn, site_tree, django_capture_on_commit_callbacks
):
    # A CDN that re-fetched before the commit would store the old content again.
    faq = FAQFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        faq.save_revision().publish()
    assert f"{API}/faqs/" not in cdn

    for callback in callbacks:
        callback()

    assert f"{API}/faqs/" in cdn


def test_cloudfront_also_gets_a_wildcard_for_every_query_string_of_a_listing(
    settings, purged_by, site_tree
):
    settings.FRONTEND_CACHE_WILDCARD_BACKENDS = ["recorder"]
    faq = FAQFactory()

    urls = purged_by(lambda: faq.save_revision().publish())

    assert {f"{API}/faqs/*", f"{API}/pages/*"} <= urls
    assert f"{API}/faqs/{faq.pk}/*" not in urls  # details have no query strings


def test_other_cdns_get_no_wildcards(purged_by, site_tree):
    urls = purged_by(lambda: FAQFactory().save_revision().publish())

    assert not any(url.endswith("*") for url in urls)


def test_a_failing_cdn_never_stops_an_editor_publishing(
    settings, site_tree, django_capture_on_commit_callbacks, caplog
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.api.test_cdn_purge.BrokenBackend"}}
    faq = FAQFactory(live=False)

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        faq.save_revision().publish()

    faq.refresh_from_db()
    assert faq.live
    assert "CDN API unreachable" in caplog.text  # logged for whoever looks after the CDN


def test_without_a_cdn_no_purge_is_even_worked_out(
    settings, site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    worked_out = []
    monkeypatch.setattr(publishing.shown.ShownAt, "changed", lambda *args: worked_out.append(args))

    with django_capture_on_commit_callbacks(execute=True):
        FAQFactory().save_revision().publish()

    assert worked_out == []


# Configuration from the environment


def test_no_backend_configured_means_no_purging():
    assert frontend_cache_from_env({}) == {}
    assert frontend_cache_from_env({"FRONTEND_CACHE_BACKEND": " "}) == {}


def test_cloudflare_is_configured_from_the_environment():
    config = frontend_cache_from_env(
        {
            "FRONTEND_CACHE_BACKEND": "cloudflare",
            "FRONTEND_CACHE_CLOUDFLARE_ZONE_ID": "zone123",
            "FRONTEND_CACHE_CLOUDFLARE_API_TOKEN": "token456",
            "FRONTEND_CACHE_HOSTNAMES": "clinic.example.com, api.clinic.example.com",
        }
    )

    assert config == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone123",
            "BEARER_TOKEN": "token456",
            "HOSTNAMES": ["clinic.example.com", "api.clinic.example.com"],
        }
    }
    assert wildcard_backends(config) == []


def test_cloudfront_and_http_are_configured_from_the_environment():
    cloudfront = frontend_cache_from_env(
        {"FRONTEND_CACHE_BACKEND": "CloudFront", "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID": "E1"}
    )
    http = frontend_cache_from_env(
        {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_HTTP_LOCATION": "http://varnish:6081"}
    )

    assert cloudfront["cloudfront"]["DISTRIBUTION_ID"] == "E1"
    assert wildcard_backends(cloudfront) == ["cloudfront"]
    assert http["http"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://varnish:6081",
    }


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"FRONTEND_CACHE_BACKEND": "fastly"}, "not one of: cloudflare, cloudfront, http"),
        ({"FRONTEND_CACHE_BACKEND": "cloudflare"}, "needs FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"),
        ({"FRONTEND_CACHE_BACKEND": "http"}, "needs FRONTEND_CACHE_HTTP_LOCATION"),
    ],
)
def test_a_misconfigured_cdn_stops_the_app_at_start_up(environ, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        frontend_cache_from_env(environ)


@pytest.mark.database_independent  # production settings in a subprocess, on its own SQLite
def test_production_purges_only_when_a_cdn_is_configured():
    # Pages and API answers alike, by the publishing event after the commit (Wagtail's own
    # purge-on-publish app, which purges before the commit, is not installed).
    expression = (
        "'wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, sorted(s.WAGTAILFRONTENDCACHE)"
    )
    off = print_production_settings(expression, DJANGO_SECRET_KEY="x" * 50)
    on = print_production_settings(
        expression,
        DJANGO_SECRET_KEY="x" * 50,
        FRONTEND_CACHE_BACKEND="http",
        FRONTEND_CACHE_HTTP_LOCATION="http://127.0.0.1:6081",
    )

    assert off.stdout.strip() == "False []", off.stderr
    assert on.stdout.strip() == "False ['http']", on.stderr
