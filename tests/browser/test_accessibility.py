"""Accessibility gate: axe-core finds no WCAG 2.2 A/AA violation on any public page.

Every page in PUBLIC_PAGES is checked in Chromium at desktop and phone width (layout changes
what axe sees: wrapped menus, target sizes, contrast over a different background). The FAQ
page is checked once more with every disclosure open, so the answers hidden inside closed
<details> are checked too. axe-core is the copy bundled with axe-playwright-python.

Rules: everything tagged WCAG 2.0/2.1/2.2 A and AA, plus a few of axe's "best-practice"
structure rules that WCAG tags leave out but a screen-reader user relies on (heading levels
that skip none, one <h1>, one main landmark, all content inside landmarks). One check of our
own: axe accepts a placeholder as a field's name, but a placeholder vanishes as soon as one
types, so every form field must have a real label (<label>, aria-label or aria-labelledby).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, MOBILE, PUBLIC_PAGES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Explicitly enabled rules run on top of the tags in runOnly (axe: rules[id].enabled wins).
BEST_PRACTICE_RULES = [
    "heading-order",
    "empty-heading",
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "region",
    "skip-link",
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "rules": {rule: {"enabled": True} for rule in BEST_PRACTICE_RULES},
    "resultTypes": ["violations"],
}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}

axe = Axe()

# Fields a person types into or picks from, with no name but a placeholder or title.
PLACEHOLDER_ONLY_FIELDS = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])'
    + ':not([type=image]), select, textarea')]
    .filter((field) => field.labels.length === 0 && !field.getAttribute('aria-label')?.trim()
        && !(field.getAttribute('aria-labelledby') || '').split(/\\s+/)
            .some((id) => document.getElementById(id)?.textContent.trim()))
    .map((field) => ({
        target: [field.id ? '#' + field.id : field.tagName.toLowerCase()
            + (field.name ? `[name="${field.name}"]` : '')],
        html: field.outerHTML,
    }))"""


def describe_violations(path: str, width_name: str, violations: list[dict]) -> str:
    """One readable block per violation: where, which rule, why, and every offending element."""
    lines = [f"{len(violations)} axe violation(s) on {path} at {width_name} width:"]
    for violation in violations:
        lines.append(
            f"- {path} [{width_name}] {violation['id']} ({violation.get('impact')}): "
            f"{violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"    html:   {node['html']}")
    return "\n".join(lines)


def open_tab(browser, width_name: str):
    if width_name == "mobile":
        return browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    return browser.new_context(viewport=DESKTOP)


def axe_violations(page) -> list[dict]:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    unlabelled = page.evaluate(PLACEHOLDER_ONLY_FIELDS)
    if unlabelled:
        violations.append(
            {
                "id": "label-not-placeholder",
                "impact": "serious",
                "help": "Form fields must have a <label>, aria-label or aria-labelledby, "
                "not only a placeholder or title",
                "helpUrl": "https://www.w3.org/WAI/tutorials/forms/labels/",
                "nodes": unlabelled,
            }
        )
    return violations


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_no_wcag_violations(browser, demo_server, name, width_name):
    path = PUBLIC_PAGES[name]
    context = open_tab(browser, width_name)
    try:
        page = context.new_page()
        page.goto(demo_server.url(path))
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, describe_violations(path, width_name, violations)


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_no_wcag_violations_with_faq_answers_open(browser, demo_server, width_name):
    path = PUBLIC_PAGES["faqs"]
    context = open_tab(browser, width_name)
    try:
        page = context.new_page()
        page.goto(demo_server.url(path))
        opened = page.evaluate(
            "() => { const all = [...document.querySelectorAll('details')];"
            " all.forEach((d) => { d.open = true; }); return all.length; }"
        )
        assert opened > 0, f"no <details> disclosures found on {path}"
        assert page.locator(".faq__answer").first.is_visible()
        violations = axe_violations(page)
    finally:
        context.close()
    assert not violations, describe_violations(f"{path} (FAQs open)", width_name, violations)
