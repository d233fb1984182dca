"""Link gate: a breadth-first crawl of the demo site finds no broken link or resource, and no
page loads anything (script, stylesheet, font, image, icon) from a third party.

The crawl starts at "/" (plus the other public pages, so the search and 404 pages' own links
are checked too) and follows every same-origin link, image (src, srcset, <picture> sources),
stylesheet and icon; stylesheets are read for url(...) and @import too, so fonts and
background images count. HTML answers (error pages too) are crawled further; /admin/ is
fetched but not followed. tel:, mailto:, fragment-only and off-site links are not fetched
(nothing leaves this machine). Plain HTTP and BeautifulSoup: no browser is needed, only the
demo server.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.browser.conftest import PUBLIC_PAGES
from tests.server import fetch

MAX_URLS = 200
NOT_FOLLOWED = ("/admin/",)
SKIPPED_SCHEMES = ("tel:", "mailto:", "sms:", "javascript:", "data:")
# <link rel=...> values that make the browser fetch something as part of the page.
RESOURCE_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def srcset_urls(srcset: str) -> list[str]:
    """The URL of each candidate in a srcset ("a.jpg 480w, b.jpg 800w")."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    return [match.group(1) or match.group(2) for match in CSS_URL.finditer(css)]


def page_references(html: bytes) -> tuple[list[str], list[str]]:
    """(links to crawl, resources the page itself loads) as written in the page."""
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.select("a[href]")]
    resources = [tag["src"] for tag in soup.select("img[src], script[src]")]
    for tag in soup.select("img[srcset], source[srcset]"):
        resources += srcset_urls(tag["srcset"])
    for tag in soup.select("link[href]"):
        if RESOURCE_RELS & {rel.lower() for rel in tag.get("rel", [])}:
            resources.append(tag["href"])
    for style in soup.select("style"):
        resources += css_urls(style.get_text())
    for tag in soup.select("[style]"):
        resources += css_urls(tag["style"])
    return links, resources


def crawl(base_url: str, start_paths: list[str]) -> dict:
    origin = urlsplit(base_url)[:2]
    queue = deque()
    referrers: dict[str, list[str]] = {}
    third_party: list[tuple[str, str]] = []

    def add(raw: str, page: str, is_resource: bool) -> None:
        raw = raw.strip()
        if not raw or raw.startswith("#") or raw.lower().startswith(SKIPPED_SCHEMES):
            return
        url = urldefrag(urljoin(page, raw)).url
        if urlsplit(url)[:2] != origin:
            if is_resource:
                third_party.append((url, page))
            return
        if url not in referrers:
            referrers[url] = []
            queue.append(url)
        if url != page:  # a 404 page links to itself through its own address
            referrers[url].append(page)

    for path in start_paths:
        add(path, base_url + "/", is_resource=False)
        referrers[base_url + path] = ["(start page)"]

    statuses: dict[str, int | str] = {}
    while queue and len(statuses) < MAX_URLS:
        url = queue.popleft()
        try:
            status, headers, body = fetch(url)
        except OSError as error:
            statuses[url] = f"no answer ({error})"
            continue
        statuses[url] = status
        content_type = headers.get("Content-Type", "")
        path = urlsplit(url).path
        # Error pages are crawled too: a visitor who lands on the 404 page uses its links.
        if path.startswith(NOT_FOLLOWED):
            continue
        if content_type.startswith("text/html"):
            links, resources = page_references(body)
            for link in links:
                add(link, url, is_resource=False)
            for resource in resources:
                add(resource, url, is_resource=True)
        elif content_type.startswith("text/css"):
            for resource in css_urls(body.decode("utf-8", "replace")):
                add(resource, url, is_resource=True)
    return {
        "statuses": statuses,
        "referrers": referrers,
        "third_party": third_party,
        "unvisited": list(queue),
    }


def test_crawl_finds_no_broken_link_and_no_third_party_resource(demo_server):
    base = demo_server.base_url
    not_found = PUBLIC_PAGES["not-found"]
    start = ["/"] + [path for path in PUBLIC_PAGES.values() if path != "/"]
    result = crawl(base, start)
    statuses, referrers = result["statuses"], result["referrers"]

    assert not result["unvisited"], (
        f"the crawl stopped at its bound of {MAX_URLS} URLs with {len(result['unvisited'])} "
        "left; raise MAX_URLS if the site really has grown that much"
    )

    broken = []
    for url, status in statuses.items():
        if url == base + not_found and status == 404:
            continue  # the 404 page is a start page on purpose: its own links get checked
        if not isinstance(status, int) or status >= 400:
            pages = ", ".join(sorted({p.removeprefix(base) for p in referrers[url]})[:5])
            broken.append(f"- {url.removeprefix(base)} -> {status} (linked from {pages})")
    assert not broken, f"{len(broken)} broken URL(s) out of {len(statuses)} crawled:\n" + (
        "\n".join(broken)
    )

    outside = sorted(
        {f"- {url} (on {page.removeprefix(base)})" for url, page in result["third_party"]}
    )
    assert not outside, "third-party resources (scripts, styles, fonts, images, icons):\n" + (
        "\n".join(outside)
    )

    # The crawl really went through the site: every linked public page and some static files.
    crawled_paths = {urlsplit(url).path for url in statuses}
    for name in ("services", "prp", "faqs", "contact"):
        assert PUBLIC_PAGES[name] in crawled_paths, f"the crawl never reached {PUBLIC_PAGES[name]}"
    assert any(path.endswith(".css") for path in crawled_paths), "no stylesheet was crawled"
    assert any(path.startswith("/media/") for path in crawled_paths), "no image was crawled"
