"""Marketers manage redirects, so a renamed or moved page keeps its old links working."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect


@pytest.fixture
def marketer_client(client, django_user_model):
    marketer = django_user_model.objects.create_user("marketer", "m@example.com", "pw")
    marketer.groups.add(Group.objects.get(name="Editors"))
    client.force_login(marketer)
    return client


@pytest.mark.django_db
def test_an_old_address_redirects_permanently_to_its_page(client, site_tree):
    Redirect.objects.create(old_path="/prp-treatment", redirect_page=site_tree["service"])

    response = client.get("/prp-treatment/")

    assert response.status_code == 301
    assert response["Location"].endswith("/services/prp/")


@pytest.mark.django_db
def test_renaming_a_page_keeps_its_old_address_working(
    client, site_tree, django_capture_on_commit_callbacks
):
    service = site_tree["service"]
    service.slug = "prp-hair"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail adds it after commit
        service.save_revision().publish()

    response = client.get("/services/prp/")

    # Wagtail creates the redirect itself (WAGTAILREDIRECTS_AUTO_CREATE) when a slug changes.
    assert response.status_code == 301
    assert response["Location"].endswith("/services/prp-hair/")


@pytest.mark.django_db
def test_marketers_see_redirects_in_the_menu_and_can_add_one(marketer_client, site_tree):
    dashboard = BeautifulSoup(
        marketer_client.get(reverse("wagtailadmin_home")).content, "html.parser"
    )
    assert reverse("wagtailredirects:index") in str(dashboard)

    response = marketer_client.post(
        reverse("wagtailredirects:add"),
        {"old_path": "/old-prp", "is_permanent": "on", "redirect_page": site_tree["service"].pk},
    )

    assert response.status_code == 302
    assert Redirect.objects.filter(old_path="/old-prp").exists()
