"""Pages of the appeal closed loop (企业诉求闭环) and the notification inbox. Thin: every read goes through
the selectors (scoped by for_user; outside the scope is 404), every write through the services, whose
refusals are shown on the page with nothing changed. Enterprises use these pages on a phone.
"""
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.appeals import access, selectors, services
from luoshi.appeals.forms import (
    AcceptForm,
    AssignForm,
    AttachmentForm,
    BookingAppealForm,
    BookingForm,
    CancelBookingForm,
    FileAppealForm,
    GenerateCalendarForm,
    RateForm,
    RecordAppealForm,
    ReturnForm,
    SolveForm,
    StatisticsForm,
    UrgeForm,
)
from luoshi.appeals.models import OPEN_STATES, Appeal, AppealAttachment, Booking, ReceptionDay, ReceptionLeader, State
from luoshi.core import params
from luoshi.core.periods import today
from luoshi.core.records import ConflictError
from luoshi.core.views import xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.notifications import selectors as notes
from luoshi.notifications import services as note_services
from luoshi.notifications.models import Notification
from luoshi.organisations.access import profile_of, role_of
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, Role

SUPERVISORS = {Role.CITY_ADMIN, Role.DISTRICT_LEADER, Role.DISTRICT_DATA, Role.DISCIPLINE}
RATE, URGE, ATTACH = "rate", "urge", "attach"



def _enterprise_of(request):
    """The enterprise of an enterprise user; the pages 我的诉求 and 提交诉求 are theirs only."""
    profile = profile_of(request.user)
    if profile is None or profile.role != Role.ENTERPRISE or profile.enterprise_id is None:
        raise PermissionDenied(_("“我的诉求”仅供企业用户使用"))
    return profile.enterprise


def _appeal(request, pk) -> Appeal:
    try:
        return selectors.appeal_detail(request.user, pk)
    except Appeal.DoesNotExist:
        raise Http404 from None


def _district(request, org_id) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(request.user).districts(), pk=org_id)


def _rows(appeals, on):
    """(appeal, days to its deadline, days overdue or 0) for the lists."""
    rows = []
    for a in appeals:
        days_left = (a.deadline - on).days if a.deadline else None
        rows.append((a, days_left, -days_left if a.is_overdue(on) else 0))
    return rows


OPEN = [str(s) for s in OPEN_STATES]


@login_required
def index(request):
    """The one 企业诉求 link of the navigation: each role lands on its own list."""
    role = role_of(request.user)
    if role == Role.ENTERPRISE:
        return redirect("appeals:mine")
    if role == Role.UNIT_STAFF:
        return redirect("appeals:inbox")
    return redirect("appeals:supervision")


# --- the enterprise ------------------------------------------------------------------------------

@login_required
def mine(request):
    """我的诉求: the enterprise's own appeals, newest first, with what each waits for."""
    enterprise = _enterprise_of(request)
    appeals = list(selectors.enterprise_appeals(request.user))
    return render(request, "appeals/mine.html", {
        "enterprise": enterprise, "rows": _rows(appeals, today()), "open_states": OPEN,
        "to_rate": [a for a in appeals if a.state == State.SOLVED]})


@login_required
def new(request):
    """提交诉求: category, urgency, title, description and files; all files are checked before saving."""
    enterprise = _enterprise_of(request)
    form = FileAppealForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.file_appeal(request.user, enterprise=enterprise, category=data["category"],
                                          urgency=data["urgency"], title=data["title"],
                                          description=data["description"], attachments=data["attachments"])
        except Refused as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("诉求已提交,区里将尽快交办"))
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"enterprise": enterprise, "form": form})


# --- one appeal ----------------------------------------------------------------------------------

def _units(request, appeal):
    """The units an appeal may be given to: those of its district the user can see."""
    return (Organisation.objects.for_user(request.user)
            .filter(district_id=appeal.district_id, kind__in=UNIT_KINDS).order_by("kind", "id"))


def _may_urge(user, appeal) -> bool:
    return access.is_district_staff(user, appeal.district_id) and appeal.state in OPEN_STATES


def _may_attach(user, appeal) -> bool:
    return bool(access.parts(user, appeal)) and appeal.state != State.CLOSED


def _blank_forms(request, appeal) -> dict:
    """One form per move the user may make now (services.allowed_actions), plus 督办 and 附件."""
    allowed = services.allowed_actions(request.user, appeal)
    forms = {}
    for action in allowed:
        if action == services.ASSIGN:
            forms[action] = AssignForm(units=_units(request, appeal))
        elif action == services.ACCEPT:
            forms[action] = AcceptForm()
        elif action == services.RETURN:
            forms[action] = ReturnForm()
        elif action == services.SOLVE:
            forms[action] = SolveForm()
        elif action in (services.CONFIRM, services.REOPEN):
            forms[RATE] = RateForm()
    if _may_urge(request.user, appeal):
        forms[URGE] = UrgeForm()
    if _may_attach(request.user, appeal):
        forms[ATTACH] = AttachmentForm()
    return forms


def _bound_form(request, appeal, action):
    post, files = request.POST, request.FILES
    return {
        services.ASSIGN: lambda: AssignForm(post, units=_units(request, appeal)),
        services.ACCEPT: lambda: AcceptForm(post), services.RETURN: lambda: ReturnForm(post),
        services.SOLVE: lambda: SolveForm(post), RATE: lambda: RateForm(post), URGE: lambda: UrgeForm(post),
        ATTACH: lambda: AttachmentForm(post, files),
    }.get(action, lambda: None)()


def _version(request):
    try:
        return int(request.POST.get("version") or 0) or None
    except ValueError:
        return None


def _apply(request, appeal, action, form) -> list[str]:
    """Make the posted move through the services; the reasons it was refused (empty: it was made)."""
    if form is None:
        return [_("未知操作“%(a)s”") % {"a": action}]
    if not form.is_valid():
        return [f"{form.fields[f].label}:{e}" if f != "__all__" else e
                for f, errors in form.errors.items() for e in errors]
    data, user, version = form.cleaned_data, request.user, _version(request)
    try:
        if action == RATE:
            services.rate(user, appeal, data["rating"], text=data["text"], expected_version=version)
        elif action == URGE:
            services.urge(user, appeal, data["text"])
        elif action == ATTACH:
            services.add_attachment(user, appeal, data["file"])
        else:
            services.transition(user, appeal, action, text=data.get("text", ""), unit=data.get("unit"),
                                actions_taken=data.get("actions_taken", ""), expected_version=version)
    except Refused as exc:
        return exc.reasons
    except ConflictError as exc:
        return [str(exc)]
    return []


def _done_message(action) -> str:
    return {services.ASSIGN: _("已交办"), services.ACCEPT: _("已受理"), services.RETURN: _("已退回"),
            services.SOLVE: _("已答复,等待企业评价"), RATE: _("感谢您的评价"), URGE: _("已督办"),
            ATTACH: _("附件已上传")}.get(action, _("已办理"))


def _panel_titles():
    """(action, heading, button) of the action forms, in the order of the loop."""
    return [(services.ASSIGN, _("事项交办"), _("交办")),
            (services.ACCEPT, _("受理研判"), _("受理")),
            (services.RETURN, _("退回(不属本单位职责)"), _("退回")),
            (services.SOLVE, _("解决答复"), _("提交答复")),
            (RATE, _("反馈回访:请评价办理结果"), _("提交评价")),
            (URGE, _("督办"), _("督办")),
            (ATTACH, _("补充附件"), _("上传"))]


@login_required
def detail(request, pk):
    """The facts, the deadline, the state, the whole history, the files, and a form for each move the
    user may make now. A refused move shows its reasons; nothing changes."""
    appeal = _appeal(request, pk)
    forms = _blank_forms(request, appeal)
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = _bound_form(request, appeal, action)
        errors = _apply(request, appeal, action, form)
        if not errors:
            messages.success(request, _done_message(action))
            if Appeal.objects.for_user(request.user).filter(pk=appeal.pk).exists():
                return redirect("appeals:detail", pk=appeal.pk)
            return redirect("appeals:index")  # e.g. a unit returned it: no longer theirs to see
        if action in forms:
            forms[action] = form  # shown again with what was typed
    on = today()
    days_left = (appeal.deadline - on).days if appeal.deadline else None
    panels = [(action, title, button, forms[action]) for action, title, button in _panel_titles() if action in forms]
    return render(request, "appeals/detail.html", {
        "appeal": appeal, "panels": panels, "errors": errors,
        "days_left": days_left, "overdue": appeal.is_overdue(on),
        "late_days": -days_left if days_left is not None and days_left < 0 else 0, "open": appeal.state in OPEN_STATES,
        "steps": selectors.appeal_steps(appeal), "attachments": list(appeal.attachments.all()),
        "back": _back(request)})


def _back(request):
    """Where the page's 返回 link points for this role."""
    role = role_of(request.user)
    if role == Role.ENTERPRISE:
        return reverse("appeals:mine"), _("我的诉求")
    if role == Role.UNIT_STAFF:
        return reverse("appeals:inbox"), _("待办诉求")
    return reverse("appeals:supervision"), _("督办台账")


@login_required
def attachment(request, pk):
    """A file, only to whoever may see its appeal (404 for anyone else)."""
    try:
        item: AppealAttachment = selectors.attachment_for_user(request.user, pk)
    except AppealAttachment.DoesNotExist:
        raise Http404 from None
    response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- the unit, the supervising office ------------------------------------------------------------

@login_required
def inbox(request):
    """The unit's 待办: appeals given to it, the nearest deadline first; ?all=1 adds the finished ones."""
    profile = profile_of(request.user)
    if profile is None or profile.role != Role.UNIT_STAFF:
        raise PermissionDenied(_("待办诉求仅供承办单位工作人员使用"))
    include_finished = request.GET.get("all") == "1"
    rows = _rows(selectors.unit_inbox(request.user, include_finished=include_finished), today())
    return render(request, "appeals/inbox.html", {"unit": profile.organisation, "rows": rows,
                                                  "include_finished": include_finished, "open_states": OPEN})


def _check_supervisor(user):
    if not (access.is_superuser(user) or role_of(user) in SUPERVISORS):
        raise PermissionDenied(_("督办台账仅供区领导、发改统计和纪检监察人员使用"))


@login_required
def supervision(request):
    """督办台账: every appeal not closed, overdue first; ?overdue=1 keeps only the overdue ones,
    ?district= one district (for the city)."""
    _check_supervisor(request.user)
    districts = list(Organisation.objects.for_user(request.user).districts().order_by("id"))
    district = None
    if request.GET.get("district"):
        district = _district(request, params.object_id(request, "district"))
    overdue_only = request.GET.get("overdue") == "1"
    rows = selectors.supervision_list(request.user, district=district, overdue_only=overdue_only)
    return render(request, "appeals/supervision.html", {
        "rows": [(r.appeal, r.days_left, -r.days_left if r.overdue else 0) for r in rows], "open_states": OPEN,
        "districts": districts, "district": district, "overdue_only": overdue_only,
        "overdue_count": sum(1 for r in rows if r.overdue),
        "may_record": access.is_superuser(request.user) or role_of(request.user) in access.DISTRICT_STAFF})


def _period(request, year: int) -> tuple[date, date]:
    form = StatisticsForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    date_from = data.get("date_from") or date(year, 1, 1)
    date_to = data.get("date_to") or date(year, 12, 31)
    if date_to < date_from:
        date_from, date_to = date_to, date_from
    return date_from, date_to


@login_required
def statistics(request, org_id):
    """The district's figures: per unit over a period (default: the year) and month by month."""
    district = _district(request, org_id)
    year = year_param(request)
    date_from, date_to = _period(request, year)
    return render(request, "appeals/statistics.html", {
        "district": district, "year": year, "date_from": date_from, "date_to": date_to,
        "units": selectors.unit_statistics(request.user, district, date_from, date_to),
        "months": selectors.monthly_statistics(request.user, district, year)})


@login_required
def export(request, org_id):
    """The year's monthly and per-unit tables as .xlsx, of the appeals the user may see."""
    district = _district(request, org_id)
    year = year_param(request)
    return xlsx_response(selectors.export_statistics(request.user, district, year),
                         _("%(d)s%(y)d年企业诉求统计.xlsx") % {"d": district, "y": year})


# --- notifications -------------------------------------------------------------------------------

@login_required
def notifications(request):
    """消息提醒: the user's own messages; POST marks them read (all, or the ids posted)."""
    if request.method == "POST":
        ids = params.ids(request.POST) or None
        count = note_services.mark_read(request.user, ids)
        messages.success(request, _("已标记%(n)d条为已读") % {"n": count})
        return redirect("appeals:notifications")
    unread_only = request.GET.get("unread") == "1"
    return render(request, "appeals/notifications.html", {
        "notes": notes.inbox(request.user, unread_only=unread_only), "unread_only": unread_only})


@login_required
@require_POST
def open_notification(request, pk):
    """Open one message: marked read, then to the record it is about (only one's own messages)."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    note_services.mark_read(request.user, [note.pk])
    if note.link and url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}):
        return redirect(note.link)
    return redirect("appeals:notifications")


# --- 企业家接待日: calendar, booking, the host's list, appeals from a booking -------------------------

def _posted(request):
    """The posted data, even when empty (an empty POST still submits the form)."""
    return request.POST if request.method == "POST" else None


def _refusal_errors(form, exc: Refused):
    for reason in exc.reasons:
        form.add_error(None, reason)


def _reception_district(request, org_id) -> Organisation:
    """A district whose calendar the user may see: an enterprise its own district, others their scope."""
    profile = profile_of(request.user)
    districts = Organisation.objects.districts()
    if profile is not None and profile.role == Role.ENTERPRISE and not request.user.is_superuser:
        return get_object_or_404(districts, pk=org_id, enterprises=profile.enterprise_id or 0)
    return get_object_or_404(districts.for_user(request.user), pk=org_id)


def _month(year: int, month: int) -> date:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return date(year, month, 1)


def _may_host(user) -> bool:
    """District leaders and whoever is on a roster or hosts a day see 我接待的企业."""
    if access.is_superuser(user) or role_of(user) == Role.DISTRICT_LEADER:
        return True
    return (ReceptionLeader.objects.filter(user=user).exists()
            or ReceptionDay.objects.filter(host=user).exists())


@login_required
def reception(request):
    """The 企业家接待日 link: this month's calendar of the user's district."""
    profile = profile_of(request.user)
    on = today()
    district_id = None
    if profile is not None and profile.role == Role.ENTERPRISE and profile.enterprise_id:
        district_id = profile.enterprise.district_id
    elif profile is not None and profile.role == Role.UNIT_STAFF:
        raise PermissionDenied(_("企业家接待日仅供企业和区领导、工作人员使用"))
    elif profile is not None and profile.organisation_id and profile.organisation.district_id:
        district_id = profile.organisation.district_id
    if district_id is None:
        first = Organisation.objects.for_user(request.user).districts().order_by("id").first()
        if first is None:
            raise PermissionDenied(_("企业家接待日仅供企业和区领导、工作人员使用"))
        district_id = first.pk
    return redirect("appeals:reception_calendar", org_id=district_id, year=on.year, month=on.month)


def _leader_titles(district) -> dict:
    return {(r.user_id, r.rank): r.title for r in ReceptionLeader.objects.filter(district=district)}


def _host_name(day, titles) -> str:
    profile = getattr(day.host, "profile", None)
    name = (profile.display_name if profile is not None else "") or day.host.get_username()
    title = titles.get((day.host_id, day.host_rank))
    return f"{name}({title})" if title else name


@login_required
def reception_calendar(request, org_id, year, month):
    """企业家接待日 of a district and month: who receives, when, how many turns are free; district staff
    generate the month from the roster (POST)."""
    district = _reception_district(request, org_id)
    first = _month(year, month)
    staff = access.is_district_staff(request.user, district.pk)
    form = GenerateCalendarForm(_posted(request))
    if request.method == "POST":
        if not staff:
            raise PermissionDenied(_("只有本区领导或发改、统计工作人员可以安排接待日"))
        if form.is_valid():
            try:
                days = services.generate_calendar(request.user, district, year, month,
                                                  location=form.cleaned_data["location"])
            except Refused as exc:
                _refusal_errors(form, exc)
            else:
                messages.success(request, _("已生成%(y)d年%(m)d月接待日%(n)d场") % {"y": year, "m": month, "n": len(days)})
                return redirect("appeals:reception_calendar", org_id=district.pk, year=year, month=month)
    titles = _leader_titles(district)
    on = today()
    days = [(c, _host_name(c.day, titles), c.day.date < on)
            for c in selectors.reception_calendar(request.user, year, month, district=district)]
    prev = (first - timedelta(days=1)).replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    profile = profile_of(request.user)
    return render(request, "appeals/reception_calendar.html", {
        "district": district, "year": year, "month": month, "days": days, "staff": staff, "form": form,
        "prev": prev, "next": nxt, "is_enterprise": profile is not None and profile.role == Role.ENTERPRISE,
        "may_host": _may_host(request.user), "rule": settings.LUOSHI["RECEPTION_RULE"]})


def _reception_day(request, pk) -> ReceptionDay:
    return get_object_or_404(ReceptionDay.objects.for_user(request.user).select_related("district", "host__profile"),
                             pk=pk)


def _booking_slots(day, taken) -> list[tuple[int, str]]:
    return [(n, _("第%(n)d场 %(t)s") % {"n": n, "t": day.slot_time(n).strftime("%H:%M")})
            for n in range(1, day.slots + 1) if n not in taken]


@login_required
def reception_day(request, pk):
    """One reception day: its turns; an enterprise books one and states its topic (district staff may
    book for an enterprise of the district). Refusals (full, past, already booked) are shown."""
    day = _reception_day(request, pk)
    user = request.user
    profile = profile_of(user)
    is_enterprise = profile is not None and profile.role == Role.ENTERPRISE and profile.enterprise_id is not None
    staff = access.is_district_staff(user, day.district_id)
    sees_all = staff or day.host_id == user.pk or access.is_superuser(user) or (
        profile is not None and profile.role != Role.ENTERPRISE)
    bookings = list(day.bookings.filter(status=Booking.Status.BOOKED).select_related("enterprise"))
    taken = {b.slot for b in bookings}
    own = next((b for b in bookings if is_enterprise and b.enterprise_id == profile.enterprise_id), None)
    enterprises = (Enterprise.objects.filter(district_id=day.district_id).order_by("name", "id")
                   if staff and not is_enterprise else None)
    form = BookingForm(_posted(request), slots=_booking_slots(day, taken), enterprises=enterprises)
    if request.method == "POST":
        if not (is_enterprise or staff):
            raise PermissionDenied(_("只有企业或本区工作人员可以预约接待日"))
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.book_reception(user, day, topic=data["topic"], slot=data["slot"],
                                                  enterprise=data.get("enterprise"))
            except Refused as exc:
                _refusal_errors(form, exc)
            else:
                messages.success(request, _("已预约%(d)s第%(s)d场") % {"d": day.date, "s": booking.slot})
                return redirect("appeals:booking", pk=booking.pk)
    on = today()
    slots = []
    by_slot = {b.slot: b for b in bookings}
    for n in range(1, day.slots + 1):
        b = by_slot.get(n)
        slots.append({"n": n, "time": day.slot_time(n), "booking": b if b and (sees_all or b == own) else None,
                      "taken": b is not None})
    return render(request, "appeals/reception_day.html", {
        "day": day, "host": _host_name(day, _leader_titles(day.district)), "slots": slots, "form": form,
        "own": own, "past": day.date < on, "full": len(taken) >= day.slots, "free": day.slots - len(taken),
        "may_book": (is_enterprise and own is None) or staff, "staff": staff,
        "may_record": staff or day.host_id == user.pk})


def _booking(request, pk) -> Booking:
    return get_object_or_404(Booking.objects.for_user(request.user)
                             .select_related("reception_day__district", "reception_day__host__profile", "enterprise"),
                             pk=pk)


def _may_record_from(user, booking) -> bool:
    """District staff of the day's district and the host leader record appeals from a booking."""
    day = booking.reception_day
    return access.is_district_staff(user, day.district_id) or day.host_id == user.pk


@login_required
def booking(request, pk):
    """One booking: the turn, the topic, the appeals recorded from it; the enterprise (or district staff)
    may cancel it before the day (POST)."""
    item = _booking(request, pk)
    user = request.user
    may_cancel_role = access.can_file_for(user, item.enterprise)
    form = CancelBookingForm(_posted(request))
    if request.method == "POST":
        if not may_cancel_role:
            raise PermissionDenied(_("无权取消该预约"))
        if form.is_valid():
            try:
                services.cancel_booking(user, item, reason=form.cleaned_data["reason"])
            except Refused as exc:
                _refusal_errors(form, exc)
            else:
                messages.success(request, _("预约已取消"))
                return redirect("appeals:booking", pk=item.pk)
    day = item.reception_day
    return render(request, "appeals/booking.html", {
        "booking": item, "day": day, "host": _host_name(day, _leader_titles(day.district)),
        "slot_time": day.slot_time(item.slot), "form": form,
        "may_cancel": may_cancel_role and item.status == Booking.Status.BOOKED and day.date >= today(),
        "may_record": _may_record_from(user, item) and item.status == Booking.Status.BOOKED,
        "appeals": Appeal.objects.for_user(user).filter(booking=item).order_by("created_at", "id"),
        "open_states": OPEN})


@login_required
def booking_appeal(request, pk):
    """登记诉求 from a booking: the host or district staff record one appeal at a time; each then runs
    the normal loop (交办 by the supervising office)."""
    item = _booking(request, pk)
    if not _may_record_from(request.user, item):
        raise PermissionDenied(_("只有接待领导或本区领导、发改统计人员可以登记接待日诉求"))
    form = BookingAppealForm(_posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.appeal_from_booking(request.user, item, category=data["category"],
                                                  urgency=data["urgency"], title=data["title"],
                                                  description=data["description"], attachments=data["attachments"])
        except Refused as exc:
            _refusal_errors(form, exc)
        else:
            messages.success(request, _("诉求已登记,等待交办"))
            if request.POST.get("another"):
                return redirect("appeals:booking_appeal", pk=item.pk)
            return redirect("appeals:detail", pk=appeal.pk)
    day = item.reception_day
    return render(request, "appeals/booking_appeal.html", {
        "booking": item, "day": day, "form": form,
        "recorded": Appeal.objects.for_user(request.user).filter(booking=item).order_by("created_at", "id")})


@login_required
def my_bookings(request):
    """我的接待日预约: the enterprise's bookings, the latest day first."""
    profile = profile_of(request.user)
    if profile is None or profile.role != Role.ENTERPRISE or profile.enterprise_id is None:
        raise PermissionDenied(_("“我的预约”仅供企业用户使用"))
    on = today()
    return render(request, "appeals/my_bookings.html", {
        "enterprise": profile.enterprise, "on": on,
        "rows": [(b, b.reception_day.slot_time(b.slot)) for b in selectors.enterprise_bookings(request.user)
                 .select_related("reception_day__district")]})


@login_required
def host_schedule(request):
    """我接待的企业: the host leader's coming reception days, each with its bookings and their appeals."""
    if not _may_host(request.user):
        raise PermissionDenied(_("“我的接待日”仅供接待领导使用"))
    days = list(selectors.host_schedule(request.user).select_related("district"))
    return render(request, "appeals/host_schedule.html", {
        "days": [(d, [(b, d.slot_time(b.slot)) for b in d.bookings.all()]) for d in days]})


# --- an appeal recorded by an official (走访、电话) ------------------------------------------------------

def _staff_district(user):
    """The district whose enterprises the user records appeals for (None: all, for a superuser)."""
    if access.is_superuser(user):
        return None
    profile = profile_of(user)
    if profile is None or profile.role not in access.DISTRICT_STAFF or profile.organisation_id is None:
        raise PermissionDenied(_("只有区领导或发改、统计工作人员可以代企业登记诉求"))
    return profile.organisation.district_id or profile.organisation_id


@login_required
def record(request):
    """代企业登记: district staff record an appeal taken at a visit or by phone, for an enterprise of
    their district; it then runs the normal loop."""
    district_id = _staff_district(request.user)
    enterprises = Enterprise.objects.order_by("name", "id")
    if district_id is not None:
        enterprises = enterprises.filter(district_id=district_id)
    form = RecordAppealForm(_posted(request), request.FILES or None, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.file_appeal(request.user, enterprise=data["enterprise"], channel=data["channel"],
                                          category=data["category"], urgency=data["urgency"], title=data["title"],
                                          description=data["description"], attachments=data["attachments"])
        except Refused as exc:
            _refusal_errors(form, exc)
        else:
            messages.success(request, _("诉求已登记,等待交办"))
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/record.html", {"form": form})
