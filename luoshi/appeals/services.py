"""Writes of the appeal closed loop (企业诉求闭环) and of reception days (企业家接待日).

Every move of an appeal goes through `transition`, which checks the one table `TRANSITIONS`, the part
the user plays on the appeal (`ACTORS`), the text the move needs, and then records an AppealStep, the
history row and the notifications. `run_scheduler` chases deadlines (跟踪督办) and may run every few
minutes: the unique key of AppealReminder makes a second run send nothing twice.
"""
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from luoshi.appeals.models import (
    OPEN_STATES,
    Appeal,
    AppealAttachment,
    AppealReminder,
    AppealStep,
    Booking,
    Category,
    Channel,
    LeaderRank,
    Rating,
    ReceptionDay,
    ReceptionLeader,
    State,
    Urgency,
)
from luoshi.appeals.permissions import ACCEPT, ACTORS, ASSIGN, CONFIRM, REOPEN, RETURN, SOLVE
from luoshi.core import uploads
from luoshi.core.periods import today
from luoshi.core.records import save_with_history
from luoshi.core.workdays import add_working_days, working_days_between
from luoshi.core.workflow import Machine, Refused, move
from luoshi.notifications.services import link_to, notify, users_with_role
from luoshi.organisations import access, tuning
from luoshi.organisations.models import UNIT_KINDS, Organisation, Role

# --- the machine ---------------------------------------------------------------------------------

REGISTER, REMIND, ESCALATE, URGE = "register", "remind", "escalate", "urge"

TRANSITIONS = {
    (State.REGISTERED, ASSIGN): State.ASSIGNED,     # 事项交办: the district gives it to a unit
    (State.ASSIGNED, ACCEPT): State.ANALYSING,      # 研判: the unit takes it on
    (State.ASSIGNED, RETURN): State.REGISTERED,     # not ours: back to the district, with the reason
    (State.ANALYSING, SOLVE): State.SOLVED,         # 解决: answer and what was done
    (State.SOLVED, CONFIRM): State.CLOSED,          # 反馈回访 满意/基本满意: 办结
    (State.SOLVED, REOPEN): State.ASSIGNED,         # 反馈回访 不满意: back to the unit, reopened
}
# Who may make each move (ACTORS) is declared with the app's other rules in `permissions.py`.
ACTION_LABELS = {
    ASSIGN: gettext_lazy("交办"), ACCEPT: gettext_lazy("受理研判"), RETURN: gettext_lazy("退回"),
    SOLVE: gettext_lazy("解决答复"),
    CONFIRM: gettext_lazy("反馈回访(确认办结)"), REOPEN: gettext_lazy("反馈回访(不满意重办)"),
    REGISTER: gettext_lazy("登记"), REMIND: gettext_lazy("到期提醒"), ESCALATE: gettext_lazy("超期督办"),
    URGE: gettext_lazy("督办"),
}
MACHINE = Machine(TRANSITIONS, dict(State.choices), ACTION_LABELS, frozenset({RETURN, SOLVE, REOPEN}))


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


# --- deadlines and files -------------------------------------------------------------------------

def deadline_days(category: str, urgency: str) -> int:
    """Working days to solve, from settings.LUOSHI["APPEAL_DEADLINE_DAYS"][urgency][category or "*"]."""
    table = settings.LUOSHI["APPEAL_DEADLINE_DAYS"]
    by_category = table.get(urgency) or table["normal"]
    return int(by_category.get(category, by_category["*"]))


def deadline_for(category: str, urgency: str, start: date) -> date:
    """The deadline counted in working days (工作日) from the day of assignment, holidays and 调休 included."""
    return add_working_days(start, deadline_days(category, urgency))


def check_upload(upload) -> tuple[bytes, str]:
    """The file's bytes and its type judged by content; refuses what is too big or not PDF, JPEG, PNG,
    Word (.docx) or Excel (.xlsx)."""
    return uploads.read_checked(upload, (uploads.PDF, uploads.JPEG, uploads.PNG, uploads.DOCX, uploads.XLSX))


def _save_attachment(user, appeal, name: str, data: bytes, kind: str) -> AppealAttachment:
    attachment = AppealAttachment(appeal=appeal, original_name=name[:200], content_type=kind, size=len(data),
                                  uploaded_by=user)
    attachment.file.save(uploads.stored_name("attachment", kind), ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def add_attachment(user, appeal: Appeal, upload) -> AppealAttachment:
    """The enterprise, the district or the assigned unit adds a file to an appeal that is not closed."""
    access.require(user, "appeals.attach", appeal)
    if appeal.state == State.CLOSED:
        raise Refused([_("诉求已办结，不能再上传附件")])
    data, kind = check_upload(upload)
    return _save_attachment(user, appeal, upload.name, data, kind)


# --- who hears about it --------------------------------------------------------------------------

def _unit_staff(unit_id):
    return users_with_role([Role.UNIT_STAFF], organisation_ids=[unit_id]) if unit_id else []


def _supervising_office(district_id):
    """The district's 发改/统计 staff keep the supervision list (督办台账)."""
    return users_with_role([Role.DISTRICT_DATA], organisation_ids=[district_id])


def _enterprise_users(enterprise_id):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(profile__role=Role.ENTERPRISE, profile__enterprise_id=enterprise_id,
                                           is_active=True)


def district_leaders_for(appeal: Appeal) -> list:
    """Who answers for an escalated appeal: the leader who hosted the reception day it came from, else
    the district's principal reception leaders, else every leader of the district."""
    if appeal.booking is not None:
        return [appeal.booking.reception_day.host]
    principals = [r.user for r in ReceptionLeader.objects.filter(
        district_id=appeal.district_id, rank=LeaderRank.PRINCIPAL, is_active=True).select_related("user")]
    return principals or list(users_with_role([Role.DISTRICT_LEADER], organisation_ids=[appeal.district_id]))


def _link(appeal) -> str:
    return link_to("appeals:detail", appeal.pk)


# --- filing --------------------------------------------------------------------------------------

def _check_fields(category, urgency, title, description) -> list[str]:
    reasons = []
    if category not in Category.values:
        reasons.append(_("请选择诉求类别"))
    if urgency not in Urgency.values:
        reasons.append(_("请选择紧急程度"))
    if not (title or "").strip():
        reasons.append(_("请填写诉求标题"))
    elif len(title.strip()) > 100:
        reasons.append(_("诉求标题不超过100字"))
    if not (description or "").strip():
        reasons.append(_("请填写诉求内容"))
    return reasons


@transaction.atomic
def file_appeal(user, *, enterprise, category: str, title: str, description: str,
                urgency: str = Urgency.NORMAL, channel: str | None = None, booking: Booking | None = None,
                attachments=(), source: str = "", is_synthetic: bool = False) -> Appeal:
    """登记: an enterprise files online; district staff (or the host of the reception day) record one
    taken at a reception day or a visit. All attachments are checked before anything is saved."""
    if booking is None or not access.may(user, "appeals.record_from_booking", booking):
        access.require(user, "appeals.file_for", enterprise)
    reasons = _check_fields(category, urgency, title, description)
    if access.is_enterprise_user(user, enterprise.pk):
        channel = Channel.ONLINE
    else:
        channel = Channel.RECEPTION if booking is not None else (channel or Channel.VISIT)
        if channel == Channel.ONLINE:
            reasons.append(_("工作人员代为登记的诉求，来源应为接待日或走访"))
    if booking is not None and booking.enterprise_id != enterprise.pk:
        reasons.append(_("预约企业与诉求企业不一致"))
    if booking is not None and booking.status != Booking.Status.BOOKED:
        reasons.append(_("该预约已取消"))
    files = []
    for upload in attachments:
        try:
            files.append((upload.name, *check_upload(upload)))
        except Refused as exc:
            reasons.extend(exc.reasons)
    if reasons:
        raise Refused(reasons)
    appeal = Appeal(enterprise=enterprise, district_id=enterprise.district_id, category=category,
                    urgency=urgency, title=title.strip(), description=description.strip(), channel=channel,
                    recorded_by=user, booking=booking, source=source, is_synthetic=is_synthetic)
    save_with_history(appeal, user, str(ACTION_LABELS[REGISTER]))
    AppealStep.objects.create(appeal=appeal, actor=user, action=REGISTER, to_state=State.REGISTERED,
                              text=appeal.title)
    for name, data, kind in files:
        _save_attachment(user, appeal, name, data, kind)
    notify(_supervising_office(appeal.district_id),
           _("新的企业诉求待交办：%(e)s“%(t)s”") % {"e": enterprise, "t": appeal.title}, _link(appeal))
    return appeal


# --- moves ---------------------------------------------------------------------------------------

def _field_reasons(user, appeal, action, *, text, unit, rating, actions_taken) -> list[str]:
    reasons = []
    if action == ASSIGN:
        if unit is None:
            reasons.append(_("请选择承办单位"))
        elif unit.kind not in UNIT_KINDS or unit.district_id != appeal.district_id:
            reasons.append(_("%(u)s不是%(d)s的承办单位") % {"u": unit, "d": appeal.district})
    if action == SOLVE and not (actions_taken or "").strip():
        reasons.append(_("请填写办理情况(做了什么)"))
    if action == CONFIRM and rating not in (Rating.SATISFIED, Rating.BASICALLY):
        reasons.append(_("确认办结须评价为“满意”或“基本满意”"))
    if action == REOPEN and rating != Rating.UNSATISFIED:
        reasons.append(_("重办须评价为“不满意”"))
    if action in (CONFIRM, REOPEN) and not access.is_enterprise_user(user, appeal.enterprise_id) \
            and not (text or "").strip():
        reasons.append(_("代企业记录回访须填写回访情况"))
    return reasons


def refusals(user, appeal: Appeal, action: str, *, text: str = "", unit=None, rating: str = "",
             actions_taken: str = "") -> list[str]:
    """Every reason the loop refuses the move (empty: allowed), once the user may make it at all
    (`appeals.<action>`, a 403 otherwise)."""
    reasons = MACHINE.check(appeal.state, action, text)
    if action in ACTORS:
        reasons += _field_reasons(user, appeal, action, text=text, unit=unit, rating=rating,
                                  actions_taken=actions_taken)
    return reasons


def allowed_actions(user, appeal: Appeal) -> list[str]:
    """The moves this user may make now (ignoring text still to be typed). Pages use it to show buttons."""
    return [a for a in MACHINE.actions_from(appeal.state)
            if not MACHINE.check(appeal.state, a, "x") and access.may(user, f"appeals.{a}", appeal)]


@transaction.atomic
def transition(user, appeal: Appeal, action: str, *, text: str = "", unit: Organisation | None = None,
               rating: str = "", actions_taken: str = "", expected_version: int | None = None) -> Appeal:
    """Make one move of the loop: PermissionDenied if the move is not the user's to make, else Refused
    with every reason the loop refuses it."""
    appeal = (Appeal.objects.select_for_update(of=("self",)).select_related("district", "assigned_unit")
              .get(pk=appeal.pk))
    if action in ACTORS:
        access.require(user, f"appeals.{action}", appeal)
    reasons = refusals(user, appeal, action, text=text, unit=unit, rating=rating, actions_taken=actions_taken)
    if reasons:
        raise Refused(reasons)
    now = timezone.now()
    step_unit = appeal.assigned_unit
    if action == ASSIGN:
        appeal.assigned_unit = step_unit = unit
        appeal.assigned_at = now
        appeal.deadline = deadline_for(appeal.category, appeal.urgency, today())
        appeal.escalation_level = 0
    elif action == RETURN:
        appeal.assigned_unit, appeal.assigned_at, appeal.deadline = None, None, None
    elif action == SOLVE:
        appeal.answer, appeal.actions_taken, appeal.solved_at = text.strip(), actions_taken.strip(), now
    elif action in (CONFIRM, REOPEN):
        appeal.rating, appeal.rated_at = rating, now
        if action == CONFIRM:
            appeal.closed_at = now
        else:
            appeal.reopen_count += 1
            appeal.solved_at = None
            appeal.assigned_at = now
            appeal.deadline = deadline_for(appeal.category, appeal.urgency, today())
            appeal.escalation_level = 0
    target = MACHINE.target(appeal.state, action)
    move(appeal, AppealStep, user, action, target, text, expected_version=expected_version,
         reason=action_label(action),
         step_fields={"appeal": appeal, "unit": step_unit, "rating": rating if action in (CONFIRM, REOPEN) else ""})
    _announce(appeal, action, step_unit, text)
    return appeal


def rate(user, appeal: Appeal, rating: str, *, text: str = "", expected_version: int | None = None) -> Appeal:
    """反馈回访: the enterprise's rating; 不满意 reopens the appeal, the others close it."""
    action = REOPEN if rating == Rating.UNSATISFIED else CONFIRM
    return transition(user, appeal, action, text=text, rating=rating, expected_version=expected_version)


def _announce(appeal: Appeal, action: str, unit, text: str):
    """Tell whoever must act next."""
    t = {"t": appeal.title, "u": unit, "d": appeal.deadline, "r": text, "n": appeal.reopen_count}
    link = _link(appeal)
    if action == ASSIGN:
        notify(_unit_staff(unit.pk), _("新交办诉求“%(t)s”，请于%(d)s前办结") % t, link)
        notify(_enterprise_users(appeal.enterprise_id), _("您的诉求“%(t)s”已交%(u)s办理") % t, link)
    elif action == ACCEPT:
        notify(_enterprise_users(appeal.enterprise_id), _("%(u)s已受理您的诉求“%(t)s”") % t, link)
    elif action == RETURN:
        notify(_supervising_office(appeal.district_id), _("%(u)s退回诉求“%(t)s”：%(r)s，请重新交办") % t, link)
    elif action == SOLVE:
        notify(_enterprise_users(appeal.enterprise_id), _("您的诉求“%(t)s”已办理答复，请评价") % t, link)
    elif action == REOPEN:
        notify([*_unit_staff(unit.pk), *_supervising_office(appeal.district_id)],
               _("企业对诉求“%(t)s”的办理不满意，已第%(n)d次重办，请于%(d)s前办结") % t, link)


@transaction.atomic
def urge(user, appeal: Appeal, text: str) -> AppealStep:
    """督办: district staff press the unit on an open appeal; recorded and sent, the state is unchanged."""
    access.require(user, "appeals.urge", appeal)
    reasons = []
    if appeal.state not in OPEN_STATES:
        reasons.append(_("只有交办或研判中的诉求可以督办"))
    if not (text or "").strip():
        reasons.append(_("“%(a)s”须填写说明") % {"a": action_label(URGE)})
    if reasons:
        raise Refused(reasons)
    step = AppealStep.objects.create(appeal=appeal, actor=user, action=URGE, from_state=appeal.state,
                                     to_state=appeal.state, unit=appeal.assigned_unit, text=text.strip())
    notify(_unit_staff(appeal.assigned_unit_id), _("督办：诉求“%(t)s”——%(r)s") % {"t": appeal.title, "r": text},
           _link(appeal))
    return step


# --- 跟踪督办: the scheduler ----------------------------------------------------------------------

@dataclass
class SchedulerResult:
    reminders: int = 0
    escalations: int = 0


def _chase(appeal: Appeal, kind: str, level: int, text: str, recipients) -> bool:
    """Send one reminder or escalation unless it was sent for this deadline already."""
    assert appeal.deadline is not None  # only appeals with a deadline are chased
    with transaction.atomic():
        _, created = AppealReminder.objects.get_or_create(appeal=appeal, kind=kind, level=level,
                                                          deadline=appeal.deadline)
        if not created:
            return False
        action = REMIND if kind == AppealReminder.Kind.REMINDER else ESCALATE
        AppealStep.objects.create(appeal=appeal, actor=None, action=action, from_state=appeal.state,
                                  to_state=appeal.state, unit=appeal.assigned_unit, text=text)
        if level:
            Appeal.objects.filter(pk=appeal.pk, escalation_level__lt=level).update(escalation_level=level)
        notify(recipients, text, _link(appeal))
    return True


def run_scheduler() -> SchedulerResult:
    """Remind units of near deadlines, escalate overdue appeals: level 1 to the unit and the supervising
    office the day after the deadline, level 2 to the district leaders after ESCALATE_TO_DISTRICT_AFTER_DAYS
    working days. Both counts are in working days. Idempotent; safe to run every few minutes."""
    on = today()
    after = int(settings.LUOSHI["ESCALATE_TO_DISTRICT_AFTER_DAYS"])
    result = SchedulerResult()
    # each district reminds its own number of working days before (区级设置); read the widest window once
    horizon = {}  # working days before → the last deadline reminded today
    widest = int(tuning.widest("REMINDER_DAYS_BEFORE"))
    due = (Appeal.objects.filter(state__in=OPEN_STATES, deadline__lte=add_working_days(on, widest))
           .select_related("assigned_unit", "district", "booking__reception_day__host").order_by("deadline", "pk"))
    for appeal in due:
        assert appeal.deadline is not None  # filtered on it
        left = working_days_between(on, appeal.deadline)  # negative: working days overdue
        t = {"t": appeal.title, "d": appeal.deadline, "n": abs(left), "u": appeal.assigned_unit}
        if appeal.deadline >= on:
            before = int(tuning.setting("REMINDER_DAYS_BEFORE", appeal.district))
            if before not in horizon:
                horizon[before] = add_working_days(on, before)
            if appeal.deadline > horizon[before]:
                continue
            result.reminders += _chase(appeal, AppealReminder.Kind.REMINDER, 0,
                                       _("到期提醒：诉求“%(t)s”将于%(d)s到期（还剩%(n)d个工作日），请抓紧办理") % t,
                                       _unit_staff(appeal.assigned_unit_id))
            continue
        result.escalations += _chase(
            appeal, AppealReminder.Kind.ESCALATION, 1,
            _("超期督办：诉求“%(t)s”已超过办理期限%(d)s，请%(u)s立即办理") % t,
            [*_unit_staff(appeal.assigned_unit_id), *_supervising_office(appeal.district_id)])
        if -left >= after:
            result.escalations += _chase(
                appeal, AppealReminder.Kind.ESCALATION, 2,
                _("报区领导督办：诉求“%(t)s”超期%(n)d个工作日仍未办结（承办单位：%(u)s）") % t,
                [*district_leaders_for(appeal), *_supervising_office(appeal.district_id)])
    return result


# --- reception days ------------------------------------------------------------------------------

def _rule() -> dict:
    return settings.LUOSHI["RECEPTION_RULE"]


def _week_index(d: date) -> int:
    """Weeks since 0001-01-01 (a Monday): a fortnightly rhythm that runs on across years."""
    return (d.toordinal() - 1) // 7


def reception_dates(year: int, month: int, rule: dict | None = None) -> list[tuple[date, str]]:
    """(date, rank) of the month's reception days under the rule: the principal leader on the n-th chosen
    weekday of every `principal_every_months`-th month, a deputy on that weekday of every
    `deputy_every_weeks`-th week (a rhythm that runs on across months and years), except the principal's day."""
    rule = rule or _rule()
    first = date(year, month, 1)
    days = [d for d in (first + timedelta(days=i) for i in range(31)) if d.month == month
            and d.weekday() == rule["weekday"]]
    found = []
    principal_day = None
    if (year * 12 + month - 1) % rule["principal_every_months"] == 0:
        principal_day = days[min(rule["principal_nth_weekday"], len(days)) - 1]
        found.append((principal_day, LeaderRank.PRINCIPAL))
    for d in days:
        if _week_index(d) % rule["deputy_every_weeks"] == 0 and d != principal_day:
            found.append((d, LeaderRank.DEPUTY))
    return sorted(found)


def _next_host(district, rank: str, on: date, leaders: list[ReceptionLeader]):
    """Rotation: the leader after the one who hosted the last earlier day of this rank, in roster order."""
    last = ReceptionDay.objects.filter(district=district, host_rank=rank, date__lt=on).order_by("-date") \
        .values_list("host_id", flat=True).first()
    ids = [leader.user_id for leader in leaders]
    return leaders[(ids.index(last) + 1) % len(leaders) if last in ids else 0].user


@transaction.atomic
def generate_calendar(user, district: Organisation, year: int, month: int | None = None, *,
                      location: str = "", source: str = "", is_synthetic: bool = False) -> list[ReceptionDay]:
    """Create the reception days of a month (or a whole year) from the district's roster, hosts in
    rotation; days already there are kept as they are, so it can be run again. Refuses a rank with
    nobody on the roster."""
    access.require(user, "appeals.arrange_reception", district)
    rule = _rule()
    roster = {rank: list(ReceptionLeader.objects.filter(district=district, rank=rank, is_active=True))
              for rank in LeaderRank.values}
    planned = [p for m in ([month] if month else range(1, 13)) for p in reception_dates(year, m, rule)]
    missing = [rank for rank in LeaderRank.values if not roster[rank] and any(r == rank for _d, r in planned)]
    if missing:
        raise Refused([_("%(d)s尚未设置%(r)s接待名单") % {"d": district, "r": LeaderRank(r).label} for r in missing])
    start = time.fromisoformat(rule["start"])
    days = []
    for d, rank in planned:
        day = ReceptionDay.objects.filter(district=district, date=d, host_rank=rank).first()
        if day is None:
            day = ReceptionDay.objects.create(
                district=district, date=d, host_rank=rank, host=_next_host(district, rank, d, roster[rank]),
                start=start, slots=rule["slots"], slot_minutes=rule["slot_minutes"], location=location,
                source=source, is_synthetic=is_synthetic)
        days.append(day)
    return days


@transaction.atomic
def book_reception(user, day: ReceptionDay, *, topic: str, enterprise=None, slot: int | None = None,
                   is_synthetic: bool = False) -> Booking:
    """An enterprise takes a turn of a reception day of its district (district staff may book for it)."""
    profile = access.profile_of(user)
    enterprise = enterprise or (profile.enterprise if profile else None)
    access.require(user, "appeals.book_for", enterprise)
    day = ReceptionDay.objects.select_for_update().get(pk=day.pk)
    reasons = []
    if enterprise.district_id != day.district_id:
        reasons.append(_("只能预约本企业所在区的接待日"))
    if day.date < today():
        reasons.append(_("%(d)s的接待日已过，不能预约") % {"d": day.date})
    if not (topic or "").strip():
        reasons.append(_("请填写反映事项"))
    booked = Booking.objects.filter(reception_day=day, status=Booking.Status.BOOKED)
    taken = set(booked.values_list("slot", flat=True))
    if enterprise is not None and booked.filter(enterprise=enterprise).exists():
        reasons.append(_("该企业已预约这一天的接待"))
    free = [s for s in range(1, day.slots + 1) if s not in taken]
    if slot is None and not free:
        reasons.append(_("这一天的接待场次已约满"))
    elif slot is not None and slot not in free:
        reasons.append(_("第%(s)d场已被预约或不存在") % {"s": slot})
    if reasons:
        raise Refused(reasons)
    booking = Booking(reception_day=day, enterprise=enterprise, slot=slot or free[0], topic=topic.strip(),
                      booked_by=user, is_synthetic=is_synthetic)
    save_with_history(booking, user, _("预约接待日"))
    notify([day.host], _("%(e)s预约了%(d)s的企业家接待日第%(s)d场：%(t)s") % {
        "e": enterprise, "d": day.date, "s": booking.slot, "t": booking.topic}, link_to("appeals:host_schedule"))
    return booking


@transaction.atomic
def cancel_booking(user, booking: Booking, *, reason: str = "") -> Booking:
    """The enterprise (or district staff) gives the turn back before the day."""
    access.require(user, "appeals.cancel_booking", booking)
    reasons = []
    if booking.status != Booking.Status.BOOKED:
        reasons.append(_("该预约已取消"))
    if booking.reception_day.date < today():
        reasons.append(_("接待日已过，不能取消"))
    if reasons:
        raise Refused(reasons)
    booking.status = Booking.Status.CANCELLED
    save_with_history(booking, user, reason or _("取消预约"))
    notify([booking.reception_day.host], _("%(e)s取消了%(d)s的接待预约") % {
        "e": booking.enterprise, "d": booking.reception_day.date})
    return booking


def appeal_from_booking(user, booking: Booking, *, category: str, title: str, description: str,
                        urgency: str = Urgency.NORMAL, attachments=(), is_synthetic: bool = False) -> Appeal:
    """An appeal raised at a reception day, recorded by the host or district staff and linked to it."""
    return file_appeal(user, enterprise=booking.enterprise, category=category, title=title,
                       description=description, urgency=urgency, booking=booking, attachments=attachments,
                       is_synthetic=is_synthetic)
