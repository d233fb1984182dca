"""Rate limits and login throttling count the visitor's address, even behind our proxies."""

import pytest
from django.test import RequestFactory

from mysite.client_ip import client_ip


def request_with(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_with(forwarded="203.0.113.9")) == "10.0.0.5"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the left entry was forged by the client
        (2, "6.6.6.6, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", "10.0.0.5"),
        (2, "203.0.113.9", "10.0.0.5"),  # fewer entries than proxies: don't guess
        (1, "", "10.0.0.5"),
    ],
)
def test_behind_proxies_the_entry_our_outermost_proxy_wrote_counts(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_with(forwarded=forwarded)) == expected


@pytest.mark.django_db
def test_the_form_rate_limit_uses_the_forwarded_address(client, settings, site_tree):
    from django.core.cache import cache

    from contact.protection import count_stored_request, is_rate_limited

    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSULTATION_RATE_LIMIT = "1/m"
    cache.clear()
    first = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = RequestFactory().post("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.4")

    assert not is_rate_limited(first)
    count_stored_request(first)  # one stored request from 203.0.113.9, through the same proxy
    assert is_rate_limited(first)
    assert not is_rate_limited(other)
    cache.clear()
