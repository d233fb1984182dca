"""Let the Editors group (marketers) manage redirects, so renamed pages keep their old links."""

from django.db import migrations

ACTIONS = ["add", "change", "delete"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailredirects",
            codename__in=[f"{action}_redirect" for action in ACTIONS],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0006_share_image_setting"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
