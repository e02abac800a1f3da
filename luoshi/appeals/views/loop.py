"""Pages of the appeal closed loop (企业诉求闭环): each role's list, one appeal, statistics, recording for
an enterprise. Thin: every read goes through the selectors (scoped by for_user; outside the scope is 404),
every write through the services; who may open a page or make a move is asked of `organisations.access`
(403 with the reason), what the loop refuses is shown on the page with nothing changed. Enterprises use
these pages on a phone.
"""
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi.appeals import selectors, services
from luoshi.appeals.forms import (
    AcceptForm,
    AssignForm,
    AttachmentForm,
    FileAppealForm,
    RateForm,
    RecordAppealForm,
    ReturnForm,
    SolveForm,
    UrgeForm,
)
from luoshi.appeals.models import OPEN_STATES, Appeal, AppealAttachment, State
from luoshi.appeals.views.common import OPEN, posted, refusal_errors, rows_of
from luoshi.core import params
from luoshi.core.periods import today
from luoshi.core.records import ConflictError
from luoshi.core.views import posted_version, xlsx_response, year_param
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import profile_of, role_of
from luoshi.organisations.models import UNIT_KINDS, Enterprise, Organisation, Role

RATE, URGE, ATTACH = "rate", "urge", "attach"


def _enterprise_of(request):
    """The enterprise of an enterprise user; the pages 我的诉求 and 提交诉求 are theirs only."""
    access.require(request.user, "appeals.mine")
    return profile_of(request.user).enterprise


def _appeal(request, pk) -> Appeal:
    try:
        return selectors.appeal_detail(request.user, pk)
    except Appeal.DoesNotExist:
        raise Http404 from None


def _district(request, org_id) -> Organisation:
    return get_object_or_404(Organisation.objects.for_user(request.user).districts(), pk=org_id)


@login_required
def index(request):
    """The one 企业诉求 link of the navigation: each role lands on its own list."""
    access.require(request.user, "appeals.open")
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
        "enterprise": enterprise, "rows": rows_of(appeals, today()), "open_states": OPEN,
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
            refusal_errors(form, exc)
        else:
            messages.success(request, _("诉求已提交，区里将尽快交办"))
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/new.html", {"enterprise": enterprise, "form": form})


# --- one appeal ----------------------------------------------------------------------------------

def _units(request, appeal):
    """The units an appeal may be given to: those of its district the user can see."""
    return (Organisation.objects.for_user(request.user)
            .filter(district_id=appeal.district_id, kind__in=UNIT_KINDS).order_by("kind", "id"))


def _may_urge(user, appeal) -> bool:
    return access.may(user, "appeals.urge", appeal) and appeal.state in OPEN_STATES


def _may_attach(user, appeal) -> bool:
    return access.may(user, "appeals.attach", appeal) and appeal.state != State.CLOSED


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


def _apply(request, appeal, action, form) -> list[str]:
    """Make the posted move through the services; the reasons it was refused (empty: it was made)."""
    if form is None:
        return [_("未知操作“%(a)s”") % {"a": action}]
    if not form.is_valid():
        return [f"{form.fields[f].label}:{e}" if f != "__all__" else e
                for f, errors in form.errors.items() for e in errors]
    data, user = form.cleaned_data, request.user
    try:
        if action == RATE:
            services.rate(user, appeal, data["rating"], text=data["text"], expected_version=posted_version(request))
        elif action == URGE:
            services.urge(user, appeal, data["text"])
        elif action == ATTACH:
            services.add_attachment(user, appeal, data["file"])
        else:
            services.transition(user, appeal, action, text=data.get("text", ""), unit=data.get("unit"),
                                actions_taken=data.get("actions_taken", ""),
                                expected_version=posted_version(request))
    except Refused as exc:
        return exc.reasons
    except ConflictError as exc:
        return [str(exc)]
    return []


def _done_message(action) -> str:
    return {services.ASSIGN: _("已交办"), services.ACCEPT: _("已受理"), services.RETURN: _("已退回"),
            services.SOLVE: _("已答复，等待企业评价"), RATE: _("感谢您的评价"), URGE: _("已督办"),
            ATTACH: _("附件已上传")}.get(action, _("已办理"))


def _panel_titles():
    """(action, heading, button) of the action forms, in the order of the loop."""
    return [(services.ASSIGN, _("事项交办"), _("交办")),
            (services.ACCEPT, _("受理研判"), _("受理")),
            (services.RETURN, _("退回(不属本单位职责)"), _("退回")),
            (services.SOLVE, _("解决答复"), _("提交答复")),
            (RATE, _("反馈回访：请评价办理结果"), _("提交评价")),
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
    days_left = selectors.working_days_left([appeal], on)[0]  # 工作日, as the time limit counts
    panels = [(action, title, button, forms[action]) for action, title, button in _panel_titles() if action in forms]
    return render(request, "appeals/detail.html", {
        "appeal": appeal, "panels": panels, "errors": errors,
        "days_left": days_left, "overdue": appeal.is_overdue(on),
        "late_days": selectors.late_days([appeal], on)[0], "open": appeal.state in OPEN_STATES,
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
    access.require(request.user, "appeals.inbox")
    profile = profile_of(request.user)
    include_finished = request.GET.get("all") == "1"
    rows = rows_of(selectors.unit_inbox(request.user, include_finished=include_finished), today())
    return render(request, "appeals/inbox.html", {"unit": profile.organisation, "rows": rows,
                                                  "include_finished": include_finished, "open_states": OPEN})


@login_required
def supervision(request):
    """督办台账: every appeal not closed, overdue first; ?overdue=1 keeps only the overdue ones,
    ?district= one district (for the city)."""
    access.require(request.user, "appeals.supervise")
    districts = list(Organisation.objects.for_user(request.user).districts().order_by("id"))
    district = None
    if request.GET.get("district"):
        district = _district(request, params.object_id(request, "district"))
    overdue_only = request.GET.get("overdue") == "1"
    rows = selectors.supervision_list(request.user, district=district, overdue_only=overdue_only)
    return render(request, "appeals/supervision.html", {
        "rows": [(r.appeal, r.working_days_left, r.late) for r in rows], "open_states": OPEN,
        "districts": districts, "district": district, "overdue_only": overdue_only,
        "overdue_count": sum(1 for r in rows if r.overdue),
        "may_record": access.may(request.user, "appeals.record")})


def _period(request, year: int) -> tuple[date, date]:
    """`?date_from=&date_to=` (default: the year); a date that is none, or outside 2000–2100, answers 400."""
    date_from = params.date(request, "date_from", date(year, 1, 1), label=_("登记日期自"))
    date_to = params.date(request, "date_to", date(year, 12, 31), label=_("登记日期至"))
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


# --- an appeal recorded by an official (走访、电话) ------------------------------------------------------

def _staff_district(user):
    """The district whose enterprises the user records appeals for (None: all, for a superuser)."""
    access.require(user, "appeals.record")
    if access.is_superuser(user):
        return None
    profile = profile_of(user)
    return profile.organisation.district_id or profile.organisation_id


@login_required
def record(request):
    """代企业登记: district staff record an appeal taken at a visit or by phone, for an enterprise of
    their district; it then runs the normal loop."""
    district_id = _staff_district(request.user)
    enterprises = Enterprise.objects.order_by("name", "id")
    if district_id is not None:
        enterprises = enterprises.filter(district_id=district_id)
    form = RecordAppealForm(posted(request), request.FILES or None, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appeal = services.file_appeal(request.user, enterprise=data["enterprise"], channel=data["channel"],
                                          category=data["category"], urgency=data["urgency"], title=data["title"],
                                          description=data["description"], attachments=data["attachments"])
        except Refused as exc:
            refusal_errors(form, exc)
        else:
            messages.success(request, _("诉求已登记，等待交办"))
            return redirect("appeals:detail", pk=appeal.pk)
    return render(request, "appeals/record.html", {"form": form})
