"""The clinic's contact details: one setting, shown in the header and footer of every page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from clinic.models import ClinicSettings, OpeningHours, validate_phone


def html_of(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


@pytest.mark.django_db
@pytest.mark.parametrize("page_key", ["home", "services", "service", "faq_page", "contact"])
def test_header_shows_the_phone_as_a_tel_link_on_every_page(client, site_tree, page_key):
    header = html_of(client, site_tree[page_key].url).find("header", class_="site-header")

    link = header.find("a", class_="site-header__phone")
    assert link["href"] == "tel:+13109759785"
    assert "(310) 975-9785" in link.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize("page_key", ["home", "service", "contact"])
def test_footer_shows_address_hours_phone_and_socials_on_every_page(client, site_tree, page_key):
    footer = html_of(client, site_tree[page_key].url).find("footer", class_="site-footer")
    text = footer.get_text(" ", strip=True)

    assert "1 Test Street" in text
    assert "Los Angeles, CA 90001" in text
    assert "Monday 9:00 AM – 5:00 PM" in text
    assert "Sunday Closed" in text
    assert footer.find("a", href="tel:+13109759785") is not None
    assert footer.find("a", href="https://www.instagram.com/example").get_text() == "Instagram"


@pytest.mark.django_db
def test_changing_the_phone_number_changes_every_page(client, site_tree, clinic_settings):
    clinic_settings.phone = "(555) 010-0199"
    clinic_settings.save()

    for page in site_tree.values():
        link = html_of(client, page.url).find("a", class_="site-header__phone")
        assert link["href"] == "tel:+15550100199", page.url


@pytest.mark.django_db
def test_header_menu_lists_the_home_pages_children_shown_in_menus(client, site_tree):
    site_tree["contact"].show_in_menus = False
    site_tree["contact"].save_revision().publish()

    nav = html_of(client, site_tree["service"].url).find("nav", attrs={"aria-label": "Main"})

    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    assert labels == ["Services", "FAQs"]
    assert nav.find("a", attrs={"aria-current": "true"}).get_text() == "Services"


@pytest.mark.django_db
def test_only_the_page_itself_is_the_current_page_and_its_menu_section_is_current(
    client, site_tree
):
    service_page = html_of(client, site_tree["service"].url)
    services_list = html_of(client, site_tree["services"].url)

    # On a service page the menu's "Services" is the section the visitor is in; the page
    # itself is the breadcrumb's last link, the one link that says "page".
    menu = service_page.find("nav", attrs={"aria-label": "Main"})
    assert [a["aria-current"] for a in menu.find_all("a", attrs={"aria-current": True})] == ["true"]
    assert [a["href"] for a in service_page.find_all(attrs={"aria-current": "page"})] == [
        site_tree["service"].url
    ]
    menu = services_list.find("nav", attrs={"aria-label": "Main"})
    assert menu.find("a", attrs={"aria-current": "page"}).get_text() == "Services"


@pytest.mark.django_db
def test_pages_render_before_anyone_has_entered_clinic_details(client, site_tree, clinic_settings):
    clinic_settings.delete()

    response = client.get(site_tree["home"].url)

    assert response.status_code == 200
    assert not ClinicSettings.objects.exists(), "reading a page must not create settings"


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("(310) 975-9785", "tel:+13109759785"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("975 9785", "tel:9759785"),
    ],
)
def test_phone_href_is_a_dialable_tel_link(phone, href):
    assert ClinicSettings(phone=phone).phone_href == href


@pytest.mark.parametrize("phone", ["call us", "12", "1" * 16])
def test_phone_numbers_without_7_to_15_digits_are_rejected(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


@pytest.mark.django_db
def test_weekly_hours_lists_every_day_with_closed_days_and_split_days(clinic_settings):
    OpeningHours.objects.create(
        settings=clinic_settings, weekday=2, opens=datetime.time(14), closes=datetime.time(18)
    )
    OpeningHours.objects.create(
        settings=clinic_settings, weekday=2, opens=datetime.time(9), closes=datetime.time(12)
    )
    OpeningHours.objects.create(settings=clinic_settings, weekday=4, closed=True)

    week = {day["name"]: day["text"] for day in clinic_settings.weekly_hours()}

    assert list(week) == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert week["Monday"] == "9:00 AM – 5:00 PM"
    assert week["Wednesday"] == "9:00 AM – 12:00 PM, 2:00 PM – 6:00 PM"
    assert week["Friday"] == "Closed"
    assert week["Sunday"] == "Closed"


def test_an_opening_time_must_close_after_it_opens():
    row = OpeningHours(weekday=0, opens=datetime.time(17), closes=datetime.time(9))
    with pytest.raises(ValidationError):
        row.clean()


def test_an_open_day_needs_both_times():
    with pytest.raises(ValidationError):
        OpeningHours(weekday=0, opens=datetime.time(9)).clean()


def test_a_closed_day_needs_no_times():
    OpeningHours(weekday=6, closed=True).clean()


@pytest.mark.django_db
def test_booking_link_prefers_the_booking_system_then_the_contact_page(site_tree, clinic_settings):
    assert clinic_settings.booking_link == site_tree["contact"].url
    clinic_settings.booking_url = "https://booking.example.com/clinic"
    assert clinic_settings.booking_link == "https://booking.example.com/clinic"
