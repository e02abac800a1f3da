"""Pages of 企业家接待日: the calendar, one day and its turns, a booking, appeals recorded from a booking,
the enterprise's bookings and the host leader's list. Reads go through the selectors (for_user; outside
the scope is 404); who may open a page or act is asked of `organisations.access` (403 with the reason);
what the services refuse (full, past, already booked) is shown on the page with nothing changed.
"""
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from luoshi.appeals import selectors, services
from luoshi.appeals.forms import BookingAppealForm, BookingForm, CancelBookingForm, GenerateCalendarForm
from luoshi.appeals.models import Appeal, Booking, ReceptionDay, ReceptionLeader
from luoshi.appeals.views.common import OPEN, posted, refusal_errors
from luoshi.core.periods import today
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import profile_of
from luoshi.organisations.models import Enterprise, Organisation, Role
from luoshi.organisations.selectors import person_label


def _enterprise_id(user) -> int | None:
    """The enterprise an enterprise user acts for (None for everyone else)."""
    profile = profile_of(user)
    return profile.enterprise_id if profile is not None and profile.role == Role.ENTERPRISE else None


def _is_enterprise(user) -> bool:
    return access.role_of(user) == Role.ENTERPRISE and not access.is_superuser(user)


def _reception_district(request, org_id) -> Organisation:
    """A district whose calendar the user may see: an enterprise its own district, others their scope."""
    districts = Organisation.objects.districts()
    if _is_enterprise(request.user):
        return get_object_or_404(districts, pk=org_id, enterprises=_enterprise_id(request.user) or 0)
    return get_object_or_404(districts.for_user(request.user), pk=org_id)


def _month(year: int, month: int) -> date:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return date(year, month, 1)


@login_required
def reception(request):
    """The 企业家接待日 link: this month's calendar of the user's district."""
    access.require(request.user, "appeals.reception")
    profile = profile_of(request.user)
    on = today()
    district_id = None
    if _enterprise_id(request.user) is not None:
        district_id = profile.enterprise.district_id
    elif profile is not None and profile.organisation_id and profile.organisation.district_id:
        district_id = profile.organisation.district_id
    if district_id is None:
        first = Organisation.objects.for_user(request.user).districts().order_by("id").first()
        if first is None:
            raise PermissionDenied(access.refusal(request.user, "appeals.reception"))
        district_id = first.pk
    return redirect("appeals:reception_calendar", org_id=district_id, year=on.year, month=on.month)


def _leader_titles(district) -> dict:
    return {(r.user_id, r.rank): r.title for r in ReceptionLeader.objects.filter(district=district)}


def _host_name(day, titles) -> str:
    """The host by name and post, the post as the reception roster gives it."""
    return person_label(day.host, titles.get((day.host_id, day.host_rank)) or None)


@login_required
def reception_calendar(request, org_id, year, month):
    """企业家接待日 of a district and month: who receives, when, how many turns are free; district staff
    generate the month from the roster (POST)."""
    district = _reception_district(request, org_id)
    first = _month(year, month)
    staff = access.may(request.user, "appeals.arrange_reception", district)
    form = GenerateCalendarForm(posted(request))
    if request.method == "POST":
        access.require(request.user, "appeals.arrange_reception", district)
        if form.is_valid():
            try:
                days = services.generate_calendar(request.user, district, year, month,
                                                  location=form.cleaned_data["location"])
            except Refused as exc:
                refusal_errors(form, exc)
            else:
                messages.success(request,
                                 _("已生成%(y)d年%(m)d月接待日%(n)d场") % {"y": year, "m": month, "n": len(days)})
                return redirect("appeals:reception_calendar", org_id=district.pk, year=year, month=month)
    titles = _leader_titles(district)
    on = today()
    days = [(c, _host_name(c.day, titles), c.day.date < on)
            for c in selectors.reception_calendar(request.user, year, month, district=district)]
    prev = (first - timedelta(days=1)).replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return render(request, "appeals/reception_calendar.html", {
        "district": district, "year": year, "month": month, "days": days, "staff": staff, "form": form,
        "prev": prev, "next": nxt, "is_enterprise": _is_enterprise(request.user),
        "may_host": access.may(request.user, "appeals.host"), "rule": settings.LUOSHI["RECEPTION_RULE"]})


def _reception_day(request, pk) -> ReceptionDay:
    days = ReceptionDay.objects.for_user(request.user).select_related(
        "district", "host__profile__organisation__district", "host__profile__enterprise")
    return get_object_or_404(days, pk=pk)


def _booking_slots(day, taken) -> list[tuple[int, str]]:
    return [(n, _("第%(n)d场 %(t)s") % {"n": n, "t": day.slot_time(n).strftime("%H:%M")})
            for n in range(1, day.slots + 1) if n not in taken]


@login_required
def reception_day(request, pk):
    """One reception day: its turns; an enterprise books one and states its topic (district staff may
    book for an enterprise of the district). Who booked a turn is shown only to whoever may read that
    booking (Booking.objects.for_user): an enterprise sees its own, the district all of them."""
    day = _reception_day(request, pk)
    user = request.user
    enterprise_id = _enterprise_id(user)
    staff = access.may(user, "appeals.arrange_reception", day.district)
    bookings, taken = selectors.day_bookings(user, day)
    own = next((b for b in bookings if enterprise_id is not None and b.enterprise_id == enterprise_id), None)
    enterprises = (Enterprise.objects.filter(district_id=day.district_id).order_by("name", "id")
                   if staff and enterprise_id is None else None)
    form = BookingForm(posted(request), slots=_booking_slots(day, taken), enterprises=enterprises)
    if request.method == "POST":
        access.require(user, "appeals.book", day)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.book_reception(user, day, topic=data["topic"], slot=data["slot"],
                                                  enterprise=data.get("enterprise"))
            except Refused as exc:
                refusal_errors(form, exc)
            else:
                messages.success(request, _("已预约%(d)s第%(s)d场") % {"d": day.date, "s": booking.slot})
                return redirect("appeals:booking", pk=booking.pk)
    by_slot = {b.slot: b for b in bookings}
    slots = [{"n": n, "time": day.slot_time(n), "booking": by_slot.get(n), "taken": n in taken}
             for n in range(1, day.slots + 1)]
    return render(request, "appeals/reception_day.html", {
        "day": day, "host": _host_name(day, _leader_titles(day.district)), "slots": slots, "form": form,
        "own": own, "past": day.date < today(), "full": len(taken) >= day.slots, "free": day.slots - len(taken),
        "may_book": (enterprise_id is not None and own is None) or staff, "staff": staff,
        "may_record": staff or day.host_id == user.pk})


def _booking(request, pk) -> Booking:
    return get_object_or_404(Booking.objects.for_user(request.user)
                             .select_related("reception_day__district",
                                             "reception_day__host__profile__organisation__district",
                                             "reception_day__host__profile__enterprise", "enterprise"),
                             pk=pk)


@login_required
def booking(request, pk):
    """One booking: the turn, the topic, the appeals recorded from it; the enterprise (or district staff)
    may cancel it before the day (POST)."""
    item = _booking(request, pk)
    user = request.user
    may_cancel_role = access.may(user, "appeals.cancel_booking", item)
    form = CancelBookingForm(posted(request))
    if request.method == "POST":
        access.require(user, "appeals.cancel_booking", item)
        if form.is_valid():
            try:
                services.cancel_booking(user, item, reason=form.cleaned_data["reason"])
            except Refused as exc:
                refusal_errors(form, exc)
            else:
                messages.success(request, _("预约已取消"))
                return redirect("appeals:booking", pk=item.pk)
    day = item.reception_day
    return render(request, "appeals/booking.html", {
        "booking": item, "day": day, "host": _host_name(day, _leader_titles(day.district)),
        "slot_time": day.slot_time(item.slot), "form": form,
        "may_cancel": may_cancel_role and item.status == Booking.Status.BOOKED and day.date >= today(),
        "may_record": access.may(user, "appeals.record_from_booking", item) and item.status == Booking.Status.BOOKED,
        "appeals": Appeal.objects.for_user(user).filter(booking=item).order_by("created_at", "id"),
        "open_states": OPEN})


@login_required
def booking_appeal(request, pk):
    """登记诉求 from a booking: the host or district staff record one appeal at a time; each then runs
    the normal loop (交办 by the supervising office)."""
    item = _booking(request, pk)
    access.require(request.user, "appeals.record_from_booking", item)
    form = BookingAppealForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.appeal_from_booking(request.user, item, category=data["category"],
                                                  urgency=data["urgency"], title=data["title"],
                                                  description=data["description"], attachments=data["attachments"])
        except Refused as exc:
            refusal_errors(form, exc)
        else:
            messages.success(request, _("诉求已登记，等待交办"))
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
    access.require(request.user, "appeals.my_bookings")
    on = today()
    return render(request, "appeals/my_bookings.html", {
        "enterprise": profile_of(request.user).enterprise, "on": on,
        "rows": [(b, b.reception_day.slot_time(b.slot)) for b in selectors.enterprise_bookings(request.user)
                 .select_related("reception_day__district")]})


@login_required
def host_schedule(request):
    """我接待的企业: the host leader's coming reception days, each with its bookings and their appeals."""
    access.require(request.user, "appeals.host")
    days = list(selectors.host_schedule(request.user).select_related("district"))
    return render(request, "appeals/host_schedule.html", {
        "days": [(d, [(b, d.slot_time(b.slot)) for b in d.bookings.all()]) for d in days]})
