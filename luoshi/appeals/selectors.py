"""Reads of the appeal loop and reception days for pages, the API and exports.

Every function starts from `for_user`, so a record outside the user's scope is simply absent (pages turn
DoesNotExist into 404). Statistics are computed in Python from one query per table with exact Decimals;
a district's appeals of a year are a few thousand rows at most.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi.appeals.models import (
    OPEN_STATES,
    Appeal,
    AppealAttachment,
    AppealStep,
    Booking,
    Rating,
    ReceptionDay,
    State,
)
from luoshi.core.periods import today
from luoshi.core.rates import percent
from luoshi.core.xlsx import workbook_bytes
from luoshi.organisations.access import profile_of

# --- lists for the three kinds of user -----------------------------------------------------------

def enterprise_appeals(user):
    """An enterprise's own appeals, newest first (for enterprise users: only theirs)."""
    return Appeal.objects.for_user(user).select_related("assigned_unit").order_by("-created_at", "-id")


def unit_inbox(user, *, include_finished: bool = False):
    """A unit's appeals to act on, the nearest deadline first: 交办 (to accept or return) and 研判."""
    profile = profile_of(user)
    unit_id = profile.organisation_id if profile else None
    qs = Appeal.objects.for_user(user).filter(assigned_unit_id=unit_id).select_related("enterprise")
    if not include_finished:
        qs = qs.filter(state__in=OPEN_STATES)
    return qs.order_by("deadline", "created_at")


@dataclass
class SupervisionRow:
    appeal: Appeal
    working_days_left: int | None  # to the deadline, in 工作日 as the time limits count; negative: past it
    overdue: bool
    late: int = 0  # working days past the deadline (late_days)


def _late_end(appeal, on: date) -> date | None:
    """Up to when an appeal's lateness counts: `on` while the unit owes the answer, the answer's date once
    given (解决 or 办结; the on-time rate judges the same date), none before it is assigned."""
    if appeal.deadline is None:
        return None
    if appeal.state in OPEN_STATES:
        return on
    done = appeal.solved_at or appeal.closed_at
    return timezone.localdate(done) if done is not None else None


def late_days(appeals, on: date) -> list[int]:
    """For each appeal, the working days (the time limits count 工作日) it is or was past its deadline: an
    open one up to `on`, an answered or closed one up to its answer, so one closed late stays 超期 by what it
    was and one answered in time never shows late; 0 when in time or without a deadline. One query for all."""
    from luoshi.core.workdays import working_days_late

    appeals = list(appeals)
    return working_days_late((a.deadline, _late_end(a, on)) for a in appeals)


def working_days_left(appeals, on: date) -> list[int | None]:
    """For each appeal, the working days (工作日, as its time limit counts) from `on` to its deadline: 0 on
    the day, negative once passed; None without a deadline. One query for all."""
    from luoshi.core.workdays import working_days_left as left

    return left(on, [a.deadline for a in appeals])


def supervision_list(user, *, district=None, overdue_only: bool = False) -> list[SupervisionRow]:
    """The supervising office's 督办台账: every appeal not yet closed (also 登记, waiting to be assigned),
    overdue first, then by deadline."""
    on = today()
    qs = (Appeal.objects.for_user(user).exclude(state=State.CLOSED)
          .select_related("enterprise", "assigned_unit", "district"))
    if district is not None:
        qs = qs.filter(district=district)
    if overdue_only:
        qs = qs.filter(state__in=OPEN_STATES, deadline__lt=on)
    appeals = list(qs)
    rows = [SupervisionRow(a, left, a.is_overdue(on), late) for a, left, late
            in zip(appeals, working_days_left(appeals, on), late_days(appeals, on), strict=True)]
    rows.sort(key=lambda r: (not r.overdue, r.working_days_left if r.working_days_left is not None else 10**6,
                             r.appeal.pk))
    return rows


def appeal_detail(user, pk: int) -> Appeal:
    """One appeal with its steps and attachments; Appeal.DoesNotExist when outside the user's scope."""
    return (Appeal.objects.for_user(user)
            .select_related("enterprise", "district", "assigned_unit", "recorded_by", "booking__reception_day")
            .prefetch_related(Prefetch("steps", AppealStep.objects.select_related("actor", "unit")), "attachments")
            .get(pk=pk))


def attachment_for_user(user, pk: int) -> AppealAttachment:
    """An attachment only through an appeal the user may see (the file view streams `.file`)."""
    return AppealAttachment.objects.get(pk=pk, appeal__in=Appeal.objects.for_user(user))


# --- statistics ----------------------------------------------------------------------------------

@dataclass
class StatRow:
    """One line of the statistics table; rates in percent, None when there is nothing to divide."""

    label: str
    received: int
    solved: int
    on_time: int
    rated: int
    satisfied: int
    reopened: int
    overdue: int
    avg_days: Decimal | None
    due: int  # answered, or still open past the deadline: the appeals that could be on time or not

    @property
    def on_time_rate(self) -> Decimal | None:
        """On time over all appeals that are due, so an appeal overdue and still open counts against
        the rate (otherwise a unit that leaves its late appeals open shows 100%)."""
        return percent(self.on_time, self.due)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        return percent(self.satisfied, self.rated)


def measure(label: str, appeals: list[Appeal], on: date) -> StatRow:
    """received: filed; solved: answered (解决 or 办结); on time: answered by the deadline then in force;
    satisfaction: 满意 + 基本满意 over all rated; overdue: still open past the deadline; due: solved or
    overdue (the denominator of the on-time rate); average days: from filing to the answer."""
    solved = [a for a in appeals if a.solved_at is not None]
    overdue = [a for a in appeals if a.is_overdue(on)]
    on_time = [a for a in solved if a.deadline and timezone.localdate(a.solved_at) <= a.deadline
               and a not in overdue]
    rated = [a for a in appeals if a.rating]
    satisfied = [a for a in rated if a.rating in (Rating.SATISFIED, Rating.BASICALLY)]
    seconds = sum((Decimal(int((a.solved_at - a.created_at).total_seconds())) for a in solved if a.solved_at),
                  Decimal(0))
    avg = (seconds / 86400 / len(solved)).quantize(Decimal("0.1")) if solved else None
    return StatRow(label, len(appeals), len(solved), len(on_time), len(rated), len(satisfied),
                   sum(1 for a in appeals if a.reopen_count), len(overdue), avg,
                   len({a.pk for a in solved} | {a.pk for a in overdue}))


def _filed_in(date_from: date, date_to: date) -> dict:
    """The filter for appeals filed on the days date_from to date_to (Asia/Shanghai), both included."""
    tz = timezone.get_current_timezone()
    return {"created_at__gte": datetime.combine(date_from, time.min, tzinfo=tz),
            "created_at__lt": datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=tz)}


def _filed_between(user, district, date_from: date, date_to: date) -> list[Appeal]:
    return list(Appeal.objects.for_user(user).filter(district=district, **_filed_in(date_from, date_to))
                .select_related("assigned_unit").order_by("pk"))


def unit_statistics(user, district, date_from: date, date_to: date) -> list[StatRow]:
    """Per unit (the unit holding the appeal now; 未交办 for those not assigned), then the district total,
    for appeals filed in [date_from, date_to]."""
    appeals = _filed_between(user, district, date_from, date_to)
    on = today()
    groups: dict = {}
    for a in appeals:
        groups.setdefault(a.assigned_unit, []).append(a)
    rows = [measure(str(unit) if unit else _("未交办"), items, on)
            for unit, items in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] and kv[0].pk))]
    return rows + [measure(_("%(d)s合计") % {"d": district}, appeals, on)]


def monthly_statistics(user, district, year: int) -> list[StatRow]:
    """The monthly table: appeals filed in each month of the year (up to this month), then the year."""
    on = today()
    last = 12 if year < on.year else (on.month if year == on.year else 0)
    appeals = _filed_between(user, district, date(year, 1, 1), date(year, 12, 31))
    by_month: dict[int, list] = {m: [] for m in range(1, last + 1)}
    for a in appeals:
        by_month.setdefault(timezone.localtime(a.created_at).month, []).append(a)
    rows = [measure(_("%(m)d月") % {"m": m}, items, on) for m, items in sorted(by_month.items())]
    return rows + [measure(_("%(y)d年合计") % {"y": year}, appeals, on)]


def _stat_columns():
    return [_("统计项"), _("受理"), _("解决"), _("按期解决"), _("按期解决率(%)"), _("已评价"), _("满意"),
            _("满意率(%)"), _("重办"), _("超期未办"), _("平均办理天数")]


def _stat_cells(r: StatRow) -> list:
    return [r.label, r.received, r.solved, r.on_time, r.on_time_rate, r.rated, r.satisfied,
            r.satisfaction_rate, r.reopened, r.overdue, r.avg_days]


def export_statistics(user, district, year: int) -> bytes:
    """The monthly table and the per-unit table of a year as an .xlsx workbook."""
    widths = [18, 8, 8, 10, 14, 8, 8, 12, 8, 10, 14]
    monthly = [_stat_cells(r) for r in monthly_statistics(user, district, year)]
    units = [_stat_cells(r) for r in unit_statistics(user, district, date(year, 1, 1), date(year, 12, 31))]
    return workbook_bytes([(_("月度统计"), _stat_columns(), monthly, widths),
                           (_("分单位统计"), _stat_columns(), units, widths)])


# --- reception days ------------------------------------------------------------------------------

@dataclass
class CalendarDay:
    day: ReceptionDay
    booked: int
    free_slots: list[int]
    own_booking: Booking | None = None


def reception_calendar(user, year: int, month: int, *, district=None) -> list[CalendarDay]:
    """The month's reception days the user may see (of one district, if given), with free turns and the
    user's own booking."""
    qs = ReceptionDay.objects.for_user(user).filter(date__year=year, date__month=month)
    if district is not None:
        qs = qs.filter(district=district)
    days = list(qs.select_related("host__profile__organisation__district", "host__profile__enterprise", "district"))
    taken: dict[int, set] = {}
    for day_id, slot in Booking.objects.filter(reception_day__in=days, status=Booking.Status.BOOKED) \
            .values_list("reception_day_id", "slot"):
        taken.setdefault(day_id, set()).add(slot)
    own = {b.reception_day_id: b for b in Booking.objects.for_user(user).filter(
        reception_day__in=days, status=Booking.Status.BOOKED)}
    profile = profile_of(user)
    mine = own if profile is not None and profile.enterprise_id else {}
    return [CalendarDay(d, len(taken.get(d.pk, ())), [s for s in range(1, d.slots + 1) if s not in taken.get(d.pk, ())],
                        mine.get(d.pk)) for d in days]


def host_schedule(user, *, date_from: date | None = None, date_to: date | None = None):
    """The host leader's days from today on (or in a range), each with its bookings and their appeals."""
    qs = ReceptionDay.objects.for_user(user).filter(host=user, date__gte=date_from or today())
    if date_to:
        qs = qs.filter(date__lte=date_to)
    bookings = Booking.objects.for_user(user).filter(status=Booking.Status.BOOKED).select_related("enterprise") \
        .prefetch_related("appeals")
    return qs.prefetch_related(Prefetch("bookings", bookings)).annotate(
        booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED))).order_by("date")


def day_bookings(user, day) -> tuple[list[Booking], set[int]]:
    """The bookings of a day the user may read (an enterprise only its own), and the numbers of every
    turn taken, so that a taken turn is never offered, whoever took it."""
    booked = Booking.objects.filter(reception_day=day, status=Booking.Status.BOOKED)
    taken = set(booked.values_list("slot", flat=True))
    return list(Booking.objects.for_user(user).filter(pk__in=booked.values("pk")).select_related("enterprise")), taken


def enterprise_bookings(user):
    """An enterprise's bookings, next first."""
    return Booking.objects.for_user(user).select_related("reception_day__host").order_by("-reception_day__date")


def unit_record(unit, date_from: date, date_to: date) -> StatRow:
    """One unit's record over a period (appeals assigned to it, filed in the period), for scoring its
    responsibility letter. The caller has already decided the user may see the unit."""
    appeals = list(Appeal.objects.filter(assigned_unit=unit, **_filed_in(date_from, date_to)))
    return measure(str(unit), appeals, min(today(), date_to))


def appeal_steps(appeal) -> list:
    """The appeal's steps as people read them, the same rows on the page and in the API: the move in
    words and who took it by the display name the page shows."""
    from luoshi.appeals.services import action_label
    from luoshi.core.workflow import step_rows

    return step_rows(appeal.steps.select_related("unit"), dict(State.choices), action_label)
