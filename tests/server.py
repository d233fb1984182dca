"""A real server for the tests that need one: production settings, a demo database, gunicorn.

Building the demo database (migrate, collectstatic, load_demo_content) takes a minute or two
on a busy machine, so it is built once per test run (`shared_demo_site`, shared by the xdist
workers too) and copied for every server that needs a fresh one.
"""

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ADMIN_USERNAME = "editor"
ADMIN_PASSWORD = "browser-test-password"  # noqa: S105 (a throw-away database)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET a URL; answers (status, headers, body) for errors too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def server_environment(workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DJANGO_SECRET_KEY="test-server-" + "x" * 40,
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on the loopback interface: no HTTPS redirect, HSTS or Secure-only cookies.
        DJANGO_HTTPS="0",
    )
    return env


def manage(workdir: Path, *args: str, extra_env: dict | None = None) -> None:
    env = server_environment(workdir) | (extra_env or {})
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")


def build_demo_site(
    workdir: Path, extra_env: dict | None = None, static_from: Path | None = None
) -> Path:
    """A demo database, media and collected static files in `workdir`, plus an admin login.

    `extra_env` changes the deployment, e.g. a PostgreSQL DATABASE_URL instead of SQLite.
    `static_from`: another demo site whose collected static files are copied instead of
    collecting them again (collectstatic's output doesn't depend on the database)."""
    workdir.mkdir(parents=True, exist_ok=True)
    extra_env = extra_env or {}
    manage(workdir, "migrate", "--noinput", extra_env=extra_env)
    # Static files before content: publishing a page may render it (publish-time renditions).
    if static_from is None:
        manage(workdir, "collectstatic", "--noinput", extra_env=extra_env)
    else:
        shutil.copytree(static_from / "static", workdir / "static")
    manage(workdir, "load_demo_content", extra_env=extra_env)
    manage(
        workdir,
        "createsuperuser",
        "--noinput",
        f"--username={ADMIN_USERNAME}",
        "--email=editor@example.com",
        extra_env=extra_env | {"DJANGO_SUPERUSER_PASSWORD": ADMIN_PASSWORD},
    )
    return workdir


def shared_demo_site(tmp_path_factory) -> Path:
    """The SQLite demo site, built once per run by whichever process gets to it first.

    Never serve it: tests get copies (`copy_demo_site`). The xdist workers' temporary folders
    share a parent, where the first builds it under a lock while the others wait."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    template = root / "demo-site-template"
    with open(root / "demo-site-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (root / "demo-site-template.built").exists():
            shutil.rmtree(template, ignore_errors=True)  # a build that failed half-way
            build_demo_site(template)
            (root / "demo-site-template.built").touch()
    return template


def start_building_shared_demo_site(tmp_path_factory) -> None:
    """Build the shared demo site in a background thread (it waits in subprocesses).

    A failure here is not reported: the first test that needs the site builds it again, under
    the lock, and fails with the reason."""

    def build():
        with contextlib.suppress(Exception):  # reported by the test that needs it, see above
            shared_demo_site(tmp_path_factory)

    threading.Thread(target=build, name="demo-site-build", daemon=True).start()


def copy_demo_site(template: Path, workdir: Path) -> Path:
    shutil.copytree(template, workdir)
    return workdir


@dataclass
class RunningServer:
    base_url: str
    workdir: Path
    process: subprocess.Popen

    def url(self, path: str) -> str:
        return self.base_url + path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a worker stuck mid-request: don't hang the suite
            self.process.kill()
            self.process.wait(timeout=10)


def start_server(
    workdir: Path, workers: int = 2, extra_env: dict | None = None, port: int | None = None
) -> RunningServer:
    """gunicorn on `port` (a free one if not given: pass one when the server must know its own
    URL in advance, e.g. as WAGTAILADMIN_BASE_URL for the absolute URLs the API answers)."""
    port = port or free_port()
    log = open(workdir / "gunicorn.log", "ab")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "mysite.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--timeout", "60", "--graceful-timeout", "3"]
        # Several test servers run at once: they must not share gunicorn's control socket.
        + ["--no-control-socket"],
        cwd=PROJECT_ROOT,
        env=server_environment(workdir) | (extra_env or {}),
        stdout=log,
        stderr=log,
    )
    server = RunningServer(f"http://127.0.0.1:{port}", workdir, process)
    # Generous: the first request imports Django and Wagtail, slow on a busy 2-core machine.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            # As a TLS-terminating proxy would send it: a server started with DJANGO_HTTPS=1 and
            # DJANGO_SECURE_PROXY_SSL_HEADER=1 answers it instead of redirecting to https://.
            fetch(server.url("/"), headers={"X-Forwarded-Proto": "https"})
            return server
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
