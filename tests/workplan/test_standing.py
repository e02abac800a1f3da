"""The plan page and the 督办台账 count, filter and order by each task's status as kept, and judge afresh where
it does not hold: what they show is exactly what judging every task afresh shows — with statuses kept today,
on a new day before the nightly re-judging, after the district changed its margin, and for a task linked to
a ledger target whose figures move without a workplan write."""
from datetime import date
from decimal import Decimal

import pytest

from luoshi.indicators.services import record_actual, set_target
from luoshi.organisations.models import DistrictSettings
from luoshi.workplan import services, standing
from luoshi.workplan.models import MeasureKind, TaskCategory, TaskLatest, WorkTask
from luoshi.workplan.selectors import district_summary, pages
from luoshi.workplan.selectors.pages import ledger_page, plan_counts, plan_page
from luoshi.workplan.standing import status_drift
from luoshi.workplan.status import WorkStatus
from luoshi.workplan.tasks import rejudge_tasks
from tests.workplan.conftest import pdf


@pytest.fixture
def mixed(wp, indicator):
    """A plan with a task in every status, a sub-task, a 督察整改 problem closed and one open, notices open
    and escalated, two lead units and a task measured by the district's ledger target."""
    unit, sup = wp.world.users.a_unit, wp.a_sup
    rect = TaskCategory.objects.get(name="督察整改")
    on_track = wp.new_task(title="按期的任务")
    services.submit_report(unit, on_track, text="完成三成", percent="30")
    behind = wp.new_task(title="进度落后的任务")
    services.submit_report(unit, behind, text="刚开始", percent="2")
    wp.new_task(title="节点逾期的任务", milestones=((date(2025, 3, 5), "完成方案"),))
    soon = wp.new_task(title="三月中完成的任务", deadline=date(2025, 3, 14), lead_unit=wp.a_unit2)
    services.create_task(sup, wp.plan, services.TaskInput(title="子任务", lead_unit=wp.a_unit2, section=wp.section,
                                                          deadline=date(2025, 6, 30)), parent=on_track)
    closed = wp.new_task(title="已整改的问题", category=rect, problem="扬尘", standard="全部覆盖")
    services.transition(unit, closed, services.APPLY, text="已整改", files=[pdf()])
    services.transition(sup, closed, services.APPROVE)
    wp.new_task(title="待整改的问题", category=rect, problem="污水直排", standard="截污纳管")
    services.issue_notice(sup, behind, kind="urge", text="请说明进度", reply_days=1)
    services.issue_notice(sup, soon, kind="reminder", text="请按期完成")
    fixed = indicator("fixed_investment")
    target = set_target(wp.world.users.a_data, organisation=wp.world.a, indicator=fixed, year=2025, wording="增长8%")
    linked = wp.new_task(title="固定资产投资增长8%", measure_kind=MeasureKind.TARGET, target=target)
    return {"linked": linked, "target": target, "rect": rect}


def _seen(read):
    return (read["counts"], read["rectification"], read["shown"], read["page"].paginator.num_pages,
            [(r.task.pk, r.status.status, r.status.reason, r.missing, r.open_notices, r.escalated)
             for r in read["rows"]],
            {k: [getattr(x, "pk", x) for x in v] for k, v in read.get("choices", {}).items()})


def _ledger_seen(read):
    return (read["page"].paginator.count, read["page"].paginator.num_pages,
            [(r.task.pk, r.status.status, r.status.reason, r.open_notices, r.escalated) for r in read["rows"]])


def _same_either_way(wp, monkeypatch, mixed):
    """Every filter and page of the plan, every status and page of the 督办台账, and the district's summary
    (counts, the overdue list), as kept and as judged afresh; the pages as kept are returned for the test to look at."""
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)  # several pages, so the order across pages is compared too
    user, plan = wp.a_sup, wp.plan
    filters = [{}, {"unit": wp.a_unit2.pk}, {"leader": wp.world.users.a_leader.pk}, {"category": mixed["rect"].pk},
               {"q": "任务"}, {"unit": wp.a_unit2.pk, "status": WorkStatus.NOT_STARTED},
               *({"status": s} for s in WorkStatus.values)]
    ledgers = [None, *WorkStatus.values]

    def read_all():
        out = []
        for f in filters:
            first = plan_page(user, plan, f)
            out += [_seen(first)] + [_seen(plan_page(user, plan, f, n)) for n in first["page"].paginator.page_range[1:]]
        for s in ledgers:
            first = ledger_page(user, wp.world.a, s)
            out += [_ledger_seen(first)] + [_ledger_seen(ledger_page(user, wp.world.a, s, n))
                                            for n in first["page"].paginator.page_range[1:]]
        summary = district_summary(user, wp.world.a, 2025)
        return out + [plan_counts(user, plan), (summary["counts"], summary["total"],
                                                [(r.task.pk, r.status.reason) for r in summary["overdue"]])]

    kept = read_all()
    monkeypatch.setattr(standing, "LIVE_MAX", -1)  # every status judged afresh, the whole plan in Python
    assert read_all() == kept
    monkeypatch.setattr(standing, "LIVE_MAX", 1000)
    return kept


def _judged_afresh(wp):
    kept = standing.standing(WorkTask.objects.for_user(wp.a_sup).filter(plan=wp.plan), wp.world.a)
    return sorted(j.pk for j in kept.fresh)


def test_the_pages_read_from_kept_statuses_show_what_judging_afresh_shows(wp, mixed, monkeypatch):
    assert _judged_afresh(wp) == [mixed["linked"].pk]  # only the task whose measure lives in another app
    seen = _same_either_way(wp, monkeypatch, mixed)
    counts = seen[0][0]
    assert counts == {"not_started": 5, "on_track": 1, "behind": 2, "overdue": 0, "done": 1}
    assert seen[0][1] == {"done": 1, "total": 2, "rate": Decimal("50.0")}


def test_a_new_day_before_the_nightly_run_is_judged_for_that_day(wp, mixed, monkeypatch, clock):
    clock.move_to("2025-03-17 09:00 +0800")  # past 三月中完成的任务's deadline; the kept statuses are of 03-10
    assert services.escalate_overdue_notices() == 1  # the 催办单 unanswered: the ledger puts it first
    assert len(_judged_afresh(wp)) == WorkTask.objects.filter(plan=wp.plan).exclude(state="closed").count()
    seen = _same_either_way(wp, monkeypatch, mixed)
    assert seen[0][0]["overdue"] == 1
    assert rejudge_tasks.call() == {"judged": WorkTask.objects.exclude(state="closed").count()}
    assert _judged_afresh(wp) == [mixed["linked"].pk]
    assert _same_either_way(wp, monkeypatch, mixed) == seen
    assert rejudge_tasks.call() == {"judged": 0}  # idempotent: nothing judged twice in a day


def test_a_margin_changed_by_the_district_counts_at_once(wp, mixed, monkeypatch):
    before = _same_either_way(wp, monkeypatch, mixed)[0][0]
    DistrictSettings.objects.create(district=wp.world.a, progress_close_margin_pp=Decimal("20"))
    after = _same_either_way(wp, monkeypatch, mixed)[0][0]
    assert after["behind"] == before["behind"] - 1  # 进度落后的任务 (2% against 18.6%) is within 20 points


def _statuses(wp, monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 100)
    return {r.task.pk: r.status.status for r in plan_page(wp.a_sup, wp.plan)["rows"]}


def test_a_linked_targets_new_figure_moves_the_task_without_a_workplan_write(wp, mixed, monkeypatch):
    linked = mixed["linked"].pk
    assert _statuses(wp, monkeypatch)[linked] == WorkStatus.NOT_STARTED
    record_actual(wp.world.users.a_data, organisation=wp.world.a, indicator=mixed["target"].indicator, year=2025,
                  month=2, value="30", growth_pct="2.0")
    _same_either_way(wp, monkeypatch, mixed)
    assert _statuses(wp, monkeypatch)[linked] == WorkStatus.BEHIND


def test_a_status_changed_outside_luoshi_is_found_by_the_check(wp, mixed):
    TaskLatest.objects.filter(task=wp.task).update(status=WorkStatus.DONE)
    assert status_drift(WorkTask.objects.all()) == [(wp.task.pk, WorkStatus.DONE, WorkStatus.NOT_STARTED)]
    services.refresh_latest(WorkTask.objects.filter(pk=wp.task.pk))
    assert status_drift(WorkTask.objects.all()) == []


def test_the_re_judging_is_queued_once_each_night_just_after_midnight():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from luoshi.core import schedule

    nightly = next(p for p in schedule.registered() if p.name == "workplan.rejudge_tasks")
    shanghai = ZoneInfo("Asia/Shanghai")
    slot = nightly.slot(datetime(2025, 3, 11, 0, 4, tzinfo=shanghai))
    assert nightly.slot(datetime(2025, 3, 11, 0, 5, tzinfo=shanghai)) == slot + 1  # a new slot at 00:05
    assert nightly.slot(datetime(2025, 3, 11, 23, 59, tzinfo=shanghai)) == slot + 1  # and none until the next
    assert nightly.task is rejudge_tasks
