"""Writes of the project pipeline: the stage machine (one table, one function, refusals that name what
is missing), approvals, monthly reports with revisions and history, and wage records."""
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.periods import Period
from luoshi.core.records import check_version, create_first, save_with_history
from luoshi.core.units import fmt
from luoshi.core.workflow import Machine, Refused
from luoshi.organisations.access import can_edit_targets, can_report_actuals
from luoshi.projects.models import (ApprovalKind, ApprovalStatus, MonthlyReport, Project, ProjectApproval,
                                    ProjectCategory, ProjectStep, Stage, WageRecord)

PREPARE, START, COMPLETE, USE, TERMINATE = "prepare", "start", "complete", "use", "terminate"
MACHINE = Machine(
    transitions={
        (Stage.RESERVE, PREPARE): Stage.READY, (Stage.READY, START): Stage.CONSTRUCTION,
        (Stage.CONSTRUCTION, COMPLETE): Stage.COMPLETED, (Stage.COMPLETED, USE): Stage.IN_USE,
        **{(s, TERMINATE): Stage.TERMINATED for s in (Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.COMPLETED)},
    },
    state_labels=dict(Stage.choices),
    action_labels={PREPARE: gettext_lazy("转入拟开工库"), START: gettext_lazy("开工,转入在建库"),
                   COMPLETE: gettext_lazy("竣工,转入竣工库"), USE: gettext_lazy("投用"),
                   TERMINATE: gettext_lazy("终止")},
    text_required=frozenset({TERMINATE}),
)
DATE_FIELD = {START: "actual_start", COMPLETE: "completed_on", USE: "in_use_on"}
DEFAULT_CATEGORIES = ["基础设施", "产业转型", "绿色低碳", "民生和社会事业", "城市更新", "棚户区改造"]
DEFAULT_APPROVALS = ["立项", "用地", "规划", "环评", "施工许可"]


def ensure_lists():
    """The default categories and approval kinds (admins may add or disable)."""
    for order, name in enumerate(DEFAULT_CATEGORIES, start=1):
        ProjectCategory.objects.get_or_create(name=name, defaults={"order": order * 10})
    for order, name in enumerate(DEFAULT_APPROVALS, start=1):
        ApprovalKind.objects.get_or_create(name=name, defaults={"order": order * 10})


def _require_keeper(user, project_or_district):
    district = getattr(project_or_district, "organisation", project_or_district)
    if not can_edit_targets(user, district):
        raise PermissionDenied(_("无权维护%(o)s的重点项目") % {"o": district})


@transaction.atomic
def create_project(user, *, organisation, code: str, name: str, category, total_investment, plan_year: int,
                   year_plan, **fields) -> Project:
    """A new project in the reserve (储备库), with one pending approval per active approval kind."""
    _require_keeper(user, organisation)
    reasons = []
    if Decimal(str(total_investment)) < 0 or Decimal(str(year_plan)) < 0:
        reasons.append(_("投资额不能为负数"))
    if Decimal(str(year_plan)) > Decimal(str(total_investment)):
        reasons.append(_("年度计划投资%(p)s亿元超过总投资%(t)s亿元") % {"p": fmt(Decimal(str(year_plan))),
                                                                   "t": fmt(Decimal(str(total_investment)))})
    if Project.objects.filter(code=code).exists():
        reasons.append(_("项目编号“%(c)s”已存在") % {"c": code})
    if reasons:
        raise Refused(reasons)
    project = Project(organisation=organisation, code=code, name=name, category=category,
                      total_investment=total_investment, plan_year=plan_year, year_plan=year_plan, **fields)
    save_with_history(project, user, _("纳入储备库"))
    ProjectApproval.objects.bulk_create([ProjectApproval(project=project, kind=k)
                                         for k in ApprovalKind.objects.filter(is_active=True)])
    ProjectStep.objects.create(project=project, actor=user, action="create", to_state=Stage.RESERVE)
    return project


def missing_approvals(project) -> list[str]:
    return [a.kind.name for a in project.approvals.select_related("kind")
            if a.status == ApprovalStatus.PENDING]


@transaction.atomic
def transition(user, project, action: str, *, when: date | None = None, text: str = "", expected_version=None):
    """One move between libraries; each checks its precondition and says exactly what is missing."""
    _require_keeper(user, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_version(project, expected_version)  # someone moved it first: show them where it is now
    reasons = MACHINE.check(project.stage, action, text)
    if action == PREPARE and not reasons:
        missing = missing_approvals(project)
        if missing:
            reasons.append(_("前期手续未办结:%(m)s(办结或写明理由免办后才能转入拟开工库)") % {"m": "、".join(missing)})
    if action in DATE_FIELD and when is None:
        reasons.append(_("“%(a)s”须填写%(f)s") % {"a": MACHINE.action_labels[action],
                                                  "f": Project._meta.get_field(DATE_FIELD[action]).verbose_name})
    if reasons:
        raise Refused(reasons)
    if action in DATE_FIELD:
        setattr(project, DATE_FIELD[action], when)
    if action == TERMINATE:
        project.termination_reason = text.strip()[:200]
    from_stage, project.stage = project.stage, MACHINE.target(project.stage, action)
    project.version += 1
    save_with_history(project, user, text.strip() or str(MACHINE.action_labels[action]))
    ProjectStep.objects.create(project=project, actor=user, action=action, from_state=from_stage,
                               to_state=project.stage, text=text.strip())
    return project


@transaction.atomic
def settle_approval(user, approval, *, status: str, done_date: date | None = None, waiver_reason: str = ""):
    _require_keeper(user, approval.project)
    reasons = []
    if status == ApprovalStatus.DONE and done_date is None:
        reasons.append(_("办结须填写办结日期"))
    if status == ApprovalStatus.WAIVED and not waiver_reason.strip():
        reasons.append(_("免办须写明理由"))
    if status not in ApprovalStatus.values:
        reasons.append(_("未知的手续状态"))
    if reasons:
        raise Refused(reasons)
    approval.status, approval.done_date, approval.waiver_reason = status, done_date, waiver_reason.strip()
    return save_with_history(approval, user, waiver_reason or _("手续办结"))


def report_problems(project, year: int, month: int, month_amount: Decimal, total: Decimal,
                    pending: dict[int, Decimal] | None = None) -> list[tuple[str, str]]:
    """What is wrong with a monthly report, as (field, reason): the month, negative amounts, a cumulative
    below the month's own figure or below an earlier month's (cumulative values never fall). `pending`
    holds other months of the same project and year about to be saved with it (an Excel file), which
    count instead of the stored ones."""
    problems = []
    if not 1 <= int(month) <= 12:
        problems.append(("month", _("月份应为1至12")))
    elif Period(year, month).is_future():
        problems.append(("month", _("%(y)d年%(m)d月尚未到来,不能填报") % {"y": year, "m": month}))
    if month_amount < 0:
        problems.append(("month_investment", _("投资额不能为负数")))
    if total < 0:
        problems.append(("cumulative", _("投资额不能为负数")))
    if total < month_amount:
        problems.append(("cumulative", _("年内累计%(c)s亿元小于本月%(m)s亿元") % {"c": fmt(total), "m": fmt(month_amount)}))
    earlier = dict(MonthlyReport.objects.filter(project=project, year=year, month__lt=month)
                   .values_list("month", "cumulative"))
    earlier.update({m: c for m, c in (pending or {}).items() if m < month and c is not None})
    if earlier and total < earlier[max(earlier)]:
        problems.append(("cumulative", _("年内累计%(c)s亿元小于%(m)d月的%(p)s亿元,累计值不会减少") % {
            "c": fmt(total), "m": max(earlier), "p": fmt(earlier[max(earlier)])}))
    return problems


def can_report(user, project) -> bool:
    """The district's data staff, or the project's responsible unit."""
    unit = project.responsible_unit
    return can_edit_targets(user, project.organisation) or (unit is not None and can_report_actuals(user, unit))


def can_keep(user, project) -> bool:
    """Who moves the project between libraries and settles its approvals: the district's planning staff."""
    return can_edit_targets(user, project.organisation)


@transaction.atomic
def record_report(user, project, *, year: int, month: int, month_investment, cumulative, note: str = "",
                  reason: str = "", expected_version=None) -> MonthlyReport:
    """The responsible unit's monthly report; a revision needs a reason; cumulative never falls."""
    if not can_report(user, project):
        raise PermissionDenied(_("无权填报%(p)s的进度") % {"p": project})
    try:
        month_amount, total = Decimal(str(month_investment)), Decimal(str(cumulative))
    except ArithmeticError:
        raise Refused([_("投资额必须是数字")])
    problems = report_problems(project, year, month, month_amount, total)
    if problems:
        raise Refused([message for _field, message in problems])
    report = MonthlyReport.objects.select_for_update().filter(project=project, year=year, month=month).first()
    if report is None:
        return create_first(MonthlyReport(project=project, year=year, month=month, note=note,
                                          month_investment=month_amount, cumulative=total),
                            user, reason or _("首次填报"), project=project, year=year, month=month)
    if (report.month_investment, report.cumulative) == (month_amount, total) and report.note == note:
        return report  # the same again (a retry, or two people agreeing): nothing to overwrite
    check_version(report, expected_version)
    if not reason.strip():
        raise Refused([_("%(y)d年%(m)d月已填报(本月%(a)s亿元,累计%(c)s亿元),重新提交须填写修订原因") % {
            "y": year, "m": month, "a": fmt(report.month_investment), "c": fmt(report.cumulative)}])
    report.month_investment, report.cumulative, report.note = month_amount, total, note
    report.version += 1
    return save_with_history(report, user, reason.strip())


@transaction.atomic
def record_wages(user, project, *, year: int, month: int, payroll_due, paid, workers: int,
                 reason: str = "", expected_version=None) -> WageRecord:
    """One month's migrant-worker payroll of a project (万元); a correction needs a reason and keeps the old
    figures; one made from an older version (0: made when the month had none) is refused with the newer."""
    if not can_report(user, project):
        raise PermissionDenied(_("无权填报%(p)s的工资发放") % {"p": project})
    try:
        due, got, people = Decimal(str(payroll_due)), Decimal(str(paid)), int(workers)
    except (ArithmeticError, ValueError):
        raise Refused([_("应发、实发工资须为数字,务工人数须为整数")])
    reasons = []
    if due < 0 or got < 0 or people < 0:
        reasons.append(_("工资和人数不能为负数"))
    if not 1 <= int(month) <= 12:
        reasons.append(_("月份应为1至12"))
    elif Period(year, month).is_future():
        reasons.append(_("%(y)d年%(m)d月尚未到来,不能填报") % {"y": year, "m": month})
    if reasons:
        raise Refused(reasons)
    record = WageRecord.objects.select_for_update().filter(project=project, year=year, month=month).first()
    if record is None:
        return create_first(WageRecord(project=project, year=year, month=month, payroll_due=due, paid=got,
                                       workers=people), user, reason.strip() or _("首次填报"),
                            project=project, year=year, month=month)
    if (record.payroll_due, record.paid, record.workers) == (due, got, people):
        return record  # the same again: nothing to overwrite
    check_version(record, expected_version)
    if not reason.strip():
        raise Refused([_("%(y)d年%(m)d月工资已填报(应发%(d)s万元,实发%(p)s万元),修改须填写原因") % {
            "y": year, "m": month, "d": fmt(record.payroll_due), "p": fmt(record.paid)}])
    record.payroll_due, record.paid, record.workers = due, got, people
    record.version += 1
    return save_with_history(record, user, reason.strip())


def project_from_investment(user, investment) -> int:
    """The hand-over from the investment ledger: a signed project that starts enters the pipeline's
    在建库 with its facts, so nothing is typed twice. Returns the project's id."""
    ensure_lists()
    category = ProjectCategory.objects.get(name="产业转型")
    project = Project(organisation=investment.organisation, code=f"ZS-{investment.pk}", name=investment.name,
                      category=category, total_investment=investment.amount or Decimal(0),
                      plan_year=investment.start_date.year, year_plan=Decimal(0), actual_start=investment.start_date,
                      stage=Stage.CONSTRUCTION, source=_("招商项目%(n)d转入") % {"n": investment.pk},
                      is_synthetic=investment.is_synthetic)
    save_with_history(project, user, _("招商项目开工转入"))
    ProjectStep.objects.create(project=project, actor=user, action="from_investment", to_state=Stage.CONSTRUCTION,
                               text=investment.name)
    return project.pk


def project_from_finding(user, finding, reason: str):
    """A project read from a report ("总投资90.84亿元的古荥城市更新") enters the reserve (储备库) with its
    total investment and the report span as source; it is refused if the reader cannot keep projects."""
    from luoshi.core.units import convert

    ensure_lists()
    district = finding.organisation or finding.document.organisation
    if finding.unit != "亿元" and convert(finding.value, finding.unit, "亿元") is None:
        raise Refused([_("项目投资额的单位“%(u)s”不是金额") % {"u": finding.unit}])
    total = convert(finding.value, finding.unit, "亿元")
    name = (finding.indicator_phrase or finding.text)[:200]
    existing = Project.objects.filter(organisation=district, name=name).first()
    if existing is not None:
        return existing  # read again from another report: the same project, not a second one
    year = finding.year or (finding.document.date.year if finding.document.date else None)
    return create_project(user, organisation=district, code=f"BG-{finding.document_id}-{finding.pk}", name=name,
                          category=ProjectCategory.objects.get(name="产业转型" if "产业" in name else "城市更新"
                                                               if "更新" in name else "基础设施"),
                          total_investment=total, plan_year=year or Period.current().year, year_plan=Decimal(0),
                          source=finding.source_label())
