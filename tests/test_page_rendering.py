"""Every page type renders for a visitor, with one h1 and the site's header and footer."""

import pytest
from bs4 import BeautifulSoup


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("page_key", ["home", "services", "service", "faq_page", "contact"])
def test_every_page_type_renders_with_exactly_one_h1(client, site_tree, page_key):
    html = get_html(client, site_tree[page_key].url)
    assert len(html.find_all("h1")) == 1
    assert html.find("main", id="main") is not None
    assert html.find("a", class_="skip-link")["href"] == "#main"
