"""Production settings come from the environment; local conveniences stay local."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def print_production_settings(expression: str, **env):
    """Print `expression` (over `s`, the settings) from the production settings, loaded in a
    fresh interpreter with only the given deployment variables."""
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE", "REDIS"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="mysite.settings.production")
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def load_production_settings(**env):
    return print_production_settings(
        "s.DEBUG, s.ALLOWED_HOSTS, s.STORAGES['staticfiles']['BACKEND'], "
        "s.DATABASES['default']['ENGINE'], s.CSRF_TRUSTED_ORIGINS",
        **env,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_production_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_safe_and_static_files_are_compressed():
    result = load_production_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    debug, *rest = result.stdout.split(" ", 1)
    assert debug == "False"
    assert "whitenoise.storage.CompressedManifestStaticFilesStorage" in result.stdout
    assert "django.db.backends.sqlite3" in result.stdout


def test_production_reads_hosts_origins_debug_and_database_from_the_environment():
    result = load_production_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="clinic.example.com, www.clinic.example.com",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://clinic.example.com",
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://user:pw@db.internal:5432/clinic",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True ['clinic.example.com', 'www.clinic.example.com']")
    assert "django.db.backends.postgresql" in result.stdout
    assert "['https://clinic.example.com']" in result.stdout


@pytest.mark.django_db
def test_local_admin_is_refused_when_debug_is_off(tmp_path):
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_local_admin", credentials_file=str(tmp_path / "creds"))
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_local_admin_is_created_once_and_its_login_printed_each_run(settings, tmp_path, capsys):
    settings.DEBUG = True
    credentials = tmp_path / "creds"

    call_command("create_local_admin", credentials_file=str(credentials))
    first_output = capsys.readouterr().out
    call_command("create_local_admin", credentials_file=str(credentials))
    second_output = capsys.readouterr().out

    password = credentials.read_text().strip()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert f"password: {password}" in first_output
    assert f"password: {password}" in second_output
    assert oct(credentials.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("worker", "backend"),
    [
        (None, "django_tasks_db.DatabaseBackend"),
        ("0", "django_tasks.backends.immediate.ImmediateBackend"),
    ],
)
def test_production_sends_notifications_from_a_worker_unless_told_not_to(worker, backend):
    env = {"DJANGO_SECRET_KEY": "x" * 50}
    if worker is not None:
        env["DJANGO_TASKS_WORKER"] = worker

    result = print_production_settings("s.TASKS['notifications']['BACKEND']", **env)

    assert result.stdout.strip() == backend


def test_redis_url_gives_every_worker_one_shared_cache():
    result = print_production_settings(
        "s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']",
        DJANGO_SECRET_KEY="x" * 50,
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ]
