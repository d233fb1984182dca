"""Static files: brotli and gzip copies made at collectstatic, served with year-long caching."""

import json
import urllib.request

import brotli
import pytest

from tests.server import copy_demo_site, start_server


@pytest.fixture(scope="module")
def collected(demo_site_template, tmp_path_factory):
    # The run's demo site ran `manage.py collectstatic --noinput` with production settings
    # (tests/server.py, build_demo_site): a copy of it instead of collecting everything again.
    return copy_demo_site(demo_site_template, tmp_path_factory.mktemp("static-site") / "site")


@pytest.fixture(scope="module")
def stylesheet(collected) -> str:
    manifest = json.loads((collected / "static" / "staticfiles.json").read_text())
    return manifest["paths"]["css/site.css"]


@pytest.fixture(scope="module")
def static_server(collected):
    # Static files never reach the database: whitenoise answers them first.
    server = start_server(collected, workers=1)
    yield server
    server.stop()


def test_collectstatic_writes_brotli_and_gzip_copies(collected, stylesheet):
    original = (collected / "static" / stylesheet).read_bytes()
    compressed = (collected / "static" / f"{stylesheet}.br").read_bytes()

    assert brotli.decompress(compressed) == original
    assert len(compressed) < len(original) / 2
    assert (collected / "static" / f"{stylesheet}.gz").exists()


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip")])
def test_gunicorn_serves_the_best_encoding_the_browser_accepts_cached_for_a_year(
    static_server, stylesheet, accept, encoding
):
    url = static_server.url(f"/static/{stylesheet}")
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        assert "Accept-Encoding" in response.headers["Vary"]
