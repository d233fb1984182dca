"""Each page's and FAQ's search document is stored when it is indexed, and ranking reads that.

Building a service page's document means loading its steps and parsing its StreamFields;
at 10,000 pages that was most of a search's time (bench/README.md, "## Search").
"""

import pytest
from django.core.management import call_command

from search.documents import document_key
from search.engine import site_search
from search.models import StoredDocument
from services.models import ServicePage
from tests.factories import FAQFactory, ServicePageFactory, ServiceStepFactory


def stored(obj) -> StoredDocument:
    content_type_id, object_id = document_key(obj)
    return StoredDocument.objects.get(content_type_id=content_type_id, object_id=object_id)


@pytest.fixture
def service(site_tree):
    page = ServicePageFactory(
        parent=site_tree["services"], title="Scalp micro-injections", summary="Plasma, gently."
    )
    ServiceStepFactory(page=page, title="Numbing", description="A cool numbing cream first.")
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_publishing_a_page_stores_its_title_summary_and_body(service):
    document = stored(service)

    assert document.summary == "Plasma, gently."
    assert "A cool numbing cream first." in document.body


@pytest.mark.django_db
def test_the_stems_of_each_part_are_stored_with_the_text(service):
    document = stored(service)

    assert document.title_stems == "scalp micro inject"
    assert document.summary_stems == "plasma gentl"
    assert "a cool numb cream first" in document.body_stems


@pytest.mark.django_db
def test_search_ranks_on_the_stored_stems_without_stemming_the_text(service, monkeypatch):
    from search import ranking

    def must_not_be_called(text):
        raise AssertionError("the stems should have come from the database")

    monkeypatch.setattr(ranking, "stemmed_words", must_not_be_called)

    [result] = site_search("numbing cream").results
    assert result.title == "Scalp micro-injections"


@pytest.mark.django_db
def test_documents_stored_without_stems_are_still_ranked_and_excerpted(service):
    StoredDocument.objects.update(title_stems=None, summary_stems=None, body_stems=None)

    [result] = site_search("numbing cream").results

    assert result.title == "Scalp micro-injections"
    assert "<mark>numbing</mark> <mark>cream</mark>" in result.excerpt


@pytest.mark.django_db
def test_republishing_replaces_the_stored_document_and_the_excerpt(service):
    service.summary = "Lidocaine keeps it comfortable."
    service.save_revision().publish()

    assert stored(service).summary == "Lidocaine keeps it comfortable."
    [result] = site_search("lidocaine").results
    assert "<mark>Lidocaine</mark>" in result.excerpt


@pytest.mark.django_db
def test_search_reads_stored_documents_instead_of_rebuilding_them(service, monkeypatch):
    def must_not_be_called(page):
        raise AssertionError("the document should have come from the database")

    monkeypatch.setattr(ServicePage, "search_document", must_not_be_called)

    [result] = site_search("numbing").results
    assert result.title == "Scalp micro-injections"
    assert "<mark>numbing</mark>" in result.excerpt


@pytest.mark.django_db
def test_a_missing_document_is_built_from_the_page_and_stored_again(service):
    StoredDocument.objects.all().delete()  # e.g. indexed before documents were stored

    [result] = site_search("numbing").results

    assert "<mark>numbing</mark>" in result.excerpt
    assert stored(service).summary == "Plasma, gently."


@pytest.mark.django_db
def test_deleting_a_faq_forgets_its_document(site_tree):
    faq = FAQFactory(question="Does it hurt?", answer="<p>A numbing cream is used.</p>")
    assert stored(faq).summary == "A numbing cream is used."

    faq.delete()

    assert not StoredDocument.objects.filter(title="Does it hurt?").exists()


@pytest.mark.django_db
def test_update_index_stores_every_document_again(service):
    StoredDocument.objects.all().delete()

    call_command("update_index", verbosity=0)

    assert stored(service).summary == "Plasma, gently."
