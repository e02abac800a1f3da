"""The project a started lead became is a foreign key (it was a bare integer `pipeline_project_id`).

The column keeps its name and its values: leads whose number points at no project lose the dangling number,
and started leads that were handed over without the number (before the pipeline registered its hand-over)
are linked to the project that names them as its source ("招商项目N转入" / "From investment project N")."""
import django.db.models.deletion
from django.db import migrations, models


def link_projects(apps, schema_editor):
    Lead = apps.get_model("investment", "InvestmentProject")
    Project = apps.get_model("projects", "Project")
    existing = set(Project.objects.values_list("pk", flat=True))
    for lead in Lead.objects.exclude(pipeline_project_id=None):
        if lead.pipeline_project_id not in existing:
            Lead.objects.filter(pk=lead.pk).update(pipeline_project_id=None)
    for lead in Lead.objects.filter(pipeline_project_id=None, state__in=["started", "producing"]):
        project = Project.objects.filter(source__in=[f"招商项目{lead.pk}转入", f"From investment project {lead.pk}"],
                                         organisation_id=lead.organisation_id).order_by("pk").first()
        if project is not None:
            Lead.objects.filter(pk=lead.pk).update(pipeline_project_id=project.pk)


class Migration(migrations.Migration):

    dependencies = [
        ('investment', '0004_target_sector_version'),
        ('projects', '0004_merge_20261202_0741'),
    ]

    operations = [
        migrations.RunPython(link_projects, migrations.RunPython.noop),
        migrations.RenameField(model_name='investmentproject', old_name='pipeline_project_id',
                               new_name='pipeline_project'),
        migrations.RenameField(model_name='historicalinvestmentproject', old_name='pipeline_project_id',
                               new_name='pipeline_project'),
        migrations.AlterField(
            model_name='historicalinvestmentproject',
            name='pipeline_project',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='开工后转入重点项目库的项目', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='projects.project', verbose_name='重点项目库编号'),
        ),
        migrations.AlterField(
            model_name='investmentproject',
            name='pipeline_project',
            field=models.ForeignKey(blank=True, help_text='开工后转入重点项目库的项目', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='investment_leads', to='projects.project', verbose_name='重点项目库编号'),
        ),
    ]
