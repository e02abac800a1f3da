"""Writes of the project pipeline: the stage machine (one table, one function, refusals that name what
is missing), approvals, monthly reports with revisions and history, and wage records."""
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.dates import date_reasons
from luoshi.core.numbers import NumberError, clean_year, gather, model_decimal
from luoshi.core.periods import Period, today, unreportable_reason
from luoshi.core.records import check_version, create_first, field_label, save_with_history
from luoshi.core.units import fmt
from luoshi.core.workflow import Machine, Refused, move
from luoshi.organisations import access
from luoshi.projects.facts import (  # noqa: F401
    FactsRefused,
    create_project,
    require_keeper,
    started_today_or_before,
    update_project,
)
from luoshi.projects.models import (
    ApprovalKind,
    ApprovalStatus,
    Milestone,
    MonthlyReport,
    Project,
    ProjectApproval,
    ProjectCategory,
    ProjectStep,
    Stage,
    WageRecord,
)

PREPARE, START, COMPLETE, USE, TERMINATE = "prepare", "start", "complete", "use", "terminate"
MACHINE = Machine(
    transitions={
        (Stage.RESERVE, PREPARE): Stage.READY, (Stage.READY, START): Stage.CONSTRUCTION,
        (Stage.CONSTRUCTION, COMPLETE): Stage.COMPLETED, (Stage.COMPLETED, USE): Stage.IN_USE,
        **{(s, TERMINATE): Stage.TERMINATED for s in (Stage.RESERVE, Stage.READY, Stage.CONSTRUCTION, Stage.COMPLETED)},
    },
    state_labels=dict(Stage.choices),
    action_labels={PREPARE: gettext_lazy("转入拟开工库"), START: gettext_lazy("开工，转入在建库"),
                   COMPLETE: gettext_lazy("竣工，转入竣工库"), USE: gettext_lazy("投用"),
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
    require_keeper(user, getattr(project_or_district, "organisation", project_or_district))


def missing_approvals(project) -> list[str]:
    return [a.kind.name for a in project.approvals.select_related("kind")
            if a.status == ApprovalStatus.PENDING]


def attach_approvals(project, entered: date) -> list[ProjectApproval]:
    """Entering 拟开工库: the configured approvals (立项, 用地, 规划, 环评, 施工许可 …) that the project does not
    have yet, each due its kind's number of days after `entered`."""
    have = set(project.approvals.values_list("kind_id", flat=True))
    return ProjectApproval.objects.bulk_create([
        ProjectApproval(project=project, kind=k, due_date=entered + timedelta(days=k.due_days))
        for k in ApprovalKind.objects.filter(is_active=True).exclude(pk__in=have)])


def _date_problems(project, action: str, when: date | None) -> list[str]:
    """No actual date in the future; completion not before the start, use not before completion."""
    if when is None:
        return []
    label = field_label(Project, DATE_FIELD[action])
    reasons = started_today_or_before(when, label)
    earlier = {COMPLETE: "actual_start", USE: "completed_on"}.get(action)
    before = getattr(project, earlier) if earlier else None
    if before and when < before:
        reasons.append(_("%(w)s%(d)s早于%(e)s%(b)s") % {
            "w": label, "d": when, "e": field_label(Project, earlier or ""), "b": before})
    return reasons


@transaction.atomic
def transition(user, project, action: str, *, when: date | None = None, text: str = "", expected_version=None):
    """One move between libraries; each checks its precondition and says exactly what is missing: the move
    to 在建库 waits for every approval attached on entering 拟开工库 to be 办结 or 免办."""
    _require_keeper(user, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_version(project, expected_version)  # someone moved it first: show them where it is now
    reasons = MACHINE.check(project.stage, action, text)
    if action == START and not reasons:
        missing = missing_approvals(project)
        if missing:
            reasons.append(_("前期手续未办结：%(m)s（办结或写明理由免办后才能开工转入在建库）")
                           % {"m": "、".join(missing)})
    if action in DATE_FIELD and when is None:
        reasons.append(_("“%(a)s”须填写%(f)s") % {"a": MACHINE.action_labels[action],
                                                  "f": field_label(Project, DATE_FIELD[action])})
    if action in DATE_FIELD:
        reasons += _date_problems(project, action, when)
    if reasons:
        raise Refused(reasons)
    if action in DATE_FIELD:
        setattr(project, DATE_FIELD[action], when)
    if action == TERMINATE:
        project.termination_reason = text.strip()[:200]
    move(project, ProjectStep, user, action, MACHINE.target(project.stage, action), text, field="stage",
         step_fields={"project": project}, reason=text.strip() or str(MACHINE.action_labels[action]))
    if action == PREPARE:
        attach_approvals(project, today())
    return project


@transaction.atomic
def settle_approval(user, approval, *, status: str, done_date: date | None = None, document: str = "",
                    waiver_reason: str = "", expected_version=None):
    """办理中, 办结 (the date, in 2000–2100 and not in the future, and the document), or 免办 (the reason);
    kept in history. Made from another version than the stored one (someone settled it first), it is
    refused with theirs (`ConflictError`), never overwritten."""
    _require_keeper(user, approval.project)
    approval = ProjectApproval.objects.select_for_update().select_related("kind", "project").get(pk=approval.pk)
    check_version(approval, expected_version)
    reasons = []
    if status not in ApprovalStatus.values:
        reasons.append(_("未知的手续状态"))
    if status == ApprovalStatus.DONE:
        if done_date is None:
            reasons.append(_("办结须填写办结日期"))
        if not document.strip():
            reasons.append(_("办结须填写批复文件(文号或文件名)"))
        reasons += started_today_or_before(done_date, _("办结日期"))
    if status == ApprovalStatus.WAIVED and not waiver_reason.strip():
        reasons.append(_("免办须写明理由"))
    if len(document.strip()) > 200 or len(waiver_reason.strip()) > 200:
        reasons.append(_("批复文件和免办理由不超过200字"))
    if reasons:
        raise Refused(reasons)
    if status != ApprovalStatus.DONE:
        done_date, document = None, ""
    if status != ApprovalStatus.WAIVED:
        waiver_reason = ""
    approval.status, approval.done_date = status, done_date
    approval.document, approval.waiver_reason = document.strip(), waiver_reason.strip()
    approval.version += 1
    return save_with_history(approval, user, waiver_reason.strip() or str(ApprovalStatus(status).label))


def report_numbers(year, month, month_investment, cumulative) -> tuple[list[tuple[str, NumberError]], tuple]:
    """The year, month and amounts of a monthly report read through the one validator of
    `luoshi.core.numbers` (finite, within the column, not negative): the (field name, refusal) problems
    and the values read (None where refused)."""
    found: list = []
    year = gather(found, clean_year, year, label=field_label(MonthlyReport, "year"))
    month = _month(found, month)
    month_amount = gather(found, model_decimal, MonthlyReport, "month_investment", month_investment)
    total = gather(found, model_decimal, MonthlyReport, "cumulative", cumulative)
    names = {field_label(MonthlyReport, f): f for f in ("year", "month_investment", "cumulative")}
    return [(names.get(str(p.field), "month"), p) for p in found], (year, month, month_amount, total)


def _month(found: list, month) -> int | None:
    """A month 1—12, or a refusal naming the field."""
    try:
        number = int(str(month).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or not 1 <= number <= 12:
        found.append(NumberError(str(_("月份")), _("应为1至12(收到%(v)s)") % {"v": str(month)[:20]}, "month"))
        return None
    return number


def report_problems(project, year: int, month: int, month_amount: Decimal, total: Decimal,
                    pending: dict[int, Decimal] | None = None) -> list[tuple[str, str]]:
    """What is wrong with a monthly report whose numbers `report_numbers` has read, as (field, reason):
    a future month, a cumulative below the month's own figure or below an earlier month's (cumulative
    values never fall). `pending` holds other months of the same project and year about to be saved with
    it (an Excel file), which count instead of the stored ones."""
    problems: list[tuple[str, str]] = []
    if not_yet := unreportable_reason(Period(year, month)):
        problems.append(("month", not_yet))
    if total < month_amount:
        problems.append(("cumulative", _("年内累计%(c)s亿元小于本月%(m)s亿元") % {"c": fmt(total),
                                                                                  "m": fmt(month_amount)}))
    earlier = dict(MonthlyReport.objects.counted().filter(project=project, year=year, month__lt=month)
                   .values_list("month", "cumulative"))
    earlier.update({m: c for m, c in (pending or {}).items() if m < month and c is not None})
    if earlier and total < earlier[max(earlier)]:
        problems.append(("cumulative", _("年内累计%(c)s亿元小于%(m)d月的%(p)s亿元，累计值不会减少") % {
            "c": fmt(total), "m": max(earlier), "p": fmt(earlier[max(earlier)])}))
    return problems


def can_report(user, project) -> bool:
    """The district's data staff, or the project's responsible unit (`projects.report`)."""
    return access.may(user, "projects.report", project)


def can_keep(user, project) -> bool:
    """Who moves the project between libraries and settles its approvals: the district's planning staff."""
    return access.may(user, "projects.keep", project.organisation)


@transaction.atomic
def record_report(user, project, *, year: int, month: int, month_investment, cumulative, note: str = "",
                  reason: str = "", expected_version=None) -> MonthlyReport:
    """The responsible unit's monthly report; a revision needs a reason; cumulative never falls."""
    access.require(user, "projects.report", project)
    refusals, (year, month, month_amount, total) = report_numbers(year, month, month_investment, cumulative)
    problems = [(name, p.message) for name, p in refusals]
    if not problems:
        problems = report_problems(project, year, month, month_amount, total)
    if problems:
        raise Refused.by_field(problems)
    report = MonthlyReport.objects.counted().select_for_update().filter(project=project, year=year, month=month).first()
    if report is None:
        return create_first(MonthlyReport(project=project, year=year, month=month, note=note,
                                          month_investment=month_amount, cumulative=total),
                            user, reason or _("首次填报"), among=MonthlyReport.objects.counted(),
                            project=project, year=year, month=month)
    if (report.month_investment, report.cumulative) == (month_amount, total) and report.note == note:
        return report  # the same again (a retry, or two people agreeing): nothing to overwrite
    check_version(report, expected_version)
    if not reason.strip():
        raise Refused([_("%(y)d年%(m)d月已填报（本月%(a)s亿元，累计%(c)s亿元），重新提交须填写修订原因") % {
            "y": year, "m": month, "a": fmt(report.month_investment), "c": fmt(report.cumulative)}])
    report.month_investment, report.cumulative, report.note = month_amount, total, note
    report.version += 1
    return save_with_history(report, user, reason.strip())


@transaction.atomic
def record_wages(user, project, *, year, month, payroll_due, paid, workers,
                 reason: str = "", expected_version=None) -> WageRecord:
    """One month's migrant-worker payroll of a project (万元); a correction needs a reason and keeps the old
    figures; one made from an older version (0: made when the month had none) is refused with the newer."""
    if not can_report(user, project):
        raise PermissionDenied(_("无权填报%(p)s的工资发放") % {"p": project})
    found: list = []
    year = gather(found, clean_year, year, label=field_label(WageRecord, "year"))
    month = _month(found, month)
    due = gather(found, model_decimal, WageRecord, "payroll_due", payroll_due)
    got = gather(found, model_decimal, WageRecord, "paid", paid)
    people = gather(found, model_decimal, WageRecord, "workers", workers)
    if found:
        names = {field_label(WageRecord, f): f for f in ("year", "payroll_due", "paid", "workers")}
        raise Refused([p.message for p in found], [names.get(str(p.field), "month") for p in found])
    people = int(people)
    if not_yet := unreportable_reason(Period(year, month)):
        raise Refused([not_yet], ["month"])
    record = WageRecord.objects.counted().select_for_update().filter(project=project, year=year, month=month).first()
    if record is None:
        return create_first(WageRecord(project=project, year=year, month=month, payroll_due=due, paid=got,
                                       workers=people), user, reason.strip() or _("首次填报"),
                            among=WageRecord.objects.counted(), project=project, year=year, month=month)
    if (record.payroll_due, record.paid, record.workers) == (due, got, people):
        return record  # the same again: nothing to overwrite
    check_version(record, expected_version)
    if not reason.strip():
        raise Refused([_("%(y)d年%(m)d月工资已填报（应发%(d)s万元，实发%(p)s万元），修改须填写原因") % {
            "y": year, "m": month, "d": fmt(record.payroll_due), "p": fmt(record.paid)}])
    record.payroll_due, record.paid, record.workers = due, got, people
    record.version += 1
    return save_with_history(record, user, reason.strip())


@transaction.atomic
def withdraw(user, record, reason: str, *, expected_version=None):
    """作废 a wrong monthly report or wage record: it stays in the database and in history with who, when
    and why, and stops counting at once (every read takes `counted()` ones); the month may be reported anew."""
    if not can_report(user, record.project):
        raise PermissionDenied(_("无权作废%(p)s的填报") % {"p": record.project})
    record = type(record).objects.select_for_update().select_related("project").get(pk=record.pk)
    check_version(record, expected_version)
    reasons = []
    if record.withdrawn_at is not None:
        reasons.append(_("该记录已于%(d)s作废(%(r)s)") % {"d": timezone.localtime(record.withdrawn_at).strftime(
            "%Y-%m-%d %H:%M"), "r": record.withdrawal_reason})
    if not (reason or "").strip():
        reasons.append(_("作废须填写原因"))
    if reasons:
        raise Refused(reasons)
    record.withdrawn_at, record.withdrawn_by, record.withdrawal_reason = timezone.now(), user, reason.strip()
    record.version += 1
    return save_with_history(record, user, _("作废：%(r)s") % {"r": reason.strip()})


@transaction.atomic
def add_milestone(user, project, *, title: str, due_date: date, source: str = "") -> Milestone:
    """A dated milestone of the project ("3月底前实质性开工"): late and not reached, it raises an alert."""
    _require_keeper(user, project)
    reasons = []
    if not (title or "").strip():
        reasons.append(_("节点目标须写明内容"))
    elif len(title.strip()) > 200:
        reasons.append(_("节点目标不超过200字"))
    reasons += date_reasons(due_date, _("计划完成"))
    if reasons:
        raise Refused(reasons)
    return save_with_history(Milestone(project=project, title=title.strip(), due_date=due_date, source=source), user,
                             _("新增节点目标"))


@transaction.atomic
def reach_milestone(user, milestone, *, reached_on: date) -> Milestone:
    """The day a milestone was reached (not in the future); its alert stops. Reached once, it stays: a
    second marking (someone else's a moment later, or a retry) is refused with the day already recorded."""
    _require_keeper(user, milestone.project)
    reasons = started_today_or_before(reached_on, _("实际完成"))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.reached_on is not None:
        reasons.append(_("该节点目标已于%(d)s标记完成") % {"d": milestone.reached_on.isoformat()})
    if reasons:
        raise Refused(reasons)
    milestone.reached_on = reached_on
    return save_with_history(milestone, user, _("节点目标完成"))


def _leader_named(district, name: str):
    """The district leader an investment record names (its 分包领导 is a name), if exactly one matches."""
    from luoshi.projects.facts import Lookups

    matches = Lookups.of(district).names["leader"].get((name or "").strip(), [])
    return matches[0] if len(matches) == 1 else None


def project_from_investment(user, investment) -> Project:
    """The hand-over from the investment ledger: a signed project that starts enters the pipeline's
    在建库 with its facts — responsible unit, 分包 leader and year plan kept — so nothing is typed twice.
    Returns the project."""
    from luoshi.organisations.access import district_units
    from luoshi.projects.facts import next_code

    ensure_lists()
    district = investment.organisation
    category = ProjectCategory.objects.get(name="产业转型")
    unit = investment.responsible_unit
    year = investment.start_date.year
    project = Project(organisation=district, code=next_code(district, year), name=investment.name,
                      category=category, total_investment=investment.amount or Decimal(0), plan_year=year,
                      year_plan=investment.year_plan or Decimal(0),
                      responsible_unit=unit if unit and district_units(district).filter(pk=unit.pk).exists() else None,
                      leader=_leader_named(district, investment.leader), actual_start=investment.start_date,
                      stage=Stage.CONSTRUCTION, source=_("招商项目%(n)d转入") % {"n": investment.pk},
                      is_synthetic=investment.is_synthetic)
    save_with_history(project, user, _("招商项目开工转入"))
    ProjectStep.objects.create(project=project, actor=user, action="from_investment", to_state=Stage.CONSTRUCTION,
                               text=investment.name)
    return project


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
