"""Background tasks of the indicator ledger: a large Excel upload checked and saved by the worker."""
import io

from django_tasks import task

from luoshi.core import jobs


@task()
def import_ledger_upload(job_id: str) -> None:
    from luoshi.indicators.excel import import_workbook

    with jobs.running(job_id) as job:
        result = import_workbook(job.job.user, io.BytesIO(job.input_data), progress=job.progress)
        jobs.finish_import(job, result, "indicators/_upload_result.html")


@task()
def remind_unreported_actuals() -> dict:
    """催报: every organisation with a target for an indicator this year and no actual for last month
    (quarterly indicators: only after a quarter) is reminded once, naming the indicators missing."""
    from django.utils.translation import gettext as _

    from luoshi.core.prose import names_text
    from luoshi.indicators.models import Actual, Target
    from luoshi.notifications import selectors as notices
    from luoshi.notifications.services import chase_once, link_to

    period = notices.reminder_month()
    expected = (Target.objects.filter(year=period.year).select_related("organisation", "indicator")
                .order_by("organisation_id", "indicator__code"))
    reported = set(Actual.objects.filter(year=period.year, month=period.month)
                   .values_list("organisation_id", "indicator_id"))
    missing: dict = {}
    for target in expected:
        if target.indicator.quarterly and not period.is_quarter_end:
            continue
        if (target.organisation_id, target.indicator_id) not in reported:
            missing.setdefault(target.organisation, []).append(target.indicator.name)
    sent = 0
    for organisation, names in missing.items():
        if not notices.is_reminder_day(organisation):
            continue
        text = _("催报：%(o)s尚未报送%(y)d年%(m)d月实绩（%(n)s），请尽快填报") % {
            "o": organisation.short_name or organisation.name, "y": period.year, "m": period.month,
            "n": names_text(names)}
        sent += chase_once("actuals", organisation, period, text, link_to("indicators:upload"))
    return {"reminded": sent}
