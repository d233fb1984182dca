"""Images as a frontend needs them: alt text, size and a srcset-ready list of renditions.

The widths and formats are the ones the site's own templates ask for (`components/
hero_picture.html`, `blocks/image_block.html`), so the API and the HTML share renditions
and generating them once at publish time serves both.
"""

import logging

from django.db.models import prefetch_related_objects
from rest_framework.fields import Field

from base.site_urls import absolute_url

logger = logging.getLogger(__name__)

RESPONSIVE_WIDTHS = (480, 800, 1200)
RESPONSIVE_FORMATS = ("avif", "webp", "jpeg")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def rendition_specs() -> list[str]:
    """Every filter spec the API returns for one image, e.g. 'format-avif|width-480'."""
    return [
        f"format-{image_format}|width-{width}"
        for image_format in RESPONSIVE_FORMATS
        for width in RESPONSIVE_WIDTHS
    ]


def image_data(image) -> dict | None:
    """The JSON for one image; None for a missing image (e.g. deleted from the library)."""
    if image is None:
        return None
    data = {"id": image.pk, "alt": image.alt_text, "width": image.width, "height": image.height}
    try:
        renditions = image.get_renditions(*rendition_specs())
    except OSError:  # SourceImageIOError and decoder errors: the original file is missing or bad
        logger.warning("No renditions for image %s: its file can't be read", image.pk)
        return {**data, "sources": []}
    sources = []
    for image_format in RESPONSIVE_FORMATS:
        candidates = []
        for width in RESPONSIVE_WIDTHS:
            rendition = renditions[f"format-{image_format}|width-{width}"]
            # An image narrower than a width isn't upscaled: skip the duplicate rendition.
            if any(candidate["width"] == rendition.width for candidate in candidates):
                continue
            candidates.append(
                {
                    "url": absolute_url(rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                }
            )
        sources.append(
            {
                "format": image_format,
                "mime_type": MIME_TYPES[image_format],
                "renditions": candidates,
                "srcset": ", ".join(f"{c['url']} {c['width']}w" for c in candidates),
            }
        )
    return {**data, "sources": sources}


def prefetch_renditions(images) -> None:
    """Fetch the renditions of many images in one query, so serialising them costs none."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


class ResponsiveImageField(Field):
    """A serializer field for an image foreign key (or the image itself, with source='*')."""

    def to_representation(self, image):
        return image_data(image)
