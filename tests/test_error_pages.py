"""Unknown URLs and server errors get styled pages that still offer the phone number."""

import pytest
from bs4 import BeautifulSoup
from django.db import DatabaseError
from django.test import RequestFactory

from mysite import errors


@pytest.mark.django_db
def test_unknown_url_answers_a_styled_404_with_the_phone(client, site_tree):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = BeautifulSoup(response.content, "html.parser")
    assert html.h1.get_text(strip=True) == "Sorry, we can't find that page"
    assert html.find("link", rel="stylesheet") is not None
    assert html.main.find("a", href="tel:+13109759785") is not None


@pytest.mark.django_db
def test_server_error_page_shows_the_phone(site_tree):
    request = RequestFactory().get("/")

    response = errors.server_error(request)

    assert response.status_code == 500
    html = BeautifulSoup(response.content, "html.parser")
    assert html.find("a", href="tel:+13109759785") is not None


def test_server_error_page_renders_even_when_the_database_is_down(monkeypatch):
    def database_down(site):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("clinic.context_processors.clinic_settings_for_site", database_down)
    monkeypatch.setattr("wagtail.models.Site.find_for_request", lambda request: None)

    response = errors.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
