"""Editors come first: every field explains itself and every block previews in the picker."""

import pytest
from wagtail.blocks import StreamBlock
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Orderable, Page

from clinic.models import ClinicImage, ClinicSettings, OpeningHours, Provider
from contact.models import ConsentWording, ConsultationFormField, ContactPage
from faqs.models import FAQ, FAQCategory, FAQIndexPage
from home.models import HomePage, HomePageFeaturedService
from services.models import ServiceIndexPage, ServicePage, ServiceStep
from team.models import TeamPage

EDITABLE_MODELS = [
    ClinicSettings,
    OpeningHours,
    Provider,
    HomePage,
    HomePageFeaturedService,
    ServiceIndexPage,
    ServicePage,
    ServiceStep,
    FAQ,
    FAQCategory,
    FAQIndexPage,
    ContactPage,
    ConsultationFormField,
    ConsentWording,
    TeamPage,
]
# Fields that Wagtail defines and documents itself, or that editors never type into.
PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}
HIDDEN_FIELDS = {"id", "live", "page", "settings", "site"}


def own_editable_fields(model):
    skipped = HIDDEN_FIELDS | (PAGE_FIELDS if issubclass(model, Page) else set())
    if issubclass(model, DraftStateMixin):
        skipped |= {field.name for field in DraftStateMixin._meta.fields}  # publishing dates
    if issubclass(model, Orderable):
        skipped |= {"sort_order"}  # set by dragging rows in the admin
    for field in model._meta.get_fields():
        if (
            getattr(field, "editable", False)
            and not field.auto_created
            and field.name not in skipped
        ):
            yield field


@pytest.mark.parametrize("model", EDITABLE_MODELS, ids=lambda model: model.__name__)
def test_every_field_an_editor_sees_has_help_text(model):
    missing = [field.name for field in own_editable_fields(model) if not field.help_text]
    assert missing == [], f"{model.__name__} fields without help text: {missing}"


def test_image_alt_text_has_help_text_and_is_required():
    field = ClinicImage._meta.get_field("description")
    assert field.help_text
    assert not field.blank


def stream_blocks():
    for model in EDITABLE_MODELS:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield from walk(field.stream_block)


def walk(block):
    yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from walk(child)


def test_every_stream_block_choice_has_an_icon_template_description_and_preview():
    problems = []
    for stream in {id(b): b for b in stream_blocks() if isinstance(b, StreamBlock)}.values():
        for name, block in stream.child_blocks.items():
            meta = block.meta
            for attribute in ["icon", "template", "description", "preview_value"]:
                if not getattr(meta, attribute, None):
                    problems.append(f"{type(stream).__name__}.{name} has no {attribute}")
    assert problems == []
