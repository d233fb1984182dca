"""Anonymous visitors get whole pages from the cache; every published edit shows at once."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page

from mysite.page_cache import PageCacheMiddleware
from tests.factories import FAQFactory

pytestmark = pytest.mark.django_db


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def test_the_second_anonymous_request_is_served_from_the_cache(client, site_tree, page_cache_on):
    url = site_tree["service"].url
    first = get(client, url)
    second = get(client, url)

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # The headers the inner middleware added come back with the body.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_costs_one_query_the_content_version(
    client, site_tree, page_cache_on, django_assert_num_queries
):
    url = site_tree["home"].url
    get(client, url)
    with django_assert_num_queries(1) as captured:
        assert get(client, url)["X-Cache"] == "hit"
    assert "base_contentversion" in captured.captured_queries[0]["sql"]


def test_with_redis_a_hit_costs_no_query(
    client, site_tree, page_cache_on, settings, django_assert_num_queries
):
    """The version is mirrored in the default cache (Redis in production; here the suite's
    per-process cache stands in for it)."""
    settings.REDIS_URL = "redis://stand-in"
    caches["default"].clear()
    url = site_tree["home"].url
    get(client, url)
    with django_assert_num_queries(0):
        assert get(client, url)["X-Cache"] == "hit"


def test_a_hit_is_served_compressed_to_browsers_that_accept_it(client, site_tree, page_cache_on):
    url = site_tree["service"].url
    plain = get(client, url)
    compressed = get(client, url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2
    without = get(client, url)
    assert without["X-Cache"] == "hit" and not without.has_header("Content-Encoding")
    assert "Accept-Encoding" in without["Vary"]


def test_the_query_string_and_host_are_part_of_the_key(client, site_tree, page_cache_on):
    url = site_tree["home"].url
    get(client, url)
    assert get(client, url + "?page=2")["X-Cache"] == "miss"
    assert get(client, url, HTTP_HOST="localhost")["X-Cache"] == "miss"
    assert get(client, url)["X-Cache"] == "hit"


def test_campaign_tracking_parameters_share_the_cached_page(client, site_tree, page_cache_on):
    # Every ad click has its own ?fbclid= / ?gclid=: a burst from a campaign must still hit.
    url = site_tree["home"].url
    get(client, url)
    for query in ["?utm_source=tv&utm_campaign=spring", "?fbclid=abc123", "?gclid=xyz&msclkid=1"]:
        assert get(client, url + query)["X-Cache"] == "hit", query
    assert get(client, url + "?gclid=xyz&page=2")["X-Cache"] == "miss"


def test_publishing_a_page_edit_shows_on_the_next_request(
    client, site_tree, page_cache_on, publish
):
    service = site_tree["service"]
    get(client, service.url)
    assert get(client, service.url)["X-Cache"] == "hit"

    service.summary = "A brand new summary for the TV campaign."
    publish(lambda: service.save_revision().publish())

    response = get(client, service.url)
    assert response["X-Cache"] == "miss"
    assert "A brand new summary for the TV campaign." in response.content.decode()


def test_a_draft_is_not_shown_and_does_not_empty_the_cache(
    client, site_tree, page_cache_on, publish
):
    service = site_tree["service"]
    get(client, service.url)
    assert get(client, service.url)["X-Cache"] == "hit"
    service.summary = "Not ready yet."
    # A draft, saved as the admin would (its on-commit work runs): the live page is unchanged.
    publish(service.save_revision)

    response = get(client, service.url)
    assert response["X-Cache"] == "hit"
    assert "Not ready yet." not in response.content.decode()


def test_an_unpublished_page_disappears_from_the_cache(client, site_tree, page_cache_on, publish):
    service = site_tree["service"]
    get(client, service.url)
    get(client, site_tree["services"].url)

    publish(lambda: service.unpublish())

    assert client.get(service.url).status_code == 404
    assert service.title not in get(client, site_tree["services"].url).content.decode()


def test_a_published_faq_edit_shows_on_the_faq_page_and_the_service_page(
    client, site_tree, page_cache_on, publish
):
    faq = FAQFactory(question="Does it hurt?", related_services=[site_tree["service"]])
    pages = [site_tree["faq_page"].url, site_tree["service"].url]
    for url in pages:
        get(client, url)
        assert get(client, url)["X-Cache"] == "hit"

    faq.question = "Is the injection painful?"
    publish(lambda: faq.save_revision().publish())

    for url in pages:
        text = get(client, url).content.decode()
        assert "Is the injection painful?" in text, url
        assert "Does it hurt?" not in text, url


def test_a_new_phone_number_shows_in_the_footer_of_every_page(
    client, site_tree, clinic_settings, page_cache_on, publish
):
    urls = [site_tree[key].url for key in ("home", "services", "service", "faq_page", "contact")]
    for url in urls:
        get(client, url)

    clinic_settings.phone = "(213) 555-0199"
    publish(clinic_settings.save)

    for url in urls:
        footer = BeautifulSoup(get(client, url).content, "html.parser").find(
            "footer", class_="site-footer"
        )
        assert "(213) 555-0199" in footer.get_text(), url


def test_a_logged_in_editor_never_gets_cached_html(client, site_tree, page_cache_on):
    url = site_tree["service"].url
    get(client, url)
    assert get(client, url)["X-Cache"] == "hit"
    # A change the cache can't know about (no signal): only a fresh render shows it.
    Page.objects.filter(pk=site_tree["service"].pk).update(title="Renamed behind the cache")

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("ed", "ed@example.com", "pw"))
    for _ in range(2):
        response = get(editor, url)
        assert response.get("X-Cache") != "hit"
        assert "Renamed behind the cache" in response.content.decode()
    # And what the editor saw was not stored for visitors.
    anonymous = get(client, url)
    assert anonymous["X-Cache"] == "hit"
    assert "Renamed behind the cache" not in anonymous.content.decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/"), ("get", "/no-such-page/"), ("get", "/search/?q=prp"), ("get", "/healthz")],
)
def test_posts_errors_search_and_health_are_never_served_from_the_cache(
    client, site_tree, page_cache_on, method, path
):
    for _ in range(2):
        response = getattr(client, method)(path)
        assert response.get("X-Cache") != "hit"


def test_admin_pages_are_never_cached(admin_client, site_tree, page_cache_on):
    for _ in range(2):
        response = admin_client.get("/admin/")
        assert response.status_code == 200
        assert "X-Cache" not in response


def test_head_requests_are_answered_from_the_cache(client, site_tree, page_cache_on):
    url = site_tree["home"].url
    get(client, url)
    assert client.head(url)["X-Cache"] == "hit"


def test_api_listings_are_cached_and_invalidated_too(client, site_tree, page_cache_on, publish):
    url = "/api/v2/pages/?type=services.ServicePage&fields=summary"
    get(client, url)
    assert get(client, url)["X-Cache"] == "hit"

    service = site_tree["service"]
    service.summary = "Changed for the API."
    publish(lambda: service.save_revision().publish())

    response = get(client, url)
    assert response["X-Cache"] == "miss"
    assert response.json()["items"][0]["summary"] == "Changed for the API."


def test_a_cached_etag_still_answers_304(rf):
    entry = ("v1", 200, [("Content-Type", "application/json"), ("ETag", '"abc"')], b"{}", None)
    request = rf.get("/api/v2/pages/", HTTP_IF_NONE_MATCH='"abc"')

    response = PageCacheMiddleware.cached_response(request, entry)

    assert response.status_code == 304
    assert response["ETag"] == '"abc"'


def test_responses_that_set_a_cookie_are_not_stored(rf, settings):
    from django.http import HttpResponse

    response = HttpResponse("<p>hi</p>")
    response.set_cookie("tracking", "1")

    assert not PageCacheMiddleware.is_storable(rf.get("/"), response)


def test_private_responses_are_not_stored(rf):
    from django.http import HttpResponse

    response = HttpResponse("<p>hi</p>")
    response["Cache-Control"] = "private, max-age=300"

    assert not PageCacheMiddleware.is_storable(rf.get("/"), response)


def test_the_cache_is_off_when_its_lifetime_is_zero(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = site_tree["home"].url
    get(client, url)
    assert "X-Cache" not in get(client, url)


def test_clear_page_cache_command_makes_every_page_render_afresh(client, site_tree, page_cache_on):
    from django.core.management import call_command

    url = site_tree["home"].url
    get(client, url)
    assert get(client, url)["X-Cache"] == "hit"

    call_command("clear_page_cache")

    assert get(client, url)["X-Cache"] == "miss"
