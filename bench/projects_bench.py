"""Benchmark of the major-project pipeline's reads, beside the raw SQL that computes the same answers.

    .venv/bin/python bench/projects_bench.py --db both --write-docs

Builds a synthetic pipeline (10,000 projects over 20 districts — 500 each — in every category, stage,
level, batch, responsible unit and 分包 leader, with 12 months of cumulative monthly reports: 120,000
rows, all marked synthetic) in its own database — var/bench/projects.sqlite3 and the PostgreSQL
database `luoshi_projects_bench` on 127.0.0.1:5432, never the demo or development database — and
measures, over many repetitions, for one district: the board of the four libraries and the roll-up by
category and by unit (selectors and whole pages): median, p95, SQL queries, and the median of
hand-written SQL returning the same answer (checked equal), with the ratio.
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

YEAR = 2025
PG_DB = "luoshi_projects_bench"
HEADING = "Project pipeline (10,000 projects, 120,000 monthly reports)"
GOAL_MS, GOAL_RATIO = 100, 3


# --- orchestration (no Django here) -------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--districts", type=int, default=20)
    parser.add_argument("--projects", type=int, default=10000, help="projects in all (spread over the districts)")
    parser.add_argument("--units", type=int, default=8, help="responsible units per district")
    parser.add_argument("--leaders", type=int, default=5, help="分包 leaders per district")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--write-docs", action="store_true", help="write the results into docs/benchmarks.md")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    sections = [machine()]
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = dict(os.environ, DATABASE_URL=fresh_database(db, "projects", PG_DB),
                   DJANGO_SETTINGS_MODULE="luoshi.settings",
                   LUOSHI_VAR_DIR=str(ROOT / "var" / "bench"))
        cmd = [sys.executable, __file__, "--worker", db, "--reps", str(args.reps), "--districts", str(args.districts),
               "--projects", str(args.projects), "--units", str(args.units), "--leaders", str(args.leaders)]
        try:
            out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        finally:
            if db == "postgres" and not args.keep:
                pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        print(out)
        sections.append(out)
    if args.write_docs:
        write_section("projects-bench", HEADING, "\n".join(sections))


# --- the worker: one database ------------------------------------------------------------------

def worker(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    world = build(args)
    rows = measure(world, args.reps)
    print(f"### {connection.vendor} ({server_version()})\n")
    print(f"Data: {world['counts']}. Measured for one district ({world['district_count']} projects), "
          f"{args.reps} repetitions after 3 warm-up calls.\n")
    print(results_table(rows))
    selectors_rows = [r for r in rows if r["raw"] is not None and "selector" in r["name"]]
    slow = [r["name"] for r in rows if r["median"] >= GOAL_MS]
    far = [r["name"] for r in selectors_rows if r["median"] / r["raw"] > GOAL_RATIO]
    verdict = (f"Goal (median under {GOAL_MS} ms, selectors within {GOAL_RATIO}× of raw SQL): "
               + ("met." if not slow and not far else
                  "missed — " + "; ".join([f"over {GOAL_MS} ms: {', '.join(slow)}"] * bool(slow)
                                          + [f"over {GOAL_RATIO}×: {', '.join(far)}"] * bool(far)) + "."))
    print(verdict + "\n")


def build(args) -> dict:
    """The synthetic pipeline, inserted in bulk (the services would take minutes for 130k rows)."""
    import random
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from luoshi.core.progress import progress_bar
    from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
    from luoshi.projects.models import (
        Batch,
        CategoryPlan,
        Construction,
        Level,
        MonthlyReport,
        Project,
        ProjectCategory,
        Stage,
    )
    from luoshi.projects.services import ensure_lists

    rng = random.Random(2025)
    User = get_user_model()
    ensure_lists()
    categories = list(ProjectCategory.objects.all())
    stages, levels = [s for s, _l in Stage.choices], [v for v, _l in Level.choices]
    batches = [""] + [v for v, _l in Batch.choices]
    unit_kinds = [OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.PLATFORM]
    city = Organisation.objects.create(name="基准市", short_name="基准市", kind=OrgKind.CITY, is_synthetic=True,
                                       source="合成(基准测试)")
    districts, units = [], {}
    for d in range(args.districts):
        district = Organisation.objects.create(name=f"第{d + 1}区", short_name=f"第{d + 1}区", kind=OrgKind.DISTRICT,
                                               parent=city, is_synthetic=True, source="合成(基准测试)")
        districts.append(district)
        units[district.pk] = [Organisation.objects.create(
            name=f"第{d + 1}区单位{u + 1}", short_name=f"单位{u + 1}", kind=unit_kinds[u % 3], parent=district,
            is_synthetic=True, source="合成(基准测试)") for u in range(args.units)]
    unusable = make_password(None)
    User.objects.bulk_create([User(username=f"bench_leader_{d}_{k}", password=unusable)
                              for d in range(args.districts) for k in range(args.leaders)])
    leaders = {district.pk: list(User.objects.filter(username__startswith=f"bench_leader_{d}_"))
               for d, district in enumerate(districts)}
    user = User.objects.create_user("bench_district", password="bench-password-2025")
    Profile.objects.create(user=user, role=Role.DISTRICT_DATA, organisation=districts[0])
    CategoryPlan.objects.bulk_create([
        CategoryPlan(organisation=district, year=YEAR, category=c, floor=Decimal(rng.randint(20, 80)),
                     source="合成(基准测试)") for district in districts for c in categories])

    per_district = args.projects // args.districts
    total = per_district * args.districts
    with progress_bar("生成数据", "项目") as progress:
        for d, district in enumerate(districts):
            projects = []
            for i in range(per_district):
                stage = stages[i % len(stages)] if i % 4 else rng.choice(stages)
                total_inv = Decimal(rng.randint(5000, 1000000)) / 10000  # 0.5–100 亿元, 4 places
                plan = (total_inv * Decimal(rng.randint(5, 60)) / 100).quantize(Decimal("0.0001"))
                projects.append(Project(
                    organisation=district, code=f"B{d + 1:02d}-{YEAR}-{i + 1:05d}", name=f"合成项目{d + 1}-{i + 1}",
                    responsible_unit=None if i % 17 == 0 else rng.choice(units[district.pk]),
                    leader=None if i % 13 == 0 else rng.choice(leaders[district.pk]),
                    category=categories[i % len(categories)], level=rng.choice(levels), batch=rng.choice(batches),
                    construction=rng.choice([Construction.NEW, Construction.CONTINUING]),
                    total_investment=total_inv, plan_year=YEAR if i % 10 else YEAR - 1, year_plan=plan,
                    planned_start=rng.choice([None, date(YEAR - 1, 6, 1), date(YEAR + 1, 3, 1),
                                              *[date(YEAR, m, 1) for m in range(1, 13)]]),
                    actual_start=(date(rng.choice([YEAR - 1, YEAR]), rng.randint(1, 12), rng.randint(1, 28))
                                  if stage in (Stage.CONSTRUCTION, Stage.COMPLETED, Stage.IN_USE) else None),
                    planned_finish=rng.choice([None, date(YEAR, rng.randint(1, 12), 28), date(YEAR + 1, 6, 30)]),
                    completed_on=(date(YEAR, rng.randint(1, 12), rng.randint(1, 28))
                                  if stage in (Stage.COMPLETED, Stage.IN_USE) else None), stage=stage,
                    termination_reason="合成:终止" if stage == Stage.TERMINATED else "",
                    source="合成(基准测试)", is_synthetic=True))
            Project.objects.bulk_create(projects, batch_size=1000)
            # bulk_create sets pks on PostgreSQL and (Django ≥ 4) SQLite; re-read to be sure either way.
            created = list(Project.objects.filter(organisation=district).values_list("pk", "year_plan"))
            reports = []
            for pk, plan in created:
                cumulative = Decimal(0)
                for month in range(1, 13):
                    step = (Decimal(plan) * Decimal(rng.randint(0, 20)) / 100).quantize(Decimal("0.0001"))
                    cumulative += step
                    reports.append(MonthlyReport(project_id=pk, year=YEAR, month=month, month_investment=step,
                                                 cumulative=cumulative, note="合成"))
            MonthlyReport.objects.bulk_create(reports, batch_size=2000)
            progress((d + 1) * per_district, total)
    counts = (f"{Organisation.objects.count()} organisations (the city, {args.districts} districts × "
              f"{args.units} units), {User.objects.count()} users; {Project.objects.count():,} projects "
              f"({per_district} per district; {len(categories)} categories, all stages, levels and batches), "
              f"{MonthlyReport.objects.count():,} monthly reports (12 months of {YEAR}, cumulative)")
    district = districts[0]
    return {"district": district, "user": user, "counts": counts,
            "district_count": Project.objects.filter(organisation=district).count()}


def measure(world, reps: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from luoshi.projects import selectors

    org, user = world["district"], world["user"]
    client = Client()
    client.force_login(user)

    def orm_board():
        return [(str(lib["stage"]), lib["count"], _n(lib["total"]), _n(lib["plan"]),
                 tuple((p.pk, p.code, p.name, _n(p.total_investment), _n(p.year_plan), p.plan_year)
                       for p in lib["projects"]))
                for lib in selectors.board(user, org)]

    def orm_rollup(by):
        def run():
            rows = selectors.rollup(user, org, YEAR, by=by)["rows"]
            return sorted((str(r.label), r.count, _n(r.total), _n(r.plan), _n(r.completed), r.new, r.continuing,
                           r.to_start, r.started, r.reserve, r.converted, r.to_finish, r.finished)
                          for r in rows[:-1])
        return run

    raw_board_fn = lambda: raw_board(org.pk, org.district_id)  # noqa: E731
    raw_category = lambda: raw_rollup(org.pk, org.district_id, YEAR, "category")  # noqa: E731
    raw_unit = lambda: raw_rollup(org.pk, org.district_id, YEAR, "unit")  # noqa: E731
    assert orm_board() == raw_board_fn(), "board: ORM ≠ raw SQL"
    assert orm_rollup("category")() == raw_category(), "rollup by category: ORM ≠ raw SQL"
    assert orm_rollup("unit")() == raw_unit(), "rollup by unit: ORM ≠ raw SQL"
    cases = [
        ("board of the four libraries — selector `board`", orm_board, raw_board_fn),
        ("board — whole page (GET, rendered)", page(client, reverse("projects:board", args=[org.pk])), None),
        ("roll-up by category — selector `rollup`", orm_rollup("category"), raw_category),
        ("roll-up by unit — selector `rollup(by=\"unit\")`", orm_rollup("unit"), raw_unit),
        ("roll-up — whole page (GET, rendered, with plan sentence and wage warnings)",
         page(client, reverse("projects:rollup", args=[org.pk]) + f"?year={YEAR}"), None),
    ]
    return measure_cases(cases, reps, pages_on={1: 0, 4: 2})


def _n(value):
    """A number as a Decimal of 4 places: SQLite's driver hands sums of decimals back as floats."""
    from decimal import Decimal

    return None if value is None else Decimal(str(value)).quantize(Decimal("0.0001"))


# The user's scope, as `visible_organisations` decides it for district staff: the organisation must be
# of the user's district. Checked once per query, as hand-written SQL would.
IN_SCOPE = "EXISTS (SELECT 1 FROM organisations_organisation s WHERE s.id = %s AND s.district_id = %s)"
LIBRARIES = ("reserve", "ready", "construction", "completed")


def raw_board(org_id: int, district_id: int):
    """Per library: count, total investment and year plan, and the projects listed (by code)."""
    totals = {stage: (n, total, plan) for stage, n, total, plan in fetch(f"""
        SELECT p.stage, COUNT(*), SUM(p.total_investment), SUM(p.year_plan)
        FROM projects_project p
        WHERE p.organisation_id = %s AND p.stage IN (%s, %s, %s, %s) AND {IN_SCOPE}
        GROUP BY p.stage""", [org_id, *LIBRARIES, org_id, district_id])}
    listed: dict[str, list] = {s: [] for s in LIBRARIES}
    for pk, code, name, stage, total, plan, year in fetch(f"""
            SELECT p.id, p.code, p.name, p.stage, p.total_investment, p.year_plan, p.plan_year
            FROM projects_project p
            WHERE p.organisation_id = %s AND p.stage IN (%s, %s, %s, %s) AND {IN_SCOPE}
            ORDER BY p.code""", [org_id, *LIBRARIES, org_id, district_id]):
        listed[stage].append((pk, code, name, _n(total), _n(plan), year))
    out = []
    for stage in LIBRARIES:
        n, total, plan = totals.get(stage, (0, 0, 0))
        out.append((stage, n, _n(total), _n(plan), tuple(listed[stage])))
    return out


def raw_rollup(org_id: int, district_id: int, year: int, by: str):
    """Per category (or responsible unit): count, total, plan, the sum of each project's latest
    cumulative in the year, the 新开工/续建 split, and the counts behind 开工率, 竣工率 and 储备项目转化率
    (figures to the year's end)."""
    from datetime import date

    from django.utils.translation import gettext as _

    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    if by == "category":
        label, join = "c.name", "JOIN projects_projectcategory c ON c.id = p.category_id"
        params = []
    else:  # unit: str(unit) is its short name (or name), 未定 when there is none
        label = "CASE WHEN u.id IS NULL THEN %s WHEN u.short_name <> '' THEN u.short_name ELSE u.name END"
        join = "LEFT JOIN organisations_organisation u ON u.id = p.responsible_unit_id"
        params = [_("未定")]
    rows = fetch(f"""
        SELECT {label}, COUNT(*), SUM(p.total_investment), SUM(p.year_plan),
               SUM(COALESCE(r.cumulative, 0)),
               SUM(CASE WHEN p.construction = 'new' THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.construction = 'continuing' THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_start >= %s AND p.planned_start < %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_start >= %s AND p.planned_start < %s AND p.actual_start < %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.construction = 'new' AND (p.planned_start IS NULL OR p.planned_start >= %s)
                        THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.construction = 'new' AND (p.planned_start IS NULL OR p.planned_start >= %s)
                        AND p.actual_start >= %s AND p.actual_start < %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_finish >= %s AND p.planned_finish < %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN p.planned_finish >= %s AND p.planned_finish < %s AND p.completed_on < %s
                        THEN 1 ELSE 0 END)
        FROM projects_project p
        {join}
        LEFT JOIN projects_monthlyreport r ON r.project_id = p.id AND r.year = %s
             AND r.month = (SELECT MAX(m.month) FROM projects_monthlyreport m
                            WHERE m.project_id = p.id AND m.year = %s)
        WHERE p.organisation_id = %s AND p.plan_year = %s AND p.stage <> 'terminated' AND {IN_SCOPE}
        GROUP BY 1""", [*params, start, end, start, end, end, end, end, start, end, start, end, start, end, end,
                        year, year, org_id, year, org_id, district_id])
    return sorted((str(lab), n, _n(total), _n(plan), _n(done), *counts) for lab, n, total, plan, done, *counts in rows)


if __name__ == "__main__":
    main()
