"""Benchmark of the work plan's reads (重点工作), beside the raw SQL that computes the same answer.

    .venv/bin/python bench/workplan_bench.py --db both --write-docs

Builds a synthetic district (all marked synthetic) with 5,000 tasks of this year in 10 sections, led by 30
units and 8 leaders, each with 2 milestones and 12 monthly progress reports (60,000 reports), and a 督办
notice on every tenth task — in its own database (var/bench/workplan.sqlite3, PostgreSQL
`luoshi_workplan_bench`), never the demo's — and measures, for the 督查室: judging the whole plan (every task's
status in words and the counts by status, as the plan page needs them) and the 督办台账 (open tasks by urgency),
as selectors and as whole pages (first page of 100 rows rendered, counts of the whole plan): median, p95,
SQL queries, and the median of hand-written SQL returning the same facts, judged by the same status rule
(checked equal), with the ratio.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchkit import (  # noqa: E402
    fetch,
    fresh_database,
    machine,
    measure_cases,
    page,
    pg_admin,
    results_table,
    server_version,
    write_section,
)

PG_DB = "luoshi_workplan_bench"
HEADING = "Work plan (5,000 tasks, 60,000 progress reports)"
GOAL_MS, GOAL_RATIO = 100, 3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--tasks", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--write-docs", action="store_true", help="write the results into docs/benchmarks.md")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    sections = [machine()]
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = dict(os.environ, DATABASE_URL=fresh_database(db, "workplan", PG_DB),
                   DJANGO_SETTINGS_MODULE="luoshi.settings", LUOSHI_VAR_DIR=str(ROOT / "var" / "bench"))
        cmd = [sys.executable, __file__, "--worker", db, "--reps", str(args.reps), "--tasks", str(args.tasks)]
        try:
            out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        finally:
            if db == "postgres" and not args.keep:
                pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        print(out)
        sections.append(out)
    if args.write_docs:
        write_section("workplan-bench", HEADING, "\n".join(sections))


def worker(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    world = build(args)
    rows = measure(world, args.reps)
    print(f"### {connection.vendor} ({server_version()})\n")
    print(f"Data: {world['counts']}.\n")
    print(results_table(rows))
    slow = [r["name"] for r in rows if r["median"] >= GOAL_MS]
    far = [r["name"] for r in rows if r["raw"] and "selector" in r["name"] and r["median"] / r["raw"] > GOAL_RATIO]
    verdict = (f"Goal (median under {GOAL_MS} ms, selectors within {GOAL_RATIO}× of raw SQL): "
               + ("met." if not slow and not far else
                  "missed — " + "; ".join([f"over {GOAL_MS} ms: {', '.join(slow)}"] * bool(slow)
                                          + [f"over {GOAL_RATIO}×: {', '.join(far)}"] * bool(far)) + "."))
    print(verdict + "\n")


def build(args) -> dict:
    """The synthetic district, inserted in bulk (the services would take minutes for 75k rows)."""
    import random
    from datetime import date, datetime, time, timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from luoshi.core.periods import today
    from luoshi.core.progress import progress_bar
    from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
    from luoshi.workplan.models import Milestone, Notice, ProgressReport, Section, TaskCategory, WorkPlan, WorkTask
    from luoshi.workplan.services import ensure_categories
    from luoshi.workplan.status import period_end

    rng = random.Random(2026)
    year = today().year
    ensure_categories()
    categories = list(TaskCategory.objects.all())
    synthetic = "合成(基准测试)"
    city = Organisation.objects.create(name="基准市", short_name="基准市", kind=OrgKind.CITY, is_synthetic=True,
                                       source=synthetic)
    district = Organisation.objects.create(name="基准区", short_name="基准区", kind=OrgKind.DISTRICT, parent=city,
                                           is_synthetic=True, source=synthetic)
    units = [Organisation.objects.create(name=f"单位{u + 1}", short_name=f"单位{u + 1}", kind=OrgKind.DEPARTMENT,
                                         parent=district, is_synthetic=True, source=synthetic) for u in range(30)]
    User = get_user_model()
    unusable = make_password(None)
    leaders = [User.objects.create(username=f"bench_leader_{k}", password=unusable) for k in range(8)]
    Profile.objects.bulk_create([Profile(user=u, role=Role.DISTRICT_LEADER, organisation=district,
                                         display_name=f"副区长{k + 1}") for k, u in enumerate(leaders)])
    office = User.objects.create_user("bench_office", password="bench-password-2026")
    Profile.objects.create(user=office, role=Role.SUPERVISION, organisation=district)
    plan = WorkPlan.objects.create(organisation=district, year=year, title="重点工作", source=synthetic,
                                   is_synthetic=True)
    sections = [Section.objects.create(plan=plan, number=n, title=f"关于第{n}项工作") for n in range(1, 11)]
    deadlines = [date(year, m, 1) + timedelta(days=27) for m in (3, 5, 6, 9, 10)] + [date(year, 12, 31)] * 5
    WorkTask.objects.bulk_create([WorkTask(
        plan=plan, section=sections[i % 10], number=str(i + 1), title=f"合成任务{i + 1}:推进第{i % 10 + 1}项工作",
        category=categories[i % len(categories)], lead_leader=leaders[i % 8], lead_unit=units[i % 30],
        start=date(year, 1, 1), deadline=rng.choice(deadlines), state="closed" if i % 9 == 0 else "open",
        closed_on=date(year, 6, 30) if i % 9 == 0 else None, source=synthetic, is_synthetic=True)
        for i in range(args.tasks)], batch_size=1000)
    tasks = list(WorkTask.objects.filter(plan=plan).values_list("pk", "lead_unit_id"))
    through = WorkTask.cooperating_units.through
    through.objects.bulk_create([through(worktask_id=pk, organisation_id=units[(unit_id + 7) % 30].pk)
                                 for pk, unit_id in tasks], batch_size=2000)
    Milestone.objects.bulk_create([Milestone(task_id=pk, due=date(year, m, 28), title=f"节点{m}",
                                             done_on=date(year, m, 25) if (pk + m) % 4 else None)
                                   for pk, _u in tasks for m in (4, 8)], batch_size=2000)
    with progress_bar("生成数据", "任务") as progress:
        for n in range(0, len(tasks), 500):
            reports = []
            for pk, unit_id in tasks[n:n + 500]:
                pace = rng.choice([1.0, 1.0, 0.9, 0.5])
                for month in range(1, 13):
                    end = period_end(date(year, month, 1), "monthly")
                    reports.append(ProgressReport(
                        task_id=pk, unit_id=unit_id, period_end=end, text=f"合成:截至{month}月进展",
                        percent=min(100, round(month / 12 * 100 * pace)), reported_by=office,
                        reported_at=timezone.make_aware(datetime.combine(end, time(18)))))
            ProgressReport.objects.bulk_create(reports, batch_size=2000)
            progress(min(n + 500, len(tasks)), len(tasks))
    Notice.objects.bulk_create([Notice(task_id=pk, kind="urge", text="合成:请说明进度", reply_days=3,
                                       reply_deadline=date(year, 11, 5), issued_by=office, issued_on=date(year, 11, 1),
                                       state="escalated" if pk % 20 == 0 else "open")
                                for pk, _u in tasks[::10]], batch_size=2000)
    counts = (f"1 district, {len(units)} units, {len(leaders)} leaders; {len(tasks):,} tasks of {year} in 10 sections "
              f"(one in nine closed), {Milestone.objects.count():,} milestones, "
              f"{ProgressReport.objects.count():,} monthly progress reports, {Notice.objects.count():,} notices")
    return {"district": district, "plan": plan, "user": office, "counts": counts}


def measure(world, reps: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from luoshi.core.periods import today
    from luoshi.workplan import selectors

    district, plan, user = world["district"], world["plan"], world["user"]
    on = today()
    client = Client()
    client.force_login(user)

    def orm_plan():
        judged = selectors.plan_judged(user, plan, on=on)
        return sorted((j.pk, j.status.status, j.status.reason, j.missing) for j in judged), \
            selectors.status_counts(judged)

    def orm_ledger():
        judged = selectors.ledger_judged(user, district, on=on)
        return [(j.pk, j.status.status, j.status.reason) for j in judged]

    raw_plan_fn = lambda: raw_plan(plan.pk, district.pk, user.profile.organisation_id, on)  # noqa: E731
    raw_ledger_fn = lambda: raw_ledger(plan.pk, district.pk, user.profile.organisation_id, on)  # noqa: E731
    assert orm_plan() == raw_plan_fn(), "plan: ORM ≠ raw SQL"
    assert orm_ledger() == raw_ledger_fn(), "ledger: ORM ≠ raw SQL"
    cases = [
        ("whole plan judged (5,000 statuses, counts) — selector `plan_judged`", orm_plan, raw_plan_fn),
        ("plan — whole page (GET, first 100 rows rendered, counts of the plan)",
         page(client, reverse("workplan:plan", args=[plan.pk])), None),
        ("督办台账 by urgency — selector `ledger_judged`", orm_ledger, raw_ledger_fn),
        ("督办台账 — whole page (GET, the 100 most urgent rendered)",
         page(client, reverse("workplan:ledger", args=[district.pk])), None),
    ]
    return measure_cases(cases, reps, pages_on={1: 0, 3: 2})


# The user's scope, as `work_scope` decides it for district staff: the plan's district is the user's.
IN_SCOPE = "EXISTS (SELECT 1 FROM organisations_organisation s WHERE s.id = p.organisation_id AND s.district_id = %s)"


def _facts(where: str, params: list, on):
    """Every task's facts in one statement (latest lead-unit report and earliest missed milestone joined),
    and the open notices per task in a second; judged by the status rule in Python."""
    from datetime import date
    from decimal import Decimal

    from luoshi.workplan.status import Facts, missing_report, task_status

    def d(v):
        return date.fromisoformat(v) if isinstance(v, str) else v

    def n(v):
        return None if v is None else Decimal(str(v))

    rows = fetch(f"""
        SELECT t.id, t.state, t.closed_on, t.start, t.deadline, t.cadence, t.measure_value, t.measure_unit,
               r.id, r.percent, r.value, r.period_end, m.due, m.title
        FROM workplan_worktask t
        JOIN workplan_workplan p ON p.id = t.plan_id
        LEFT JOIN workplan_progressreport r ON r.id = (
            SELECT r2.id FROM workplan_progressreport r2
            WHERE r2.task_id = t.id AND r2.unit_id = t.lead_unit_id AND r2.withdrawn_reason = ''
            ORDER BY r2.period_end DESC, r2.id DESC LIMIT 1)
        LEFT JOIN workplan_milestone m ON m.id = (
            SELECT m2.id FROM workplan_milestone m2
            WHERE m2.task_id = t.id AND m2.done_on IS NULL AND m2.due < %s ORDER BY m2.due, m2.id LIMIT 1)
        WHERE {where} AND {IN_SCOPE}""", [on, *params])
    notices = {task: (count, escalated) for task, count, escalated in fetch(f"""
        SELECT x.task_id, COUNT(*), SUM(CASE WHEN x.state = 'escalated' THEN 1 ELSE 0 END)
        FROM workplan_notice x JOIN workplan_worktask t ON t.id = x.task_id
        JOIN workplan_workplan p ON p.id = t.plan_id
        WHERE x.state <> 'answered' AND {where} AND {IN_SCOPE} GROUP BY x.task_id""", params)}
    out = []
    for pk, state, closed_on, start, deadline, cadence, m_value, m_unit, rid, pct, value, period, due, title in rows:
        f = Facts(closed=state == "closed", closed_on=d(closed_on), start=d(start), deadline=d(deadline),
                  reports=int(rid is not None), latest_percent=n(pct), latest_value=n(value), latest_period=d(period),
                  measure_value=n(m_value), measure_unit=m_unit, late_milestone=(d(due), title) if due else None)
        out.append((pk, task_status(f, on), missing_report(on, cadence, f.start, f.latest_period, f.closed),
                    f.deadline, notices.get(pk, (0, 0))))
    return out


def raw_plan(plan_id: int, district_id: int, home_id: int, on):
    judged = _facts("t.plan_id = %s", [plan_id, district_id], on)
    counts = {s: 0 for s in ("not_started", "on_track", "behind", "overdue", "done")}
    for _pk, status, *_rest in judged:
        counts[status.status] += 1
    return sorted((pk, s.status, s.reason, missing) for pk, s, missing, *_rest in judged), counts


def raw_ledger(plan_id: int, district_id: int, home_id: int, on):
    from luoshi.workplan.selectors import URGENCY

    judged = _facts("p.organisation_id = %s AND t.state <> 'closed'", [district_id, district_id], on)
    judged.sort(key=lambda r: (URGENCY[r[1].status], -r[4][1], -r[4][0], r[3], r[0]))
    return [(pk, s.status, s.reason) for pk, s, *_rest in judged]


if __name__ == "__main__":
    main()
