"""Site hardening: security headers, HTTPS settings, login throttling, uploads, no third parties.

The header tests run the real production settings under gunicorn (tests/server.py) with HTTPS on,
behind a pretend TLS-terminating proxy (X-Forwarded-Proto: https).
"""

import http.client
import io
import os
import secrets
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from tests.server import PROJECT_ROOT, copy_demo_site, start_server

PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
PROXIED_HTTPS = {"X-Forwarded-Proto": "https"}


def directives(csp: str) -> dict[str, str]:
    """'a x; b y z' → {'a': 'x', 'b': 'y z'}, so tests don't depend on directive order."""
    parts = (part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    return {name: value for name, value in parts}


def production_environment(**env) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="clinic.example.com",
    )
    environment.update(env)
    return environment


def run_in_production(args: list[str], **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=production_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- Production settings and `check --deploy` -----------------------------------------------


def test_check_deploy_has_no_warnings_with_production_settings():
    result = run_in_production(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_https_off_turns_off_only_redirect_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    on = run_in_production(["-c", code])
    off = run_in_production(["-c", code], DJANGO_HTTPS="0")
    assert on.returncode == 0 and off.returncode == 0, on.stderr + off.stderr
    assert on.stdout.split() == [
        "True",
        "31536000",
        "True",
        "True",
        "True",
        "True",
        "True",
        "Lax",
        "DENY",
        "strict-origin-when-cross-origin",
        "None",
    ]
    assert off.stdout.split() == [
        "False",
        "0",
        "False",
        "False",
        "False",
        "True",
        "True",
        "Lax",
        "DENY",
        "strict-origin-when-cross-origin",
        "None",
    ]

    proxied = run_in_production(["-c", code], DJANGO_SECURE_PROXY_SSL_HEADER="1")
    assert proxied.stdout.strip().endswith("('HTTP_X_FORWARDED_PROTO', 'https')")


def test_check_deploy_warns_when_https_is_off():
    """DJANGO_HTTPS=0 is for loopback tests only; `check --deploy` says so."""
    result = run_in_production(["manage.py", "check", "--deploy"], DJANGO_HTTPS="0")
    output = result.stdout + result.stderr
    for warning in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert warning in output


# --- Response headers from the production set-up ---------------------------------------------


def get(base_url: str, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    """One GET that does not follow redirects; the response is read and closed."""
    connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def https_server(demo_site_template, tmp_path_factory):
    """Production settings with HTTPS on, behind a (pretend) proxy that terminates TLS."""
    workdir = copy_demo_site(demo_site_template, tmp_path_factory.mktemp("https") / "site")
    server = start_server(
        workdir, extra_env={"DJANGO_HTTPS": "1", "DJANGO_SECURE_PROXY_SSL_HEADER": "1"}
    )
    yield server.base_url
    server.stop()


def test_plain_http_is_redirected_to_https(https_server):
    response = get(https_server, "/services/", {"Host": "localhost"})
    assert response.status == 301
    assert response.getheader("Location") == "https://localhost/services/"


def test_public_pages_send_every_security_header(https_server):
    response = get(https_server, "/", PROXIED_HTTPS)
    assert response.status == 200

    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    csp = response.getheader("Content-Security-Policy")
    assert directives(csp) == directives(PUBLIC_CSP)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    permissions = response.getheader("Permissions-Policy")
    for feature in DENIED_FEATURES:
        assert f"{feature}=()" in permissions


def test_the_search_page_sends_no_referrer_to_other_sites(https_server):
    response = get(https_server, "/search/?q=hair+loss+after+chemo", PROXIED_HTTPS)
    assert response.status == 200
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert directives(response.getheader("Content-Security-Policy")) == directives(PUBLIC_CSP)


def test_the_admin_gets_its_own_policy_and_may_frame_itself(https_server):
    response = get(https_server, "/admin/login/", PROXIED_HTTPS)
    assert response.status == 200
    assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
    admin_csp = directives(response.getheader("Content-Security-Policy"))
    assert admin_csp["frame-ancestors"] == "'self'"
    assert admin_csp["default-src"] == "'self'"
    assert admin_csp["object-src"] == "'none'"
    assert "http" not in response.getheader("Content-Security-Policy")  # no other origins

    csrf_cookie = next(
        c for c in response.headers.get_all("Set-Cookie") if c.startswith("csrftoken=")
    )
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax"]:
        assert attribute in csrf_cookie


# --- Framing and CSP in the admin (test settings, Django's test client) -----------------------


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_pages_and_page_previews_may_be_framed_by_the_admin(admin_client, site_tree):
    """The editor's preview panel shows the page in a same-origin iframe (the browser test
    tests/browser/test_security_policy.py opens it for real)."""
    service = site_tree["service"]

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[service.pk]))
    assert edit.status_code == 200
    assert edit["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(edit["Content-Security-Policy"])["frame-src"] == "'self'"

    draft = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[service.pk]))
    assert draft.status_code == 200
    assert b"PRP hair restoration" in draft.content
    assert draft["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(draft["Content-Security-Policy"])["frame-ancestors"] == "'self'"


@pytest.mark.django_db
def test_public_pages_may_not_be_framed(client, site_tree):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response["Content-Security-Policy"]) == directives(PUBLIC_CSP)


@pytest.mark.django_db
def test_djangos_own_admin_is_not_exposed(client, site_tree):
    assert "django.contrib.admin" not in django_settings.INSTALLED_APPS
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/login/").status_code == 404


# --- Login throttling and passwords ----------------------------------------------------------


@pytest.mark.django_db
def test_the_sixth_wrong_password_is_refused_and_locks_that_user_on_that_address(client, settings):
    settings.AXES_ENABLED = True
    get_user_model().objects.create_superuser("editor", "e@example.com", "the-right-password")
    login_url = reverse("wagtailadmin_login")

    def attempt(password, address="203.0.113.7"):
        return client.post(
            login_url, {"username": "editor", "password": password}, REMOTE_ADDR=address
        )

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt("wrong-password")
        assert response.status_code == 200  # the form again, with an error

    assert settings.AXES_FAILURE_LIMIT == 5
    assert attempt("wrong-password").status_code == 429  # the 5th failure locks
    refused = attempt("wrong-password")
    assert refused.status_code == 429  # the 6th is refused outright, on a page of our own
    assert "Sign-in paused for this account" in refused.content.decode()
    assert attempt("the-right-password").status_code == 429  # even with the right password
    assert "_auth_user_id" not in client.session

    # Keyed by username + address: the same editor from another address can still sign in.
    response = attempt("the-right-password", address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_throttling_settings_lock_for_an_hour_by_username_and_address():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 3600
    assert django_settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert django_settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


@pytest.mark.django_db
def test_passwords_need_at_least_twelve_characters():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Gx7#kq2!Lm")
    validate_password("Gx7#kq2!Lm9z")


# --- Uploads ---------------------------------------------------------------------------------


def image_bytes(image_format="PNG", size=(64, 48), exif=None) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    PILImage.new("RGB", size, (200, 120, 90)).save(buffer, image_format, **options)
    return buffer.getvalue()


def upload_image(client, name, content, content_type):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": upload, "description": "A test image"},
    )


def test_image_upload_limits_are_set():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert set(django_settings.WAGTAILIMAGES_EXTENSIONS) == {
        "avif",
        "gif",
        "jpg",
        "jpeg",
        "png",
        "webp",
    }


@pytest.mark.django_db
def test_images_of_other_types_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200  # the form again, with an error
    assert "Not a supported image format" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_images_over_the_size_limit_are_refused(admin_client, settings):
    content = image_bytes(size=(400, 400))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
    response = upload_image(admin_client, "big.png", content, "image/png")
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_uploaded_photos_lose_their_exif_and_gps_but_keep_their_orientation(admin_client):
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # "rotate 90° clockwise to display"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (34.0, 3.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (118.0, 24.0, 10.0),
    }
    photo = image_bytes("JPEG", size=(80, 40), exif=exif.tobytes())
    with PILImage.open(io.BytesIO(photo)) as check:  # the test photo really carries GPS
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = upload_image(admin_client, "patient.jpg", photo, "image/jpeg")
    assert response.status_code == 302, response.content.decode()[:2000]

    image = get_image_model().objects.get()
    with image.open_file() as stored, PILImage.open(stored) as stored_image:
        assert stored_image.format == "JPEG"
        assert not stored_image.getexif()
        assert not stored_image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in stored_image.info
        assert stored_image.size == (40, 80)  # orientation applied to the pixels
    assert (image.width, image.height) == (40, 80)
    assert image.file_size == image.file.size


@pytest.mark.django_db
def test_multi_picture_phone_photos_lose_their_gps_too(admin_client):
    exif = PILImage.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    buffer = io.BytesIO()
    photo, depth_map = PILImage.new("RGB", (60, 40), "red"), PILImage.new("RGB", (60, 40), "blue")
    photo.save(buffer, "MPO", save_all=True, append_images=[depth_map], exif=exif.tobytes())
    with PILImage.open(io.BytesIO(buffer.getvalue())) as check:  # really MPO, really with GPS
        assert check.format == "MPO" and check.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = upload_image(admin_client, "phone.jpg", buffer.getvalue(), "image/jpeg")
    assert response.status_code == 302, response.content.decode()[:2000]

    with get_image_model().objects.get().open_file() as stored, PILImage.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "exif" not in image.info


@pytest.mark.django_db
def test_images_without_metadata_are_stored_as_uploaded(admin_client):
    content = image_bytes("PNG")
    assert upload_image(admin_client, "plain.png", content, "image/png").status_code == 302
    with get_image_model().objects.get().open_file() as stored:
        assert stored.read() == content


# --- No third-party requests from public pages -----------------------------------------------


@pytest.mark.django_db
def test_public_pages_reference_only_our_own_origin_and_have_no_inline_code(client):
    call_command("load_demo_content", verbosity=0)
    paths = [page.url for page in Page.objects.live().public().specific() if page.depth > 1]
    paths += ["/search/?q=prp", "/no-such-page/"]
    assert len(paths) >= 5

    for path in paths:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        html = BeautifulSoup(response.content, "html.parser")
        for tag, attribute in [
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("img", "srcset"),
            ("source", "srcset"),
            ("iframe", "src"),
            ("video", "src"),
            ("audio", "src"),
            ("embed", "src"),
            ("object", "data"),
        ]:
            for element in html.find_all(tag, attrs={attribute: True}):
                if tag == "link" and {"canonical", "alternate"} & set(element.get("rel", [])):
                    # This page's own public address for search engines; nothing is loaded.
                    base_url = django_settings.WAGTAILADMIN_BASE_URL
                    assert element["href"].startswith(f"{base_url}/"), path
                    continue
                for candidate in element[attribute].split(","):
                    url = candidate.strip().split(" ")[0]
                    parts = urlsplit(url)
                    assert not parts.scheme and not parts.netloc, f"{path}: {tag} {url}"
        # The CSP allows no inline code: no <style>, no inline <script>, no style="" or on*="".
        assert not html.find("style"), path
        # JSON-LD (type="application/ld+json") is a data block the browser never runs.
        inline_scripts = [
            s
            for s in html.find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert not inline_scripts, path
        for element in html.find_all(True):
            inline = [a for a in element.attrs if a == "style" or a.startswith("on")]
            assert not inline, f"{path}: <{element.name} {inline}>"
