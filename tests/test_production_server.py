"""The demo deployment recipe works: production settings, a fresh database, gunicorn.

migrate → load_demo_content → collectstatic → gunicorn, then fetch pages as a visitor would.
Slow-ish (a few seconds) but it is the only test that proves the real server set-up.
"""

import urllib.request

import pytest
from bs4 import BeautifulSoup

from tests.server import copy_demo_site, fetch, start_server


@pytest.fixture(scope="module")
def production_server(demo_site_template, tmp_path_factory):
    # A copy of the run's one demo site: the same recipe (tests/server.py), built once.
    workdir = copy_demo_site(demo_site_template, tmp_path_factory.mktemp("production") / "site")
    server = start_server(workdir)
    yield server.base_url
    server.stop()


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
    status, _, body = fetch(production_server + path)
    assert status == 200
    assert expected_text in body.decode()


def test_unknown_url_gets_the_styled_404_and_no_debug_page(production_server):
    status, _, body = fetch(production_server + "/no-such-page/")
    text = body.decode()
    assert status == 404
    assert "Sorry, we can&#x27;t find that page" in text or "Sorry, we can't find that page" in text
    assert "(310) 975-9785" in text
    assert "Traceback" not in text and "DEBUG = True" not in text


def test_static_files_are_served_compressed_with_hashed_names(production_server):
    status, _, body = fetch(production_server + "/")
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
    status, _, body = fetch(production_server + "/services/prp-hair-restoration/")
    img = BeautifulSoup(body, "html.parser").select_one("picture img")
    image_status, _, image_body = fetch(production_server + img["src"])
    assert image_status == 200
    assert len(image_body) > 1000
