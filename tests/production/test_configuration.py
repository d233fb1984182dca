"""Production serving is configured by environment variables only (README, "Configuration")."""

import json
import logging
import os
import subprocess
import sys

import pytest

from mysite.error_reports import scrub_breadcrumb, scrub_event
from mysite.log_format import JSONFormatter
from tests.test_settings_and_commands import PROJECT_ROOT, print_production_settings

SECRET = {"DJANGO_SECRET_KEY": "x" * 50}


def production(expression: str, **env) -> str:
    result = print_production_settings(expression, **SECRET, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_without_redis_sessions_are_in_the_database_and_pages_in_each_workers_memory():
    assert production("s.SESSION_ENGINE, s.PAGE_CACHE_SECONDS, s.PAGE_CACHE_ALIAS") == (
        "django.contrib.sessions.backends.db 600 pages"
    )
    assert production("s.CACHES['pages']['BACKEND']").endswith("LocMemCache")


def test_with_redis_sessions_are_cached_and_the_page_cache_is_on():
    settings = production(
        "s.SESSION_ENGINE, s.PAGE_CACHE_SECONDS, s.PAGE_CACHE_ALIAS",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert settings == "django.contrib.sessions.backends.cached_db 600 default"


def test_the_page_cache_lifetime_can_be_set_or_switched_off():
    assert production("s.PAGE_CACHE_SECONDS", DJANGO_PAGE_CACHE_SECONDS="60") == "60"
    assert (
        production(
            "s.PAGE_CACHE_SECONDS", REDIS_URL="redis://x:6379/1", DJANGO_PAGE_CACHE_SECONDS="0"
        )
        == "0"
    )


def test_health_check_comes_first_and_the_page_cache_right_after_whitenoise():
    """After whitenoise: gzip (cached pages come compressed), the content version (read once
    per request, before the page cache checks it), then the page cache, before sessions."""
    middleware = json.loads(production("__import__('json').dumps(s.MIDDLEWARE)"))
    assert middleware[0] == "mysite.health.HealthCheckMiddleware"
    whitenoise = middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")
    assert middleware[whitenoise + 1 : whitenoise + 4] == [
        "django.middleware.gzip.GZipMiddleware",
        "base.content_version.VersionMiddleware",
        "mysite.page_cache.PageCacheMiddleware",
    ]
    assert whitenoise + 3 < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")


def test_media_stays_on_disk_unless_a_bucket_is_named():
    assert production("s.STORAGES['default']['BACKEND'], s.SERVE_MEDIA") == (
        "django.core.files.storage.FileSystemStorage True"
    )


def test_a_bucket_puts_media_in_object_storage():
    options = json.loads(
        production(
            "__import__('json').dumps([s.STORAGES['default'], s.SERVE_MEDIA])",
            DJANGO_MEDIA_S3_BUCKET="clinic-media",
            DJANGO_MEDIA_S3_ENDPOINT_URL="https://s3.eu-central-1.example.com",
            DJANGO_MEDIA_S3_CUSTOM_DOMAIN="media.clinic.example.com",
        )
    )
    storage, serve_media = options
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "clinic-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.eu-central-1.example.com"
    assert storage["OPTIONS"]["custom_domain"] == "media.clinic.example.com"
    assert storage["OPTIONS"]["file_overwrite"] is False
    assert serve_media is False


def test_sentry_is_only_set_up_with_a_dsn_and_without_personal_data():
    assert production("__import__('sentry_sdk').get_client().is_active()") == "False"
    options = production(
        "(lambda o: (o['send_default_pii'], o['max_request_body_size'], "
        "o['include_local_variables']))(__import__('sentry_sdk').get_client().options)",
        SENTRY_DSN="https://public@sentry.example.com/1",
    )
    assert options == "(False, 'never', False)"


def test_error_reports_lose_query_strings_bodies_cookies_and_sql_parameters():
    event = {
        "request": {
            "url": "https://clinic.example.com/search/?q=hair+loss+after+chemo",
            "query_string": "q=hair+loss+after+chemo",
            "data": {"your_message": "I have alopecia"},
            "cookies": {"sessionid": "abc"},
            "headers": {"User-Agent": "Firefox", "Cookie": "sessionid=abc", "Referer": "x?q=1"},
        },
        "user": {"ip_address": "203.0.113.9"},
        "breadcrumbs": {"values": [{"category": "query", "data": {"params": ["alopecia"]}}]},
    }
    scrubbed = json.dumps(scrub_event(event))

    for secret in ("chemo", "alopecia", "sessionid", "203.0.113.9", "Referer"):
        assert secret not in scrubbed
    assert "https://clinic.example.com/search/" in scrubbed
    assert "params" not in json.dumps(scrub_breadcrumb({"data": {"params": [1]}}))


def test_json_logs_are_one_object_per_line():
    record = logging.LogRecord("clinic", logging.WARNING, __file__, 1, "Hello %s", ("world",), None)
    line = JSONFormatter().format(record)

    assert "\n" not in line
    assert json.loads(line) | {"time": "t"} == {
        "time": "t",
        "level": "WARNING",
        "logger": "clinic",
        "message": "Hello world",
    }


def test_json_log_format_is_chosen_by_environment():
    assert production("s.LOGGING['handlers']['console']['formatter']") == "plain"
    formatter = production(
        "s.LOGGING['handlers']['console']['formatter']", DJANGO_LOG_FORMAT="json"
    )
    assert formatter == "json"


def gunicorn_config(**env) -> dict:
    code = (
        "import json, runpy; c = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: v for k, v in c.items() if isinstance(v, (int, str))}))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN", "WEB_"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_gunicorn_uses_sync_workers_from_the_cpu_count_or_the_environment():
    default = gunicorn_config()
    assert default["worker_class"] == "sync"
    assert default["workers"] == os.cpu_count() * 2 + 1
    assert gunicorn_config(GUNICORN_WORKERS="3")["workers"] == 3
    assert gunicorn_config(WEB_CONCURRENCY="4")["workers"] == 4


def test_gunicorn_keeps_its_workers_unless_asked_and_has_timeouts():
    config = gunicorn_config()
    assert config["max_requests"] == 0  # a restart stalls requests and empties its caches
    asked = gunicorn_config(GUNICORN_MAX_REQUESTS="50000", GUNICORN_MAX_REQUESTS_JITTER="5000")
    assert (asked["max_requests"], asked["max_requests_jitter"]) == (50000, 5000)
    assert 0 < config["timeout"] <= 60


@pytest.mark.parametrize("log_format", ["plain", "json"])
def test_gunicorn_access_log_has_no_query_string_referrer_or_address(log_format):
    config = gunicorn_config(DJANGO_LOG_FORMAT=log_format)
    assert config["accesslog"] == "-"
    access_format = config["access_log_format"]
    assert "%(U)s" in access_format  # the path alone
    for field in ("%(r)s", "%(q)s", "%(f)s", "%(h)s", "{referer}"):
        assert field not in access_format
