"""CORS for the API (django-cors-headers): only listed frontends, only /api/, closed by default."""

import pytest

from tests.test_settings_and_commands import print_production_settings

pytestmark = pytest.mark.django_db

FRONTEND = "https://frontend.example.com"


@pytest.fixture(autouse=True)
def allowed_frontend(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONTEND]


def preflight(client, url, origin=FRONTEND, method="GET", headers="content-type"):
    return client.options(
        url,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": headers,
        },
    )


def test_a_listed_frontend_may_read_the_api(client, site_tree):
    response = client.get("/api/v2/pages/", headers={"Origin": FRONTEND})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "origin" in response["Vary"].lower()
    # Frontends read anonymously: the browser never sends our cookies along.
    assert not response.has_header("Access-Control-Allow-Credentials")
    # Scripts may read the ETag to revalidate on their own.
    assert response["Access-Control-Expose-Headers"] == "ETag"


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example.net",
        "http://frontend.example.com",  # the same host without TLS is another origin
        "https://frontend.example.com.evil.example.net",
        "null",
    ],
)
def test_an_unlisted_origin_gets_no_cors_headers(client, site_tree, origin):
    response = client.get("/api/v2/pages/", headers={"Origin": origin})

    assert response.status_code == 200  # the answer is public; the browser just won't share it
    assert not response.has_header("Access-Control-Allow-Origin")
    assert "origin" in response["Vary"].lower()


def test_a_preflight_from_a_listed_frontend_is_answered(client, site_tree):
    response = preflight(client, "/api/v2/pages/")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS", "POST"}
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0


def test_a_frontend_may_post_the_consultation_form_as_json(client, site_tree):
    url = f"/api/v2/forms/{site_tree['contact'].pk}/"

    response = preflight(client, url, method="POST", headers="content-type")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == FRONTEND
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"]
    posted = client.post(
        url, data={}, content_type="application/json", headers={"Origin": FRONTEND}
    )
    assert posted.status_code == 400  # the form's own answer (missing fields), readable cross-site
    assert posted["Access-Control-Allow-Origin"] == FRONTEND


def test_a_preflight_from_an_unlisted_origin_is_not_allowed(client, site_tree):
    response = preflight(client, "/api/v2/pages/", origin="https://evil.example.net")

    assert not response.has_header("Access-Control-Allow-Origin")
    assert not response.has_header("Access-Control-Allow-Methods")


def test_cors_stops_at_the_api(client, site_tree):
    response = client.get(site_tree["service"].url, headers={"Origin": FRONTEND})

    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")
    assert not preflight(client, "/admin/login/").has_header("Access-Control-Allow-Origin")


def test_a_304_carries_the_cors_headers_the_browser_needs(client, site_tree):
    etag = client.get("/api/v2/pages/", headers={"Origin": FRONTEND})["ETag"]

    response = client.get("/api/v2/pages/", headers={"Origin": FRONTEND, "If-None-Match": etag})

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == FRONTEND


def test_the_etag_is_the_same_for_every_origin(client, site_tree):
    # The body doesn't depend on the origin, so one cached validator serves every frontend.
    ours = client.get("/api/v2/pages/", headers={"Origin": FRONTEND})["ETag"]
    theirs = client.get("/api/v2/pages/", headers={"Origin": "https://other.example.org"})["ETag"]

    assert ours == theirs


def test_api_answers_keep_the_security_headers(client, site_tree):
    response = client.get("/api/v2/pages/", headers={"Origin": FRONTEND})

    assert "camera=()" in response["Permissions-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(site_tree["service"].url)
    assert "script-src 'self'" in page["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


@pytest.mark.database_independent  # production settings in a subprocess, on its own SQLite
def test_cors_is_closed_unless_frontends_are_listed_in_the_environment():
    closed = print_production_settings("s.CORS_ALLOWED_ORIGINS", DJANGO_SECRET_KEY="x" * 50)
    listed = print_production_settings(
        "s.CORS_ALLOWED_ORIGINS",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_CORS_ALLOWED_ORIGINS="https://a.example.com, https://b.example.com",
    )

    assert closed.returncode == 0, closed.stderr
    assert closed.stdout.strip() == "[]"
    assert listed.stdout.strip() == "['https://a.example.com', 'https://b.example.com']"
