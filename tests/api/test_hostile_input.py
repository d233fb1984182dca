"""Input no honest client sends, which used to reach Python's parser or the database and end
in a 500: each gets a 400 with a JSON message instead, and nothing is stored."""

import json

import pytest
from django.core.cache import cache

from base.text import MAX_QUERY_LENGTH
from contact.models import ConsultationRequest
from tests.contact.test_consultation_form import (  # noqa: F401 (contact_page is a fixture)
    contact_page,
    form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def post_raw(client, page, body: str):
    return client.post(f"/api/v2/forms/{page.pk}/", body, content_type="application/json")


def answers(**overrides) -> str:
    """The JSON text of a valid request; json.dumps escapes a lone surrogate as \\udxxx."""
    return json.dumps({**form_data(**overrides), "consent": True})


@pytest.mark.parametrize("body", ["[" * 100_000, '{"your_message": ' + "[" * 100_000])
def test_a_deeply_nested_body_is_a_400(client, contact_page, body):  # noqa: F811
    response = post_raw(client, contact_page, body)
    assert response.status_code == 400
    assert response.json()["errors"]["form"]
    assert not ConsultationRequest.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"your_message": "hi \ud83d"},
        {"your_name": "\udc00Sam"},
        {"your_message": ["fine", "not \ud83d fine"]},
        {"your_message": {"nested": ["\ud83d"]}},
    ],
)
def test_text_that_is_not_unicode_is_a_400_naming_the_field(client, contact_page, overrides):  # noqa: F811
    response = post_raw(client, contact_page, answers(**overrides))
    assert response.status_code == 400, response.content[:300]
    (field,) = overrides
    assert response.json()["errors"][field]
    assert not ConsultationRequest.objects.exists()


def test_a_field_name_that_is_not_unicode_is_a_400(client, contact_page):  # noqa: F811
    response = post_raw(client, contact_page, answers(**{"extra\ud83d": "x"}))
    assert response.status_code == 400
    assert response.json()["errors"]["form"]
    assert not ConsultationRequest.objects.exists()


def test_a_proper_emoji_is_still_accepted(client, contact_page):  # noqa: F811
    response = post_raw(client, contact_page, answers(your_message="Thanks \U0001f600"))
    assert response.status_code == 201
    assert ConsultationRequest.objects.get().get_data()["your_message"] == "Thanks \U0001f600"


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize(
    "search",
    [
        "%20".join(f"w{number}" for number in range(447)),
        "x" * (MAX_QUERY_LENGTH + 1),
    ],
)
def test_a_search_longer_than_the_site_search_allows_is_a_400(client, site_tree, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/?search={search}")
    assert response.status_code == 400
    expected = f"search may be at most {MAX_QUERY_LENGTH} characters long"
    assert response.json() == {"message": expected}


@pytest.mark.parametrize(
    "search",
    [
        " ".join("w" for _ in range(MAX_QUERY_LENGTH // 2)),  # as many words as fit
        "\u4e00" * MAX_QUERY_LENGTH,
        ".".join("a" for _ in range(MAX_QUERY_LENGTH // 2)),
    ],
)
@pytest.mark.parametrize("operator", ["and", "or"])
def test_the_longest_allowed_search_still_answers(client, site_tree, search, operator):
    response = client.get("/api/v2/pages/", {"search": search, "search_operator": operator})
    assert response.status_code == 200
    listing = response.json()  # the pages listing, whatever it found
    assert set(listing) == {"meta", "items"}
    assert isinstance(listing["meta"]["total_count"], int)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v2/faqs/?category=%00", "category"),
        ("/api/v2/faqs/?category=a%01b", "category"),
        ("/api/v2/faqs/?service=%00", "service"),
        ("/api/v2/pages/?locale=%00", "locale"),
        ("/api/v2/pages/?site=%00", "site"),
        ("/api/v2/pages/?slug=%00", "slug"),
        ("/api/v2/pages/?type=%00", "type"),
        ("/api/v2/pages/?fields=%00", "fields"),
        ("/api/v2/pages/?order=%00", "order"),
        ("/api/v2/pages/?%00=1", None),  # the name itself holds one
        ("/api/v2/pages/find/?html_path=%00", "html_path"),
        ("/api/v2/pages/find/?html_path=/services/%00/", "html_path"),
        ("/api/v2/pages/find/?id=1&x=%00", "x"),
        ("/api/v2/pages/1/?fields=%00", "fields"),
        ("/api/v2/images/?title=%00", "title"),
        ("/api/v2/images/find/?id=%00", "id"),
        ("/api/v2/documents/?title=%00", "title"),
        ("/api/v2/faqs/1/?fields=%0a", "fields"),
    ],
)
def test_a_control_character_in_any_query_parameter_is_a_400(client, site_tree, url, parameter):
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json"
    # The message names the parameter and never repeats the value sent.
    if parameter is None:
        expected = "query parameter names may not contain control characters"
    else:
        expected = f"{parameter} may not contain control characters"
    assert response.json() == {"message": expected}
