"""The "Front desk" group (reads consultation requests) and the first consent wording."""

from django.db import migrations

FIRST_CONSENT_WORDING = (
    "I agree that the clinic may store the details I have sent and contact me about my "
    "enquiry. I can ask for them to be deleted at any time."
)


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    front_desk, _ = Group.objects.get_or_create(name="Front desk")
    front_desk.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(
            content_type__app_label="contact", codename="view_consultationrequest"
        ),
    )

    ConsentWording = apps.get_model("contact", "ConsentWording")
    if not ConsentWording.objects.exists():
        ConsentWording.objects.create(text=FIRST_CONSENT_WORDING)


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0002_consultation_form"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
