"""Every page carries one JSON-LD @graph, built from the same data the page shows."""

import datetime
import json

import pytest

from base.structured_data import json_ld
from clinic.models import OpeningHours
from review.models import PageReference
from tests.factories import FAQFactory, ProviderFactory, ServiceStepFactory
from tests.seo.helpers import (
    BASE_URL,
    json_ld_graph,
    node_by_id,
    node_of_type,
    nodes_of_type,
    page_html,
)

CLINIC_ID = f"{BASE_URL}/#clinic"


def graph_for(client, url):
    return json_ld_graph(page_html(client, url))


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["home", "services", "service", "faq_page", "contact", "team"])
def test_every_page_describes_the_clinic_and_itself(client, every_page, key):
    page = every_page[key]
    graph = graph_for(client, page.url)

    clinic = node_of_type(graph, "MedicalClinic")
    assert clinic["@id"] == CLINIC_ID
    page_node = node_by_id(graph, f"{BASE_URL}{page.url}")
    assert page_node["name"] == page.title
    assert page_node["url"] == f"{BASE_URL}{page.url}"
    assert page_node["publisher"] == {"@id": CLINIC_ID}


@pytest.mark.django_db
def test_the_clinic_node_holds_the_clinic_details(client, site_tree, clinic_settings):
    clinic = node_of_type(graph_for(client, "/"), "MedicalClinic")

    assert clinic["name"] == "Test Hair Clinic"
    assert clinic["url"] == f"{BASE_URL}/"
    assert clinic["telephone"] == "(310) 975-9785"
    assert clinic["email"] == "hello@example.com"
    assert clinic["logo"].startswith(f"{BASE_URL}/static/")
    assert clinic["medicalSpecialty"] == "https://schema.org/Dermatology"
    assert clinic["sameAs"] == ["https://www.instagram.com/example"]
    assert clinic["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "1 Test Street",
        "addressLocality": "Los Angeles",
        "addressRegion": "CA",
        "postalCode": "90001",
        "addressCountry": "US",
    }


@pytest.mark.django_db
def test_opening_hours_in_the_graph_equal_the_clinic_settings(client, site_tree, clinic_settings):
    # Monday 9-17 comes from the fixture; add a lunch break on Tuesday and a short Saturday.
    for weekday, opens, closes in [(1, 9, 12), (1, 13, 17), (5, 10, 14)]:
        OpeningHours.objects.create(
            settings=clinic_settings,
            weekday=weekday,
            opens=datetime.time(opens),
            closes=datetime.time(closes),
        )
    OpeningHours.objects.create(settings=clinic_settings, weekday=6, closed=True)

    clinic = node_of_type(graph_for(client, "/"), "MedicalClinic")

    in_graph = {
        (day.removeprefix("https://schema.org/"), spec["opens"], spec["closes"])
        for spec in clinic["openingHoursSpecification"]
        for day in spec["dayOfWeek"]
    }
    in_settings = {
        (day["name"], opens.strftime("%H:%M"), closes.strftime("%H:%M"))
        for day in clinic_settings.weekly_hours()
        for opens, closes in day["intervals"]
    }
    assert in_graph == in_settings
    assert ("Tuesday", "13:00", "17:00") in in_graph
    assert not any(day == "Sunday" for day, _, _ in in_graph)


@pytest.mark.django_db
def test_a_service_page_is_a_medical_web_page_about_its_procedure(client, site_tree):
    service = site_tree["service"]
    ServiceStepFactory(page=service, title="A small blood draw", description="From your arm.")
    ServiceStepFactory(page=service, title="Injections", description="Into the scalp.")
    service.preparation = [("point", "Tell us about your medicines.")]
    service.aftercare = [("point", "Avoid exercise for 48 hours."), ("point", "No sun.")]
    service.downtime = "Usually none."
    service.save_revision().publish()
    url = f"{BASE_URL}/services/prp/"

    graph = graph_for(client, service.url)

    page_node = node_of_type(graph, "MedicalWebPage")
    assert page_node["@id"] == url
    assert page_node["description"] == service.search_description
    assert page_node["about"] == {"@id": f"{url}#procedure"}
    procedure = node_of_type(graph, "MedicalProcedure")
    assert procedure["@id"] == f"{url}#procedure"
    assert procedure["name"] == "PRP hair restoration"
    assert procedure["description"] == service.summary
    assert procedure["bodyLocation"] == "Scalp"
    assert procedure["howPerformed"] == (
        "1. A small blood draw: From your arm. 2. Injections: Into the scalp."
    )
    assert procedure["preparation"] == "Tell us about your medicines."
    assert procedure["followup"] == "Avoid exercise for 48 hours. No sun. Downtime: Usually none."
    # The clinic provides it (schema.org: MedicalClinic.availableService).
    clinic = node_of_type(graph, "MedicalClinic")
    assert clinic["availableService"] == [{"@id": f"{url}#procedure"}]


@pytest.mark.django_db
def test_a_service_page_carries_its_clinical_review(client, site_tree):
    service = site_tree["service"]
    reviewer = ProviderFactory(name="Dr. Ada Reviewer", credentials="MD", role="Dermatologist")
    service.medical_reviewer = reviewer
    service.last_reviewed = datetime.date(2026, 3, 1)
    service.references = [
        PageReference(title="A trial of PRP", source="A journal, 2024", url="https://doi.org/1"),
        PageReference(title="A guideline", source="", url=""),
    ]
    service.save_revision().publish()

    graph = graph_for(client, service.url)

    page_node = node_of_type(graph, "MedicalWebPage")
    assert page_node["lastReviewed"] == "2026-03-01"
    person = node_by_id(graph, page_node["reviewedBy"]["@id"])
    assert person["@type"] == "Person"
    assert person["name"] == "Dr. Ada Reviewer"
    assert person["honorificSuffix"] == "MD"
    assert person["jobTitle"] == "Dermatologist"
    assert page_node["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "A trial of PRP",
            "publisher": {"@type": "Organization", "name": "A journal, 2024"},
            "url": "https://doi.org/1",
        },
        {"@type": "CreativeWork", "name": "A guideline"},
    ]


@pytest.mark.django_db
def test_a_service_page_describes_only_the_faqs_it_shows(client, site_tree):
    service = site_tree["service"]
    shown = FAQFactory(
        question="Does it hurt?",
        answer='<p>A local anesthetic is <a href="https://example.com">used</a>.</p>',
        related_services=[service],
    )
    FAQFactory(question="A draft?", live=False, related_services=[service])
    FAQFactory(question="About another service?")

    graph = graph_for(client, service.url)

    faq_page = node_of_type(graph, "FAQPage")
    assert faq_page["isPartOf"] == {"@id": f"{BASE_URL}/services/prp/"}
    assert faq_page["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Does it hurt?",
            "url": f"{BASE_URL}/services/prp/#{shown.anchor}",
            "acceptedAnswer": {"@type": "Answer", "text": "A local anesthetic is used."},
        }
    ]


@pytest.mark.django_db
def test_a_service_page_without_faqs_has_no_faq_page(client, site_tree):
    assert nodes_of_type(graph_for(client, site_tree["service"].url), "FAQPage") == []


@pytest.mark.django_db
def test_the_faq_page_is_an_faq_page_with_every_published_question(client, site_tree):
    first = FAQFactory(question="What is PRP?", sort_order=1)
    second = FAQFactory(question="Does it hurt?", sort_order=2)
    FAQFactory(question="Not yet published?", live=False)

    page_node = node_of_type(graph_for(client, site_tree["faq_page"].url), "FAQPage")

    questions = {question["name"] for question in page_node["mainEntity"]}
    assert questions == {first.question, second.question}


@pytest.mark.django_db
def test_the_team_page_describes_each_provider_as_a_person(client, every_page):
    ProviderFactory(name="Dr. Ada Example", credentials="MD", role="Medical director")
    ProviderFactory(name="Sam Nurse", credentials="", role="Nurse", short_bio="Ten years.")

    graph = graph_for(client, every_page["team"].url)

    people = {person["name"]: person for person in nodes_of_type(graph, "Person")}
    assert set(people) == {"Dr. Ada Example", "Sam Nurse"}
    assert people["Dr. Ada Example"]["honorificSuffix"] == "MD"
    assert people["Dr. Ada Example"]["jobTitle"] == "Medical director"
    assert "honorificSuffix" not in people["Sam Nurse"]
    assert people["Sam Nurse"]["description"] == "Ten years."
    assert people["Sam Nurse"]["worksFor"] == {"@id": CLINIC_ID}
    page_node = node_of_type(graph, "AboutPage")
    assert {ref["@id"] for ref in page_node["about"]} == {p["@id"] for p in people.values()}


@pytest.mark.django_db
def test_pages_below_home_have_a_breadcrumb_list(client, site_tree):
    graph = graph_for(client, site_tree["service"].url)

    breadcrumbs = node_of_type(graph, "BreadcrumbList")
    assert [
        (item["position"], item["name"], item["item"]) for item in breadcrumbs["itemListElement"]
    ] == [
        (1, "Home", f"{BASE_URL}/"),
        (2, "Services", f"{BASE_URL}/services/"),
        (3, "PRP hair restoration", f"{BASE_URL}/services/prp/"),
    ]
    assert node_of_type(graph, "MedicalWebPage")["breadcrumb"] == {"@id": breadcrumbs["@id"]}
    assert nodes_of_type(graph_for(client, "/"), "BreadcrumbList") == []


@pytest.mark.django_db
def test_text_from_editors_cannot_close_the_script_element(client, site_tree):
    service = site_tree["service"]
    service.summary = "Safe </script><script>alert(1)</script> & sound"
    service.save_revision().publish()

    response = client.get(service.url)

    assert b"</script><script>alert(1)" not in response.content
    procedure = node_of_type(json_ld_graph(page_html(client, service.url)), "MedicalProcedure")
    assert procedure["description"] == service.summary


def test_json_ld_escapes_markup_characters():
    text = json_ld({"name": "</script> & <b>"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script> & <b>"}


@pytest.mark.django_db
def test_the_search_page_describes_only_the_clinic(client, site_tree):
    graph = graph_for(client, "/search/?q=prp")

    assert [node["@type"] for node in graph] == ["MedicalClinic"]


@pytest.mark.django_db
@pytest.mark.parametrize("shown_on", ["service", "faq_page"])
def test_an_internal_link_in_an_answer_reads_the_same_on_the_page_and_in_the_graph(
    client, site_tree, shown_on
):
    # The answer's links are resolved once per request (faqs.models.FAQ.answer_html) and
    # both the visible answer and its JSON-LD text use that.
    contact = site_tree["contact"]
    faq = FAQFactory(
        question="How do I book?",
        answer=f'<p>Use our <a linktype="page" id="{contact.pk}">contact form</a>.</p>',
        related_services=[site_tree["service"]],
    )
    html = page_html(client, site_tree[shown_on].url)

    answer = html.find("details", id=faq.anchor).find("div", class_="faq__answer")
    assert answer.find("a", string="contact form")["href"] == "/contact/"
    questions = node_of_type(json_ld_graph(html), "FAQPage")["mainEntity"]
    assert questions[0]["acceptedAnswer"]["text"] == "Use our contact form."
