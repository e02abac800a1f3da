"""Writes of 企业宁静日: filing planned visits, the discipline commission's approval, completion, and
reports of unannounced visits.

The rule itself is one pure function, `quiet_day_verdict(category, in_window, approved)`, used by filing
(does the visit need approval?) and by completion (may it be marked done?), so the table test of the rule
tests what the services do. The moves are the one table `TRANSITIONS`.
"""
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.dates import date_reasons
from luoshi.core.periods import today
from luoshi.core.records import save_with_history
from luoshi.core.workflow import Machine, Refused, move
from luoshi.inspections.models import (
    EXEMPT_CATEGORIES,
    PlannedVisit,
    QuietWindow,
    UnannouncedVisitReport,
    VisitCategory,
    VisitState,
    VisitStep,
    VisitType,
)
from luoshi.inspections.permissions import ACTORS, APPROVE, CANCEL, COMPLETE, REFUSE, SUBMIT
from luoshi.notifications.services import link_to, notify, users_with_role
from luoshi.organisations import access
from luoshi.organisations.models import UNIT_KINDS, Role

# --- the rule ------------------------------------------------------------------------------------


def quiet_window(district) -> tuple[int, int]:
    """(first day, last day) of the district's quiet window: its own, else the setting (1, 25)."""
    own = QuietWindow.objects.filter(district=district).values_list("first_day", "last_day").first()
    first, last = own or settings.LUOSHI["QUIET_WINDOW"]
    return int(first), int(last)


def in_quiet_window(day: date, window: tuple[int, int]) -> bool:
    return window[0] <= day.day <= window[1]


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    needs_approval: bool
    reason: str


def quiet_day_verdict(category: str, in_window: bool, approved: bool) -> Verdict:
    """May a visit take place? Outside the window: yes, recorded. Inside: the exempt categories yes;
    any other only with the discipline commission's approval."""
    if not in_window:
        return Verdict(True, False, _("不在宁静日期间，可以实施，报备留档"))
    if category in EXEMPT_CATEGORIES:
        return Verdict(True, False, _("属于宁静日豁免情形（%(c)s），可以实施，报备留档") % {
            "c": VisitCategory(category).label})
    if approved:
        return Verdict(True, True, _("已经区纪检监察工委审批，可以实施"))
    return Verdict(False, True, _("宁静日期间，非豁免事项须事先报区纪检监察工委审批"))


# --- the machine ---------------------------------------------------------------------------------

FILE = "file"
TRANSITIONS = {
    (VisitState.FILED, SUBMIT): VisitState.PENDING,        # needs approval: to the discipline commission
    (VisitState.PENDING, APPROVE): VisitState.APPROVED,
    (VisitState.PENDING, REFUSE): VisitState.REFUSED,
    (VisitState.FILED, COMPLETE): VisitState.DONE,         # exempt, or outside the window
    (VisitState.APPROVED, COMPLETE): VisitState.DONE,
    (VisitState.FILED, CANCEL): VisitState.CANCELLED,
    (VisitState.PENDING, CANCEL): VisitState.CANCELLED,
    (VisitState.APPROVED, CANCEL): VisitState.CANCELLED,
}
# Who makes each move (ACTORS: the department or the commission) is declared in `permissions.py`.
ACTION_LABELS = {FILE: gettext_lazy("报备"), SUBMIT: gettext_lazy("提交审批"), APPROVE: gettext_lazy("批准"),
                 REFUSE: gettext_lazy("驳回"),
                 COMPLETE: gettext_lazy("标记完成"), CANCEL: gettext_lazy("取消")}
MACHINE = Machine(TRANSITIONS, dict(VisitState.choices), ACTION_LABELS, frozenset({REFUSE, CANCEL}))


def _discipline_users(district_id):
    return users_with_role([Role.DISCIPLINE], organisation_ids=[district_id])


def _department_users(department_id):
    return users_with_role([Role.UNIT_STAFF], organisation_ids=[department_id])


def _link(visit) -> str:
    return link_to("inspections:detail", visit.pk)


def refusals(user, visit: PlannedVisit, action: str, *, text: str = "") -> list[str]:
    """Every reason the machine or the quiet-day rule refuses the move (empty: allowed), once the user may
    make it at all (`inspections.<action>`, a 403 otherwise)."""
    reasons = MACHINE.check(visit.state, action, text)
    if action not in ACTORS:
        return reasons
    verdict = quiet_day_verdict(visit.category, visit.in_window, visit.approval == PlannedVisit.Approval.APPROVED)
    if action == SUBMIT and not verdict.needs_approval:
        reasons.append(_("该走访无需审批：%(r)s") % {"r": verdict.reason})
    if action == APPROVE and visit.date < today():
        reasons.append(_("审批须在走访日期（%(d)s）之前，日期已过") % {"d": visit.date})
    if action == COMPLETE:
        if not verdict.allowed:
            reasons.append(verdict.reason)
        if visit.date > today():
            reasons.append(_("走访日期%(d)s未到，不能标记完成") % {"d": visit.date})
    return reasons


def allowed_actions(user, visit: PlannedVisit) -> list[str]:
    return [a for a in MACHINE.actions_from(visit.state)
            if access.may(user, f"inspections.{a}", visit) and not refusals(user, visit, a, text="x")]


@transaction.atomic
def transition(user, visit: PlannedVisit, action: str, *, text: str = "",
               expected_version: int | None = None) -> PlannedVisit:
    """Make one move of the approval machine: PermissionDenied if it is not the user's to make, else
    Refused with every reason the machine or the rule refuses it."""
    visit = (PlannedVisit.objects.select_for_update(of=("self",)).select_related("district", "department")
             .get(pk=visit.pk))
    if action in ACTORS:
        access.require(user, f"inspections.{action}", visit)
    reasons = refusals(user, visit, action, text=text)
    if reasons:
        raise Refused(reasons)
    now = timezone.now()
    if action in (APPROVE, REFUSE):
        visit.approval = PlannedVisit.Approval.APPROVED if action == APPROVE else PlannedVisit.Approval.REFUSED
        visit.decided_by, visit.decided_at, visit.decision_text = user, now, text.strip()
    elif action == COMPLETE:
        visit.completed_at, visit.outcome = now, text.strip()
    move(visit, VisitStep, user, action, MACHINE.target(visit.state, action), text,
         expected_version=expected_version, reason=str(ACTION_LABELS[action]), step_fields={"visit": visit})
    t = {"v": visit, "r": text, "a": ACTION_LABELS[action]}
    if action == SUBMIT:
        notify(_discipline_users(visit.district_id), _("待审批：%(v)s（宁静日期间非豁免事项）") % t, _link(visit))
    elif action in (APPROVE, REFUSE):
        notify([visit.filed_by, *_department_users(visit.department_id)], _("%(v)s：纪检监察工委已%(a)s。%(r)s") % t,
               _link(visit))
    return visit


@transaction.atomic
def file_visit(user, *, department, enterprises, date: date, visit_type: str, category: str, legal_basis: str,
               purpose: str = "", source: str = "", is_synthetic: bool = False) -> PlannedVisit:
    """报备: a department files a planned visit; one that needs approval goes straight on to the
    discipline commission (提交审批). A non-exempt visit in the window whose date has passed cannot be
    filed: approval had to come first, so it is a matter for a report, not a filing."""
    access.require(user, "inspections.file_for", department)
    enterprises = list(enterprises)
    reasons = []
    if department.kind not in UNIT_KINDS or department.district_id is None:
        reasons.append(_("%(u)s不是区属部门或镇街") % {"u": department})
    if not enterprises:
        reasons.append(_("请选择涉及的企业"))
    elif any(e.district_id != department.district_id for e in enterprises):
        reasons.append(_("只能报备本区企业"))
    if visit_type not in VisitType.values:
        reasons.append(_("请选择活动类型"))
    if category not in VisitCategory.values:
        reasons.append(_("请选择事由类别"))
    if not (legal_basis or "").strip():
        reasons.append(_("请填写依据(法律法规、文件或上级部署)"))
    if bad_date := date_reasons(date, _("走访日期")):  # before the quiet-day verdict reads the date
        raise Refused([*reasons, *bad_date])
    in_window = department.district_id is not None and in_quiet_window(date, quiet_window(department.district_id))
    verdict = quiet_day_verdict(category, in_window, approved=False)
    if verdict.needs_approval and date < today():
        reasons.append(_("宁静日期间的非豁免走访须在走访日期前报批，%(d)s已过，不能补报") % {"d": date})
    if reasons:
        raise Refused(reasons)
    visit = PlannedVisit(department=department, district_id=department.district_id, date=date,
                         visit_type=visit_type, category=category, legal_basis=legal_basis.strip(),
                         purpose=purpose.strip(), in_window=in_window, filed_by=user, source=source,
                         is_synthetic=is_synthetic)
    save_with_history(visit, user, str(ACTION_LABELS[FILE]))
    visit.enterprises.set(enterprises)
    VisitStep.objects.create(visit=visit, actor=user, action=FILE, to_state=VisitState.FILED, text=verdict.reason)
    if verdict.needs_approval:
        visit = transition(user, visit, SUBMIT)
    return visit


# --- reports of unannounced visits ---------------------------------------------------------------

@transaction.atomic
def report_unannounced(user, *, visit_date: date, description: str, department=None, department_name: str = "",
                       enterprise=None, is_synthetic: bool = False) -> UnannouncedVisitReport:
    """An enterprise reports a visit that was not announced; it goes to the district's discipline
    commission. A filed visit of that department, day and enterprise is linked for the commission."""
    profile = access.profile_of(user)
    enterprise = enterprise or (profile.enterprise if profile else None)
    access.require(user, "inspections.report", enterprise)
    reasons = []
    if not (description or "").strip():
        reasons.append(_("请说明情况(哪个部门、做了什么)"))
    if department is None and not (department_name or "").strip():
        reasons.append(_("请选择或填写涉及的部门"))
    reasons += date_reasons(visit_date, _("检查日期"))
    if visit_date > today():
        reasons.append(_("检查日期不能晚于今天"))
    if reasons:
        raise Refused(reasons)
    matched = None
    if department is not None:
        matched = PlannedVisit.objects.filter(department=department, date=visit_date, enterprises=enterprise) \
            .exclude(state=VisitState.CANCELLED).first()
    report = UnannouncedVisitReport(enterprise=enterprise, district_id=enterprise.district_id, reported_by=user,
                                    visit_date=visit_date, department=department,
                                    department_name=(department_name or "").strip(),
                                    description=description.strip(), matched_visit=matched, is_synthetic=is_synthetic)
    save_with_history(report, user, _("企业举报"))
    notify(_discipline_users(enterprise.district_id), _("企业举报未报备检查：%(e)s，%(d)s") % {
        "e": enterprise, "d": visit_date}, link_to("inspections:report", report.pk))
    return report


@transaction.atomic
def record_finding(user, report: UnannouncedVisitReport, *, result: str, finding: str) -> UnannouncedVisitReport:
    """The discipline commission records what it found; the enterprise is told."""
    report = UnannouncedVisitReport.objects.select_for_update().get(pk=report.pk)
    access.require(user, "inspections.record_finding", report)
    reasons = []
    if report.state != UnannouncedVisitReport.State.SUBMITTED:
        reasons.append(_("该举报已核查"))
    if result not in UnannouncedVisitReport.Finding.values:
        reasons.append(_("请选择核查结论"))
    if not (finding or "").strip():
        reasons.append(_("请填写核查情况"))
    if reasons:
        raise Refused(reasons)
    report.state = UnannouncedVisitReport.State.HANDLED
    report.finding_result, report.finding = result, finding.strip()
    report.handled_by, report.handled_at = user, timezone.now()
    save_with_history(report, user, _("核查结论"))
    notify([report.reported_by], _("您%(d)s的举报已核查：%(r)s") % {
        "d": report.visit_date, "r": report.get_finding_result_display()}, link_to("inspections:report", report.pk))
    return report
