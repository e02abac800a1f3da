from django.db import migrations


def seed(apps, schema_editor):
    from luoshi.core.workdays import seed_from_library

    seed_from_library(apps.get_model("core", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_holiday_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
