"""HTTP caching of the public API (api/http_cache.py): strong ETags, Cache-Control, 304s."""

import hashlib

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from api.http_cache import apply_http_caching
from tests.factories import FAQFactory
from tests.test_settings_and_commands import print_production_settings

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=7, s-maxage=70, stale-while-revalidate=17"


@pytest.fixture(autouse=True)
def cache_lifetimes(settings):
    settings.API_CACHE_MAX_AGE = 7
    settings.API_CACHE_S_MAXAGE = 70
    settings.API_CACHE_STALE_WHILE_REVALIDATE = 17


def vary_of(response) -> set[str]:
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


def etag_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response["ETag"]


def service_url(site_tree) -> str:
    return f"/api/v2/pages/{site_tree['service'].pk}/"


# What a public answer carries


def test_a_public_answer_has_a_strong_etag_of_its_body_and_public_cache_control(client, site_tree):
    response = client.get("/api/v2/pages/")

    assert response.status_code == 200
    assert response["ETag"] == '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    assert not response["ETag"].startswith("W/")
    assert response["Cache-Control"] == PUBLIC


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/",
        "/api/v2/images/",
        "/api/v2/faqs/",
        "/api/v2/settings/",
        "/api/v2/navigation/",
        "/api/v2/openapi.json",
        "/api/v2/docs/",
    ],
)
def test_every_public_endpoint_is_cacheable(client, site_tree, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC
    assert response.has_header("ETag")


def test_the_same_content_gives_the_same_etag(client, site_tree):
    assert etag_of(client, service_url(site_tree)) == etag_of(client, service_url(site_tree))


def test_answers_vary_on_origin_and_cookie(client, site_tree):
    # Origin: the CORS headers differ per frontend. Cookie: editors get private answers.
    response = client.get("/api/v2/pages/")

    assert {"origin", "cookie"} <= vary_of(response)


def test_head_gets_the_same_validators_as_get(client, site_tree):
    get = client.get("/api/v2/pages/")
    head = client.head("/api/v2/pages/")

    assert head.status_code == 200
    assert head["ETag"] == get["ETag"]
    assert head["Cache-Control"] == PUBLIC


def test_the_middleware_sees_the_final_answer_and_cors_sees_its_304(settings):
    # Inside CORS (a 304 needs its CORS headers), outside sessions, CSRF and CommonMiddleware (it
    # must see their cookies, Vary and redirects); Django's ETag middleware would second-guess it.
    order = settings.MIDDLEWARE
    position = order.index("api.http_cache.ApiHttpCacheMiddleware")
    assert order.index("corsheaders.middleware.CorsMiddleware") < position
    assert position < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert position < order.index("django.middleware.csrf.CsrfViewMiddleware")
    assert position < order.index("django.middleware.common.CommonMiddleware")
    assert "django.middleware.http.ConditionalGetMiddleware" not in order


# If-None-Match


def test_a_matching_if_none_match_gets_304_without_a_body(client, site_tree):
    etag = etag_of(client, "/api/v2/pages/")

    response = client.get("/api/v2/pages/", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == PUBLIC
    assert "origin" in vary_of(response)
    assert not response.has_header("Content-Type")


@pytest.mark.parametrize(
    "header",
    ['"some-other-version", {etag}', '{etag}, "another"', "*", "W/{etag}"],
    ids=["in-a-list", "first-of-a-list", "star", "weak-form"],
)
def test_if_none_match_accepts_lists_star_and_the_weak_form(client, site_tree, header):
    etag = etag_of(client, "/api/v2/pages/")

    response = client.get("/api/v2/pages/", headers={"If-None-Match": header.format(etag=etag)})

    assert response.status_code == 304


@pytest.mark.parametrize("header", ['"not-this-one"', "nonsense without quotes", '"a", "b"'])
def test_a_stale_or_malformed_if_none_match_gets_the_full_answer(client, site_tree, header):
    response = client.get("/api/v2/pages/", headers={"If-None-Match": header})

    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 1


def test_head_with_a_matching_if_none_match_gets_304(client, site_tree):
    etag = etag_of(client, "/api/v2/pages/")

    assert client.head("/api/v2/pages/", headers={"If-None-Match": etag}).status_code == 304


# Publishing changes the ETag


def test_publishing_a_page_edit_changes_its_etag_and_the_listings(client, site_tree):
    service = site_tree["service"]
    detail_before = etag_of(client, service_url(site_tree))
    listing_url = "/api/v2/pages/?type=services.ServicePage&fields=summary"
    listing_before = etag_of(client, listing_url)

    service.summary = "A newly reviewed summary."
    service.save_revision().publish()

    assert etag_of(client, service_url(site_tree)) != detail_before
    assert etag_of(client, listing_url) != listing_before
    old = client.get(service_url(site_tree), headers={"If-None-Match": detail_before})
    assert old.status_code == 200
    assert old.json()["summary"] == "A newly reviewed summary."


def test_a_saved_draft_changes_nothing_public(client, site_tree):
    service = site_tree["service"]
    before = etag_of(client, service_url(site_tree))

    service.summary = "Not yet approved."
    service.save_revision()

    response = client.get(service_url(site_tree), headers={"If-None-Match": before})
    assert response.status_code == 304


def test_unpublishing_a_page_changes_the_listing_etag(client, site_tree):
    before = etag_of(client, "/api/v2/pages/")

    site_tree["service"].unpublish()

    assert client.get("/api/v2/pages/", headers={"If-None-Match": before}).status_code == 200


def test_publishing_an_faq_changes_the_faq_listing_and_its_service_page(client, site_tree):
    faq = FAQFactory(question="Does it hurt?", related_services=[site_tree["service"]])
    faqs_before = etag_of(client, "/api/v2/faqs/")
    service_before = etag_of(client, service_url(site_tree))

    faq.answer = "<p>A numbing cream is used first.</p>"
    faq.save_revision().publish()

    assert client.get("/api/v2/faqs/", headers={"If-None-Match": faqs_before}).status_code == 200
    service_now = client.get(service_url(site_tree), headers={"If-None-Match": service_before})
    assert service_now.status_code == 200
    assert "numbing cream" in service_now.content.decode()


def test_saving_the_clinic_details_changes_the_settings_etag(client, site_tree, clinic_settings):
    before = etag_of(client, "/api/v2/settings/")

    clinic_settings.phone = "(310) 000-1111"
    clinic_settings.save()

    response = client.get("/api/v2/settings/", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert response.json()["phone"] == "(310) 000-1111"


# What is not cached


def test_errors_are_not_stored_and_never_304(client, site_tree):
    response = client.get("/api/v2/pages/999999/", headers={"If-None-Match": "*"})

    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")


def test_bad_requests_are_not_stored(client, site_tree):
    response = client.get("/api/v2/pages/?no_such_filter=1")

    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/api/v2/settings", "/api/v2/no-such-endpoint/"])
def test_unknown_api_urls_are_not_stored(client, site_tree, url):
    response = client.get(url)

    assert response.status_code in (301, 404)
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")


def test_the_form_description_is_never_stored(client, site_tree):
    # It carries a freshly signed "started" stamp for the minimum-time spam guard.
    response = client.get(f"/api/v2/forms/{site_tree['contact'].pk}/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")


def test_posting_the_form_gets_no_cache_headers(client, site_tree):
    response = client.post(
        f"/api/v2/forms/{site_tree['contact'].pk}/", data={}, content_type="application/json"
    )

    assert response.status_code == 400
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_search_answers_stay_out_of_shared_caches(client, site_tree):
    # The URL holds what a patient searched for: a CDN must not keep it.
    response = client.get("/api/v2/search/?q=prp")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=7"
    assert (
        client.get("/api/v2/search/?q=prp", headers={"If-None-Match": response["ETag"]}).status_code
        == 304
    )


def test_logged_in_users_get_private_answers(client, site_tree, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="editor"))

    response = client.get("/api/v2/pages/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "cookie" in vary_of(response)


def test_html_pages_are_left_alone(client, site_tree):
    response = client.get(site_tree["service"].url)

    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "s-maxage" not in response.get("Cache-Control", "")


def api_request(method="get", **headers):
    return getattr(RequestFactory(), method)("/api/v2/page_preview/", headers=headers)


def test_a_view_that_chose_its_own_cache_control_keeps_it():
    # The headless preview serves drafts with `no-store`.
    response = HttpResponse(b'{"title": "Draft"}', content_type="application/json")
    response["Cache-Control"] = "no-store"

    result = apply_http_caching(api_request(**{"If-None-Match": "*"}), response)

    assert result is response
    assert result["Cache-Control"] == "no-store"
    assert not result.has_header("ETag")


def test_an_answer_that_sets_a_cookie_is_not_stored():
    response = HttpResponse(b"{}", content_type="application/json")
    response.set_cookie("csrftoken", "per-visitor")

    result = apply_http_caching(api_request(), response)

    assert result["Cache-Control"] == "no-store"
    assert not result.has_header("ETag")


@pytest.mark.database_independent  # production settings in a subprocess, on its own SQLite
def test_cache_lifetimes_come_from_the_environment():
    expression = "s.API_CACHE_MAX_AGE, s.API_CACHE_S_MAXAGE, s.API_CACHE_STALE_WHILE_REVALIDATE"
    defaults = print_production_settings(expression, DJANGO_SECRET_KEY="x" * 50)
    chosen = print_production_settings(
        expression,
        DJANGO_SECRET_KEY="x" * 50,
        API_CACHE_MAX_AGE="30",
        API_CACHE_S_MAXAGE="3600",
        API_CACHE_STALE_WHILE_REVALIDATE="120",
    )

    assert defaults.stdout.strip() == "60 300 60", defaults.stderr
    assert chosen.stdout.strip() == "30 3600 120", chosen.stderr
