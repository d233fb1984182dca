"""Start every site with the patient-language synonyms search needs; marketers edit them later."""

from django.db import migrations

SEED_GROUPS = [
    ("prp, platelet rich plasma, platelet-rich plasma", "The treatment's abbreviation and name."),
    (
        "hair loss, alopecia, androgenetic alopecia, thinning hair, hair thinning, thinning, "
        "balding, bald, pattern baldness, receding hairline",
        "Ways patients describe losing hair.",
    ),
    ("painful, pain, hurt, sore, discomfort, anesthetic, anaesthetic, numbing", "Does it hurt?"),
    ("injection, shot, needle", "How PRP is given."),
    ("sessions, treatments, visits", "How many times patients come in."),
    ("downtime, recovery, time off", "Getting back to normal life."),
    ("book, booking, appointment, consultation", "Making an appointment."),
    ("aftercare, after care, after treatment", "What to do afterwards."),
    ("side effects, risks, safe, safety", "What can go wrong."),
    ("results, effective, work", "Does it work?"),
    ("women, woman, female", "Hair loss in women."),
    ("men, man, male", "Hair loss in men."),
    (
        "contact, phone, call, telephone, email, address, directions, location",
        "Getting in touch.",
    ),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    if SynonymGroup.objects.exists():
        return
    SynonymGroup.objects.bulk_create(
        SynonymGroup(terms=terms, note=note) for terms, note in SEED_GROUPS
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
