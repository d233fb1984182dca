"""Let marketers (Editors) and Moderators keep the content the README gives them up to date.

FAQs (publish too: FAQs have no review workflow, the claims check runs on publishing), FAQ
categories, providers, the clinic details (phone, address, opening hours) and the consent
wording. Deleting consent wording stays with administrators: every consultation request
records the version its sender agreed to.
"""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("faqs", "faq", ["add", "change", "delete", "view", "publish"]),
    ("faqs", "faqcategory", ["add", "change", "delete", "view"]),
    ("clinic", "provider", ["add", "change", "delete", "view"]),
    ("clinic", "clinicsettings", ["change", "view"]),
    ("contact", "consentwording", ["add", "change", "view"]),
]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = []
    for app_label, model, actions in PERMISSIONS:
        content_type = ContentType.objects.get(app_label=app_label, model=model)
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name_raw
        for action in actions:
            # "publish" is Wagtail's own for draft-and-publish snippets, made after migrating
            # (with the same codename and name), so it may not exist yet.
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            wanted.append(permission)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0007_editors_manage_redirects"),
        ("faqs", "0004_faq_page_clinical_review"),
        ("contact", "0006_noindex"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
