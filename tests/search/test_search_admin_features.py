"""What marketers control: synonyms, promoted results and the search-terms report."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.engine import site_search
from search.models import DailySearchCount, SynonymGroup
from search.stats import record_search


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.com", "pw"))
    return client


@pytest.fixture
def marketer_client(client, django_user_model):
    marketer = django_user_model.objects.create_user("marketer", "m@example.com", "pw")
    marketer.groups.add(Group.objects.get(name="Editors"))
    client.force_login(marketer)
    return client


def titles(query):
    return [result.title for result in site_search(query).results]


@pytest.mark.django_db
def test_synonyms_are_seeded_for_patient_language():
    all_terms = " | ".join(group.terms for group in SynonymGroup.objects.all())
    for term in [
        "prp",
        "platelet rich plasma",
        "alopecia",
        "thinning hair",
        "balding",
        "hair loss",
    ]:
        assert term in all_terms


@pytest.mark.django_db
def test_a_synonym_added_in_the_admin_applies_to_the_next_search(admin_client, site_tree):
    assert "PRP hair restoration" not in titles("spin machine")

    response = admin_client.post(
        reverse("wagtailsnippets_search_synonymgroup:add"),
        {"terms": "spin machine, restoration", "note": "Patients' word for the centrifuge"},
    )

    assert response.status_code == 302
    assert "PRP hair restoration" in titles("spin machine")


@pytest.mark.django_db
def test_marketers_can_edit_synonyms_and_promotions(marketer_client):
    assert (
        marketer_client.get(reverse("wagtailsnippets_search_synonymgroup:add")).status_code == 200
    )
    assert marketer_client.get(reverse("wagtailsearchpromotions:add")).status_code == 200


@pytest.mark.django_db
def test_a_promoted_result_comes_first_and_is_labelled(client, site_tree):
    contact = site_tree["contact"]
    query = Query.get("prp")
    SearchPromotion.objects.create(query=query, page=contact, description="Book a consultation.")

    html = BeautifulSoup(client.get("/search/", {"q": "PRP"}).content, "html.parser")

    first = html.select_one(".search-result")
    assert first.select_one(".search-result__kind").get_text() == "Recommended"
    assert first.h3.a["href"] == contact.url
    assert "Book a consultation." in first.get_text()


@pytest.mark.django_db
def test_searches_are_counted_per_day_without_anything_personal(client, site_tree):
    client.get("/search/", {"q": "PRP"}, REMOTE_ADDR="203.0.113.9")
    client.get("/search/", {"q": "prp "})
    client.get("/search/", {"q": "xylophone"})

    rows = {row.query: row for row in DailySearchCount.objects.all()}
    assert rows["prp"].searches == 2 and rows["prp"].searches_without_results == 0
    assert rows["xylophone"].searches == 1 and rows["xylophone"].searches_without_results == 1
    stored_fields = {field.name for field in DailySearchCount._meta.get_fields()}
    assert stored_fields == {"id", "date", "query", "searches", "searches_without_results"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["call me on 3109759785", "jane doe (310) 975-9785 hair", "310.975.9785", "jane@example.com"],
)
def test_searches_that_look_like_contact_details_are_not_recorded(query):
    record_search(query, found_anything=False)
    assert not DailySearchCount.objects.exists()


@pytest.mark.django_db
def test_purge_deletes_counts_older_than_the_retention_period(settings):
    settings.SEARCH_STATS_RETENTION_DAYS = 30
    today = datetime.date.today()
    DailySearchCount.objects.create(date=today - datetime.timedelta(days=31), query="old")
    DailySearchCount.objects.create(date=today - datetime.timedelta(days=29), query="recent")

    call_command("purge_search_stats", verbosity=0)

    assert list(DailySearchCount.objects.values_list("query", flat=True)) == ["recent"]


@pytest.mark.django_db
def test_report_lists_most_searched_terms_and_those_that_found_nothing(marketer_client):
    today = datetime.date.today()
    DailySearchCount.objects.create(date=today, query="prp", searches=5)
    DailySearchCount.objects.create(
        date=today - datetime.timedelta(days=1), query="prp", searches=2
    )
    DailySearchCount.objects.create(
        date=today, query="hair cloning", searches=3, searches_without_results=3
    )

    response = marketer_client.get(reverse("search_terms_report"))

    assert response.status_code == 200
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in BeautifulSoup(response.content, "html.parser").select("tbody tr")
    ]
    assert rows == [["prp", "7", "0"], ["hair cloning", "3", "3"]]

    response = marketer_client.get(reverse("search_terms_report"), {"found_nothing": "true"})
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    assert [row.find("td").get_text(strip=True) for row in rows] == ["hair cloning"]


@pytest.mark.django_db
def test_report_is_closed_to_staff_without_permission(client, django_user_model):
    staff = django_user_model.objects.create_user("intern", "i@example.com", "pw")
    staff.user_permissions.add(
        *Group.objects.get(name="Editors").permissions.filter(codename="access_admin")
    )
    client.force_login(staff)

    response = client.get(reverse("search_terms_report"))

    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_only_the_first_results_page_counts_as_a_search(client, site_tree):
    for page in ["1", "2", "3"]:
        client.get("/search/", {"q": "prp", "page": page})

    assert DailySearchCount.objects.get(query="prp").searches == 1
