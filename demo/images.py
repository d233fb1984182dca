"""Demo images, drawn with Pillow when the content is loaded.

Nothing is downloaded, so there are no licences to track and the demo works offline. Drawing is
deterministic (no randomness, no timestamps in the files): the same Pillow version produces the
same bytes, which lets the loader see that an image is unchanged and leave it alone.

Shapes are drawn at twice the size and scaled down, which smooths their edges.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SCALE = 2
HERO_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    """A vertical gradient from `top` to `bottom` colour."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGB", size, _rgb(bottom)), Image.new("RGB", size, _rgb(top)), mask
    )


def _finish(canvas: Image.Image, size: tuple[int, int]) -> bytes:
    # Fixed JPEG settings and no metadata keep the output byte-for-byte repeatable.
    buffer = BytesIO()
    canvas.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(
        buffer, "JPEG", quality=85, optimize=True
    )
    return buffer.getvalue()


def draw_prp_tube() -> bytes:
    """A blood sample tube after centrifuging: plasma on top, a platelet-rich band, red cells."""
    width, height = (side * SCALE for side in HERO_SIZE)
    s = SCALE
    canvas = _gradient((width, height), "#f7f3ee", "#dcebea").convert("RGBA")
    draw = ImageDraw.Draw(canvas)

    # A pale disc behind the tube hints at the centrifuge without trying to depict one.
    cx = width // 2
    draw.ellipse([cx - 380 * s, 90 * s, cx + 380 * s, 850 * s], fill=_rgb("#e9f3f1"))

    tube = [cx - 90 * s, 120 * s, cx + 90 * s, 800 * s]  # round-bottomed glass body
    shadow = Image.new("L", (width, height), 0)
    ImageDraw.Draw(shadow).rounded_rectangle(
        [tube[0] + 24 * s, tube[1] + 30 * s, tube[2] + 24 * s, tube[3] + 20 * s],
        radius=90 * s,
        fill=70,
    )
    canvas.paste((40, 70, 70, 255), mask=shadow.filter(ImageFilter.GaussianBlur(18 * s)))

    # Liquid layers, clipped to the inside of the tube.
    inside = Image.new("L", (width, height), 0)
    ImageDraw.Draw(inside).rounded_rectangle(
        [tube[0] + 10 * s, tube[1], tube[2] - 10 * s, tube[3] - 10 * s], radius=80 * s, fill=255
    )
    layers = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    layer_draw = ImageDraw.Draw(layers)
    layer_draw.rectangle([0, 300 * s, width, 470 * s], fill=_rgb("#f4df9f"))  # platelet-poor
    layer_draw.rectangle([0, 470 * s, width, 540 * s], fill=_rgb("#e7ae45"))  # platelet-rich
    layer_draw.rectangle([0, 540 * s, width, height], fill=_rgb("#9b1c28"))  # red cells
    canvas.paste(layers, mask=ImageChops.multiply(layers.getchannel("A"), inside))

    # Glass outline, a highlight down the left side, and the cap.
    draw.rounded_rectangle(tube, radius=90 * s, outline=_rgb("#9fb8bd"), width=6 * s)
    highlight = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(highlight).rounded_rectangle(
        [tube[0] + 28 * s, 230 * s, tube[0] + 46 * s, 700 * s],
        radius=9 * s,
        fill=(255, 255, 255, 120),
    )
    canvas.alpha_composite(highlight)
    draw.rounded_rectangle(
        [cx - 110 * s, 70 * s, cx + 110 * s, 190 * s], radius=18 * s, fill=_rgb("#2f6f73")
    )
    for ridge in range(4):
        y = (92 + ridge * 24) * s
        draw.line([cx - 100 * s, y, cx + 100 * s, y], fill=_rgb("#275e61"), width=4 * s)
    return _finish(canvas, HERO_SIZE)


def draw_home_hero() -> bytes:
    """Soft, blurred shapes in calm colours with a few flowing strands suggesting hair."""
    width, height = (side * SCALE for side in HERO_SIZE)
    s = SCALE
    canvas = _gradient((width, height), "#f8f1e9", "#e4f0ee").convert("RGBA")

    blobs = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    blob_draw = ImageDraw.Draw(blobs)
    for (x, y, r), colour in [
        ((1150, 260, 330), (127, 183, 176, 150)),
        ((1380, 640, 260), (233, 201, 160, 170)),
        ((420, 700, 300), (231, 183, 176, 110)),
        ((250, 180, 200), (127, 183, 176, 90)),
    ]:
        blob_draw.ellipse([(x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s], fill=colour)
    canvas.alpha_composite(blobs.filter(ImageFilter.GaussianBlur(70 * s)))

    strands = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    strand_draw = ImageDraw.Draw(strands)
    for n in range(9):
        points = [
            (x * s, (330 + n * 34 + 70 * math.sin(x / 260 + n * 0.35)) * s)
            for x in range(-20, HERO_SIZE[0] + 21, 10)
        ]
        strand_draw.line(points, fill=(47, 111, 115, 60 + n * 8), width=3 * s, joint="curve")
    canvas.alpha_composite(strands)
    return _finish(canvas, HERO_SIZE)


def draw_provider_placeholder() -> bytes:
    """A neutral head-and-shoulders silhouette, the usual stand-in for a missing photo."""
    width, height = (side * SCALE for side in PORTRAIT_SIZE)
    s = SCALE
    canvas = _gradient((width, height), "#eef1f3", "#dde2e6")
    draw = ImageDraw.Draw(canvas)
    figure = _rgb("#aab4be")
    draw.ellipse([110 * s, 410 * s, 490 * s, 820 * s], fill=figure)  # shoulders
    draw.rectangle([255 * s, 340 * s, 345 * s, 440 * s], fill=figure)  # neck
    draw.ellipse([200 * s, 140 * s, 400 * s, 380 * s], fill=figure)  # head
    return _finish(canvas, PORTRAIT_SIZE)


@dataclass(frozen=True)
class DemoImage:
    title: str  # how the loader finds the image again on the next run: keep it stable
    description: str  # the alt text
    filename: str
    draw: Callable[[], bytes]


PRP_TUBE = DemoImage(
    title="Demo: PRP sample tube illustration",
    description=(
        "Illustration of a blood sample tube after centrifuging, separated into three layers: "
        "pale yellow plasma at the top, a thin golden platelet-rich layer and red blood cells "
        "at the bottom"
    ),
    filename="demo-prp-sample-tube.jpg",
    draw=draw_prp_tube,
)
HOME_HERO = DemoImage(
    title="Demo: home page hero",
    description="Abstract illustration of soft teal and sand-coloured shapes with flowing strands",
    filename="demo-home-hero.jpg",
    draw=draw_home_hero,
)
PROVIDER_PLACEHOLDER = DemoImage(
    title="Demo: provider photo placeholder",
    description="Grey head-and-shoulders silhouette standing in for the provider's photo",
    filename="demo-provider-placeholder.jpg",
    draw=draw_provider_placeholder,
)

ALL = [PRP_TUBE, HOME_HERO, PROVIDER_PLACEHOLDER]
