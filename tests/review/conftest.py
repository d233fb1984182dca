"""Staff accounts in the real groups, and editor form data, for the clinical review tests."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.blocks.base import BlockField
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


@pytest.fixture
def staff(django_user_model):
    """make("name", "Editors") → a staff user in those groups (created by the migrations)."""

    def make(username, *groups):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(*[Group.objects.get(name=group) for group in groups])
        return user

    return make


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")


def editor_form_data(page, user, **values) -> dict:
    """What the page editor posts: the page's current simple fields, empty StreamFields and
    inline rows, then `values` (use `streamfield(...)`/`inline_formset(...)` for those).

    Built from the page's own admin form, so fields other features add keep working.
    """
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    data = {}
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data[name] = streamfield([])
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    for name in form.formsets:
        data[name] = inline_formset([])
    data.update(values)
    return nested_form_data(data)
