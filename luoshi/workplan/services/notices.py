"""督办 notices: 提醒 / 催办单 / 督办单 / 挂牌督办 with a reply deadline in working days, the unit's reply,
and escalation of unanswered notices to the 牵头领导."""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.core.periods import today
from luoshi.core.records import check_version, save_with_history
from luoshi.core.workdays import add_working_days
from luoshi.core.workflow import Machine, Refused, move
from luoshi.notifications.services import notify
from luoshi.organisations.access import can_act_for_unit
from luoshi.workplan.models import (
    Notice,
    NoticeKind,
    NoticeState,
    TaskState,
    TaskStep,
    WorkTask,
)
from luoshi.workplan.services.steps import (
    ISSUE,
    _require_supervisor,
    _step,
    _task_link,
    _unit_staff,
    supervision_staff,
)

REPLY, ESCALATE = "reply", "escalate"
NOTICES = Machine(
    {(NoticeState.OPEN, REPLY): NoticeState.ANSWERED, (NoticeState.ESCALATED, REPLY): NoticeState.ANSWERED,
     (NoticeState.OPEN, ESCALATE): NoticeState.ESCALATED},
    dict(NoticeState.choices), {REPLY: gettext_lazy("回复"), ESCALATE: gettext_lazy("逾期报牵头领导")},
    frozenset({REPLY}))


@transaction.atomic
def issue_notice(user, task: WorkTask, *, kind: str, text: str, reply_days=None) -> Notice:
    """提醒 / 催办单 / 督办单 / 挂牌督办 to the lead unit, the reply due within working days (工作日);
    挂牌督办 also goes to the 牵头领导 at once."""
    _require_supervisor(user, task.plan.organisation)
    reasons = []
    if kind not in NoticeKind.values:
        reasons.append(_("未知的督办方式“%(k)s”") % {"k": kind})
    if not (text or "").strip():
        reasons.append(_("请填写督办事项"))
    if task.state == TaskState.CLOSED:
        reasons.append(_("任务已销号，无需督办"))
    from luoshi.core.numbers import clean_decimal

    try:
        days: int | None = int(clean_decimal(Notice._meta.get_field("reply_days"), reply_days,
                                             label=_("回复时限(工作日)")) or 0) if reply_days not in (None,
                                                 "") else None
    except ValidationError as exc:
        reasons += exc.messages
        days = None
    if days is None and kind in NoticeKind.values:
        from django.conf import settings

        days = int(settings.LUOSHI["WORKPLAN_REPLY_DAYS"][kind])
    if days is not None and not 1 <= days <= 30:
        reasons.append(_("回复时限应为1至30个工作日"))
    if reasons or days is None:
        raise Refused(reasons or [_("未知的督办类型“%(k)s”") % {"k": kind}])
    on = today()
    notice = Notice(task=task, kind=kind, text=text.strip(), reply_days=days,
                    reply_deadline=add_working_days(on, days), issued_by=user, issued_on=on)
    save_with_history(notice, user, _("签发%(k)s") % {"k": notice.get_kind_display()})
    _step(task, user, ISSUE, _("%(k)s：%(t)s（%(n)d个工作日内、%(d)s前书面回复）") % {
        "k": notice.get_kind_display(), "t": notice.text, "n": days, "d": notice.reply_deadline}, notice)
    message = _("%(k)s：“%(t)s”——%(x)s。请于%(d)s前书面回复") % {
        "k": notice.get_kind_display(), "t": task.title[:60], "x": notice.text[:120], "d": notice.reply_deadline}
    recipients = list(_unit_staff([task.lead_unit_id]))
    if kind == NoticeKind.LISTED and task.lead_leader_id:
        recipients.append(task.lead_leader)
    notify(recipients, message, _task_link(task))
    return notice


def _notice_move(user, notice: Notice, action: str, text: str, expected_version=None, reasons=()):
    reasons = [*reasons, *NOTICES.check(notice.state, action, text)]
    if reasons:
        raise Refused(reasons)
    step = move(notice, TaskStep, user, action, NOTICES.target(notice.state, action), text,
                expected_version=expected_version, step_fields={"task": notice.task, "notice": notice})
    return step


@transaction.atomic
def reply_notice(user, notice: Notice, *, text: str, expected_version=None) -> Notice:
    """The lead unit's reply. One made from another version of the notice than the stored one (someone
    replied first, or it escalated meanwhile) is refused with the newer notice, before anything else is
    judged, so that the reply already given is shown rather than "cannot reply now"."""
    notice = Notice.objects.select_for_update().select_related("task__plan__organisation").get(pk=notice.pk)
    check_version(notice, expected_version)
    reasons = [] if can_act_for_unit(user, [notice.task.lead_unit_id]) else [
        _("督办通知由牵头单位“%(u)s”回复") % {"u": notice.task.lead_unit}]
    notice.reply, notice.replied_by, notice.replied_on = (text or "").strip(), user, today()
    _notice_move(user, notice, REPLY, text, expected_version, reasons)
    notify(supervision_staff(notice.task.plan.organisation_id), _("%(u)s已回复%(k)s：“%(t)s”") % {
        "u": notice.task.lead_unit, "k": notice.get_kind_display(), "t": notice.task.title[:60]},
        _task_link(notice.task))
    return notice


def escalate_overdue_notices(on: date | None = None) -> int:
    """Every notice unanswered past its reply deadline goes to the task's 牵头领导 (and the 督查室) once.
    Idempotent: an escalated notice is not escalated again. Run by `run_workplan_escalation`."""
    on = on or today()
    done = 0
    due = Notice.objects.filter(state=NoticeState.OPEN, reply_deadline__lt=on).select_related(
        "task__plan", "task__lead_unit", "task__lead_leader").order_by("reply_deadline", "pk")
    for notice in due:
        with transaction.atomic():
            notice = Notice.objects.select_for_update().get(pk=notice.pk)
            if notice.state != NoticeState.OPEN:
                continue
            task = notice.task
            text = _("%(k)s逾期未回复：“%(t)s”应于%(d)s前由%(u)s书面回复，已报牵头领导") % {
                "k": notice.get_kind_display(), "t": task.title[:60], "d": notice.reply_deadline, "u": task.lead_unit}
            _notice_move(None, notice, ESCALATE, text)
            notify([*([task.lead_leader] if task.lead_leader_id else []),
                    *supervision_staff(task.plan.organisation_id)], text, _task_link(task))
            done += 1
    return done
