"""The content version: one number every cache checks, bumped by the publishing event after the
commit (base/content_version.py). Across processes:
tests/production/test_caches_across_processes.py.
"""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from base import content_version
from base.content_version import VersionMiddleware, versioned

pytestmark = pytest.mark.django_db


def in_request(function, path="/"):
    """Run `function` inside one request through VersionMiddleware; its return value."""
    result = {}

    def view(request):
        result["value"] = function()
        return HttpResponse()

    VersionMiddleware(view)(RequestFactory().get(path))
    return result["value"]


def counting():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return compute, calls


def test_a_bump_changes_the_version_and_keeps_its_epoch():
    before = content_version.read()
    after = content_version.bump()
    assert after != before
    assert after == content_version.read()
    assert after.split(":")[0] == before.split(":")[0]
    assert int(after.split(":")[1]) == int(before.split(":")[1]) + 1


def test_a_value_is_computed_once_per_version(content_caches):
    compute, calls = counting()
    assert in_request(lambda: versioned(("x",), compute)) == 1
    assert in_request(lambda: versioned(("x",), compute)) == 1
    content_version.bump()
    assert in_request(lambda: versioned(("x",), compute)) == 2
    assert len(calls) == 2


def test_a_request_sees_one_version_from_start_to_end(content_caches):
    """A bump during a request changes nothing for it: it renders from one view."""

    def during():
        first = content_version.current()
        content_version.bump()
        return first, content_version.current()

    first, later = in_request(during)
    assert first == later != content_version.read()


@pytest.mark.parametrize("path", ["/admin/pages/3/edit/", "/api/v2/page_preview/1/"])
def test_editors_screens_and_previews_never_use_kept_values(content_caches, path):
    compute, calls = counting()
    in_request(lambda: versioned(("x",), compute), path)
    in_request(lambda: versioned(("x",), compute), path)
    assert len(calls) == 2


def test_outside_a_request_values_are_computed_each_time(content_caches):
    compute, calls = counting()
    versioned(("x",), compute)
    versioned(("x",), compute)
    assert len(calls) == 2


def test_the_switch_turns_every_kept_value_off(settings):
    settings.CONTENT_CACHES = False
    compute, calls = counting()
    in_request(lambda: versioned(("x",), compute))
    in_request(lambda: versioned(("x",), compute))
    assert len(calls) == 2


def test_the_publishing_event_bumps_only_once_the_change_has_committed(
    site_tree, django_capture_on_commit_callbacks
):
    page = site_tree["service"]
    before = content_version.read()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title = "Renamed"
        page.save_revision().publish()
        assert content_version.read() == before  # not yet committed: nothing to see
    for callback in callbacks:
        callback()
    assert content_version.read() != before


class TestTheRedisMirror:
    """With REDIS_URL the version is read from the default cache (here the suite's per-process
    cache stands in for Redis), and the database when the mirror can't answer."""

    @pytest.fixture(autouse=True)
    def mirror(self, settings):
        settings.REDIS_URL = "redis://stand-in"
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()

    def test_the_mirror_answers_without_a_query(self, django_assert_num_queries):
        expected = content_version.read()  # from the database, then mirrored
        with django_assert_num_queries(0):
            assert content_version.read() == expected

    def test_a_bump_updates_the_mirror(self, mirror):
        content_version.read()
        bumped = content_version.bump()
        assert mirror.get(content_version.MIRROR_KEY) == bumped == content_version.read()

    def test_a_failing_mirror_falls_back_to_the_database(self, monkeypatch, mirror):
        def broken(*args, **kwargs):
            raise ConnectionError("Redis is down")

        monkeypatch.setattr(mirror, "get", broken)
        monkeypatch.setattr(mirror, "set", broken)
        assert content_version.read() == content_version.read_from_database()
        assert content_version.bump() == content_version.read_from_database()


def test_a_restricted_page_still_asks_visitors_to_sign_in_with_the_caches_on(
    client, site_tree, content_caches
):
    url = site_tree["service"].url
    assert client.get(url).status_code == 200
    PageViewRestriction.objects.create(page=site_tree["services"], restriction_type="login")
    content_version.bump()  # as publishing the restriction would
    response = client.get(url)
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_routing_from_the_table_serves_pages_and_answers_404_for_unknown_ones(
    client, site_tree, content_caches
):
    assert client.get(site_tree["service"].url).status_code == 200
    assert client.get(site_tree["home"].url).status_code == 200
    assert client.get("/services/no-such-treatment/").status_code == 404
    site_tree["service"].unpublish()
    content_version.bump()
    assert client.get(site_tree["service"].url).status_code == 404
