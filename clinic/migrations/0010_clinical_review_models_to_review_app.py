# The clinic app lets go of the clinical governance models review/0001 took over (the tables
# stay as they are), and their content types move with them: the Clinicians' and Editors'
# permissions (`review.view_clinical_reviews_due`, `review.change_claimschecksettings`) and the
# Clinical review workflow's task keep pointing at the same rows.

from django.db import migrations

MOVED_MODELS = ("claimschecksettings", "clinicalreviewtask", "pagereference")


def move_content_types(apps, schema_editor, source="clinic", target="review"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="review", target="clinic")


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0009_clinical_review_tables_to_review_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name="clinicalreviewtask", name="groups"),
                migrations.RemoveField(model_name="clinicalreviewtask", name="task_ptr"),
                migrations.RemoveField(model_name="pagereference", name="page"),
                migrations.DeleteModel(name="ClaimsCheckSettings"),
                migrations.DeleteModel(name="ClinicalReviewTask"),
                migrations.DeleteModel(name="PageReference"),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
