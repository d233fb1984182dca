# The clinical governance models, taken over from the clinic app: their tables already exist
# (renamed by clinic/0009), so this only records them in this app's state.

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("clinic", "0009_clinical_review_tables_to_review_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ClaimsCheckSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "banned_phrases",
                            models.TextField(
                                blank=True,
                                default="guaranteed\npermanent results\ncure\n100%\nno side effects\npainless",
                                help_text="One word or phrase per line. Medical pages (service pages and pages ticked as medical content) can't be published or submitted for review while their copy uses one. Whole words, upper or lower case alike: 'cure' also catches 'Cure' but not 'cured' or 'secure' (add those forms as lines of their own if needed). An honest denial such as 'not a cure' is allowed.",
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "claims check",
                    },
                ),
                migrations.CreateModel(
                    name="ClinicalReviewTask",
                    fields=[
                        (
                            "task_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.task",
                            ),
                        ),
                        (
                            "groups",
                            models.ManyToManyField(
                                help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users",
                                to="auth.group",
                                verbose_name="groups",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "clinical review task",
                        "verbose_name_plural": "clinical review tasks",
                    },
                    bases=("wagtailcore.task",),
                ),
                migrations.CreateModel(
                    name="PageReference",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "sort_order",
                            models.IntegerField(blank=True, editable=False, null=True),
                        ),
                        (
                            "title",
                            models.CharField(
                                help_text="The title of the study, guideline or article, as published.",
                                max_length=300,
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                blank=True,
                                help_text="Who published it and when, e.g. 'American Academy of Dermatology, 2024' or 'Journal of Cosmetic Dermatology, 2023'.",
                                max_length=200,
                            ),
                        ),
                        (
                            "url",
                            models.URLField(
                                blank=True,
                                help_text="A link to it, ideally a DOI or the publisher's page. Leave empty if none.",
                                max_length=500,
                                verbose_name="link",
                            ),
                        ),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="references",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "source",
                        "verbose_name_plural": "sources",
                        "ordering": ["sort_order"],
                        "permissions": [
                            ("view_clinical_reviews_due", "Can see the clinical reviews due report")
                        ],
                        "abstract": False,
                    },
                ),
            ],
        ),
    ]
