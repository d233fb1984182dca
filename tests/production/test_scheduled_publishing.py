"""Scheduled publishing: `manage.py publish_scheduled` (cron, docs/deploy.md) puts pages live."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_a_page_whose_go_live_time_has_passed_goes_live_when_the_command_runs(
    client, site_tree, page_cache_on, publish
):
    services = site_tree["services"]
    page = ServicePageFactory(parent=services, title="Scalp micropigmentation", live=False)
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    client.get(services.url)  # the services list, cached without it
    assert client.get(page.url).status_code == 404

    publish(lambda: call_command("publish_scheduled"))

    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert "Scalp micropigmentation" in client.get(services.url).content.decode()


def test_a_page_scheduled_for_later_stays_unpublished(client, site_tree):
    page = ServicePageFactory(parent=site_tree["services"], live=False)
    page.save_revision(approved_go_live_at=timezone.now() + timedelta(days=1))

    call_command("publish_scheduled")

    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404
