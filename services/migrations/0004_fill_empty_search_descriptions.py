"""Service pages now require a meta description (search_description). Pages and revisions
saved before that rule existed may have none, and publishing them later (a workflow approval,
a scheduled revision, bulk publish) would fail validation. Fill the gap with the page's summary,
which says the same thing in one or two sentences; editors can refine it afterwards."""

from django.db import migrations


def fill_from_summary(apps, schema_editor):
    ServicePage = apps.get_model("services", "ServicePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for page in ServicePage.objects.filter(search_description=""):
        page.search_description = page.summary
        page.save(update_fields=["search_description"])

    content_type = ContentType.objects.filter(app_label="services", model="servicepage").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type)
    for revision in revisions.iterator():
        content = revision.content
        if not content.get("search_description") and content.get("summary"):
            content["search_description"] = content["summary"]
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0003_noindex_and_preparation"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(fill_from_summary, migrations.RunPython.noop)]
