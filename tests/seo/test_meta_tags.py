"""Every page type tells search engines and link previews its title, description, canonical
URL, language and share image; a page can ask not to be indexed."""

import pytest

from tests.factories import ClinicImageFactory
from tests.seo.helpers import BASE_URL, meta, page_html

PAGE_TYPES = ["home", "services", "service", "faq_page", "contact", "team"]
PATHS = {
    "home": "/",
    "services": "/services/",
    "service": "/services/prp/",
    "faq_page": "/faqs/",
    "contact": "/contact/",
    "team": "/team/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("key", PAGE_TYPES)
def test_every_page_type_has_title_canonical_and_social_tags(client, every_page, key):
    page = every_page[key]
    html = page_html(client, page.url)
    canonical = BASE_URL + PATHS[key]

    assert html.title.string == f"{page.title} | Test Hair Clinic"
    assert html.find("link", rel="canonical")["href"] == canonical
    assert meta(html, "og:url") == canonical
    assert meta(html, "og:title") == page.title
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:site_name") == "Test Hair Clinic"
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "twitter:title") == page.title
    assert meta(html, "twitter:card") in {"summary", "summary_large_image"}
    assert meta(html, "robots") is None
    assert html.html["lang"] == "en-us"


@pytest.mark.django_db
def test_the_seo_title_replaces_the_title_in_the_title_tag_and_previews(client, site_tree):
    service = site_tree["service"]
    service.seo_title = "PRP for thinning hair"
    service.save_revision().publish()

    html = page_html(client, service.url)

    assert html.title.string == "PRP for thinning hair | Test Hair Clinic"
    assert meta(html, "og:title") == "PRP for thinning hair"


@pytest.mark.django_db
def test_descriptions_in_previews_match_the_meta_description(client, site_tree):
    html = page_html(client, site_tree["service"].url)

    description = site_tree["service"].search_description
    assert meta(html, "description") == description
    assert meta(html, "og:description") == description
    assert meta(html, "twitter:description") == description


@pytest.mark.django_db
def test_hreflang_links_every_language_version_starting_with_this_one(client, site_tree):
    html = page_html(client, site_tree["faq_page"].url)

    alternates = html.find_all("link", rel="alternate", hreflang=True)

    assert [(link["hreflang"], link["href"]) for link in alternates] == [
        ("en", f"{BASE_URL}/faqs/")
    ]


@pytest.mark.django_db
def test_a_page_without_an_image_is_shared_with_the_default_share_image(
    client, site_tree, clinic_settings
):
    clinic_settings.default_share_image = ClinicImageFactory(description="The clinic's door")
    clinic_settings.save()

    html = page_html(client, site_tree["faq_page"].url)

    assert meta(html, "og:image").startswith(f"{BASE_URL}/media/images/")
    assert meta(html, "og:image").endswith(".jpg")
    assert meta(html, "og:image:alt") == "The clinic's door"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == meta(html, "og:image")


@pytest.mark.django_db
def test_a_page_image_wins_over_the_default_share_image(client, site_tree, clinic_settings):
    clinic_settings.default_share_image = ClinicImageFactory(description="The clinic's door")
    clinic_settings.save()
    service = site_tree["service"]
    service.hero_image = ClinicImageFactory(description="A centrifuge with blood samples")
    service.save_revision().publish()

    html = page_html(client, service.url)

    assert meta(html, "og:image:alt") == "A centrifuge with blood samples"


@pytest.mark.django_db
def test_without_any_image_the_card_is_a_plain_summary(client, site_tree):
    html = page_html(client, site_tree["contact"].url)

    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


@pytest.mark.django_db
def test_a_page_marked_noindex_asks_robots_not_to_index_it(client, site_tree):
    contact = site_tree["contact"]
    contact.noindex = True
    contact.save_revision().publish()

    assert meta(page_html(client, contact.url), "robots") == "noindex"
    assert meta(page_html(client, site_tree["home"].url), "robots") is None


@pytest.mark.django_db
def test_search_results_have_no_canonical_url_and_are_not_indexed(client, site_tree):
    html = page_html(client, "/search/?q=prp")

    assert html.find("link", rel="canonical") is None
    assert meta(html, "robots") == "noindex"
    assert html.html["lang"] == "en-us"
