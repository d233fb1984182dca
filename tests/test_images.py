"""Images: served responsively in modern formats with their alt text and dimensions."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from tests.factories import ClinicImageFactory


def png_bytes(width=64, height=48) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_hero_images_are_served_as_avif_and_webp_with_alt_and_dimensions(client, site_tree):
    service = site_tree["service"]
    service.hero_image = ClinicImageFactory(
        description="A blood sample in three layers", file__width=1600, file__height=900
    )
    service.save_revision().publish()

    picture = BeautifulSoup(client.get(service.url).content, "html.parser").find("picture")

    source_types = [source["type"] for source in picture.find_all("source")]
    assert source_types == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == "A blood sample in three layers"
    assert img["width"] and img["height"]
    assert "480w" in img["srcset"]
