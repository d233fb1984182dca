"""The claims check: medical pages can't go live promising what no treatment can."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from faqs.models import FAQIndexPage
from review.claims import check_claims, find_banned_phrases, plain_text
from review.models import DEFAULT_BANNED_PHRASES, ClaimsCheckSettings
from review.reports import medical_page_models
from services.models import ServicePage
from tests.review.conftest import editor_form_data


def publish(client, page, user, **values):
    data = editor_form_data(page, user, **values)
    data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def save_draft(client, page, user, **values):
    data = editor_form_data(page, user, **values)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def live_summary(page) -> str:
    return ServicePage.objects.get(pk=page.pk).summary


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


# --- Matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Thicker hair, guaranteed.", "guaranteed"),
        ("Enjoy permanent results after three sessions.", "permanent results"),
        ("The cure for thinning hair.", "cure"),
        ("100% natural and effective.", "100%"),
        ("A gentle treatment with no side effects.", "no side effects"),
        ("Quick and painless.", "painless"),
    ],
)
def test_each_default_phrase_is_found(text, phrase):
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) == [phrase]


@pytest.mark.parametrize(
    "text",
    [
        "GUARANTEED results",
        "Permanent   Results for everyone",  # any case, any spacing
        "Permanent\nresults",
        "A Cure!",
    ],
)
def test_matching_ignores_case_and_spacing(text):
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) != []


@pytest.mark.parametrize(
    "text",
    [
        "Patients who felt cured of their worries",  # a different word: list it to ban it
        "We keep your records secure.",
        "A curette is not used.",
        "Results in 1100% of cases",  # not "100%"
        "Painlessly explained.",
    ],
)
def test_matching_is_whole_words_only(text):
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) == []


@pytest.mark.parametrize(
    "text",
    [
        "PRP is not a cure for hair loss.",
        "PRP can't cure baldness.",
        "There is no cure for pattern hair loss.",
        "Results aren't guaranteed.",
        "Injections are not always painless.",
    ],
)
def test_honest_denials_pass(text):
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("No pain, guaranteed results.", "guaranteed"),  # the denial ends at the comma
        # Only a filler word may sit between the denial and the phrase (found in review):
        ("No downtime and painless sessions.", "painless"),
        ("Don't miss our painless treatment.", "painless"),
        ("Why not try our guaranteed results?", "guaranteed"),
        # Safe side: a denial further away is not recognised; the editor rewords it.
        ("No treatment is 100% effective.", "100%"),
        ("Not only painless but quick.", "painless"),  # "not only" denies nothing
        ("Not just a cure: a new you.", "cure"),
    ],
)
def test_a_denial_elsewhere_does_not_excuse_a_claim(text, phrase):
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) == [phrase]


# --- Publishing is blocked -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("phrase", DEFAULT_BANNED_PHRASES)
def test_publishing_with_a_banned_phrase_is_blocked_naming_phrase_and_field(
    admin_client, site_tree, superuser, phrase
):
    page = site_tree["service"]
    summary = f"Our PRP treatment: {phrase}."

    response = publish(admin_client, page, superuser, summary=summary)

    assert response.status_code == 200  # the editor again, with the error
    errors = response.context["form"].errors["summary"]
    assert len(errors) == 1
    assert f"“Summary” says “{phrase}”" in errors[0]
    assert live_summary(page) != summary


@pytest.mark.django_db
def test_a_phrase_in_a_streamfield_block_is_reported_above_the_form(
    admin_client, site_tree, superuser
):
    page = site_tree["service"]

    response = publish(
        admin_client,
        page,
        superuser,
        risks=streamfield([("point", "Mild swelling"), ("point", "Otherwise painless")]),
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("“Risks and limitations” says “painless”" in error for error in errors)
    assert "says “painless”" in response.content.decode()  # shown in the error message


@pytest.mark.django_db
def test_a_phrase_in_rich_text_inside_the_body_is_found(admin_client, site_tree, superuser):
    page = site_tree["service"]

    response = publish(
        admin_client,
        page,
        superuser,
        body=streamfield([("paragraph", rich_text("<p>Results are <b>guaranteed</b>.</p>"))]),
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("“Body” says “guaranteed”" in error for error in errors)


@pytest.mark.django_db
def test_a_phrase_in_a_procedure_step_is_found(admin_client, site_tree, superuser):
    page = site_tree["service"]

    response = publish(
        admin_client,
        page,
        superuser,
        steps=inline_formset(
            [{"title": "Injections", "description": "Tiny, painless injections."}]
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert any("“Steps” says “painless”" in error for error in errors)


@pytest.mark.django_db
def test_the_title_is_checked(admin_client, site_tree, superuser):
    page = site_tree["service"]

    response = publish(admin_client, page, superuser, title="The baldness cure")

    assert "“Title” says “cure”" in response.context["form"].errors["title"][0]


@pytest.mark.django_db
def test_clean_copy_publishes(admin_client, site_tree, superuser):
    page = site_tree["service"]
    summary = "PRP is not a cure, and results vary from person to person."

    response = publish(admin_client, page, superuser, summary=summary)

    assert response.status_code == 302
    assert live_summary(page) == summary


@pytest.mark.django_db
def test_a_draft_with_a_banned_phrase_is_saved_with_a_warning(admin_client, site_tree, superuser):
    page = site_tree["service"]

    response = save_draft(admin_client, page, superuser, summary="Guaranteed thicker hair.")

    page = ServicePage.objects.get(pk=page.pk)
    assert page.get_latest_revision_as_object().summary == "Guaranteed thicker hair."
    assert page.summary != "Guaranteed thicker hair."  # not live
    warnings = [str(message) for message in response.context["messages"]]
    assert any("Claims check" in text and "“guaranteed”" in text for text in warnings)


@pytest.mark.django_db
def test_submitting_for_clinical_review_is_blocked_too(client, site_tree, staff):
    page = site_tree["service"]
    marketer = staff("marketer", "Editors")
    client.force_login(marketer)
    data = editor_form_data(page, marketer, summary="Permanent results.")
    data["action-submit"] = "action-submit"

    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 200
    assert "“permanent results”" in response.context["form"].errors["summary"][0]
    assert ServicePage.objects.get(pk=page.pk).current_workflow_state is None


# --- The list is editable ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("summary", "phrase"),
    [
        ("Guaranteed results from the first session.", "guaranteed"),
        ("Permanent results for thinning hair.", "permanent results"),
        ("A cure for thinning hair.", "cure"),
        ("100% natural.", "100%"),
        ("No side effects at all.", "no side effects"),
        ("Quick and painless.", "painless"),
    ],
)
def test_on_a_fresh_site_a_medical_page_making_a_usual_claim_cannot_be_published(
    admin_client, site_tree, superuser, summary, phrase
):
    # Nobody has opened Settings → Claims check yet: the list a new site starts with applies.
    assert not ClaimsCheckSettings.objects.exists()
    page = site_tree["service"]

    response = publish(admin_client, page, superuser, summary=summary)

    assert response.status_code == 200
    assert f"“Summary” says “{phrase}”" in response.context["form"].errors["summary"][0]
    assert live_summary(page) != summary


@pytest.mark.django_db
def test_phrases_added_or_removed_in_settings_apply_at_once(admin_client, site_tree, superuser):
    page = site_tree["service"]
    settings = ClaimsCheckSettings.for_site(Site.objects.get(is_default_site=True))
    settings.banned_phrases = "miracle\n  \nno downtime\n"
    settings.save()

    blocked = publish(admin_client, page, superuser, summary="A miracle for thinning hair.")
    allowed = publish(admin_client, page, superuser, summary="Guaranteed to be explained well.")

    assert "“miracle”" in blocked.context["form"].errors["summary"][0]
    assert allowed.status_code == 302
    assert live_summary(page) == "Guaranteed to be explained well."


@pytest.mark.django_db
def test_marketers_cannot_edit_the_list_but_clinicians_can(client, site_tree, staff):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["review", "claimschecksettings", site.pk])

    client.force_login(staff("marketer", "Editors"))
    marketer_response = client.get(url)
    client.force_login(staff("clinician", "Clinicians"))
    clinician_response = client.post(url, {"banned_phrases": "guaranteed\nmiracle"})

    assert marketer_response.status_code == 302  # permission denied
    assert clinician_response.status_code == 302
    assert ClaimsCheckSettings.for_site(site).phrases == ["guaranteed", "miracle"]


# --- The disclaimer ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_service_page_without_its_disclaimer_is_flagged(site_tree):
    page = site_tree["service"]
    page.disclaimer = "   "

    problems = check_claims(page, DEFAULT_BANNED_PHRASES)

    assert [problem.field_name for problem in problems] == ["disclaimer"]
    assert "needs its disclaimer" in problems[0].message


@pytest.mark.django_db
def test_publishing_without_the_disclaimer_is_blocked(admin_client, site_tree, superuser):
    page = site_tree["service"]

    response = publish(admin_client, page, superuser, disclaimer="")

    assert response.status_code == 200
    assert response.context["form"].errors["disclaimer"]
    assert ServicePage.objects.get(pk=page.pk).disclaimer


# --- The demo content ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_content_passes_the_claims_check(db):
    call_command("load_demo_content", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    pages = [
        page
        for model in medical_page_models()
        for page in model.objects.live().exact_type(model).specific()
    ]

    assert {type(page) for page in pages} == {ServicePage, FAQIndexPage}
    for page in pages:
        assert check_claims(page, ClaimsCheckSettings.phrases_for(site)) == [], page.title
        assert page.medical_reviewer is not None
        assert page.last_reviewed and page.next_review_due
    prp = next(page for page in pages if isinstance(page, ServicePage))
    assert prp.references.count() == 3


def test_list_items_in_rich_text_stay_separate_words():
    text = plain_text("<ul><li>Quick</li><li>Painless</li></ul>")
    assert find_banned_phrases(text, DEFAULT_BANNED_PHRASES) == ["painless"]


@pytest.mark.django_db
def test_faq_answers_are_claims_checked_too(site_tree):
    from django.core.exceptions import ValidationError

    from tests.factories import FAQCategoryFactory, FAQFactory

    faq = FAQFactory.build(
        question="Is it permanent?",
        answer="<p>Yes, permanent results.</p>",
        category=FAQCategoryFactory(),
    )
    with pytest.raises(ValidationError) as raised:
        faq.full_clean()
    assert "permanent results" in str(raised.value.message_dict["answer"])

    faq.answer = "<p>No: results fade, so most people have top-ups.</p>"
    faq.full_clean()


@pytest.mark.django_db
def test_bulk_publishing_a_draft_with_a_banned_phrase_is_refused(client, site_tree, superuser):
    from django.urls import reverse

    service = site_tree["service"]
    service.summary = "Thicker hair, guaranteed."
    service.save_revision()  # a draft: allowed, with a warning
    client.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = client.post(f"{url}?id={service.pk}", follow=True)

    service.refresh_from_db()
    assert service.summary != "Thicker hair, guaranteed."  # the live page is unchanged
    assert "was not published" in response.content.decode()

    service.summary = "Thicker hair for some people; results vary."
    service.save_revision()
    client.post(f"{url}?id={service.pk}")
    service.refresh_from_db()
    assert service.summary == "Thicker hair for some people; results vary."


@pytest.mark.django_db
def test_bulk_publishing_a_service_draft_without_a_meta_description_is_refused(
    client, site_tree, superuser
):
    from django.urls import reverse

    service = site_tree["service"]
    described = service.search_description
    service.search_description = ""
    service.save_revision()  # a draft may lack it
    client.force_login(superuser)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = client.post(f"{url}?id={service.pk}", follow=True)

    service.refresh_from_db()
    assert service.search_description == described  # the live page is unchanged
    assert "Write a meta description" in response.content.decode()
