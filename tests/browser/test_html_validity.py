"""HTML validity gate: every public page passes the Nu Html Checker (vnu) with zero errors.

vnu comes from the npm package `vnu-jar` pinned in package.json (install it with `npm ci` in
the project root; it needs `java`). All pages are checked in ONE java run, because starting
the JVM is the slow part. Each page's HTML is written to a file named after the page, so
every message says which page it is about. Warnings are allowed; errors are not.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import PUBLIC_PAGES
from tests.server import PROJECT_ROOT, fetch

VNU_JAR = PROJECT_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine that lacks the tool; fail in CI (REQUIRE_BROWSER=1)."""
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def run_vnu(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not VNU_JAR.exists():
        skip_or_fail(
            f"HTML validity test skipped: {VNU_JAR.relative_to(PROJECT_ROOT)} not found "
            "(run `npm ci` in the project root to install the Nu Html Checker)"
        )
    if java is None:
        skip_or_fail(
            "HTML validity test skipped: `java` not found "
            "(the Nu Html Checker needs it: apt-get install default-jre-headless)"
        )
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--stdout"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=240,
    )
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"vnu gave no JSON report (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )


def test_every_public_page_is_valid_html(demo_server, tmp_path):
    pages = {}  # file name -> page path
    for name, path in PUBLIC_PAGES.items():
        status, headers, body = fetch(demo_server.url(path))
        assert status in (200, 404), f"{path} answered {status}"
        assert headers.get("Content-Type", "").startswith("text/html"), path
        (tmp_path / f"{name}.html").write_bytes(body)
        pages[f"{name}.html"] = path

    messages = run_vnu([tmp_path / file_name for file_name in pages])

    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    lines = []
    for message in errors:
        name = Path(message.get("url", "?")).name
        page = pages.get(name, "?")
        where = f"line {message.get('lastLine', '?')}, column {message.get('firstColumn', '?')}"
        lines.append(f"- {page} ({name}) {where}: {message.get('message')}")
        if message.get("extract"):
            lines.append(f"    {message['extract'].strip()}")
    assert not errors, f"{len(errors)} HTML error(s) from the Nu Html Checker:\n" + "\n".join(lines)
