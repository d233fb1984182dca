"""StreamField blocks shared by every page type's flexible body.

Each block carries an icon, a description and a preview value so the block picker in
the admin shows editors what they are about to add, and its own template under
templates/blocks/.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from clinic.images import image_data

# What rich text may contain: the design styles these and nothing else. Headings are a
# block of their own so that page outlines stay correct (h2 under the page's h1).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

PREVIEW_PARAGRAPH = (
    "<p>PRP uses a small sample of <b>your own blood</b>. "
    "Your clinician will explain what to expect at the consultation.</p>"
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="The heading's words, short and plain.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (level 2)"), ("h3", "Sub-heading (level 3)")],
        default="h2",
        help_text="Use level 2 for a new section, level 3 inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        group = "Text"
        description = "A section heading that screen readers and search engines can follow."
        preview_value = {"text": "What to expect on the day", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        group = "Text"
        description = "Running text with bold, italic, links and lists."
        preview_value = PREVIEW_PARAGRAPH


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, help_text="A short label, e.g. 'Good to know'.")
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="The note itself.")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        group = "Text"
        description = "A highlighted note that stands out from the text around it."
        preview_value = {"title": "Good to know", "text": PREVIEW_PARAGRAPH}


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(help_text="The image's alt text comes from the image library.")
    caption = blocks.CharBlock(
        required=False, max_length=200, help_text="Optional words shown under the image."
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        group = "Media"
        description = "An image across the text column, with an optional caption."
        preview_value = {"caption": "An image with a short caption"}

    def get_api_representation(self, value, context=None):
        """The image with its alt text and renditions, not a bare id (see docs/api.md)."""
        return {"image": image_data(value.get("image")), "caption": value.get("caption", "")}


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks every page's flexible body offers. Page types subclass it to add their own."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    image = ImageWithCaptionBlock()
