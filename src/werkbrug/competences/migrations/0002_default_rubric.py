from django.db import migrations

LEVELS = [
    (1, "Nog niet", "Not yet",
     "Toont de competentie nog niet, ook niet met hulp.",
     "Does not show the competence yet, not even with help."),
    (2, "Met veel hulp", "With a lot of help",
     "Doet de taak met stap-voor-stap uitleg en iemand die meekijkt.",
     "Does the task with step-by-step instructions and someone watching."),
    (3, "Met wat hulp", "With some help",
     "Doet de taak grotendeels zelf; vraagt hulp bij iets nieuws.",
     "Does most of the task alone; asks for help with something new."),
    (4, "Zelfstandig", "Independently",
     "Doet de taak zelfstandig en goed, ook als er iets onverwachts gebeurt.",
     "Does the task alone and well, also when something unexpected happens."),
]


def create_default_rubric(apps, schema_editor):
    Rubric = apps.get_model("competences", "Rubric")
    RubricLevel = apps.get_model("competences", "RubricLevel")
    if Rubric.objects.filter(is_default=True).exists():
        return
    rubric = Rubric.objects.create(name="Werkbrug 4 niveaus", is_default=True)
    RubricLevel.objects.bulk_create(
        RubricLevel(rubric=rubric, number=n, label_nl=lnl, label_en=len_, descriptor_nl=dnl, descriptor_en=den)
        for n, lnl, len_, dnl, den in LEVELS
    )


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial")]
    operations = [migrations.RunPython(create_default_rubric, migrations.RunPython.noop)]
