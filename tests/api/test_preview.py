"""Headless preview: the admin's Preview opens the frontend, which reads the draft by token.

Without DJANGO_HEADLESS_PREVIEW_URL the admin's previews are Wagtail's own, unchanged.
"""

import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import get_page_models

from base.preview import HeadlessPreviewMixin
from contact.models import ContactPage
from faqs.models import FAQIndexPage
from home.models import HomePage
from services.models import ServiceIndexPage, ServicePage, ServiceStep
from team.models import TeamPage
from tests.factories import ServiceStepFactory
from tests.test_settings_and_commands import print_production_settings

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example/preview"


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def headless(settings):
    settings.HEADLESS_PREVIEW_URL = FRONTEND


@pytest.fixture
def service_with_draft(site_tree):
    """The live PRP page, and a newer draft with another title, summary and steps."""
    service = site_tree["service"]
    ServiceStepFactory(page=service, title="Live step", description="Published.")
    service.save_revision().publish()
    draft = ServicePage.objects.get(pk=service.pk)
    draft.title = "PRP hair restoration (draft)"
    draft.summary = "A summary nobody has published yet."
    draft.steps = [ServiceStep(title="Draft step", description="Only in the draft.")]
    draft.save_revision()
    return service


def view_draft(client, page):
    return client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))


def preview_query(response) -> dict:
    """content_type and token from the admin's redirect to the frontend."""
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(FRONTEND + "?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def get_preview(client, **params):
    return client.get("/api/v2/page_preview/", params)


# --- The admin's preview ----------------------------------------------------------------------


def test_without_a_frontend_the_admin_preview_renders_the_draft_as_before(
    editor_client, service_with_draft, settings
):
    settings.HEADLESS_PREVIEW_URL = ""

    response = view_draft(editor_client, service_with_draft)

    assert response.status_code == 200
    assert b"PRP hair restoration (draft)" in response.content
    assert response["Content-Type"].startswith("text/html")


def test_with_a_frontend_the_admin_preview_redirects_to_it_with_a_content_type_and_token(
    editor_client, service_with_draft, headless
):
    query = preview_query(view_draft(editor_client, service_with_draft))

    assert query["content_type"] == "services.servicepage"
    assert query["token"]


class EditFormFields(HTMLParser):
    """The fields the admin's edit form would post as rendered: inputs, textareas, selects."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def edit_form_data(client, page, **changes) -> dict:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    form = html[html.index('id="page-edit-form"') :]
    parser = EditFormFields()
    parser.feed(form[: form.index("</form>")])
    return parser.data | changes


def test_the_preview_panel_of_the_edit_view_redirects_to_the_frontend(
    editor_client, site_tree, headless
):
    services = site_tree["services"]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[services.pk])
    form_data = edit_form_data(
        editor_client, services, title="Treatments, edited", intro="An intro not saved yet."
    )

    posted = editor_client.post(preview_url, form_data)
    assert posted.json()["is_valid"] is True
    query = preview_query(editor_client.get(preview_url + "?in_preview_panel=true"))

    assert query["content_type"] == "services.serviceindexpage"
    draft = get_preview(editor_client, **query).json()
    assert draft["title"] == "Treatments, edited"
    assert draft["intro"] == "An intro not saved yet."
    assert ServiceIndexPage.objects.get(pk=services.pk).title != "Treatments, edited"


def test_the_frontend_url_may_carry_its_own_query(editor_client, service_with_draft, settings):
    settings.HEADLESS_PREVIEW_URL = "https://frontend.example/?api=https://cms.example"

    location = view_draft(editor_client, service_with_draft)["Location"]

    query = parse_qs(urlsplit(location).query)
    assert query["api"] == ["https://cms.example"]
    assert query["content_type"] == ["services.servicepage"]


def test_the_contact_pages_thank_you_preview_stays_server_rendered(
    editor_client, site_tree, headless
):
    contact = site_tree["contact"]

    response = editor_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[contact.pk]) + "?mode=landing"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.database_independent  # production settings in a subprocess, on its own SQLite
def test_the_admin_may_frame_the_configured_frontend_and_nothing_else():
    show_frame_src = "' '.join(s.ADMIN_CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-src'])"

    configured = print_production_settings(
        show_frame_src,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_HEADLESS_PREVIEW_URL="https://www.clinic.example/preview/?api=x",
    )
    unset = print_production_settings(show_frame_src, DJANGO_SECRET_KEY="x" * 50)

    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.split() == ["'self'", "https://www.clinic.example"]
    assert unset.stdout.split() == ["'self'"]


@pytest.mark.database_independent  # production settings in a subprocess, on its own SQLite
def test_a_preview_url_that_is_not_http_is_refused_at_startup():
    result = print_production_settings(
        "s.HEADLESS_PREVIEW_URL",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_HEADLESS_PREVIEW_URL="javascript:alert(1)",
    )

    assert result.returncode != 0
    assert "DJANGO_HEADLESS_PREVIEW_URL must be an http:// or https:// URL" in result.stderr


# --- The token-protected draft endpoint -------------------------------------------------------


def test_the_endpoint_answers_the_draft_in_the_pages_detail_shape(
    client, editor_client, service_with_draft, headless
):
    query = preview_query(view_draft(editor_client, service_with_draft))
    client.logout()  # the frontend reads anonymously: the token is its only key

    response = get_preview(client, **query)

    assert response.status_code == 200
    draft = response.json()
    assert draft["id"] == service_with_draft.pk
    assert draft["title"] == "PRP hair restoration (draft)"
    assert draft["summary"] == "A summary nobody has published yet."
    assert draft["steps"] == [{"title": "Draft step", "description": "Only in the draft."}]
    assert draft["meta"]["type"] == "services.ServicePage"
    live = client.get(f"/api/v2/pages/{service_with_draft.pk}/").json()
    assert set(draft) == set(live)
    assert set(draft["meta"]) == set(live["meta"])


def test_the_live_api_keeps_answering_the_published_page(
    client, editor_client, service_with_draft, headless
):
    preview_query(view_draft(editor_client, service_with_draft))
    client.logout()

    live = client.get(f"/api/v2/pages/{service_with_draft.pk}/").json()

    assert live["title"] == "PRP hair restoration"
    assert live["steps"][0]["title"] == "Live step"


def test_drafts_are_never_stored_by_any_cache(editor_client, service_with_draft, headless):
    query = preview_query(view_draft(editor_client, service_with_draft))

    response = get_preview(editor_client, **query)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert not response.has_header("ETag")


def test_a_page_not_saved_yet_can_be_previewed(site_tree, client, headless):
    parent = site_tree["services"]
    page = ServicePage(title="Scalp micropigmentation", slug="smp", summary="Tiny dots of ink.")
    page.depth = parent.depth + 1
    page.path = parent.get_last_child()._inc_path()
    page.set_url_path(parent)
    request = RequestFactory().get("/admin/pages/add/services/servicepage/2/preview/")

    query = preview_query(page.serve_preview(request, page.default_preview_mode))
    draft = get_preview(client, **query).json()

    assert draft["id"] == 0
    assert draft["title"] == "Scalp micropigmentation"
    assert draft["related_faqs"] == []


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"content_type": "services.servicepage"},
        {"token": "id=1:1abcde:signature"},
        {"content_type": "services.servicepage", "token": ""},
    ],
    ids=["nothing", "no-token", "no-content-type", "empty-token"],
)
def test_without_a_token_and_content_type_there_is_no_draft(client, service_with_draft, params):
    response = get_preview(client, **params)

    assert response.status_code == 400
    assert "required" in response.json()["message"]
    assert response["Cache-Control"] == "no-store"


def test_a_forged_token_is_refused(client, editor_client, service_with_draft, headless):
    query = preview_query(view_draft(editor_client, service_with_draft))
    forged = query["token"][:-3] + ("aaa" if not query["token"].endswith("aaa") else "bbb")

    response = get_preview(client, content_type=query["content_type"], token=forged)

    assert response.status_code == 400
    assert response.json() == {"message": "the preview token is not valid"}


def test_an_expired_token_is_refused(
    client, editor_client, service_with_draft, headless, settings, monkeypatch
):
    settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE = 3600
    query = preview_query(view_draft(editor_client, service_with_draft))
    two_hours_later = time.time() + 7200
    monkeypatch.setattr("django.core.signing.time.time", lambda: two_hours_later)

    response = get_preview(client, **query)

    assert response.status_code == 400
    assert "expired" in response.json()["message"]
    assert set(response.json()) == {"message"}


def test_a_token_for_another_page_type_finds_no_draft(
    client, editor_client, service_with_draft, headless
):
    query = preview_query(view_draft(editor_client, service_with_draft))

    response = get_preview(client, content_type="home.homepage", token=query["token"])

    assert response.status_code == 404
    assert "no draft" in response.json()["message"]


@pytest.mark.parametrize(
    "content_type",
    [
        "services.nosuchpage",
        "wagtailcore.page",
        "clinic.clinicimage",
        "servicepage",
        "...",
        "services.servicepage.extra",
        "services." + "x" * 5000,
    ],
)
def test_only_previewable_page_types_are_accepted(client, site_tree, content_type):
    response = get_preview(client, content_type=content_type, token="id=1:1abcde:signature")

    assert response.status_code == 400
    assert "page type that can be previewed" in response.json()["message"]


def test_a_content_type_with_a_control_character_is_refused(client, site_tree):
    # Refused with every API query parameter that holds one (base/api.py), before the view.
    response = get_preview(client, content_type="services\x00.servicepage", token="t")

    assert response.status_code == 400
    assert "content_type may not contain control characters" in response.json()["message"]


def test_unknown_query_parameters_are_refused(client, site_tree):
    response = get_preview(client, content_type="services.servicepage", token="t", order="title")

    assert response.status_code == 400
    assert response.json() == {"message": "query parameter is not recognised: order"}


def project_page_models() -> list:
    """Every page type the project's own apps (top-level folders) define: a new one is
    covered without editing this file. Wagtail's own Page and its contrib apps' are not."""
    return [
        model
        for model in get_page_models()
        if Path(model._meta.app_config.path).parent == Path(settings.BASE_DIR)
    ]


def test_the_project_page_types_are_found():
    # An empty parameter list would skip the test below instead of failing it.
    found = set(project_page_models())
    assert {HomePage, ServiceIndexPage, ServicePage, FAQIndexPage, ContactPage, TeamPage} <= found


@pytest.mark.parametrize("page_model", project_page_models(), ids=lambda model: model._meta.label)
def test_the_page_types_the_api_serves_can_be_previewed_headlessly(page_model):
    assert issubclass(page_model, HeadlessPreviewMixin)
