"""Service pages saved before the meta description was required get their summary as one."""

import importlib

import pytest
from django.apps import apps as django_apps
from wagtail.models import Revision

from services.models import ServicePage

migration = importlib.import_module("services.migrations.0004_fill_empty_search_descriptions")


@pytest.mark.django_db
def test_empty_descriptions_are_filled_from_the_summary_in_pages_and_revisions(site_tree):
    service = site_tree["service"]
    ServicePage.objects.filter(pk=service.pk).update(search_description="")
    revision = service.save_revision()
    content = revision.content
    content["search_description"] = ""
    Revision.objects.filter(pk=revision.pk).update(content=content)

    migration.fill_from_summary(django_apps, None)

    service.refresh_from_db()
    assert service.search_description == service.summary
    revision.refresh_from_db()
    assert revision.content["search_description"] == service.summary
    revision.as_object().full_clean()  # publishing it would now validate
