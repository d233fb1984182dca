# Clinical governance moved to its own app (review/). Its tables are renamed here, while the
# models are still this app's; review/0001 then takes them over without touching the database,
# and clinic/0010 lets go of them (and moves their content types, so permissions and the
# workflow's task follow).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0008_editors_edit_clinic_content"),
    ]

    operations = [
        migrations.AlterModelTable(name="claimschecksettings", table="review_claimschecksettings"),
        migrations.AlterModelTable(name="clinicalreviewtask", table="review_clinicalreviewtask"),
        migrations.AlterModelTable(name="pagereference", table="review_pagereference"),
    ]
