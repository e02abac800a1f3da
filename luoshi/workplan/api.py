"""API of the work plan with the pages' scoping: a district's tasks with their computed status, one task
with milestones, reports, notices and moves, and the writes — progress reports, 督办 notices, replies and
销号 moves — through the same services (refusals 422 with every reason, stale moves 409, out of scope 404)."""
from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from luoshi.core.api_errors import NUMBER_TEXT_MAX, READ_ERRORS, WRITE_ERRORS
from luoshi.core.apitools import ExactDecimal, expected_version_field, model_text, reason_text, scoped
from luoshi.organisations import access
from luoshi.organisations.models import Organisation
from luoshi.organisations.selectors import person_label
from luoshi.workplan import selectors, services
from luoshi.workplan.models import Cadence, MeasureKind, Notice, ProgressReport, TaskStep, WorkPlan, WorkTask

router = Router(tags=["workplan 重点工作"])


class WorkLinkOut(Schema):
    """The record a task's measure links: a ledger target, a project or an investment target of the district."""

    field: str = Field(..., description="target 经济指标目标, project 重点项目, investment_target 招商目标")
    id: int = Field(..., description="所关联记录的编号")
    label: str = Field(..., description="所关联记录的名称,如“2025 固定资产投资增长8%”")


class WorkMeasureOut(Schema):
    """A task's measure (量化指标): its kind, an own measure's wording, value and unit, or the linked record,
    and where it stands in the same words as the task page's 指标进度."""

    kind: str = Field(..., description="空:无量化指标; own, target, project, investment")
    kind_label: str = Field(..., description="量化方式,如“关联经济指标目标”“无量化指标”")
    wording: str = Field(..., description="自定量化指标的目标表述,如“不低于1100亩”")
    value: ExactDecimal | None = Field(..., description="自定量化指标的目标值")
    unit: str = Field(..., description="自定量化指标的计量单位")
    linked: WorkLinkOut | None = Field(..., description="关联的经济指标目标、重点项目或招商目标")
    progress: str = Field(..., description="指标进度(与任务页面相同的表述);无关联记录时为空")


class WorkTaskOut(Schema):
    """A task (重点工作任务) with its status computed and said in words."""

    id: int
    plan_id: int
    section: str | None
    title: str
    category: str
    lead_leader: str | None = Field(description="牵头领导的姓名和职务")
    lead_leader_id: int | None = Field(description="牵头领导的用户编号")
    lead_unit: str
    lead_unit_id: int
    cooperating_units: list[str]
    deadline: date
    status: str = Field(..., description="未启动 / 按期推进 / 滞后 / 超期 / 已完成")
    status_code: str = Field(..., description="not_started, on_track, behind, overdue, done")
    status_reason: str
    missing_report: str | None
    state: str = Field(..., description="销号: open, applied, closed")
    version: int
    measure: WorkMeasureOut


class WorkMilestoneOut(Schema):
    """A dated milestone (节点) of a task and whether it was reached."""

    id: int
    due: date
    title: str
    done_on: date | None


class WorkReportOut(Schema):
    """A progress report (进展报告) of a task."""

    id: int
    unit: str
    period_end: date
    text: str
    percent: ExactDecimal | None
    value: ExactDecimal | None
    withdrawn_reason: str
    files: list[str]


class WorkNoticeOut(Schema):
    """A 督办 notice (提醒/催办单/督办单/挂牌督办) with its reply deadline and reply."""

    id: int
    kind: str
    kind_label: str
    text: str
    issued_on: date
    reply_days: int
    reply_deadline: date
    state: str
    reply: str
    replied_on: date | None
    version: int


class WorkStepOut(Schema):
    """One recorded move of a task's 销号 machine."""

    at: str
    actor: str | None = Field(description="办理人的姓名和职务(系统办理时为空)")
    actor_id: int | None = Field(description="办理人的用户编号")
    action: str
    from_state: str
    to_state: str
    text: str


class WorkTaskDetailOut(WorkTaskOut):
    """A task (工作任务) with its facts, milestones, reports, notices and history."""

    milestones: list[WorkMilestoneOut]
    reports: list[WorkReportOut]
    notices: list[WorkNoticeOut]
    steps: list[WorkStepOut]
    next_actions: list[str]


def _task_out(row) -> dict:
    t = row.task
    return {"id": t.pk, "plan_id": t.plan_id, "section": str(t.section) if t.section_id else None, "title": t.title,
            "category": t.category.name, "lead_leader": person_label(t.lead_leader) or None,
            "lead_leader_id": t.lead_leader_id, "lead_unit": str(t.lead_unit),
            "lead_unit_id": t.lead_unit_id, "cooperating_units": [str(u) for u in t.cooperating_units.all()],
            "deadline": t.deadline, "status": row.status.label, "status_code": row.status.status,
            "status_reason": row.status.reason, "missing_report": row.missing, "state": t.state, "version": t.version,
            "measure": selectors.measure_of(t)}


def _detail(task: WorkTask) -> dict:
    row = selectors.task_row(task)
    return {**_task_out(row),
            "milestones": list(task.milestones.all()),
            "reports": [{"id": r.pk, "unit": str(r.unit), "period_end": r.period_end, "text": r.text,
                         "percent": r.percent,
                         "value": r.value, "withdrawn_reason": r.withdrawn_reason,
                         "files": [f.original_name for f in r.files.all()]} for r in selectors.reports_of(task)],
            "notices": [{**{f: getattr(n, f) for f in ("id", "kind", "text", "issued_on", "reply_days",
                                                       "reply_deadline",
                                                       "state", "reply", "replied_on", "version")},
                         "kind_label": n.get_kind_display()} for n in task.notices.order_by("issued_on", "id")],
            "steps": [{"at": s.at.isoformat(), "actor": person_label(s.actor) or None,
                       "actor_id": s.actor_id, "action": s.action, "from_state": s.from_state,
                       "to_state": s.to_state, "text": s.text} for s, _label in selectors.steps_of(task)],
            "next_actions": services.CLOSING.actions_from(task.state)}


class TaskFilters(Schema):
    """Filters of a district's task list: leader, unit, status, category."""

    year: int | None = Field(None, ge=2000, le=2100)
    status: str | None = Field(None, description="not_started, on_track, behind, overdue, done")
    leader: int | None = None
    unit: int | None = None
    category: int | None = None


@router.get("/districts/{int:org_id}/tasks", response={200: list[WorkTaskOut], **READ_ERRORS},
            summary="重点工作任务 A district's tasks with their status")
def district_tasks(request, org_id: int, filters: Query[TaskFilters]):
    """Every task of the district the user may see (a unit: those it leads or cooperates on), with the same
    filters as the plan page."""
    org = scoped(request, Organisation, pk=org_id)
    params = {k: str(v) for k, v in filters.dict().items() if v is not None and k != "year"}
    rows = []
    plans = selectors.plans_of(request.user, org)
    if filters.year:
        plans = plans.filter(year=filters.year)
    for plan in plans:
        rows += selectors.plan_rows(request.user, plan, selectors.clean_filters(params), cooperating=True)
    return [_task_out(r) for r in rows]


def _task(request, task_id):
    return scoped(request, WorkTask.objects.select_related("plan__organisation", "lead_unit", "category"), pk=task_id)


@router.get("/tasks/{int:task_id}", response={200: WorkTaskDetailOut, **READ_ERRORS}, summary="任务详情 One task")
def task_detail(request, task_id: int):
    """Facts, status, milestones, reports, notices and every recorded move."""
    return _detail(_task(request, task_id))


class WorkReportIn(Schema):
    """A progress report from the lead or a cooperating unit."""

    text: str = model_text(ProgressReport, "text")
    percent: str | None = Field(None, max_length=NUMBER_TEXT_MAX, description="完成进度(%),如“60”")
    value: str | None = Field(None, max_length=NUMBER_TEXT_MAX, description="量化完成值(任务自定量化指标的单位)")
    milestone_id: int | None = None


@router.post("/tasks/{int:task_id}/reports", response={200: WorkReportOut, **WRITE_ERRORS},
             summary="报送进展 Report progress")
def report(request, task_id: int, payload: WorkReportIn):
    """From the lead unit (percent, value, milestone) or a cooperating unit (its part, in words); the same
    text for the same period again returns the same report."""
    task = _task(request, task_id)
    milestone = get_object_or_404(task.milestones, pk=payload.milestone_id) if payload.milestone_id else None
    r = services.submit_report(request.user, task, text=payload.text, percent=payload.percent, value=payload.value,
                               milestone=milestone)
    return {"id": r.pk, "unit": str(r.unit), "period_end": r.period_end, "text": r.text, "percent": r.percent,
            "value": r.value, "withdrawn_reason": r.withdrawn_reason, "files": []}


class WorkNoticeIn(Schema):
    """A 督办 notice the 督查室 issues on a task."""

    kind: str = Field(..., max_length=20, description="reminder 提醒, urge 催办单, supervise 督办单, listed 挂牌督办")
    text: str = model_text(Notice, "text")
    reply_days: int | None = Field(None, description="回复时限(工作日),默认按规定")


def _notice_out(n: Notice) -> dict:
    return {**{f: getattr(n, f) for f in ("id", "kind", "text", "issued_on", "reply_days", "reply_deadline", "state",
                                          "reply", "replied_on", "version")}, "kind_label": n.get_kind_display()}


@router.get("/tasks/{int:task_id}/notices", response={200: list[WorkNoticeOut], **READ_ERRORS},
            summary="督办通知 A task's notices")
def notices(request, task_id: int):
    """The 督办 notices (提醒, 催办单, 督办单, 挂牌督办) issued on a task, oldest first, with their replies."""
    return [_notice_out(n) for n in _task(request, task_id).notices.order_by("issued_on", "id")]


@router.post("/tasks/{int:task_id}/notices", response={200: WorkNoticeOut, **WRITE_ERRORS},
             summary="签发督办 Issue a notice")
def issue(request, task_id: int, payload: WorkNoticeIn):
    """The district's 督查室 only; the reply deadline is counted in working days."""
    return _notice_out(services.issue_notice(request.user, _task(request, task_id), kind=payload.kind,
                                             text=payload.text, reply_days=payload.reply_days))


class WorkReplyIn(Schema):
    """The unit's reply to a 督办 notice."""

    text: str = model_text(Notice, "reply")
    expected_version: int = expected_version_field(first_entry=False)


@router.post("/notices/{int:notice_id}/replies", response={200: WorkNoticeOut, **WRITE_ERRORS},
             summary="回复督办 Reply to a notice")
def reply(request, notice_id: int, payload: WorkReplyIn):
    """The unit's reply to a 督办 notice (kept on the task); a stale `expected_version` (someone replied
    first, or the notice escalated meanwhile) answers 409 with the newer notice."""
    notice = scoped(request, Notice, pk=notice_id)
    return _notice_out(services.reply_notice(request.user, notice, text=payload.text,
                                             expected_version=payload.expected_version))


class WorkMoveIn(Schema):
    """A 销号 move (apply, approve, return) with its text."""

    action: str = Field(..., max_length=20, description="apply 申请销号, approve 批准销号, return 退回")
    text: str = model_text(TaskStep, "text", "")
    expected_version: int = expected_version_field(first_entry=False)


@router.post("/tasks/{int:task_id}/closing", response={200: WorkTaskDetailOut, **WRITE_ERRORS},
             summary="销号 Apply, approve or return")
def closing(request, task_id: int, payload: WorkMoveIn):
    """申请销号 by the lead unit (evidence must already be on the task: attach it with a report on the page),
    批准销号 or 退回 by the 督查室."""
    task = services.transition(request.user, _task(request, task_id), payload.action, text=payload.text,
                               expected_version=payload.expected_version)
    return _detail(task)


MEASURE_KINDS = ("空:无量化指标;own:自定量化指标(填measure_wording);target:关联经济指标目标(填target);"
                 "project:关联重点项目(填project);investment:关联招商目标(填investment_target)")


class WorkTaskIn(Schema):
    """One task added to a plan by its 督查室 (units, leader, section and category by id, all of the plan's
    district): the same rules as the page's form, refusals 422 naming each field."""

    title: str = model_text(WorkTask, "title")
    number: str = model_text(WorkTask, "number", "")
    section: int | None = Field(None, description="板块id(该台账的)")
    lead_leader: int | None = Field(None, description="牵头领导(本区区领导的用户id)")
    lead_unit: int = Field(..., description="牵头单位id(本区的局委办、镇办)")
    cooperating_units: list[int] = Field([], max_length=100, description="配合单位id(本区的单位)")
    start: date | None = Field(None, description="开始日期;省略为年度第一天")
    deadline: date = Field(..., description="完成时限")
    category: int | None = Field(None, description="任务类别id;省略为“重点工作”")
    cadence: str = Field(Cadence.MONTHLY, max_length=10, description="weekly 周报, monthly 月报, quarterly 季报")
    measure_kind: str = Field(MeasureKind.NONE, max_length=10, description=MEASURE_KINDS)
    measure_wording: str = model_text(WorkTask, "measure_wording", "", description="目标表述,如“不低于1100亩”")
    target: int | None = Field(None, description="measure_kind为target时:本区经济指标年度目标id")
    project: int | None = Field(None, description="measure_kind为project时:本区重点项目id")
    investment_target: int | None = Field(None, description="measure_kind为investment时:本区招商目标id")


@router.post("/plans/{int:plan_id}/tasks", response={200: WorkTaskDetailOut, **WRITE_ERRORS},
             summary="新增任务 Add a task to a plan")
def create_task(request, plan_id: int, payload: WorkTaskIn):
    """The plan's 督查室 only (others 403; another district's plan 404); the same service as the page's form."""
    plan = scoped(request, WorkPlan.objects.select_related("organisation"), pk=plan_id)
    access.require(request.user, "workplan.keep", plan.organisation)
    task = services.create_task(request.user, plan, services.task_input(request.user, plan, payload.dict()))
    return _detail(_task(request, task.pk))


class WorkTaskEditIn(Schema):
    """A correction of a task from the version read (`version`), with its reason; fields left out keep
    their value."""

    version: int = Field(..., ge=1, description="所读到的任务版本;已被他人修改则返回409并附最新记录")
    reason: str = reason_text(..., description="修改原因(必填,记入修改记录)")
    title: str | None = model_text(WorkTask, "title", None)
    number: str | None = model_text(WorkTask, "number", None)
    section: int | None = Field(None, description="板块id")
    lead_leader: int | None = Field(None, description="牵头领导(本区区领导的用户id)")
    lead_unit: int | None = Field(None, description="牵头单位id")
    cooperating_units: list[int] | None = Field(None, max_length=100, description="配合单位id(整体替换)")
    start: date | None = None
    deadline: date | None = None
    category: int | None = None
    cadence: str | None = Field(None, max_length=10, description="weekly, monthly, quarterly")
    measure_kind: str | None = Field(None, max_length=10, description=MEASURE_KINDS)
    measure_wording: str | None = model_text(WorkTask, "measure_wording", None)
    target: int | None = Field(None, description="经济指标年度目标id(本区的)")
    project: int | None = Field(None, description="重点项目id(本区的)")
    investment_target: int | None = Field(None, description="招商目标id(本区的)")


@router.put("/tasks/{int:task_id}", response={200: WorkTaskDetailOut, **WRITE_ERRORS},
            summary="修改任务 Correct a task")
def edit_task(request, task_id: int, payload: WorkTaskEditIn):
    """The 督查室 corrects a task; a stale `version` answers 409 with the newer task, a missing reason 422."""
    task = _task(request, task_id)
    access.require(request.user, "workplan.keep", task.plan.organisation)
    given = payload.dict(exclude_unset=True)
    version, reason = given.pop("version"), given.pop("reason")
    values = {**services.task_values(task), **given}
    services.edit_task(request.user, task, services.task_input(request.user, task.plan, values, task),
                       expected_version=version, reason=reason)
    return _detail(_task(request, task.pk))
