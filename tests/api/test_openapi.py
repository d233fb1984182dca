"""/api/v2/openapi.json and /api/v2/docs/: the API's description, for machines and for people.

The live contract (every generated request against gunicorn) is tests/browser/test_api_contract.py;
these are the fast checks that run on every database: the document is valid OpenAPI 3.1, names
every endpoint and every page type's fields, and real answers validate against it.
"""

import re

import jsonschema_rs
import pytest
import schemathesis
from django.conf import settings
from django.test import override_settings
from django.urls import resolve
from wagtail.models import get_page_models

from api.openapi import openapi_document
from api.openapi.reference import markdown_lite
from tests.factories import ClinicImageFactory, FAQFactory, ServiceStepFactory

pytestmark = pytest.mark.django_db


def validator_for(schema_name: str):
    """A JSON Schema 2020-12 validator for one of the document's schemas, refs resolved."""
    document = openapi_document()
    root = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(root)


def assert_valid(schema_name: str, data) -> None:
    errors = [
        f"{e.instance_path}: {e.message}" for e in validator_for(schema_name).iter_errors(data)
    ]
    assert not errors, f"{schema_name}: " + "; ".join(errors[:5])


# The description itself


def test_description_is_served_as_openapi_31_with_this_sites_url(client):
    response = client.get("/api/v2/openapi.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert document["servers"][0]["url"] == settings.WAGTAILAPI_BASE_URL


@override_settings(WAGTAILAPI_BASE_URL="https://clinic.example.com")
def test_server_url_follows_the_setting(client):
    document = client.get("/api/v2/openapi.json").json()
    assert document["servers"] == [
        {"url": "https://clinic.example.com", "description": "This site"}
    ]


def test_description_is_cached_like_the_rest_of_the_api(client):
    response = client.get("/api/v2/openapi.json")
    assert response["Cache-Control"].startswith("public")
    again = client.get("/api/v2/openapi.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_description_refuses_unknown_parameters(client):
    response = client.get("/api/v2/openapi.json?format=yaml")
    assert response.status_code == 400
    assert response.json()["message"]


def test_description_is_a_valid_openapi_document():
    schema = schemathesis.openapi.from_dict(openapi_document())
    schema.validate()  # raises on anything the OpenAPI 3.1 meta-schema refuses
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14


ENDPOINTS = {
    "/api/v2/pages/": "wagtailapi_v2:pages:listing",
    "/api/v2/pages/{id}/": "wagtailapi_v2:pages:detail",
    "/api/v2/pages/find/": "wagtailapi_v2:pages:find",
    "/api/v2/images/": "wagtailapi_v2:images:listing",
    "/api/v2/images/{id}/": "wagtailapi_v2:images:detail",
    "/api/v2/documents/": "wagtailapi_v2:documents:listing",
    "/api/v2/documents/{id}/": "wagtailapi_v2:documents:detail",
    "/api/v2/faqs/": "wagtailapi_v2:faqs:listing",
    "/api/v2/faqs/{id}/": "wagtailapi_v2:faqs:detail",
    "/api/v2/settings/": "api_settings",
    "/api/v2/navigation/": "api_navigation",
    "/api/v2/search/": "api_search",
    "/api/v2/forms/{id}/": "api_consultation_form",
}


def test_every_public_endpoint_is_described_at_its_url():
    described = openapi_document()["paths"]
    assert set(described) == set(ENDPOINTS)
    for path, url_name in ENDPOINTS.items():
        match = resolve(path.replace("{id}", "12"))
        assert match.view_name == url_name, f"{path} is answered by {match.view_name}"


def test_page_type_schemas_list_exactly_each_models_api_fields():
    schemas = openapi_document()["components"]["schemas"]
    for model in get_page_models():
        label = model._meta.label
        if label == "wagtailcore.Page":
            continue
        api_fields = [field.name for field in getattr(model, "api_fields", [])]
        assert list(model.api_schema) == api_fields, f"{label}: api_fields and api_schema differ"
        described = schemas[model.__name__]["properties"]
        assert list(described) == ["id", "meta", "title", *api_fields], f"{label} not described"


def test_limits_in_the_description_are_the_ones_enforced():
    pages = openapi_document()["paths"]["/api/v2/pages/"]["get"]["parameters"]
    limit = next(parameter for parameter in pages if parameter["name"] == "limit")
    assert limit["schema"]["maximum"] == settings.WAGTAILAPI_LIMIT_MAX


# Real answers against the description (the same data the lead's API tests use)


@pytest.fixture
def rich_service(site_tree):
    service = site_tree["service"]
    service.hero_image = ClinicImageFactory(description="A clinician preparing a sample")
    service.suitable_for = [("point", "Early thinning")]
    service.benefits = [("benefit", {"title": "Your own blood", "description": "Low risk."})]
    service.body = [
        ("heading", {"text": "On the day", "level": "h2"}),
        ("paragraph", "<p>See the FAQs.</p>"),
        ("callout", {"title": "Good to know", "text": "<p>Bring a snack.</p>"}),
        ("image", {"image": ClinicImageFactory(description="A centrifuge"), "caption": ""}),
    ]
    service.save_revision().publish()
    ServiceStepFactory(page=service, title="Blood draw", description="A small sample.")
    FAQFactory(question="Does it hurt?", related_services=[service])
    return service


@pytest.mark.parametrize(
    ("url", "schema_name"),
    [
        ("/api/v2/pages/", "PageListing"),
        ("/api/v2/pages/?type=services.ServicePage&fields=*", "PageListing"),
        ("/api/v2/pages/?fields=_,title", "PageListing"),
        ("/api/v2/images/", "ImageListing"),
        ("/api/v2/documents/", "DocumentListing"),
        ("/api/v2/faqs/", "FAQListing"),
        ("/api/v2/settings/", "ClinicSettings"),
        ("/api/v2/navigation/", "Navigation"),
        ("/api/v2/search/?q=prp", "SearchResults"),
        ("/api/v2/pages/?limit=999", "Error"),
    ],
)
def test_answers_validate_against_the_description(client, rich_service, url, schema_name):
    response = client.get(url)
    assert response.status_code in (200, 400)
    assert_valid(schema_name, response.json())


def test_every_page_validates_against_its_own_type(client, rich_service, site_tree):
    for page in site_tree["home"].get_descendants(inclusive=True).live().specific():
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert_valid("Page", data)
        assert_valid(page._meta.object_name, data)


def test_a_field_of_another_page_type_fails_the_description(client, rich_service):
    """The description is strict: it would notice a page answering with a field it lacks."""
    data = client.get(f"/api/v2/pages/{rich_service.pk}/").json()
    data["hero_heading"] = "A home page field"
    assert list(validator_for("Page").iter_errors(data))


def test_faq_and_form_answers_validate(client, rich_service, site_tree):
    faq = FAQFactory(question="How long?", related_services=[rich_service])
    assert_valid("FAQ", client.get(f"/api/v2/faqs/{faq.pk}/").json())
    form = client.get(f"/api/v2/forms/{site_tree['contact'].pk}/")
    assert_valid("FormDescription", form.json())
    refused = client.post(
        f"/api/v2/forms/{site_tree['contact'].pk}/", data="{}", content_type="application/json"
    )
    assert refused.status_code == 400
    assert_valid("FormErrors", refused.json())


# The page for people


def test_docs_page_describes_every_operation(client, site_tree):
    response = client.get("/api/v2/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert html.count("<h1") == 1
    for path, item in openapi_document()["paths"].items():
        for method in ("get", "post"):
            if method in item:
                assert f"{method.upper()} {path}" in html, f"{method.upper()} {path} missing"
    assert f"curl -i &#x27;{settings.WAGTAILAPI_BASE_URL}/api/v2/pages/" in html
    assert '<th scope="col">Name</th>' in html
    assert 'id="schema-ServicePage"' in html


def test_docs_page_loads_nothing_from_other_sites(client, site_tree):
    html = client.get("/api/v2/docs/").content.decode()
    sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources


def test_docs_page_links_only_to_anchors_that_exist(client, site_tree):
    html = client.get("/api/v2/docs/").content.decode()
    anchors = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets - anchors == set()


def test_docs_page_ignores_query_parameters(client, site_tree):
    assert client.get("/api/v2/docs/?utm_source=newsletter").status_code == 200


def test_descriptions_are_escaped_before_they_are_formatted():
    html = markdown_lite("Use `fields=*` or `*`, tick *Show in menus*. <script>alert(1)</script>")
    assert "<code>fields=*</code> or <code>*</code>" in html
    assert "<em>Show in menus</em>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
