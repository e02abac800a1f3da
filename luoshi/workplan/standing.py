"""Statuses as kept (任务状态，按判定结果): a district's plan or 督办台账 counted, filtered and ordered in SQL.

Every write that moves a task keeps its status beside where it stands (`TaskLatest.status`, with the day it
was judged for and the district margin it used), and the daily re-judging (`tasks.rejudge_tasks`) keeps it
current as days pass. A page reads the status as kept only where it still holds — judged today with the
district's present margin, or closed — and judges afresh, by the same rule (`judging.judge`), the tasks where
it does not: those measured by another app's record (a target, a project, an investment target, whose lag
moves with that app's figures), any written outside Luoshi, and all of them on a day not yet re-judged.
The fresh verdicts enter the SQL as literal ids, so one status expression serves counts, filter and order.
When more than `LIVE_MAX` tasks would be judged afresh, `standing` answers None and the caller judges the
whole set as before (slower, same answer). `status_drift` proves what is kept.
"""
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from luoshi.core.periods import today
from luoshi.workplan.judging import LINKED, in_batches, judge
from luoshi.workplan.models import Notice, NoticeState, TaskLatest, TaskState, WorkTask
from luoshi.workplan.status import URGENCY, WorkStatus, close_margin, tally

LIVE_MAX = 1000

# Plan order in SQL, as `selectors.plan_order` sorts judged tasks: sections by number (none last), each
# sub-task right after its parent, then by id.
PLAN_ORDER = (F("section__number").asc(nulls_last=True), Coalesce("parent_id", "pk").asc(),
              F("parent_id").asc(nulls_first=True), F("pk").asc())


def _kept_holds(on: date, margin) -> Q:
    closed = Q(state=TaskState.CLOSED, latest__status=WorkStatus.DONE)
    judged_today = (~Q(state=TaskState.CLOSED) & Q(latest__judged_on=on, latest__judged_margin=margin)
                    & ~Q(measure_kind__in=LINKED) & ~Q(latest__status=""))
    return closed | judged_today


class Standing:
    """A district's tasks (a queryset) with each one's status: as kept where it holds, else judged afresh."""

    def __init__(self, tasks, on: date, groups: list[tuple], fresh: list, by_category: bool):
        self.on, self.fresh = on, fresh  # fresh: the tasks judged afresh (Judged)
        by_status: dict[str, list[int]] = {}
        for j in fresh:
            by_status.setdefault(j.status.status, []).append(j.pk)
        whens = [When(pk__in=pks, then=Value(status)) for status, pks in sorted(by_status.items())]
        status = Case(*whens, default=F("latest__status"), output_field=CharField()) if whens \
            else F("latest__status")
        self.tasks = tasks.order_by().annotate(st=status)
        self._counts, self._by_category = tally([(s, c, n) for held, s, c, n in groups if held]
                                                + [(j.status.status, j.category if by_category else None, 1)
                                                   for j in fresh])

    def counts(self) -> tuple[dict[str, int], dict[int, dict[str, int]]]:
        """Tasks per status, of all and (if counted `by_category`) of each category."""
        return self._counts, self._by_category

    def of_status(self, status: str | None):
        return self.tasks.filter(st=status) if status else self.tasks

    def in_plan_order(self, tasks):
        return tasks.order_by(*PLAN_ORDER)

    def by_urgency(self, tasks):
        """The most urgent first, as `selectors.urgency` sorts judged tasks: 超期, 滞后, 未启动, 按期推进, 已完成;
        then more escalated notices, more open notices, the nearer deadline, the id."""
        notices = Notice.objects.filter(task=OuterRef("pk")).order_by()
        return tasks.annotate(
            urgency=Case(*[When(st=s, then=Value(n)) for s, n in URGENCY.items()], output_field=IntegerField()),
            escalated=_count(notices.filter(state=NoticeState.ESCALATED)),
            open_notices=_count(notices.exclude(state=NoticeState.ANSWERED)),
        ).order_by("urgency", "-escalated", "-open_notices", "deadline", "pk")


def _count(notices):
    """How many notices, as a plain COUNT subquery: one row always (0 for none), no GROUP BY to build and
    sort per task — the grouped form Django writes for Count took half as long again over 5,000 tasks."""
    return Subquery(notices.annotate(c=Func(F("pk"), function="COUNT")).values("c"), output_field=IntegerField())


def standing(tasks, district, on: date | None = None, by_category: bool = False) -> Standing | None:
    """The tasks of one district (a queryset, already scoped to the user) with their statuses; None when more
    than LIVE_MAX of them must be judged afresh. One query counts them by kept status (and category, for a
    page that shows 整改完成率: grouping by it too took half as long again), telling apart those whose kept
    status holds; only when some do not, one more reads which, to judge them."""
    on = on or today()
    held = tasks.order_by().annotate(held=Case(When(_kept_holds(on, close_margin(district.pk)), then=Value(True)),
                                               default=Value(False), output_field=BooleanField()))
    if by_category:
        groups = list(held.values_list("held", "latest__status", "category_id").annotate(n=Count("pk")))
    else:
        groups = [(is_held, status, None, n) for is_held, status, n in
                  held.values_list("held", "latest__status").annotate(n=Count("pk"))]
    live = sum(n for is_held, _s, _c, n in groups if not is_held)
    if live > LIVE_MAX:
        return None
    fresh = judge(WorkTask.objects.filter(pk__in=held.filter(held=False).values("pk")), on) if live else []
    return Standing(tasks, on, groups, fresh, by_category)


def status_drift(tasks) -> list[tuple[int, str, str]]:
    """The tasks whose kept status is not what judging their present facts on the day it was kept for gives,
    with the district's present margin (a margin changed since, or a linked record, leaves the kept status
    unused, not wrong): (task, kept, judged)."""
    out = []
    for batch, _done, _total in in_batches(tasks.exclude(measure_kind__in=LINKED)):
        kept = {pk: (status, on, margin) for pk, status, on, margin in TaskLatest.objects.filter(
            task__in=batch.values("pk"), judged_on__isnull=False).values_list(
            "task_id", "status", "judged_on", "judged_margin")}
        for day in sorted({on for _s, on, _m in kept.values()}):
            for j in judge(batch.filter(pk__in=[pk for pk, (_s, on, _m) in kept.items() if on == day]), day):
                status, _on, margin = kept[j.pk]
                if margin == j.margin and status != j.status.status:
                    out.append((j.pk, status, j.status.status))
    return sorted(out)
