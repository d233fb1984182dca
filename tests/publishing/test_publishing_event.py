"""The one publishing event (publishing/events.py, base/content.py): a model registered once
reaches every subscriber, after the commit, and only changes visitors can see are events."""

import pytest
from django.core.cache import cache
from wagtail.contrib.frontend_cache.backends import BaseBackend

import base.content
import publishing.events
from base.content import DELETED, SAVED, ContentChange, content_changed, register_content
from search.models import DailySearchCount
from search.vocabulary import CACHE_KEY as VOCABULARY_KEY
from tests.factories import ServicePageFactory, TeamPageFactory

pytestmark = pytest.mark.django_db


class Recorder(BaseBackend):
    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def changes():
    """Every ContentChange delivered after a commit, in order."""
    delivered = []

    def listen(change, **kwargs):
        delivered.append(change)

    content_changed.connect(listen, dispatch_uid="test-listener")
    yield delivered
    content_changed.disconnect(dispatch_uid="test-listener")


@pytest.fixture
def a_new_content_type(monkeypatch):
    """A model that isn't content (the daily search counts), registered as if it were one shown
    on the team page: what a new app does with one call."""
    monkeypatch.setattr(base.content, "_declared", dict(base.content._declared))
    monkeypatch.setattr(publishing.events, "_is_content", {})
    return lambda shown_on: register_content(DailySearchCount, shown_on=shown_on)


@pytest.fixture
def cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "rec": {"BACKEND": "tests.publishing.test_publishing_event.Recorder"}
    }
    Recorder.purged.clear()
    return Recorder.purged


def test_a_model_registered_once_reaches_every_subscriber(
    a_new_content_type,
    site_tree,
    changes,
    cdn,
    settings,
    client,
    django_capture_on_commit_callbacks,
):
    team = TeamPageFactory(parent=site_tree["home"], slug="team")
    a_new_content_type(shown_on=lambda count: [team])
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    assert client.get("/team/")["X-Cache"] == "miss"
    assert client.get("/team/")["X-Cache"] == "hit"
    cache.set(VOCABULARY_KEY, "a vocabulary built before the change")

    with django_capture_on_commit_callbacks(execute=True):
        count = DailySearchCount.objects.create(date="2026-12-01", query="prp", searches=1)
        # Search forgets at once, inside the transaction.
        assert cache.get(VOCABULARY_KEY) is None

    assert [(change.action, change.instance) for change in changes] == [(SAVED, count)]
    assert team.get_full_url() in cdn  # the CDN purge, with the page it is declared shown on
    assert f"{settings.WAGTAILAPI_BASE_URL}/api/v2/pages/{team.pk}/" in cdn
    assert client.get("/team/")["X-Cache"] == "miss"  # the page cache
    # Not a snippet, page or setting: no webhook event (webhooks.send ran, and stayed quiet).


def test_nothing_is_delivered_for_a_change_that_is_rolled_back(
    a_new_content_type, changes, django_capture_on_commit_callbacks
):
    a_new_content_type(shown_on=lambda count: [])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        DailySearchCount.objects.create(date="2026-12-01", query="prp")
    assert changes == []  # not before the commit
    assert len(callbacks) == 1


def test_a_model_that_is_not_registered_makes_no_event(changes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        DailySearchCount.objects.create(date="2026-12-01", query="prp")
    assert changes == []


def test_a_page_draft_is_no_event_and_publishing_it_is_one(
    site_tree, changes, django_capture_on_commit_callbacks
):
    service = site_tree["service"]
    service.summary = "Drafted."
    with django_capture_on_commit_callbacks(execute=True):
        revision = service.save_revision()
    assert changes == []

    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert [(change.action, change.kind, change.pk) for change in changes] == [
        ("published", "page", service.pk)
    ]


def test_a_deleted_page_keeps_its_id_for_the_subscribers(
    site_tree, changes, django_capture_on_commit_callbacks
):
    service = ServicePageFactory(parent=site_tree["services"], slug="going")
    page_id = service.pk
    with django_capture_on_commit_callbacks(execute=True):
        service.delete()
    deleted = [change for change in changes if change.action == DELETED]
    assert [(change.pk, change.label) for change in deleted] == [(page_id, "services.ServicePage")]


def test_a_failing_subscriber_never_reaches_the_editor_nor_the_others(
    site_tree, changes, django_capture_on_commit_callbacks, caplog
):
    def broken(change, **kwargs):
        raise RuntimeError("a subscriber broke")

    content_changed.connect(broken, dispatch_uid="test-broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            site_tree["service"].save_revision().publish()
    finally:
        content_changed.disconnect(dispatch_uid="test-broken")

    assert [change.action for change in changes] == ["published"]
    assert "a subscriber broke" in caplog.text


def test_the_urls_of_a_change_are_worked_out_once_when_asked(site_tree):
    calls = []

    def resolve(instance):
        calls.append(instance)
        return frozenset({"https://clinic.example.com/"})

    change = ContentChange(SAVED, site_tree["service"], "page", resolve_urls=resolve)
    assert calls == []
    assert change.urls == change.urls == frozenset({"https://clinic.example.com/"})
    assert calls == [site_tree["service"]]
