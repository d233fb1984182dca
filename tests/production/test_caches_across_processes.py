"""Every per-process cache follows a publish made in another process, on every worker, without
Redis: the content version (base/content_version.py) is read from the database.

Two gunicorn servers on one copy of the demo site, two sync workers each: one with the page
cache (the default), one without it, so the caches of derived data underneath (the header and
footer, FAQ answers, the JSON-LD, routing, view restrictions) are seen on their own. Edits are
made by `manage.py shell`, a third process, as cron's `publish_scheduled` or a second app
server would. Each check asks each server several times, so both of its workers answer.
"""

import re

import pytest

from tests.server import copy_demo_site, fetch, manage, start_server

PRP_PATH = "/services/prp-hair-restoration/"
ASKS_PER_SERVER = 6  # the kernel spreads them over both workers


@pytest.fixture(scope="module")
def site(demo_site_template, tmp_path_factory):
    workdir = copy_demo_site(demo_site_template, tmp_path_factory.mktemp("versions") / "site")
    cached = start_server(workdir, workers=2)
    uncached = start_server(workdir, workers=2, extra_env={"DJANGO_PAGE_CACHE_SECONDS": "0"})
    yield workdir, [cached, uncached]
    cached.stop()
    uncached.stop()


def answers(servers, path):
    """[(status, body)] from every server, several times each."""
    found = []
    for server in servers:
        for _ in range(ASKS_PER_SERVER):
            status, _, body = fetch(server.url(path))
            found.append((status, body.decode()))
    return found


def edit(workdir, code: str) -> None:
    manage(workdir, "shell", "-v", "0", "-c", code)


def json_ld(body: str) -> str:
    return re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)


def canonical(body: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', body).group(1)


def hreflang(body: str) -> str:
    return re.search(r'<link rel="alternate" hreflang="en" href="([^"]+)"', body).group(1)


def test_a_new_phone_number_shows_in_the_header_and_json_ld_of_every_worker(site):
    workdir, servers = site
    assert all(status == 200 for status, _ in answers(servers, PRP_PATH))  # every cache warm
    edit(
        workdir,
        "from clinic.models import ClinicSettings; s = ClinicSettings.objects.get(); "
        "s.phone = '+1 555 010 9999'; s.save()",
    )
    for status, body in answers(servers, PRP_PATH):
        assert status == 200
        header = body.split("</header>")[0]
        assert "+1 555 010 9999" in header
        assert "+1 555 010 9999" in json_ld(body)


def test_a_published_faq_answer_shows_on_the_page_and_in_its_json_ld(site):
    workdir, servers = site
    answers(servers, PRP_PATH)
    edit(
        workdir,
        "from faqs.models import FAQ; "
        "faq = FAQ.objects.filter(live=True, related_services__slug='prp-hair-restoration')"
        ".first(); faq.answer = '<p>A freshly published answer.</p>'; "
        "faq.save_revision().publish()",
    )
    for status, body in answers(servers, PRP_PATH):
        assert status == 200
        assert body.count("A freshly published answer.") >= 2  # the page, and its JSON-LD
        assert "A freshly published answer." in json_ld(body)


def test_a_renamed_menu_page_shows_in_every_workers_menu(site):
    workdir, servers = site
    answers(servers, "/")
    edit(
        workdir,
        "from services.models import ServiceIndexPage; page = ServiceIndexPage.objects.get(); "
        "page.title = 'Treatments we offer'; page.save_revision().publish()",
    )
    for status, body in answers(servers, "/"):
        assert status == 200
        menu = body.split('aria-label="Main"')[1].split("</nav>")[0]
        assert "Treatments we offer" in menu


def test_a_new_slug_routes_at_once_and_the_old_address_no_longer_serves_the_page(site):
    workdir, servers = site
    answers(servers, PRP_PATH)
    edit(
        workdir,
        "from services.models import ServicePage; "
        "page = ServicePage.objects.get(slug='prp-hair-restoration'); "
        "page.slug = 'prp-for-hair'; page.save_revision().publish()",
    )
    for path in ["/services/prp-for-hair/", PRP_PATH]:
        # The old address: Wagtail's automatic redirect (fetch follows it) to the new one.
        for status, body in answers(servers, path):
            assert status == 200
            assert canonical(body).endswith("/services/prp-for-hair/")
            assert 'hreflang="en"' in body and "/services/prp-for-hair/" in hreflang(body)


def test_a_page_made_private_stops_being_served_to_visitors_at_once(site):
    workdir, servers = site
    assert all(
        status == 200 and 'name="password"' not in body
        for status, body in answers(servers, "/team/")
    )
    edit(
        workdir,
        "from wagtail.models import Page, PageViewRestriction; "
        "page = Page.objects.get(slug='team'); "
        "PageViewRestriction.objects.create(page=page, restriction_type='login')",
    )
    for status, body in answers(servers, "/team/"):
        # Redirected to the sign-in page (fetch follows redirects): the team isn't shown.
        assert status == 200
        assert 'name="password"' in body
        assert "/team/" in body.split('name="next"')[1].split(">")[0]
