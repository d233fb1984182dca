"""Blocks that only service pages use: bullet points and benefits, and the service body."""

from wagtail import blocks

from clinic.blocks import ContentStreamBlock


class PointBlock(blocks.CharBlock):
    """One line of a bulleted list, e.g. one aftercare instruction."""

    def __init__(self, **kwargs):
        super().__init__(max_length=300, **kwargs)

    class Meta:
        icon = "list-ul"
        template = "blocks/point_block.html"
        description = "One short point of a bulleted list."
        preview_value = "Avoid washing your scalp for 48 hours."


class PointListBlock(blocks.StreamBlock):
    """A bulleted list an editor builds one point at a time, kept as data (a list of strings)."""

    point = PointBlock()

    def get_api_representation(self, value, context=None):
        """The API gives the points as a plain list of strings."""
        return [child.value for child in value or []]


class BenefitBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80, help_text="The benefit in a few words.")
    description = blocks.TextBlock(max_length=400, help_text="One or two sentences explaining it.")

    class Meta:
        icon = "tick"
        template = "blocks/benefit_block.html"
        description = "A benefit of the treatment with a short explanation."
        preview_value = {
            "title": "Your own blood",
            "description": "Nothing foreign is injected, which keeps the risk of allergy low.",
        }


class BenefitListBlock(blocks.StreamBlock):
    benefit = BenefitBlock()

    def get_api_representation(self, value, context=None):
        """The API gives each benefit as {"title", "description"}."""
        return [dict(child.value) for child in value or []]


class ServiceBodyBlock(ContentStreamBlock):
    """The flexible part of a service page, after the structured treatment sections."""
