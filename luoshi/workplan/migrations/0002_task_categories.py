from django.db import migrations

CATEGORIES = ["重点工作", "民生实事", "督察整改", "问题楼盘化解", "上级交办", "会议议定事项"]


def seed(apps, schema_editor):
    TaskCategory = apps.get_model("workplan", "TaskCategory")
    for order, name in enumerate(CATEGORIES, start=1):
        TaskCategory.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("workplan", "0001_work_plan")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
