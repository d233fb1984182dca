"""gunicorn's settings for the clinic site; gunicorn reads this file from the working directory.

    .venv/bin/gunicorn mysite.wsgi

Command-line options override it (the test servers pass their own --bind and --workers).
Every value can be changed through the environment; docs/deploy.md explains the choices.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Sync workers: one request at a time per process, the simplest model and the one measured in
# bench/README.md ("Load"). Threads with few keep-alive connections pinned load on one worker.
worker_class = "sync"
# The usual 2 × cores + 1: pages are partly I/O (database, cache), so more workers than cores.
workers = int(
    os.environ.get("GUNICORN_WORKERS")
    or os.environ.get("WEB_CONCURRENCY")
    or multiprocessing.cpu_count() * 2 + 1
)

# A request that takes longer than this is killed and logged: no page should ever come near.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
# Behind a load balancer: keep its connections a little longer than its own idle timeout
# would expect from a server that closes first.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# No worker recycling by default. A restart costs a visible stall (the new worker imports
# Django and Wagtail: about a second on a busy 2-core machine) and empties that worker's page
# cache and derived values; at cached speed 2,000 requests pass in about two seconds, so the
# old default of 2,000 restarted a worker every few seconds under load (bench/README.md). What
# a worker keeps is bounded (DJANGO_PAGE_CACHE_MAX_PAGES pages, base/content_version.py's
# MAX_VERSIONED_VALUES values), so its memory levels off. If a memory leak ever shows,
# GUNICORN_MAX_REQUESTS=50000 (with its jitter) gives memory back without frequent stalls.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "0"))

# Refuse oversized request lines and headers early (the defaults are already small).
limit_request_line = 8190

# Logs to stdout/stderr for systemd, Docker or a log collector. The access log leaves out what
# could identify a visitor or reveal their health: no query string (search terms), no
# referrer (it can be a search URL) and no IP address. X-Cache shows page-cache hits.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if os.environ.get("DJANGO_LOG_FORMAT", "plain").strip().lower() == "json":
    access_log_format = (
        '{"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": %(s)s, '
        '"bytes": %(B)s, "duration_ms": %(M)s, "cache": "%({x-cache}o)s"}'
    )
else:
    access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms cache=%({x-cache}o)s'

# Trust X-Forwarded-* only from the load balancer's addresses (comma-separated); by default
# only from this machine. Django's own proxy settings are separate (DJANGO_TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
