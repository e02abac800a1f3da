"""Writes of the plan itself by the 督查室: plans, sections and tasks (the one way a task is made: the form,
the API, the Excel import, the report reader and the demo), the task's measure and its linked record,
and corrections kept with their reason."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from luoshi.core.dates import date_reasons
from luoshi.core.numbers import clean_year, model_decimal
from luoshi.core.records import check_version, field_label, save_with_history
from luoshi.core.workflow import Refused
from luoshi.notifications.services import notify
from luoshi.organisations.access import can_act_for_unit, can_supervise
from luoshi.organisations.models import UNIT_KINDS, Organisation, Role
from luoshi.workplan.models import (
    Cadence,
    MeasureKind,
    Milestone,
    Section,
    TaskCategory,
    TaskOutput,
    TaskState,
    WorkPlan,
    WorkTask,
)
from luoshi.workplan.selectors import measure_choices, task_choices
from luoshi.workplan.services.latest import refresh_latest
from luoshi.workplan.services.steps import (
    CATEGORIES,
    CREATE,
    EDIT,
    _require_supervisor,
    _step,
    _task_link,
    _unit_staff,
    ensure_categories,
)


def create_plan(user, *, organisation: Organisation, year, title: str, source: str = "",
                is_synthetic: bool = False) -> WorkPlan:
    _require_supervisor(user, organisation)
    reasons = []
    try:
        year = clean_year(year)
    except ValidationError as exc:
        reasons += exc.messages
    if not organisation.is_district:
        reasons.append(_("重点工作台账属于区（县、开发区），不属于“%(o)s”") % {"o": organisation})
    if not (title or "").strip():
        reasons.append(_("请填写台账名称"))
    if reasons:
        raise Refused(reasons)
    plan, _created = WorkPlan.objects.get_or_create(organisation=organisation, year=year, title=title.strip()[:200],
                                                    defaults={"source": source, "is_synthetic": is_synthetic})
    return plan


def add_section(user, plan: WorkPlan, *, number: int, title: str) -> Section:
    _require_supervisor(user, plan.organisation)
    section, created = Section.objects.get_or_create(plan=plan, number=number, defaults={"title": title[:200]})
    if not created and section.title != title[:200]:
        section.title = title[:200]
        save_with_history(section, user, _("修改板块名称"))
    return section


@dataclass
class TaskInput:
    """What a task is made of, as a form, the import or the API gives it (units and people by record)."""

    title: str
    lead_unit: Organisation | None
    deadline: date | None
    category: TaskCategory | None = None
    section: Section | None = None
    lead_leader: Any = None  # a user
    cooperating_units: tuple = ()
    start: date | None = None
    cadence: str = Cadence.MONTHLY
    number: str = ""
    measure_kind: str = MeasureKind.NONE
    target: Any = None  # a record of the indicators, projects or investment app, by the measure
    project: Any = None
    investment_target: Any = None
    measure_wording: str = ""
    problem: str = ""
    standard: str = ""
    milestones: tuple = ()  # (date, title)
    outputs: tuple = ()  # (name, unit, planned)
    source: str = ""
    is_synthetic: bool = False


def _measure(data: TaskInput, district, reasons) -> dict:
    """The measure's fields; an own measure's wording read by the ledger's wording rules. `reasons` gets
    (field, reason) pairs."""
    from luoshi.core.target_wording import WordingError, parse_target

    fields: dict[str, Any] = {"measure_kind": data.measure_kind or MeasureKind.NONE, "target": None, "project": None,
              "investment_target": None, "measure_wording": "", "measure_value": None, "measure_unit": ""}
    kind = fields["measure_kind"]
    linked: dict[str, tuple[str, Any]] = {MeasureKind.TARGET: ("target", data.target),
                                          MeasureKind.PROJECT: ("project", data.project),
              MeasureKind.INVESTMENT: ("investment_target", data.investment_target)}
    if kind in linked:
        name, record = linked[kind]
        if record is None:
            reasons.append((name, _("请选择关联的%(f)s") % {"f": field_label(WorkTask, name)}))
        elif record.organisation_id != district.pk:
            reasons.append((name, _("关联的记录不属于%(o)s") % {"o": district}))
        fields[name] = record
    elif kind == MeasureKind.OWN:
        wording = (data.measure_wording or "").strip()
        try:
            parsed = parse_target(wording)
        except WordingError as exc:
            reasons.append(("measure_wording", _("目标表述：%(e)s") % {"e": exc}))
        else:
            fields.update(measure_wording=wording[:100], measure_unit=parsed.unit,
                          measure_value=model_decimal(WorkTask, "measure_value", parsed.value))
    elif kind != MeasureKind.NONE:
        reasons.append(("measure_kind", _("未知的量化方式“%(k)s”") % {"k": kind}))
    return fields


def _leader_reasons(leader, district) -> list[tuple[str, str]]:
    if leader is not None and not (getattr(leader, "profile", None) and leader.profile.role == Role.DISTRICT_LEADER
                                   and leader.profile.organisation_id == district.pk):
        from luoshi.organisations.selectors import person_name

        return [("lead_leader", _("牵头领导“%(l)s”不是%(o)s的区领导") % {"l": person_name(leader), "o": district})]
    return []


def _deadline_reasons(data: TaskInput, parent, task) -> list[tuple[str, str]]:
    """The one rule of deadlines between a task, its parent, its sub-tasks and its milestones (the form,
    the API, the sub-task form and the Excel import all come here): a sub-task ends no later than its
    parent, and no milestone falls after its task's deadline."""
    deadline = data.deadline
    if deadline is None:
        return []
    reasons = []
    if parent is not None and deadline > parent.deadline:
        reasons.append(("deadline", _("子任务的完成时限%(d)s晚于上级任务“%(t)s”的完成时限%(p)s") % {
            "d": date_format(deadline), "t": parent.title[:40], "p": date_format(parent.deadline)}))
    for due, title in data.milestones:
        if due is not None and due > deadline:
            reasons.append(("milestones", _("节点“%(t)s”的时间%(d)s晚于完成时限%(x)s") % {
                "t": title[:40], "d": date_format(due), "x": date_format(deadline)}))
    if task is not None and task.pk:
        later = list(task.subtasks.filter(deadline__gt=deadline).order_by("deadline", "pk"))
        if later:
            reasons.append(("deadline", _("完成时限%(d)s早于子任务的完成时限：%(s)s。请先调整子任务") % {
                "d": date_format(deadline), "s": _dated((t.title, t.deadline) for t in later)}))
        late = list(task.milestones.filter(due__gt=deadline).order_by("due", "pk"))
        if late:
            reasons.append(("deadline", _("完成时限%(d)s早于节点的时间：%(s)s") % {
                "d": date_format(deadline), "s": _dated((m.title, m.due) for m in late)}))
    return reasons


def _dated(items) -> str:
    """Sub-tasks or milestones named with their dates: “标题”（日期）；“标题”（日期）."""
    return "；".join(_("“%(t)s”（%(x)s）") % {"t": title[:40], "x": date_format(when)} for title, when in items)


def _check_task(data: TaskInput, plan: WorkPlan, parent, task=None) -> list[tuple[str, str]]:
    """Every reason the task cannot be kept, each with the input field it is about (`task`: the stored
    task an edit corrects)."""
    reasons = []
    district = plan.organisation
    if not (data.title or "").strip():
        reasons.append(("title", _("请填写工作任务")))
    if data.lead_unit is None:
        reasons.append(("lead_unit", _("请填写牵头单位")))
    elif data.lead_unit.district_id != district.pk or data.lead_unit.kind not in UNIT_KINDS:
        reasons.append(("lead_unit", _("牵头单位“%(u)s”不是%(o)s的单位") % {"u": data.lead_unit, "o": district}))
    for unit in data.cooperating_units:
        if unit.district_id != district.pk or unit.kind not in UNIT_KINDS:
            reasons.append(("cooperating_units", _("配合单位“%(u)s”不是%(o)s的单位") % {"u": unit, "o": district}))
        elif data.lead_unit is not None and unit.pk == data.lead_unit.pk:
            reasons.append(("cooperating_units", _("配合单位“%(u)s”已是牵头单位") % {"u": unit}))
    reasons += _leader_reasons(data.lead_leader, district)
    reasons += [("deadline", r) for r in date_reasons(data.deadline, _("完成时限"))]
    reasons += [("start", r) for r in date_reasons(data.start, _("开始日期"))]
    if data.deadline is None:
        reasons.append(("deadline", _("请填写完成时限")))
    elif data.deadline.year != plan.year and data.deadline.year != plan.year + 1:
        reasons.append(("deadline", _("完成时限%(d)s不在%(y)d年度内") % {"d": data.deadline, "y": plan.year}))
    start = data.start or date(plan.year, 1, 1)
    if data.deadline is not None and start > data.deadline:
        reasons.append(("start", _("开始日期%(s)s晚于完成时限%(d)s") % {"s": start, "d": data.deadline}))
    if data.cadence not in Cadence.values:
        reasons.append(("cadence", _("未知的报送频次“%(c)s”") % {"c": data.cadence}))
    if data.section is not None and data.section.plan_id != plan.pk:
        reasons.append(("section", _("板块不属于该台账")))
    for due, title in data.milestones:
        reasons += [("milestones", r) for r in date_reasons(due, _("节点“%(t)s”的时间") % {"t": title[:40]})]
    return reasons + _deadline_reasons(data, parent, task)


@transaction.atomic
def create_task(user, plan: WorkPlan, data: TaskInput, *, parent: WorkTask | None = None) -> WorkTask:
    """A task of the plan (by the 督查室), or a sub-task of `parent` given by its lead unit to one of the
    district's units. The one way a task is made: the page's form, the API, the Excel import, the report
    reader and the demo all come here. Refused with every reason, each naming its field."""
    if parent is None:
        _require_supervisor(user, plan.organisation)
    elif not (can_supervise(user, plan.organisation) or can_act_for_unit(user, [parent.lead_unit_id])):
        raise Refused([_("只有牵头单位“%(u)s”或督查室可以分解该任务") % {"u": parent.lead_unit}])
    ensure_categories()
    reasons = _check_task(data, plan, parent)
    try:
        measure = _measure(data, plan.organisation, reasons)
        outputs = [(n, u, model_decimal(TaskOutput, "planned", p, label=_("%(n)s计划数") % {"n": n}))
                   for n, u, p in data.outputs]
    except ValidationError as exc:
        reasons += [("outputs", m) for m in exc.messages]
    if reasons:
        raise Refused.by_field(reasons)
    category = data.category or (parent.category if parent else TaskCategory.objects.get(name=CATEGORIES[0]))
    task = WorkTask(plan=plan, section=data.section or (parent.section if parent else None), parent=parent,
                    number=data.number[:20], title=data.title.strip(), category=category,
                    lead_leader=data.lead_leader or (parent.lead_leader if parent else None), lead_unit=data.lead_unit,
                    start=data.start or date(plan.year, 1, 1), deadline=cast(date, data.deadline), cadence=data.cadence,
                    problem=data.problem, standard=data.standard, source=data.source[:200],
                    is_synthetic=data.is_synthetic, **measure)
    save_with_history(task, user, _("列入%(p)s") % {"p": plan.title})
    task.cooperating_units.set(data.cooperating_units)
    for due, title in data.milestones:
        Milestone.objects.create(task=task, due=due, title=title[:200])
    for name, unit, planned in outputs:
        TaskOutput.objects.create(task=task, name=name[:60], unit=unit[:10], planned=cast(Decimal, planned))
    refresh_latest(task)
    _step(task, user, CREATE, _("子任务，分解自“%(p)s”") % {"p": parent} if parent else "")
    notify(_unit_staff([task.lead_unit_id]), _("新的重点工作任务由贵单位牵头：%(t)s（完成时限%(d)s）") % {
        "t": task.title[:80], "d": task.deadline}, _task_link(task))
    return task


# The measure kinds that link a record of another app: kind → (TaskInput field, choices of `measure_choices`).
LINKED = {MeasureKind.TARGET: ("target", "targets"), MeasureKind.PROJECT: ("project", "projects"),
          MeasureKind.INVESTMENT: ("investment_target", "investment_targets")}


def linked_refusal(plan: WorkPlan, field: str) -> str:
    """What a linked record not among `measure_choices` is refused with (the form and the API alike)."""
    return _("%(f)s须是%(o)s的记录，请从列表中选择") % {"f": field_label(WorkTask, field), "o": plan.organisation}


def task_input(user, plan: WorkPlan, values: dict, task: WorkTask | None = None) -> TaskInput:
    """A TaskInput from ids (the page's form, the API): each id must be one of `task_choices` (a measure's
    linked record one of `measure_choices`, or the one the edited `task` already links), else the refusal
    names the field without saying what another district holds."""
    ensure_categories()
    choices = task_choices(user, plan)
    by_id = {name: {r.pk: r for r in records} for name, records in choices.items()}
    problems, found = [], {}
    single = {"section": ("sections", _("板块不属于该台账")),
              "lead_leader": ("leaders", _("牵头领导须是%(o)s的区领导") % {"o": plan.organisation}),
              "lead_unit": ("units", _("牵头单位须是%(o)s的单位") % {"o": plan.organisation}),
              "category": ("categories", _("没有这个任务类别"))}
    for field, (kind, refusal) in single.items():
        pk = values.get(field)
        found[field] = by_id[kind].get(pk) if pk is not None else None
        if pk is not None and found[field] is None:
            problems.append((field, refusal))
    units = []
    for pk in values.get("cooperating_units") or ():
        unit = by_id["units"].get(pk)
        if unit is None:
            problems.append(("cooperating_units", _("配合单位须是%(o)s的单位") % {"o": plan.organisation}))
        elif unit not in units:
            units.append(unit)
    kind = values.get("measure_kind") or MeasureKind.NONE
    if kind in LINKED:  # only the chosen kind's record is read (a form without script posts them all)
        field, name = LINKED[kind]
        pk = values.get(field)
        records = {r.pk: r for r in measure_choices(plan)[name]}
        current = getattr(task, field) if task is not None and getattr(task, f"{field}_id") else None
        if current is not None:
            records.setdefault(current.pk, current)
        found[field] = records.get(pk) if pk not in (None, "") else None
        if pk not in (None, "") and found[field] is None:
            problems.append((field, linked_refusal(plan, field)))
    if problems:
        raise Refused.by_field(problems)
    return TaskInput(title=values.get("title") or "", lead_unit=found["lead_unit"], deadline=values.get("deadline"),
                     category=found["category"], section=found["section"], lead_leader=found["lead_leader"],
                     cooperating_units=tuple(units), start=values.get("start"),
                     cadence=values.get("cadence") or Cadence.MONTHLY, number=values.get("number") or "",
                     measure_kind=kind, target=found.get("target"), project=found.get("project"),
                     investment_target=found.get("investment_target"),
                     measure_wording=values.get("measure_wording") or "",
                     problem=values.get("problem") or "", standard=values.get("standard") or "")


def task_values(task: WorkTask) -> dict:
    """A task's editable facts as `task_input` reads them (ids), for the edit form and a partial API edit."""
    return {"title": task.title, "number": task.number, "section": task.section_id, "lead_leader": task.lead_leader_id,
            "lead_unit": task.lead_unit_id,
            "cooperating_units": list(task.cooperating_units.values_list("pk", flat=True)),
            "start": task.start, "deadline": task.deadline, "category": task.category_id, "cadence": task.cadence,
            "measure_kind": task.measure_kind, "target": task.target_id, "project": task.project_id,
            "investment_target": task.investment_target_id, "measure_wording": task.measure_wording,
            "problem": task.problem,
            "standard": task.standard}


# The facts of a task an edit may change (销号 has its machine).
EDITABLE = ("title", "number", "section", "lead_leader", "lead_unit", "start", "deadline", "category", "cadence",
            "measure_kind", "target", "project", "investment_target", "measure_wording", "problem", "standard")


def _named(field: str, value) -> str:
    """A task's field value as a person reads it: a choice's label, a person's name, a unit's name."""
    from luoshi.core.audit import is_blank, shown

    if is_blank(WorkTask, field, value):
        return "—"
    if getattr(WorkTask._meta.get_field(field), "choices", None):
        return str(shown(WorkTask, field, value))
    if hasattr(value, "get_username"):
        from luoshi.organisations.selectors import person_name

        return person_name(value)
    return str(value)


@transaction.atomic
def edit_task(user, task: WorkTask, data: TaskInput, *, expected_version, reason: str) -> WorkTask:
    """The 督查室 corrects a task's facts (wording, leads, deadline, category, cadence, the measure and its
    linked record, cooperating units). Made from the version the user read: a stale one is refused (409) with the
    newer record before anything else is judged; a reason is required and kept in the history."""
    task = WorkTask.objects.select_for_update().select_related("plan__organisation").get(pk=task.pk)
    check_version(task, expected_version)
    _require_supervisor(user, task.plan.organisation)
    problems = []
    if task.state == TaskState.CLOSED:
        problems.append(("", _("任务已销号，不能再修改")))
    if not (reason or "").strip():
        problems.append(("reason", _("请填写修改原因")))
    problems += _check_task(data, task.plan, task.parent, task)
    measure = _measure(data, task.plan.organisation, problems)
    if problems:
        raise Refused.by_field(problems)
    before = {f: getattr(task, f) for f in EDITABLE}
    old_units = list(task.cooperating_units.order_by("pk"))
    task.title, task.section, task.lead_leader = data.title.strip(), data.section, data.lead_leader
    task.lead_unit = cast(Organisation, data.lead_unit)  # _check_task refused a task without one
    task.number = data.number[:20]
    task.start, task.deadline, task.cadence = data.start or task.start, cast(date, data.deadline), data.cadence
    task.category = data.category or task.category
    task.problem, task.standard = data.problem, data.standard
    for name, value in measure.items():
        setattr(task, name, value)
    new_units = sorted(data.cooperating_units, key=lambda u: u.pk)
    changed = [f for f in EDITABLE if getattr(task, f) != before[f]]
    if not changed and new_units == old_units:
        raise Refused.by_field([("", _("没有改动，未保存"))])
    task.version += 1
    save_with_history(task, user, reason.strip())
    refresh_latest(task)  # the new lead unit's latest report, and the status on the new dates or measure
    words = [_("%(f)s：%(o)s → %(n)s") % {"f": field_label(WorkTask, f), "o": _named(f, before[f]),
                                          "n": _named(f, getattr(task, f))} for f in changed]
    if new_units != old_units:
        task.cooperating_units.set(new_units)
        words.append(_("%(f)s：%(o)s → %(n)s") % {"f": field_label(WorkTask, "cooperating_units"),
                                                  "o": "、".join(map(str, old_units)) or "—",
                                                  "n": "、".join(map(str, new_units)) or "—"})
    _step(task, user, EDIT, _("%(c)s。原因：%(r)s") % {"c": "；".join(words), "r": reason.strip()})
    return task
