"""Clinical governance moved from the clinic app to its own (clinic/0009, review/0001,
clinic/0010): a site that had it keeps its sources, claims settings, the workflow's task and the
groups' permissions."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clinic", "0008_editors_edit_clinic_content")]
AFTER = [("clinic", "0010_clinical_review_models_to_review_app"), ("review", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_existing_site_keeps_its_review_data_and_permissions():
    old = migrate(BEFORE)
    page = old.get_model("wagtailcore", "Page").objects.get(depth=1)
    old.get_model("clinic", "PageReference").objects.create(page_id=page.pk, title="A study")
    site = old.get_model("wagtailcore", "Site").objects.first()
    old.get_model("clinic", "ClaimsCheckSettings").objects.create(
        site_id=site.pk, banned_phrases="miracle"
    )
    clinicians = old.get_model("auth", "Group").objects.get(name="Clinicians")
    old_permissions = sorted(clinicians.permissions.values_list("codename", flat=True))

    new = migrate(AFTER)

    assert new.get_model("review", "PageReference").objects.get().title == "A study"
    assert new.get_model("review", "ClaimsCheckSettings").objects.get().banned_phrases == "miracle"
    permissions = new.get_model("auth", "Group").objects.get(name="Clinicians").permissions
    assert sorted(permissions.values_list("codename", flat=True)) == old_permissions
    assert set(
        permissions.filter(codename__in=["view_clinical_reviews_due"]).values_list(
            "content_type__app_label", flat=True
        )
    ) == {"review"}
    task = new.get_model("wagtailcore", "Task").objects.get(name="Clinician approval")
    assert (task.content_type.app_label, task.content_type.model) == (
        "review",
        "clinicalreviewtask",
    )
    assert new.get_model("review", "ClinicalReviewTask").objects.filter(pk=task.pk).exists()
