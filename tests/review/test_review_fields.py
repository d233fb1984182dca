"""Who wrote and reviewed a medical page, when, when next, and its sources: fields and page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from review.models import PageReference, add_months, default_next_review
from tests.factories import ProviderFactory, ServicePageFactory


def visible_text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 15), 12, datetime.date(2027, 3, 15)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),  # no 30 February
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),  # leap day
        (datetime.date(2026, 12, 1), 1, datetime.date(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_next_review_defaults_to_twelve_months_after_the_last(site_tree):
    page = site_tree["service"]
    page.last_reviewed = datetime.date(2026, 5, 4)
    page.save()

    page.refresh_from_db()
    assert page.next_review_due == datetime.date(2027, 5, 4)


@pytest.mark.django_db
def test_an_editors_own_next_review_date_is_kept(site_tree):
    page = site_tree["service"]
    page.last_reviewed = datetime.date(2026, 5, 4)
    page.next_review_due = datetime.date(2026, 8, 1)
    page.save()

    page.refresh_from_db()
    assert page.next_review_due == datetime.date(2026, 8, 1)


@pytest.mark.django_db
def test_admin_form_fills_the_default_into_drafts_too(site_tree):
    page = site_tree["service"]
    page.last_reviewed = datetime.date(2026, 1, 31)
    page.full_clean()  # what the admin form runs before saving a revision
    assert page.next_review_due == default_next_review(datetime.date(2026, 1, 31))


@pytest.mark.django_db
def test_service_page_shows_reviewer_dates_and_sources(client, site_tree):
    page = site_tree["service"]
    page.medical_reviewer = ProviderFactory(name="Dr. Jane Doe", credentials="MD")
    page.last_reviewed = datetime.date(2026, 3, 1)
    page.references = [
        PageReference(
            title="A systematic review of PRP",
            source="A journal, 2018",
            url="https://doi.org/10.1000/example",
        ),
        PageReference(title="A guideline without a link", source="A society, 2024"),
    ]
    page.save_revision().publish()

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    line = soup.select_one(".clinical-review__line")
    assert visible_text(line).replace(" · .", " ·") == (
        "Medically reviewed by Dr. Jane Doe, MD on March 1, 2026 · Next review due March 1, 2027"
    )
    dates = [time["datetime"] for time in line.find_all("time")]
    assert dates == ["2026-03-01", "2027-03-01"]
    sources = soup.find("h2", string="Sources").find_next("ol")
    items = sources.find_all("li")
    assert [visible_text(item) for item in items] == [
        "A systematic review of PRP . A journal, 2018",
        "A guideline without a link . A society, 2024",
    ]
    assert items[0].a["href"] == "https://doi.org/10.1000/example"
    assert items[0].a.cite.string == "A systematic review of PRP"
    assert items[1].a is None


@pytest.mark.django_db
def test_unreviewed_page_shows_no_review_line_and_no_empty_sources(client, site_tree):
    soup = BeautifulSoup(client.get(site_tree["service"].url).content, "html.parser")

    assert soup.select_one(".clinical-review__line") is None
    assert soup.find("h2", string="Sources") is None


@pytest.mark.django_db
def test_a_page_reviewed_without_a_named_reviewer_says_when(client, site_tree):
    page = ServicePageFactory(
        parent=site_tree["services"], last_reviewed=datetime.date(2026, 6, 10)
    )

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    text = visible_text(soup.select_one(".clinical-review__line")).replace(" · .", " ·")
    assert text == "Last reviewed on June 10, 2026 · Next review due June 10, 2027"


@pytest.mark.django_db
def test_editor_finds_the_clinical_review_panel(client, site_tree, superuser):
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[site_tree["service"].pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Clinical review" in html
    for name in ["author", "medical_reviewer", "last_reviewed", "next_review_due"]:
        assert f'name="{name}"' in html
    assert 'name="references-TOTAL_FORMS"' in html
