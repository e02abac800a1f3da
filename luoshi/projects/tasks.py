"""Background tasks of the major projects: a large monthly-report upload checked and saved by the worker."""
import io

from django_tasks import task

from luoshi.core import jobs


@task()
def import_reports_upload(job_id: str) -> None:
    from luoshi.projects.excel import import_reports

    with jobs.running(job_id) as job:
        result = import_reports(job.job.user, io.BytesIO(job.input_data), progress=job.progress)
        jobs.finish_import(job, result, "projects/_upload_result.html")


@task()
def remind_unreported_reports() -> dict:
    """催报: the responsible unit (or, without one, the district) of every project under construction
    with no report for last month is reminded once, naming the projects and the deadline."""
    from django.utils.translation import gettext as _

    from luoshi.core.prose import names_text
    from luoshi.notifications import selectors as notices
    from luoshi.notifications.services import chase_once, link_to
    from luoshi.organisations.tuning import setting
    from luoshi.projects.models import Project, Stage

    period = notices.reminder_month()
    missing: dict = {}
    unreported = (Project.objects.filter(stage=Stage.CONSTRUCTION)
                  .exclude(reports__year=period.year, reports__month=period.month)
                  .select_related("organisation", "responsible_unit").order_by("code"))
    for project in unreported:
        missing.setdefault(project.responsible_unit or project.organisation, []).append(project.name)
    sent = 0
    for organisation, names in missing.items():
        if not notices.is_reminder_day(organisation):
            continue
        deadline = int(setting("PROJECT_REPORT_DEADLINE_DAY", organisation))
        text = _("催报：%(o)s负责的%(c)d个重点项目尚未报送%(m)d月进度（%(n)s），请于每月%(d)d日前报送") % {
            "o": organisation.short_name or organisation.name, "c": len(names), "m": period.month,
            "n": names_text(names), "d": deadline}
        sent += chase_once("project_reports", organisation, period, text, link_to("projects:upload"))
    return {"reminded": sent}
