"""Background tasks of the dashboard: the briefing's Word and PDF files, with progress on the page."""
from django.utils.translation import gettext as _
from django_tasks import task

from luoshi.core import jobs
from luoshi.core.periods import Period
from luoshi.dashboard import files
from luoshi.dashboard.render import RenderUnavailable
from luoshi.dashboard.selectors import briefing_view
from luoshi.organisations.models import Organisation


@task()
def make_briefing_file(job_id: str, org_id: int, year: int | None, month: int | None, fmt: str) -> None:
    """The scope is checked again here, as the user who asked for the file stands now."""
    with jobs.running(job_id) as job:
        org = Organisation.objects.for_user(job.job.user).filter(pk=org_id).first()
        if org is None:
            job.fail(_("无权查看该单位的简报"))
            return
        job.progress(1, 3, _("正在汇总数据…"))
        context = {"org": org, **briefing_view(org, Period(year, month) if year else None, job.job.user)}
        job.progress(2, 3, _("正在生成PDF…") if fmt == "pdf" else _("正在生成Word…"))
        try:
            data = files.MAKERS[fmt](context)
        except RenderUnavailable as exc:
            job.fail(_("无法生成PDF：%(e)s。请下载Word版本。") % {"e": exc})
            return
        job.succeed(_("简报已生成"), file=data, file_name=files.filename(context, fmt),
                    content_type=files.CONTENT_TYPES[fmt])


@task()
def freeze_briefing(job_id: str, issue_id: int) -> None:
    """The issued briefing's Word and PDF, made from its snapshot (the text approved) and stored for good;
    a file already stored is not made again, so a retry makes only what failed."""
    from luoshi.dashboard import issuing
    from luoshi.dashboard.models import BriefingIssue

    with jobs.running(job_id) as job:
        issue = BriefingIssue.objects.select_related("organisation").get(pk=issue_id)
        context = issuing.issue_context(issue, job.job.user)
        missing = []
        for kind in issuing.KINDS:
            if getattr(issue, f"{kind}_sha256"):
                continue
            try:
                issuing.freeze(issue, kind, files.MAKERS[kind](context))
            except RenderUnavailable as exc:
                missing.append(str(exc))
        if missing:
            job.fail(_("简报已印发，但PDF未能生成：%(e)s") % {"e": "；".join(missing)})
            return
        job.succeed(_("简报已印发，Word和PDF已存档"))
