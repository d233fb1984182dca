"""The "Clinical review" workflow, its clinician approval task and the "Clinicians" group.

Clinicians may edit and publish in the services section and approve pages in the workflow.
Clinicians, Editors (marketers) and Moderators may read Reports → Clinical reviews due;
clinicians keep the list of banned claims (Settings → Claims check).

A services section that exists already is attached here; one created later is attached when it
is created (clinic/review_workflow.py), so a fresh site gets the same set-up.
"""

from django.db import migrations

WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinician approval"
CLINICIANS_GROUP = "Clinicians"
CLINICIAN_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
REPORT_GROUPS = ["Clinicians", "Editors", "Moderators"]


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ClinicalReviewTask = apps.get_model("clinic", "ClinicalReviewTask")
    ServiceIndexPage = apps.get_model("services", "ServiceIndexPage")

    clinicians, _ = Group.objects.get_or_create(name=CLINICIANS_GROUP)
    clinicians.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="clinic", codename="change_claimschecksettings"
        ),
    )
    report = Permission.objects.get(
        content_type__app_label="clinic", codename="view_clinical_reviews_due"
    )
    for group in Group.objects.filter(name__in=REPORT_GROUPS):
        group.permissions.add(report)

    task = ClinicalReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="clinic", model="clinicalreviewtask"
        )
        task = ClinicalReviewTask.objects.create(
            name=TASK_NAME, active=True, content_type=task_type
        )
    task.groups.add(clinicians)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CLINICIAN_PAGE_PERMISSIONS
    )
    for services_index in ServiceIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(
            page_id=services_index.pk, defaults={"workflow": workflow}
        )
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=clinicians, page_id=services_index.pk, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0004_clinical_review_task"),
        ("services", "0002_clinical_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
