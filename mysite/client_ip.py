"""The visitor's IP address, for the form's rate limit and the admin's login throttling.

Directly on the internet it is REMOTE_ADDR. Behind N proxies we run (a load balancer, a CDN),
REMOTE_ADDR is our last proxy, and the visitor's address is the one our outermost proxy put into
X-Forwarded-For: the Nth entry from the right. Entries further left were written by the client
and can be forged, so they are never used. Set DJANGO_TRUSTED_PROXY_COUNT=N to match.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # garbage in the header: fall back to the connection's address
    return remote
