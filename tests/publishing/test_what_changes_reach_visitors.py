"""What visitors see once content changes: the page cache, site search, the CDN, webhooks.

Today five mechanisms each know a part of "content changed" (the page cache's version, the CDN
purges, the publish webhooks, the search caches, publish-time renditions); they are becoming one
publishing event. These tests say what must hold whichever code does it, through what a visitor,
a CDN or a webhook receiver gets: HTTP answers (`X-Cache: hit/miss`), a recording CDN backend and
a webhook receiver (tests/publishing/conftest.py). They import only tests.*, Django and Wagtail.

Every change runs with its on-commit work (`committed`), as a committed admin request would.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import (
    ClinicImageFactory,
    ConsentWordingFactory,
    ProviderFactory,
    ServicePageFactory,
    SynonymGroupFactory,
    TeamPageFactory,
)

pytestmark = pytest.mark.django_db

API = f"{settings.WAGTAILAPI_BASE_URL}/api/v2"
PASSWORD = "our-shared-secret-42"


def get(client, url, data=None, **extra):
    response = client.get(url, data, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def cached(client, url, **extra):
    """Ask for `url` twice, as two visitors would: the second answer comes from the page cache."""
    get(client, url, **extra)
    response = get(client, url, **extra)
    assert response["X-Cache"] == "hit", url
    return response


def text(response) -> str:
    return response.content.decode()


def publish(page):
    return page.save_revision().publish()


def full_url(page) -> str:
    """Where the page is now (read again: a move changes it in the database only)."""
    return Page.objects.get(pk=page.pk).get_full_url()


def expire(page) -> None:
    """The page's expiry time has just passed (set behind every signal's back, as time passes)."""
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))


def password_restriction(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )


def with_image(page, image):
    page.hero_image = image
    publish(page)
    return page


def replace_image_file(admin_client, image, filename):
    """An editor uploads a new file for the image (Images → the image → Change image file)."""
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": image.title,
            "description": image.description,
            "collection": image.collection_id,
            "tags": "",
            "file": SimpleUploadedFile(
                filename, get_test_image_file(filename).file.getvalue(), "image/png"
            ),
        },
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return response


def consent_label(response) -> str:
    html = BeautifulSoup(response.content, "html.parser")
    box = html.find("input", attrs={"name": "consent"})
    return html.find("label", attrs={"for": box["id"]}).get_text(" ", strip=True)


# === The page cache: the next request after a change shows it ====================================


def test_editing_a_provider_re_renders_the_cached_team_page(
    client, site_tree, page_cache_on, committed
):
    team = TeamPageFactory(parent=site_tree["home"], slug="team")
    provider = ProviderFactory(name="Dr. Ana Lopez", credentials="MD")
    cached(client, team.url)

    provider.credentials = "MD, FAAD"
    committed(provider.save)

    response = get(client, team.url)
    assert response["X-Cache"] == "miss"
    assert "MD, FAAD" in text(response)


def test_replacing_an_image_re_renders_the_cached_pages_showing_it(
    client, admin_client, site_tree, page_cache_on, committed
):
    image = ClinicImageFactory(file__filename="first-photo.png", file__format="PNG")
    service = with_image(site_tree["service"], image)
    assert "first-photo" in text(cached(client, service.url))

    committed(lambda: replace_image_file(admin_client, image, "second-photo.png"))

    response = get(client, service.url)
    assert response["X-Cache"] == "miss"
    assert "second-photo" in text(response)
    assert "first-photo" not in text(response)


def test_deleting_an_image_re_renders_the_cached_pages_showing_it(
    client, admin_client, site_tree, page_cache_on, committed
):
    image = ClinicImageFactory(file__filename="first-photo.png", file__format="PNG")
    service = with_image(site_tree["service"], image)
    assert "first-photo" in text(cached(client, service.url))

    response = committed(
        lambda: admin_client.post(reverse("wagtailimages:delete", args=[image.pk]))
    )
    assert response.status_code == 302

    response = get(client, service.url)
    assert response["X-Cache"] == "miss"
    assert "first-photo" not in text(response)


def test_adding_a_redirect_makes_the_old_path_redirect_on_the_next_request(
    client, site_tree, page_cache_on, committed
):
    service = site_tree["service"]
    cached(client, service.url)
    for _ in range(2):  # nothing is there yet, and that must not be remembered either
        assert client.get("/prp-treatment/").status_code == 404

    committed(lambda: Redirect.add_redirect("/prp-treatment/", service, is_permanent=True))

    response = client.get("/prp-treatment/")
    assert response.status_code == 301
    assert response["Location"] == service.url


def test_changing_a_redirect_sends_the_old_path_to_its_new_target_on_the_next_request(
    client, site_tree, page_cache_on, committed
):
    redirect = Redirect.add_redirect("/prp-treatment/", site_tree["service"], is_permanent=True)
    assert client.get("/prp-treatment/")["Location"] == site_tree["service"].url
    cached(client, site_tree["faq_page"].url)

    redirect.redirect_page = site_tree["faq_page"]
    committed(redirect.save)

    response = client.get("/prp-treatment/")
    assert response.status_code == 301
    assert response["Location"] == site_tree["faq_page"].url


def test_a_view_restriction_on_a_cached_page_makes_it_ask_for_the_password(
    client, site_tree, page_cache_on, committed
):
    service = site_tree["service"]
    cached(client, service.url)

    committed(lambda: password_restriction(service))

    response = client.get(service.url)
    assert response["X-Cache"] == "miss"
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text() == "Password required"
    assert service.summary not in text(response)


def test_moving_a_cached_page_takes_it_from_its_old_url_and_serves_it_at_the_new_one(
    client, site_tree, second_services, page_cache_on, committed
):
    service = site_tree["service"]
    cached(client, "/services/prp/")

    committed(lambda: service.move(second_services, pos="last-child"))

    # Wagtail adds no redirect from one site to another: the old URL is simply gone.
    assert client.get("/services/prp/").status_code == 404
    new = get(client, "/treatments/prp/", HTTP_HOST="127.0.0.1")
    assert service.summary in text(new)


def test_deleting_a_cached_page_takes_it_away_on_the_next_request(
    client, site_tree, page_cache_on, committed
):
    page = ServicePageFactory(parent=site_tree["services"], slug="scalp-care", title="Scalp care")
    url = page.url
    cached(client, url)

    committed(page.delete)

    assert client.get(url).status_code == 404


def test_scheduled_unpublishing_takes_the_cached_page_away(
    client, site_tree, page_cache_on, committed
):
    page = ServicePageFactory(parent=site_tree["services"], slug="winter-offer")
    url = page.url
    cached(client, url)
    expire(page)
    assert get(client, url)["X-Cache"] == "hit"  # nothing has announced it yet

    committed(lambda: call_command("publish_scheduled"))

    assert client.get(url).status_code == 404


def test_a_new_consent_wording_shows_on_the_contact_page_at_the_next_request(
    client, site_tree, page_cache_on, committed
):
    # The contact page is never stored by the page cache (its form carries a CSRF token), so
    # what holds is that the next visitor gets the new words.
    contact = site_tree["contact"]
    get(client, contact.url)
    assert get(client, contact.url)["X-Cache"] == "miss"

    committed(lambda: ConsentWordingFactory(text="I agree that the clinic may call me back."))

    response = get(client, contact.url)
    assert response["X-Cache"] == "miss"
    assert consent_label(response) == "I agree that the clinic may call me back."


# === Site search: the next search sees the change ================================================


@pytest.fixture(params=["search page", "search API"])
def search(request, client):
    """search(query) -> [(title, url)] as the search page or /api/v2/search/ lists them,
    promoted results first."""

    def on_the_page(query):
        html = BeautifulSoup(get(client, "/search/", {"q": query}).content, "html.parser")
        return [(a.get_text(strip=True), a["href"]) for a in html.select(".search-result h3 a")]

    def through_the_api(query):
        answer = get(client, "/api/v2/search/", {"q": query}).json()
        promoted = [(item["title"], item["url"]) for item in answer["promotions"]]
        return promoted + [(item["title"], item["html_url"]) for item in answer["results"]]

    return on_the_page if request.param == "search page" else through_the_api


def titles(results) -> list[str]:
    return [title for title, _url in results]


@pytest.fixture
def plasma_page(site_tree):
    service = site_tree["service"]
    service.summary = "Platelet-rich plasma from your own blood, for androgenetic alopecia."
    publish(service)
    return service


def test_a_new_synonym_group_makes_the_next_search_find_pages_using_the_other_term(
    search, plasma_page, page_cache_on, committed
):
    assert "PRP hair restoration" not in titles(search("calvities"))

    committed(lambda: SynonymGroupFactory(terms="calvities, alopecia"))

    assert "PRP hair restoration" in titles(search("calvities"))


def test_a_new_search_promotion_shows_at_the_top_of_the_next_search(
    search, plasma_page, site_tree, page_cache_on, committed
):
    assert titles(search("plasma"))[0] == "PRP hair restoration"

    def promote():
        query = Query.get("plasma")
        SearchPromotion.objects.create(
            query=query, page=site_tree["contact"], sort_order=0, description="Ask us."
        )

    committed(promote)

    assert titles(search("plasma"))[0] == site_tree["contact"].title


def test_a_page_made_private_leaves_the_search_results_at_once(
    search, plasma_page, page_cache_on, committed
):
    assert "PRP hair restoration" in titles(search("plasma"))

    committed(lambda: password_restriction(plasma_page))

    assert "PRP hair restoration" not in titles(search("plasma"))


def test_a_moved_pages_search_result_links_to_its_new_url(
    search, plasma_page, second_services, page_cache_on, committed
):
    before = dict(search("plasma"))
    assert before["PRP hair restoration"] == "http://localhost/services/prp/"

    committed(lambda: plasma_page.move(second_services, pos="last-child"))

    assert dict(search("plasma"))["PRP hair restoration"] == "http://127.0.0.1/treatments/prp/"


def test_a_deleted_page_leaves_the_search_results_at_once(
    search, site_tree, page_cache_on, committed
):
    page = ServicePageFactory(
        parent=site_tree["services"],
        title="Scalp microneedling",
        summary="Microneedling makes tiny channels in the scalp.",
    )
    assert "Scalp microneedling" in titles(search("microneedling"))

    committed(page.delete)

    assert "Scalp microneedling" not in titles(search("microneedling"))


# === The CDN: what a change makes stale is purged ================================================


def test_saving_a_provider_purges_the_team_page_and_the_pages_naming_them(purged_by, site_tree):
    team = TeamPageFactory(parent=site_tree["home"], slug="team")
    provider = ProviderFactory()
    service = site_tree["service"]
    service.medical_reviewer = provider
    publish(service)
    provider.credentials = "MD, FAAD"

    urls = purged_by(provider.save)

    assert {team.get_full_url(), service.get_full_url()} <= urls


def test_saving_an_image_purges_every_live_page_showing_it_and_its_api_detail(purged_by, site_tree):
    image = ClinicImageFactory()
    pages = [with_image(site_tree["service"], image), with_image(site_tree["home"], image)]
    image.description = "A clinician preparing the sample"

    urls = purged_by(image.save)

    assert {page.get_full_url() for page in pages} <= urls
    assert f"{API}/images/{image.pk}/" in urls


def test_deleting_an_image_purges_every_live_page_showing_it_and_its_api_detail(
    purged_by, site_tree
):
    image = ClinicImageFactory()
    pages = [with_image(site_tree["service"], image), with_image(site_tree["home"], image)]
    api_url = f"{API}/images/{image.pk}/"

    urls = purged_by(image.delete)

    assert {page.get_full_url() for page in pages} <= urls
    assert api_url in urls


def old_path_urls(redirect) -> set[str]:
    """The redirect's old path on its site, as Wagtail stores it or as visitors typed it."""
    url = Site.objects.get(is_default_site=True).root_url + redirect.old_path
    return {url, url + "/"}


def test_saving_a_redirect_purges_its_old_path(purged_by, site_tree):
    redirect = Redirect(
        old_path=Redirect.normalise_path("/prp-treatment/"),
        site=Site.objects.get(is_default_site=True),
        redirect_page=site_tree["service"],
    )

    urls = purged_by(redirect.save)

    assert urls & old_path_urls(redirect)


def test_deleting_a_redirect_purges_its_old_path(purged_by, site_tree):
    redirect = Redirect.add_redirect(
        "/prp-treatment/", site_tree["service"], site=Site.objects.get(is_default_site=True)
    )
    old_urls = old_path_urls(redirect)

    urls = purged_by(redirect.delete)

    assert urls & old_urls


def test_saving_the_consent_wording_purges_the_contact_page(purged_by, site_tree):
    urls = purged_by(lambda: ConsentWordingFactory(text="I agree that the clinic may call me."))

    assert site_tree["contact"].get_full_url() in urls


def test_adding_a_view_restriction_purges_the_page_and_its_descendants(purged_by, site_tree):
    urls = purged_by(lambda: password_restriction(site_tree["services"]))

    assert {site_tree["services"].get_full_url(), site_tree["service"].get_full_url()} <= urls


def test_removing_a_view_restriction_purges_the_page_and_its_descendants(purged_by, site_tree):
    restriction = password_restriction(site_tree["services"])

    urls = purged_by(restriction.delete)

    assert {site_tree["services"].get_full_url(), site_tree["service"].get_full_url()} <= urls


def test_moving_a_page_purges_its_old_and_new_urls_and_the_pages_listing(
    purged_by, site_tree, second_services
):
    service = site_tree["service"]
    old_url = service.get_full_url()

    urls = purged_by(lambda: service.move(second_services, pos="last-child"))

    assert {old_url, full_url(service), f"{API}/pages/"} <= urls


def test_moving_a_section_purges_the_old_and_new_urls_of_the_pages_below_it(
    purged_by, site_tree, second_site
):
    services, service = site_tree["services"], site_tree["service"]
    old_urls = {services.get_full_url(), service.get_full_url()}

    urls = purged_by(lambda: services.move(second_site["home"], pos="last-child"))

    assert old_urls | {full_url(services), full_url(service)} <= urls


def test_deleting_a_page_purges_its_url_and_its_parent(purged_by, site_tree):
    page = ServicePageFactory(parent=site_tree["services"], slug="scalp-care")
    url = page.get_full_url()

    urls = purged_by(page.delete)

    assert {url, site_tree["services"].get_full_url()} <= urls


def test_scheduled_unpublishing_purges_the_page(purged_by, site_tree):
    page = ServicePageFactory(parent=site_tree["services"], slug="winter-offer")
    expire(page)

    urls = purged_by(lambda: call_command("publish_scheduled"))

    assert page.get_full_url() in urls


# What each kind of change does, set up beforehand: for the test that purges wait for the commit.


def provider_saved(tree):
    TeamPageFactory(parent=tree["home"], slug="team")
    return ProviderFactory().save


def image_saved(tree):
    image = ClinicImageFactory()
    with_image(tree["service"], image)
    return image.save


def image_deleted(tree):
    image = ClinicImageFactory()
    with_image(tree["service"], image)
    return image.delete


def redirect_saved(tree):
    return lambda: Redirect.add_redirect("/prp-treatment/", tree["service"])


def redirect_deleted(tree):
    return Redirect.add_redirect("/prp-treatment/", tree["service"]).delete


def consent_wording_saved(tree):
    return ConsentWordingFactory


def view_restriction_added(tree):
    return lambda: password_restriction(tree["service"])


def view_restriction_removed(tree):
    return password_restriction(tree["service"]).delete


def page_moved(tree):
    return lambda: tree["service"].move(tree["second_services"], pos="last-child")


def page_deleted(tree):
    return ServicePageFactory(parent=tree["services"], slug="scalp-care").delete


def scheduled_unpublishing(tree):
    expire(tree["service"])
    return lambda: call_command("publish_scheduled")


@pytest.mark.parametrize(
    "prepare",
    [
        provider_saved,
        image_saved,
        image_deleted,
        redirect_saved,
        redirect_deleted,
        consent_wording_saved,
        view_restriction_added,
        view_restriction_removed,
        page_moved,
        page_deleted,
        scheduled_unpublishing,
    ],
    ids=lambda prepare: prepare.__name__,
)
def test_purges_are_sent_only_once_the_change_has_committed(
    prepare, cdn, site_tree, second_services, django_capture_on_commit_callbacks
):
    # A CDN asked to purge before the commit may fetch the old content again and keep it.
    change = prepare({**site_tree, "second_services": second_services})
    cdn.clear()

    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        change()
    purged_before_the_commit = list(cdn)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in on_commit:  # the commit
            callback()

    assert purged_before_the_commit == []
    assert cdn, "nothing was purged once the change had committed"


# === Webhooks: receivers hear of the change ======================================================


def test_scheduled_unpublishing_sends_page_unpublished(webhooks, committed, site_tree):
    page = ServicePageFactory(parent=site_tree["services"], slug="winter-offer")
    expire(page)

    committed(lambda: call_command("publish_scheduled"))

    assert [(event["event"], event["id"]) for event in webhooks.events] == [
        ("page.unpublished", page.pk)
    ]


def test_moving_a_page_sends_page_moved_with_its_new_url(
    webhooks, committed, site_tree, second_services
):
    # Like every event's URL, built on the site's public base URL (docs/webhooks.md).
    service = site_tree["service"]

    committed(lambda: service.move(second_services, pos="last-child"))

    moved = [event for event in webhooks.events if event["event"] == "page.moved"]
    assert [(event["id"], event["url"]) for event in moved] == [
        (service.pk, f"{settings.WAGTAILADMIN_BASE_URL}/treatments/prp/")
    ]
