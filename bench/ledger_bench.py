"""Benchmark of the indicator ledger's main reads, beside the raw SQL that computes the same answers.

    .venv/bin/python bench/ledger_bench.py --db both --write-docs

Builds a synthetic city (16 districts × 4 units, 40 indicators, 60 months of cumulative actuals and
annual targets, all marked synthetic) in its own database — var/bench/ledger.sqlite3 and the
PostgreSQL database `luoshi_bench` on 127.0.0.1:5432, never the demo or development database — and
measures, over many repetitions, the district overview (selector and whole page), the ranking of
districts (selector and API endpoint) and the indicator detail page: median, p95, SQL queries, and
the median of hand-written SQL returning the same answer (checked equal), with the ratio.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchkit import fetch, fresh_database, measure_cases, page, pg_admin, results_table, server_version, write_section  # noqa: E402

YEAR = 2025


# --- orchestration (no Django here) -------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--districts", type=int, default=16)
    parser.add_argument("--units", type=int, default=4, help="units per district")
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--write-docs", action="store_true", help="write the results into docs/benchmarks.md")
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    sections = []
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = dict(os.environ, DATABASE_URL=fresh_database(db, "ledger", "luoshi_bench"),
                   DJANGO_SETTINGS_MODULE="luoshi.settings",
                   LUOSHI_VAR_DIR=str(ROOT / "var" / "bench"))
        cmd = [sys.executable, __file__, "--worker", db, "--reps", str(args.reps), "--districts", str(args.districts),
               "--units", str(args.units), "--indicators", str(args.indicators), "--months", str(args.months)]
        out = subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
        print(out)
        sections.append(out)
        if db == "postgres" and not args.keep:
            pg_admin("DROP DATABASE IF EXISTS luoshi_bench")
    if args.write_docs:
        write_section("ledger-bench", "Indicator ledger", "\n".join(sections))


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
    print(f"Data: {world['counts']}.\n")
    print(results_table(rows))


def build(args) -> dict:
    """The synthetic city, inserted in bulk."""
    import random
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from tqdm import tqdm

    from luoshi.indicators.catalogue import ensure_catalogue
    from luoshi.indicators.models import Actual, Frequency, Indicator, Target
    from luoshi.organisations.models import Organisation, OrgKind, Profile, Role

    rng = random.Random(2025)
    ensure_catalogue()
    extra = args.indicators - Indicator.objects.count()
    Indicator.objects.bulk_create([
        Indicator(code=f"bench_{i}", name=f"合成指标{i}", unit="亿元", cumulative=True, frequency=Frequency.MONTHLY,
                  sort_order=500 + i, description="合成(基准测试)") for i in range(max(extra, 0))])
    indicators = list(Indicator.objects.all()[:args.indicators])
    city = Organisation.objects.create(name="基准市", short_name="基准市", kind=OrgKind.CITY, is_synthetic=True)
    districts, orgs = [], []
    for d in range(args.districts):
        district = Organisation.objects.create(name=f"第{d + 1}区", short_name=f"第{d + 1}区", kind=OrgKind.DISTRICT,
                                               parent=city, is_synthetic=True)
        districts.append(district)
        orgs.append(district)
        for u in range(args.units):
            orgs.append(Organisation.objects.create(name=f"第{d + 1}区单位{u + 1}", short_name=f"单位{u + 1}",
                                                    kind=OrgKind.TOWN, parent=district, is_synthetic=True))
    user = get_user_model().objects.create_user("bench_data", password="bench-password-2025")
    Profile.objects.create(user=user, role=Role.DISTRICT_DATA, organisation=districts[0])
    first_year = YEAR - args.months // 12 + 1
    periods = [(y, m) for y in range(first_year, YEAR + 1) for m in range(1, 13)][-args.months:]
    targets, actuals = [], []
    for org in tqdm(orgs, desc="生成数据", unit="单位"):
        for ind in indicators:
            for year in range(first_year, YEAR + 1):
                targets.append(Target(organisation=org, indicator=ind, year=year, wording="增长6%左右", kind="growth",
                                      comparator="about", commitment="normal", value=Decimal(6), is_synthetic=True))
            base = Decimal(rng.randint(20, 400))
            for year, month in periods:
                if ind.quarterly and month % 3:
                    continue
                actuals.append(Actual(organisation=org, indicator=ind, year=year, month=month,
                                      value=base * month / 12, growth_pct=Decimal(rng.randint(-20, 150)) / 10,
                                      is_synthetic=True))
        if len(actuals) > 20000:
            Actual.objects.bulk_create(actuals, batch_size=5000)
            actuals = []
    Actual.objects.bulk_create(actuals, batch_size=5000)
    Target.objects.bulk_create(targets, batch_size=5000)
    counts = (f"{len(orgs)} organisations ({args.districts} districts × {args.units} units + the districts), "
              f"{len(indicators)} indicators, {len(periods)} months; "
              f"{Actual.objects.count():,} actuals, {Target.objects.count():,} targets")
    return {"city": city, "district": districts[0], "user": user, "indicator": indicators[0], "counts": counts}


def measure(world, reps: int) -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    from luoshi.core.periods import Period
    from luoshi.indicators import selectors
    from luoshi.indicators.ranking import ranking

    district, indicator, city = world["district"], world["indicator"], world["city"]
    client = Client()
    client.force_login(world["user"])
    period = Period(YEAR, 12)

    def orm_overview():
        return sorted((r.indicator.pk, r.latest.month, _n(r.latest.value), _n(r.latest.growth_pct),
                       _n(r.target.value) if r.target else None, r.rank, tuple(m for m, _v, _g in r.trend))
                      for r in selectors.overview(district, YEAR))

    def orm_ranking():
        return [(r.organisation_id, _n(r.growth_pct), r.rank) for r in ranking(city.pk, indicator.pk, period)]

    assert orm_overview() == raw_overview(district.pk, district.parent_id, YEAR), "overview: ORM ≠ raw SQL"
    assert orm_ranking() == raw_ranking(city.pk, indicator.pk, YEAR, 12), "ranking: ORM ≠ raw SQL"
    cases = [
        ("district overview — selector", orm_overview, lambda: raw_overview(district.pk, district.parent_id, YEAR)),
        ("district overview — whole page (GET, rendered)",
         page(client, reverse("indicators:overview", args=[district.pk]) + f"?year={YEAR}"), None),
        ("ranking of 16 districts — selector", orm_ranking, lambda: raw_ranking(city.pk, indicator.pk, YEAR, 12)),
        ("ranking — API endpoint (GET /api/indicators/rankings)",
         page(client, f"/api/indicators/rankings?indicator={indicator.code}&year={YEAR}&month=12"), None),
        ("indicator detail — whole page (GET, rendered, with streak)",
         page(client, reverse("indicators:detail", args=[district.pk, indicator.pk]) + f"?year={YEAR}"), None),
    ]
    return measure_cases(cases, reps, pages_on={1: 0, 3: 2})


def _n(value):
    """A number as a normalised Decimal: SQLite's driver hands decimals back as floats."""
    from decimal import Decimal

    return None if value is None else Decimal(str(value)).normalize()


def raw_overview(org_id: int, parent_id: int, year: int):
    """Per indicator: the latest month's value and growth, the target, the rank among sibling districts
    at that month, and the months of the trend — what the overview shows, in hand-written SQL."""
    series = fetch("""
        SELECT a.indicator_id, a.month, a.value, a.growth_pct, t.value
        FROM indicators_actual a
        JOIN indicators_indicator i ON i.id = a.indicator_id AND i.is_active
        LEFT JOIN indicators_target t ON t.organisation_id = a.organisation_id
             AND t.indicator_id = a.indicator_id AND t.year = a.year
        WHERE a.organisation_id = %s AND a.year = %s AND a.withdrawn_at IS NULL
        ORDER BY a.indicator_id, a.month""", [org_id, year])
    ranks = {(ind, month): rank for ind, month, rank in fetch("""
        WITH latest AS (
            SELECT indicator_id, MAX(month) AS month FROM indicators_actual
            WHERE organisation_id = %s AND year = %s AND withdrawn_at IS NULL GROUP BY indicator_id),
        ranked AS (
            SELECT a.indicator_id, a.month, a.organisation_id,
                   RANK() OVER (PARTITION BY a.indicator_id, a.month ORDER BY a.growth_pct DESC) AS place
            FROM indicators_actual a
            JOIN latest l ON l.indicator_id = a.indicator_id AND l.month = a.month
            JOIN organisations_organisation o ON o.id = a.organisation_id
            WHERE o.parent_id = %s AND o.kind IN ('district', 'county_city', 'dev_zone') AND a.year = %s
              AND a.growth_pct IS NOT NULL AND a.withdrawn_at IS NULL)
        SELECT indicator_id, month, place FROM ranked WHERE organisation_id = %s
        """, [org_id, year, parent_id, year, org_id])}
    out: dict[int, list] = {}
    for ind, month, value, growth, target in series:
        out.setdefault(ind, []).append((month, value, growth, target))
    return sorted((ind, pts[-1][0], _n(pts[-1][1]), _n(pts[-1][2]), _n(pts[-1][3]), ranks.get((ind, pts[-1][0])),
                   tuple(p[0] for p in pts)) for ind, pts in out.items())


def raw_ranking(parent_id: int, indicator_id: int, year: int, month: int):
    rows = fetch("""
        SELECT a.organisation_id, a.growth_pct,
               RANK() OVER (ORDER BY a.growth_pct DESC)
        FROM indicators_actual a JOIN organisations_organisation o ON o.id = a.organisation_id
        WHERE o.parent_id = %s AND o.kind IN ('district', 'county_city', 'dev_zone') AND a.indicator_id = %s
          AND a.year = %s AND a.month = %s AND a.growth_pct IS NOT NULL AND a.withdrawn_at IS NULL
        ORDER BY a.growth_pct DESC, o.short_name""", [parent_id, indicator_id, year, month])
    return [(org, _n(growth), rank) for org, growth, rank in rows]


if __name__ == "__main__":
    main()
