"""The demo deployment recipe works: production settings, a fresh database, gunicorn.

migrate → load_demo_content → collectstatic → gunicorn, then fetch pages as a visitor would.
Slow-ish (a few seconds) but it is the only test that proves the real server set-up.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DJANGO_SECRET_KEY="production-smoke-test-" + "x" * 40,
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )

    manage("migrate", "--noinput")
    manage("load_demo_content")
    manage("collectstatic", "--noinput")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "mysite.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fetch(base_url + "/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start within 30 seconds")
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    ("path", "expected_text"),
    [
        ("/", "PRP for thinning hair"),
        ("/services/", "PRP hair restoration"),
        ("/services/prp-hair-restoration/", "3 sessions, 4–6 weeks apart"),
        ("/faqs/", "How many sessions will I need?"),
        ("/contact/", "(310) 975-9785"),
    ],
)
def test_demo_pages_answer_200_with_their_content(production_server, path, expected_text):
    status, body = fetch(production_server + path)
    assert status == 200
    assert expected_text in body.decode()


def test_unknown_url_gets_the_styled_404_and_no_debug_page(production_server):
    status, body = fetch(production_server + "/no-such-page/")
    text = body.decode()
    assert status == 404
    assert "Sorry, we can&#x27;t find that page" in text or "Sorry, we can't find that page" in text
    assert "(310) 975-9785" in text
    assert "Traceback" not in text and "DEBUG = True" not in text


def test_static_files_are_served_compressed_with_hashed_names(production_server):
    status, body = fetch(production_server + "/")
    stylesheet = BeautifulSoup(body, "html.parser").find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"

    request = urllib.request.Request(
        production_server + stylesheet, headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in response.headers["Cache-Control"]


def test_page_images_are_served(production_server):
    status, body = fetch(production_server + "/services/prp-hair-restoration/")
    img = BeautifulSoup(body, "html.parser").select_one("picture img")
    image_status, image_body = fetch(production_server + img["src"])
    assert image_status == 200
    assert len(image_body) > 1000
