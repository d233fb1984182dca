"""Reports → Clinical reviews due, and its dashboard panel: which pages, in what order, for whom."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from review.reports import reviews_due
from tests.factories import ProviderFactory, ServicePageFactory

REPORT_URL = "clinical_reviews_due_report"


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def medical_pages(site_tree):
    """Service pages with reviews overdue, due soon, due later, never done, and a draft."""
    services = site_tree["services"]
    reviewer = ProviderFactory(name="Dr. Jane Doe", credentials="MD")
    site_tree["service"].delete()  # the fixture's own page was never reviewed; start clean

    def page(title, due, live=True):
        return ServicePageFactory(
            parent=services,
            title=title,
            medical_reviewer=reviewer,
            last_reviewed=due - datetime.timedelta(days=365) if due else None,
            next_review_due=due,
            live=live,
        )

    return {
        "overdue": page("Overdue page", days_from_today(-10)),
        "due_soon": page("Due soon page", days_from_today(12)),
        "due_today": page("Due today page", days_from_today(0)),
        "later": page("Reviewed recently page", days_from_today(200)),
        "never": page("Never reviewed page", None),
        "draft": page("Draft page", days_from_today(-50), live=False),
    }


@pytest.mark.django_db
def test_lists_overdue_never_reviewed_and_due_within_30_days_soonest_first(medical_pages):
    rows = reviews_due()

    assert [row.title for row in rows] == [
        "Never reviewed page",
        "Overdue page",
        "Due today page",
        "Due soon page",
    ]
    assert [row.status for row in rows] == [
        "Never reviewed",
        "Overdue by 10 days",
        "Due today",
        "Due in 12 days",
    ]
    assert rows[1].reviewer == "Dr. Jane Doe, MD"


@pytest.mark.django_db
def test_the_30_day_window_is_inclusive(medical_pages):
    ServicePageFactory(
        parent=medical_pages["overdue"].get_parent(),
        title="Due in exactly 30 days",
        next_review_due=days_from_today(30),
    )
    ServicePageFactory(
        parent=medical_pages["overdue"].get_parent(),
        title="Due in 31 days",
        next_review_due=days_from_today(31),
    )

    titles = [row.title for row in reviews_due()]

    assert "Due in exactly 30 days" in titles
    assert "Due in 31 days" not in titles


@pytest.mark.django_db
def test_report_shows_each_page_with_reviewer_and_dates(client, medical_pages, staff):
    client.force_login(staff("clinician", "Clinicians"))

    response = client.get(reverse(REPORT_URL))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all("td")]
        for row in soup.select("tbody tr")
    ]
    overdue = next(row for row in rows if row and row[0].startswith("Overdue page"))
    due = days_from_today(-10)
    assert "Overdue by 10 days" in overdue
    assert due.strftime("%b %-d, %Y") in overdue
    assert "Dr. Jane Doe, MD" in overdue
    assert not any(row and row[0].startswith("Reviewed recently page") for row in rows)
    assert not any(row and row[0].startswith("Draft page") for row in rows)


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Clinicians", "Editors", "Moderators"])
def test_clinicians_and_marketers_can_open_the_report(client, medical_pages, staff, group):
    client.force_login(staff("someone", group))

    response = client.get(reverse(REPORT_URL))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert response.status_code == 200
    assert "Overdue page" in response.content.decode()
    assert "Clinical reviews due" in menu


@pytest.mark.django_db
def test_staff_outside_those_groups_cannot_open_the_report(client, medical_pages, staff):
    client.force_login(staff("reception", "Front desk"))

    response = client.get(reverse(REPORT_URL))

    assert response.status_code == 302  # Wagtail's "permission denied": back to the dashboard
    assert "Overdue page" not in client.get(response.url).content.decode()


@pytest.mark.django_db
def test_visitors_are_sent_to_the_login(client, medical_pages):
    response = client.get(reverse(REPORT_URL))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


@pytest.mark.django_db
def test_report_exports_as_a_spreadsheet(client, medical_pages, staff):
    client.force_login(staff("marketer", "Editors"))

    response = client.get(reverse(REPORT_URL) + "?export=csv")

    content = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert content.splitlines()[0] == (
        "Page,Review,Next review due,Last reviewed,Medical reviewer,Type"
    )
    assert "Overdue page,Overdue by 10 days" in content


@pytest.mark.django_db
def test_dashboard_panel_summarises_the_report(client, medical_pages, staff):
    client.force_login(staff("marketer", "Editors"))

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")

    panel = soup.find(id="clinical-reviews-due-section")
    assert panel is not None
    text = " ".join(panel.get_text(" ", strip=True).split())
    assert "2 medical pages overdue or never reviewed, 2 due within 30 days" in text
    assert [link.get_text(strip=True) for link in panel.select("tbody a")] == [
        "Never reviewed page",
        "Overdue page",
        "Due today page",
        "Due soon page",
    ]
    assert panel.find("a", string="See all clinical reviews due")["href"] == reverse(REPORT_URL)


@pytest.mark.django_db
def test_dashboard_panel_says_so_when_nothing_is_due(client, site_tree, staff):
    page = site_tree["service"]
    page.last_reviewed = timezone.localdate()
    page.save_revision().publish()
    client.force_login(staff("clinician", "Clinicians"))

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")

    panel = soup.find(id="clinical-reviews-due-section")
    assert "No medical page is due for review in the next 30 days." in panel.get_text()


@pytest.mark.django_db
def test_front_desk_dashboard_has_no_review_panel(client, medical_pages, staff):
    client.force_login(staff("reception", "Front desk"))

    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")

    assert soup.find(id="clinical-reviews-due-section") is None


def report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(REPORT_URL)).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_report_queries_do_not_grow_with_the_number_of_pages(client, medical_pages, staff):
    client.force_login(staff("clinician", "Clinicians"))
    report_queries(client)  # warm per-process caches (content types, permissions)
    with_four_pages = report_queries(client)
    for number in range(10):
        ServicePageFactory(
            parent=medical_pages["overdue"].get_parent(),
            title=f"Extra overdue page {number}",
            medical_reviewer=ProviderFactory(name=f"Dr. Extra {number}"),
            next_review_due=days_from_today(-number - 1),
        )

    assert report_queries(client) == with_four_pages <= 20
