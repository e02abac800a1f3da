"""Pages of the work plan: a district's plans, the plan (sections → tasks, filters), 我牵头的, the task page
with its forms, the 督办台账, the Excel export, template and import. Thin: scoping through `for_user`,
who may act through organisations.access, rules in services."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.core.forms import UploadForm
from luoshi.core.periods import today
from luoshi.core.records import ConflictError
from luoshi.core.views import posted_version, xlsx_response
from luoshi.core.workflow import Refused
from luoshi.organisations import access
from luoshi.organisations.access import (
    ALL_TASKS,
    NO_TASKS,
    can_act_for_unit,
    can_supervise,
    home_organisation,
    role_of,
    work_scope,
)
from luoshi.organisations.models import Organisation, Role
from luoshi.workplan import excel, selectors, services
from luoshi.workplan.forms import NoticeForm, ReplyForm, ReportForm, SubtaskForm, TaskEditForm, TaskForm
from luoshi.workplan.models import Evidence, Notice, TaskState, WorkPlan, WorkTask
from luoshi.workplan.selectors.pages import ledger_page, plan_counts, plan_page
from luoshi.workplan.status import TONES, WorkStatus


def _district(request, org_id):
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    if not org.is_district:
        raise PermissionDenied(_("重点工作台账按区查看"))
    return org


def _task(request, task_id):
    return get_object_or_404(WorkTask.objects.for_user(request.user).select_related("plan__organisation"),
                             pk=task_id)


@login_required
def index(request):
    """The entry of the navigation: a unit or a leader lands on 我牵头的, district staff on their plans."""
    access.require(request.user, "workplan.read")
    if role_of(request.user) in (Role.UNIT_STAFF, Role.DISTRICT_LEADER):
        return redirect("workplan:mine")
    org = home_organisation(request.user)
    if org is not None and not org.is_district and org.district_id is None:
        return redirect("indicators:city", org.pk)  # the city: choose a district
    district = org.district if org is not None and org.district_id else org
    if district is None:
        raise PermissionDenied(_("请从区的页面进入重点工作台账"))
    return redirect("workplan:district", district.pk)


@login_required
def district(request, org_id):
    org = _district(request, org_id)
    plans = list(selectors.plans_of(request.user, org))
    summaries = [(p, plan_counts(request.user, p)) for p in plans]
    year = today().year
    return render(request, "workplan/district.html", {
        "org": org, "summaries": summaries, "year": year,
        "sentence": selectors.progress_sentence(selectors.district_summary(request.user, org, year), year),
        "statuses": WorkStatus.choices, "tones": TONES,
        "can_supervise": can_supervise(request.user, org)})


def _plan(request, plan_id):
    return get_object_or_404(WorkPlan.objects.for_user(request.user).select_related("organisation"), pk=plan_id)


@login_required
def plan(request, plan_id):
    """Sections → tasks, PAGE_SIZE tasks a page; the counts and 整改完成率 are of the whole plan."""
    p = _plan(request, plan_id)
    filters = selectors.clean_filters(request.GET)
    read = plan_page(request.user, p, filters, request.GET.get("page"))
    page = read["page"]
    query = request.GET.copy()
    query.pop("page", None)
    keep = access.may(request.user, "workplan.keep", p.organisation)  # the 督查室: adds, imports
    return render(request, "workplan/plan.html", {
        "plan": p, "org": p.organisation,
        "groups": selectors.by_section(p, read["rows"], whole=not filters and page.number == 1),
        "filters": filters, "choices": read["choices"], "counts": read["counts"], "shown": read["shown"],
        "page": page, "rectification": read["rectification"], "query": query.urlencode(),
        "can_supervise": keep, "tones": TONES, "can_keep": keep})


def _refused_onto(form, exc: Refused):
    """A service's refusal shown on the form: each reason beside the field it names (else above the form)."""
    for field, reason in zip(exc.fields, exc.reasons, strict=False):
        form.add_error(field if field in form.fields else None, reason)


def _form_values(form) -> dict:
    d = dict(form.cleaned_data)
    d.pop("version", None), d.pop("reason", None)
    return d


@login_required
def new_task(request, plan_id):
    """One task added to the plan by its 督查室: text, section, 牵头领导, 牵头单位, 配合单位, deadline, category,
    cadence and an optional own measure."""
    p = _plan(request, plan_id)
    access.require(request.user, "workplan.keep", p.organisation)
    choices = {**selectors.task_choices(request.user, p), **selectors.measure_choices(p)}
    form = TaskForm(request.POST or None, initial={"section": request.GET.get("section")}, **choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                task = services.create_task(request.user, p, services.task_input(request.user, p, form.cleaned_data))
            except Refused as exc:
                _refused_onto(form, exc)
            else:
                messages.success(request, _("已新增任务：%(t)s") % {"t": task.title[:40]})
                return redirect("workplan:task", task.pk)
        status = 400
    return render(request, "workplan/task_form.html", {"plan": p, "org": p.organisation, "form": form, "task": None},
                  status=status)


@login_required
def edit_task(request, task_id):
    """The 督查室 corrects a task from the version it read, with a reason; a stale version is refused with
    the newer record shown."""
    t = _task(request, task_id)
    p = t.plan
    access.require(request.user, "workplan.keep", p.organisation)
    choices = {**selectors.task_choices(request.user, p), **selectors.measure_choices(p)}
    for name, field in (("targets", "target"), ("projects", "project"), ("investment_targets", "investment_target")):
        current = getattr(t, field) if getattr(t, f"{field}_id") else None
        if current is not None and current not in choices[name]:  # a record of another year stays offered
            choices[name] = [current, *choices[name]]
    initial = {**services.task_values(t), "version": t.version}
    form = TaskEditForm(request.POST or None, initial=initial, **choices)
    status, newer = 200, None
    if request.method == "POST":
        if form.is_valid():
            values = {**services.task_values(t), **_form_values(form)}
            try:
                services.edit_task(request.user, t, services.task_input(request.user, p, values, t),
                                   expected_version=form.cleaned_data["version"], reason=form.cleaned_data["reason"])
            except ConflictError as exc:
                form.add_error(None, str(exc))
                newer, status = selectors.task_row(exc.current), 409
            except Refused as exc:
                _refused_onto(form, exc)
                status = 400
            else:
                messages.success(request, _("任务已修改"))
                return redirect("workplan:task", t.pk)
        else:
            status = 400
    return render(request, "workplan/task_form.html", {"plan": p, "org": p.organisation, "form": form, "task": t,
                                                       "newer": newer}, status=status)


@login_required
def export(request, plan_id):
    p = _plan(request, plan_id)
    return xlsx_response(excel.export_plan(request.user, p, selectors.clean_filters(request.GET)),
                         _("%(o)s%(y)d年%(t)s推进情况-%(d)s.xlsx") % {
                             "o": p.organisation, "y": p.year, "t": p.title, "d": today().strftime("%Y%m%d")})


def _supervisor_plan(request, plan_id):
    p = _plan(request, plan_id)
    if not can_supervise(request.user, p.organisation):
        raise PermissionDenied(_("只有%(o)s督查室可以导入任务清单") % {"o": p.organisation})
    return p


@login_required
def template(request, plan_id):
    p = _supervisor_plan(request, plan_id)
    return xlsx_response(excel.template(p), _("重点工作任务清单模板.xlsx"))


@login_required
def upload(request, plan_id):
    p = _supervisor_plan(request, plan_id)
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = excel.import_tasks(request.user, p, form.cleaned_data["file"])
        if not result.errors:
            messages.success(request, _("已导入%(n)d项任务") % {"n": result.created})
            return redirect("workplan:plan", p.pk)
    return render(request, "workplan/upload.html", {"plan": p, "form": form, "result": result},
                  status=400 if result and result.errors else 200)


@login_required
def mine(request):
    scope, _where = work_scope(request.user)
    if scope == NO_TASKS:
        raise PermissionDenied(_("重点工作台账仅供区、单位工作人员查看"))
    rows = selectors.mine(request.user)
    return render(request, "workplan/mine.html", {"rows": rows, "counts": selectors.status_counts(rows),
                                                  "tones": TONES,
                                                  "is_leader": role_of(request.user) == Role.DISTRICT_LEADER})


@login_required
def ledger(request, org_id):
    org = _district(request, org_id)
    if work_scope(request.user)[0] != ALL_TASKS:
        raise PermissionDenied(_("督办台账供区领导和督查室查看"))
    status = selectors.clean_filters(request.GET).get("status")
    read = ledger_page(request.user, org, status, request.GET.get("page"))
    return render(request, "workplan/ledger.html", {
        "org": org, "rows": read["rows"], "page": read["page"], "tones": TONES, "status": status,
        "query": f"status={status}" if status else "", "status_label": WorkStatus(status).label if status else ""})


def _task_context(request, task, **forms):
    user, row = request.user, selectors.task_row(task)
    lead = can_act_for_unit(user, [task.lead_unit_id])
    supervise = can_supervise(user, task.plan.organisation)
    return {
        "task": task, "row": row, "org": task.plan.organisation, "tones": TONES,
        "measure_progress": selectors.measure_progress(task),
        "milestones": task.milestones.all(), "outputs": task.outputs.all(), "reports": selectors.reports_of(task),
        "notices": task.notices.select_related("issued_by__profile", "replied_by__profile").order_by("-issued_on",
            "-id"),
        "steps": selectors.steps_of(task), "history": selectors.task_history(task),
        "subtasks": selectors.rows_of(WorkTask.objects.for_user(user).filter(parent=task)),
        "cooperating": task.cooperating_units.all(), "evidence": task.evidence.filter(report__isnull=True),
        "can_report": can_act_for_unit(user, task.unit_ids()) and task.state != TaskState.CLOSED,
        "is_lead": lead, "can_supervise": supervise,
        "can_keep": access.may(user, "workplan.keep", task.plan.organisation),
        "moves": [(a, services.action_label(a)) for a in services.CLOSING.actions_from(task.state)
                  if (a == services.APPLY and lead) or (a != services.APPLY and supervise)],
        "report_form": forms.get("report_form") or ReportForm(task=task),
        "notice_form": forms.get("notice_form") or NoticeForm(),
        "subtask_form": forms.get("subtask_form") or SubtaskForm(
            units=selectors.visible_units(user, task.plan.organisation)) if (lead or supervise) else None,
        "errors": forms.get("errors", []),
    }


@login_required
def task(request, task_id):
    t = _task(request, task_id)
    return render(request, "workplan/task.html", _task_context(request, t))


def _after(request, t, call, success: str):
    """Run a service call from a posted form; back to the task page, or the page again with the reasons."""
    try:
        call()
    except Refused as exc:
        return render(request, "workplan/task.html", _task_context(request, t, errors=exc.reasons), status=400)
    except ConflictError as exc:
        return render(request, "workplan/task.html", _task_context(request, t, errors=[str(exc)]), status=409)
    messages.success(request, success)
    return redirect("workplan:task", t.pk)


@login_required
@require_POST
def report(request, task_id):
    t = _task(request, task_id)
    form = ReportForm(request.POST, task=t)
    if not form.is_valid():
        return render(request, "workplan/task.html", _task_context(request, t, report_form=form), status=400)
    d = form.cleaned_data
    milestone = t.milestones.filter(pk=d["milestone"]).first() if d["milestone"] else None
    outputs = {o.pk: request.POST.get(f"output-{o.pk}", "") for o in t.outputs.all()}
    return _after(request, t, lambda: services.submit_report(
        request.user, t, text=d["text"], percent=d["percent"], value=d["value"], milestone=milestone,
        files=request.FILES.getlist("files"), outputs=outputs), _("进展已报送"))


@login_required
@require_POST
def notice(request, task_id):
    t = _task(request, task_id)
    form = NoticeForm(request.POST)
    if not form.is_valid():
        return render(request, "workplan/task.html", _task_context(request, t, notice_form=form), status=400)
    d = form.cleaned_data
    return _after(request, t, lambda: services.issue_notice(request.user, t, kind=d["kind"], text=d["text"],
                                                            reply_days=d["reply_days"]), _("督办通知已签发"))


@login_required
@require_POST
def reply(request, notice_id):
    n = get_object_or_404(Notice.objects.for_user(request.user).select_related("task"), pk=notice_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        reasons = [_("请填写回复")] if "text" in form.errors else [e for errors in form.errors.values() for e in errors]
        return _after(request, n.task, lambda: (_ for _ in ()).throw(Refused(reasons)), "")
    return _after(request, n.task, lambda: services.reply_notice(
        request.user, n, text=form.cleaned_data["text"], expected_version=form.cleaned_data["version"]), _("已回复"))


@login_required
@require_POST
def move(request, task_id):
    t = _task(request, task_id)
    return _after(request, t, lambda: services.transition(
        request.user, t, request.POST.get("action", ""), text=request.POST.get("text", ""),
        files=request.FILES.getlist("files"), expected_version=posted_version(request)),
        _("已%(a)s") % {"a": services.action_label(request.POST.get("action", ""))})


@login_required
@require_POST
def subtask(request, task_id):
    t = _task(request, task_id)
    form = SubtaskForm(request.POST, units=selectors.visible_units(request.user, t.plan.organisation))
    if not form.is_valid():
        return render(request, "workplan/task.html", _task_context(request, t, subtask_form=form), status=400)
    d = form.cleaned_data
    unit = Organisation.objects.get(pk=d["lead_unit"])
    return _after(request, t, lambda: services.create_task(request.user, t.plan, services.TaskInput(
        title=d["title"], lead_unit=unit, deadline=d["deadline"], cadence=d["cadence"]), parent=t), _("子任务已分解"))


@login_required
def evidence(request, evidence_id):
    e = get_object_or_404(Evidence.objects.for_user(request.user), pk=evidence_id)
    return FileResponse(e.file.open("rb"), as_attachment=True, filename=e.original_name, content_type=e.content_type)
