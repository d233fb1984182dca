"""POST /api/v2/forms/<page id>/: the consultation form over JSON, with the same guards."""

import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contact.models import ConsultationRequest
from tests.contact.test_consultation_form import (  # noqa: F401 (contact_page is a fixture)
    contact_page,
    form_data,
    started,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def api_url(page) -> str:
    return f"/api/v2/forms/{page.pk}/"


def post_json(client, page, **overrides):
    payload = {**form_data(**overrides), "consent": overrides.get("consent", True)}
    return client.post(api_url(page), json.dumps(payload), content_type="application/json")


@pytest.mark.django_db
def test_the_form_describes_its_fields_consent_and_a_start_stamp(client, contact_page):  # noqa: F811
    description = client.get(api_url(contact_page)).json()

    fields = {field["name"]: field for field in description["fields"]}
    assert fields["email"]["type"] == "email" and fields["email"]["required"]
    assert fields["phone"]["type"] == "tel"
    assert fields["consent"]["type"] == "checkbox" and fields["consent"]["required"]
    assert fields["started"]["initial"]
    assert "website" not in fields


@pytest.mark.django_db
def test_a_valid_request_is_stored_and_answers_201(
    client,
    contact_page,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, contact_page)

    assert response.status_code == 201
    assert response.json() == {"status": "received"}
    assert ConsultationRequest.objects.get().get_data()["email"] == "sam@example.com"
    assert "sam@example.com" not in mail.outbox[0].body


@pytest.mark.django_db
def test_field_errors_answer_400_and_store_nothing(client, contact_page):  # noqa: F811
    response = post_json(client, contact_page, email="nope", consent=False)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "email" in errors and "consent" in errors
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_honeypot_and_too_fast_requests_are_refused(client, contact_page):  # noqa: F811
    honeypot = post_json(client, contact_page, website="http://spam.example")
    too_fast = post_json(client, contact_page, started=started(seconds_ago=0))

    assert honeypot.status_code == 400
    assert too_fast.status_code == 400 and "form" in too_fast.json()["errors"]
    assert not ConsultationRequest.objects.exists()


@pytest.mark.django_db
def test_the_sixth_request_in_a_minute_answers_429(client, contact_page):  # noqa: F811
    statuses = [post_json(client, contact_page).status_code for _ in range(6)]
    assert statuses == [201, 201, 201, 201, 201, 429]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("your_name=Sam", "application/x-www-form-urlencoded", 415),
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        ("", "application/json", (400, 415)),  # the test client drops the type of an empty body
    ],
)
def test_malformed_bodies_get_a_clear_answer(client, contact_page, body, content_type, status):  # noqa: F811
    response = client.post(api_url(contact_page), body, content_type=content_type)
    assert response.status_code in (status if isinstance(status, tuple) else (status,))
    assert "errors" in response.json()


@pytest.mark.django_db
def test_an_unknown_or_non_form_page_is_404(client, contact_page, site_tree):  # noqa: F811
    assert client.get("/api/v2/forms/999999/").status_code == 404
    assert client.get(f"/api/v2/forms/{site_tree['service'].pk}/").status_code == 404


@pytest.mark.django_db
def test_the_endpoint_needs_no_csrf_token_because_it_only_takes_json(contact_page):  # noqa: F811
    strict = Client(enforce_csrf_checks=True)
    payload = {**form_data(), "consent": True}
    response = strict.post(
        api_url(contact_page), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201


json_values = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=300)
    | st.lists(st.text(max_size=20), max_size=5)
)


@pytest.mark.django_db
# 200 examples in `make test`; a fifth of that in .ci/run's PostgreSQL phase (tests/conftest.py).
@settings(
    max_examples=2 * settings.default.max_examples,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(payload=st.dictionaries(st.sampled_from(list(form_data()) + ["x"]), json_values))
def test_random_json_never_breaks_the_endpoint(client, contact_page, payload):  # noqa: F811
    cache.clear()
    response = client.post(
        api_url(contact_page), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code in (201, 400)


@pytest.mark.django_db
def test_an_absurdly_long_page_id_is_404(client):
    assert client.get("/api/v2/forms/99999999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_a_list_as_consent_version_is_not_a_crash(client, contact_page):  # noqa: F811
    response = post_json(client, contact_page, consent_version=["1"])
    assert response.status_code == 201
