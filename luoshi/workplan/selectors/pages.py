"""The plan page's and the 督办台账's reads: a page of tasks judged and in words, with the counts of the whole
plan. Counted, filtered and ordered in SQL from the statuses as kept (`standing`); judged in Python as a
whole when too many statuses must be judged afresh (just after midnight before the daily re-judging) —
the same answer either way, which tests/workplan/test_standing.py proves."""
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator

from luoshi.workplan.judging import judge, rows_for
from luoshi.workplan.models import WorkPlan, WorkTask
from luoshi.workplan.selectors import (
    filter_choices,
    filtered,
    ledger_judged,
    ledger_tasks,
    plan_overview,
    rectification_rate,
    rows_of_ids,
    status_counts,
)
from luoshi.workplan.standing import standing
from luoshi.workplan.status import tally

PAGE_SIZE = 50


class _Counted:
    """An ordered query of tasks (their ids, or rows led by their ids) whose length is already known (from the
    counts), so paging it does not count it again."""

    def __init__(self, ids, count: int):
        self.ids, self._count = ids, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, key: Any) -> Any:
        return self.ids[key]

    def __iter__(self) -> Iterator:
        return iter(self.ids)


def plan_page(user, plan: WorkPlan, filters: dict | None = None, number=None, on: date | None = None) -> dict:
    """The plan page: counts and 整改完成率 of the whole plan, the filter's options, and page `number` of the
    tasks the filters keep, in plan order, judged and in words."""
    filters = filters or {}
    tasks = WorkTask.objects.for_user(user).filter(plan=plan)
    kept = standing(tasks, plan.organisation, on, by_category=True)
    page: Page  # of judged tasks (the whole plan judged in Python), or of task ids (ordered in SQL)
    if kept is None:
        everything, shown = plan_overview(user, plan, filters, on)
        page = Paginator(shown, PAGE_SIZE).get_page(number)
        counts, categories = tally((j.status.status, j.category, 1) for j in everything)
        choices = filter_choices(tasks, {j.lead_leader for j in everything if j.lead_leader},
                                 {j.lead_unit for j in everything}, set(categories))
        rows, n_shown = rows_for(list(page.object_list)), len(shown)
    else:
        counts, categories = kept.counts()
        status = filters.get("status")
        shown = kept.in_plan_order(filtered(kept.of_status(status), filters)).values_list("pk", flat=True)
        if filters.keys() - {"status"}:
            n_shown = shown.count()
        else:
            n_shown = counts[status] if status else sum(counts.values())
        page = Paginator(_Counted(shown, n_shown), PAGE_SIZE).get_page(number)
        leads = set(tasks.order_by().values_list("lead_unit_id", "lead_leader_id").distinct())
        choices = filter_choices(tasks, {leader for _u, leader in leads if leader}, {unit for unit, _l in leads},
                                 set(categories))
        rows = rows_of_ids(list(page.object_list), on)
    done, total, rate = rectification_rate(categories, choices["categories"])
    return {"counts": counts, "rectification": {"done": done, "total": total, "rate": rate}, "choices": choices,
            "shown": n_shown, "page": page, "rows": rows}


def plan_counts(user, plan: WorkPlan, on: date | None = None) -> dict[str, int]:
    """Tasks per status of the whole plan (a district's list of plans)."""
    tasks = WorkTask.objects.for_user(user).filter(plan=plan)
    kept = standing(tasks, plan.organisation, on)
    return kept.counts()[0] if kept is not None else status_counts(judge(tasks, on))


def ledger_page(user, district, status: str | None = None, number=None, on: date | None = None,
                year: int | None = None) -> dict:
    """督办台账 page `number`: the district's tasks not closed, the most urgent first (of one status if asked;
    已完成 lists the closed ones), judged and in words."""
    kept = standing(ledger_tasks(user, district, year, status), district, on)
    if kept is None:
        judged = Paginator(ledger_judged(user, district, on, year, status), PAGE_SIZE).get_page(number)
        return {"page": judged, "rows": rows_for(list(judged.object_list))}
    counts = kept.counts()[0]
    ordered = kept.by_urgency(kept.of_status(status)).values_list("pk", "open_notices", "escalated")
    page = Paginator(_Counted(ordered, counts[status] if status else sum(counts.values())), PAGE_SIZE).get_page(number)
    shown = list(page.object_list)  # the notices as the order counted them, not counted again
    rows = rows_of_ids([pk for pk, _o, _e in shown], on, {pk: (n, e) for pk, n, e in shown})
    return {"page": page, "rows": rows}
