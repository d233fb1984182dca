"""Pages an editor protects (Privacy in the admin) ask for a password or a sign-in in the
site's own layout, and show nothing of the protected page until then."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

PASSWORD = "clinic-visitors-2026"  # noqa: S105 (a test page's shared password)
SERVICE_SUMMARY = "A treatment that uses your own platelets."  # ServicePageFactory's summary


def html_of(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_in_site_layout(html):
    assert html.find("meta", attrs={"name": "viewport"}), "phones need the viewport"
    assert html.find("a", class_="skip-link")["href"] == "#main"
    assert html.find("nav", attrs={"aria-label": "Main"}), "the site's header and menu"
    assert html.find("footer")
    assert len(html.find_all("h1")) == 1
    assert html.find("main", id="main").find("form")
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.fixture
def protected_service(site_tree):
    service = site_tree["service"]
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return service


@pytest.mark.django_db
def test_a_password_protected_page_asks_in_the_site_layout_and_shows_nothing_of_itself(
    client, protected_service
):
    response = client.get(protected_service.url)

    assert response.status_code == 200
    html = html_of(response)
    assert_in_site_layout(html)
    assert html.h1.get_text(strip=True) == "Password required"
    assert html.find("label", attrs={"for": "id_password"})
    # Nothing of the protected page: not its summary, nor its JSON-LD, canonical or trail.
    assert SERVICE_SUMMARY not in response.content.decode()
    assert not html.find("script", attrs={"type": "application/ld+json"})
    assert not html.find("link", attrs={"rel": "canonical"})
    assert not html.find("nav", attrs={"aria-label": "Breadcrumb"})


@pytest.mark.django_db
def test_a_wrong_password_is_explained_and_the_right_one_opens_the_page(client, protected_service):
    form_page = html_of(client.get(protected_service.url))
    action = form_page.find("main").find("form")["action"]
    return_url = form_page.find("input", attrs={"name": "return_url"})["value"]

    wrong = client.post(action, {"password": "guess", "return_url": return_url})

    assert wrong.status_code == 200
    html = html_of(wrong)
    assert_in_site_layout(html)
    summary = html.select_one(".error-summary")
    assert summary.find("a")["href"] == "#id_password"
    assert html.find("input", id="id_password")["aria-invalid"] == "true"

    right = client.post(action, {"password": PASSWORD, "return_url": return_url})

    assert right.status_code == 302
    page = client.get(right["Location"])
    assert SERVICE_SUMMARY in page.content.decode()


@pytest.mark.django_db
def test_a_page_for_signed_in_people_sends_visitors_to_a_sign_in_in_the_site_layout(
    client, site_tree
):
    service = site_tree["service"]
    PageViewRestriction.objects.create(page=service, restriction_type=PageViewRestriction.LOGIN)

    redirect = client.get(service.url)
    assert redirect.status_code == 302
    sign_in = client.get(redirect["Location"])

    assert sign_in.status_code == 200
    html = html_of(sign_in)
    assert_in_site_layout(html)
    assert html.h1.get_text(strip=True) == "Sign in"
    assert html.find("input", attrs={"name": "next"})["value"] == service.url
    for field in ("id_username", "id_password"):
        assert html.find("label", attrs={"for": field}), field
    # The heading and the skip link come first, not a cursor already in the username box.
    assert not html.find(autofocus=True)


@pytest.mark.django_db
def test_wagtails_own_sign_in_address_is_in_the_site_layout_too(client, site_tree):
    response = client.get("/_util/login/?next=/")

    assert response.status_code == 200
    assert_in_site_layout(html_of(response))


@pytest.mark.django_db
def test_signing_in_with_a_wrong_password_is_explained_and_the_right_one_opens_the_page(
    client, site_tree
):
    service = site_tree["service"]
    PageViewRestriction.objects.create(page=service, restriction_type=PageViewRestriction.LOGIN)
    get_user_model().objects.create_user(username="patient", password=PASSWORD)
    sign_in_url = client.get(service.url)["Location"]
    action = html_of(client.get(sign_in_url)).find("main").find("form")["action"]

    wrong = client.post(action, {"username": "patient", "password": "guess", "next": service.url})

    assert wrong.status_code == 200
    html = html_of(wrong)
    assert_in_site_layout(html)
    assert "correct username and password" in html.select_one(".error-summary").get_text()

    right = client.post(action, {"username": "patient", "password": PASSWORD, "next": service.url})

    assert right.status_code == 302
    assert right["Location"] == service.url
    assert SERVICE_SUMMARY in client.get(service.url).content.decode()
