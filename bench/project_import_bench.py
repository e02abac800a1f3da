"""Benchmark of 年度建库: importing a 5,000-row project list (the export's layout) in one all-or-nothing pass.

    .venv/bin/python bench/project_import_bench.py --db both --write-docs

In its own database (var/bench/project_import.sqlite3 and the PostgreSQL database
`luoshi_project_import_bench` on 127.0.0.1:5432, never the demo or development one), a synthetic district
(8 units, 5 分包 leaders, all marked synthetic) and a workbook of 5,000 new projects written in the list
layout (units and leaders by name, every fact filled) are made; then, each in a fresh process so that
the peak memory is the import's own: (1) the import of the 5,000 new rows (checked whole, then created
in 储备库 with codes, history and first step), (2) the same list exported and imported back with every
row changed (location and a reason: 5,000 updates with history). Reported: wall time, peak resident memory
of the process (ru_maxrss, Django included) and the rows per second, beside three floors — reading the
file alone with openpyxl and with the imports' own reader (core.xlsx_read), and inserting the same 5,000
rows with one hand-written executemany.
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchkit import fresh_database, pg_admin, server_version, write_section  # noqa: E402

PG_DB = "luoshi_project_import_bench"
HEADING = "Project list import (年度建库, 5,000 rows)"
GOAL_S, GOAL_MB = 10, 300
FILES = ROOT / "var" / "bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--worker", choices=["build", "create", "update", "floors"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    out = [_machine()]
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = dict(os.environ, DATABASE_URL=fresh_database(db, "project_import", PG_DB),
                   DJANGO_SETTINGS_MODULE="luoshi.settings", LUOSHI_VAR_DIR=str(FILES))
        try:
            lines = []
            for step in ("build", "create", "update", "floors"):
                cmd = [sys.executable, __file__, "--worker", step, "--rows", str(args.rows)]
                lines.append(subprocess.run(cmd, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout)
        finally:
            if db == "postgres":
                pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
        out.append(_section(lines))
    text = "\n".join(out)
    print(text)
    if args.write_docs:
        intro = ("```bash\n.venv/bin/python bench/project_import_bench.py --db both --write-docs\n```\n\n"
                 + __doc__.split("\n\n", 2)[2].strip() + "\n\n")
        write_section("project-import", HEADING, intro + text)


def _machine() -> str:
    import platform

    cores = os.cpu_count()
    load = os.getloadavg()[0]
    return (f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}; database on the "
            f"same machine; measured {time.strftime('%Y-%m-%d')}; load average {load:.1f} when it started "
            f"(the cores are shared).\n")


def _section(lines: list[str]) -> str:
    head, *measures = [line.strip() for line in "".join(lines).splitlines() if line.strip()]
    rows = [m.split("|") for m in measures if m]
    table = ["| measure | wall s | peak RSS MB | rows/s |", "|---|---:|---:|---:|"]
    verdicts = []
    for name, seconds, mb, n in rows:
        table.append(f"| {name} | {float(seconds):.2f} | {float(mb):.0f} | {int(n) / float(seconds):,.0f} |")
        if name.startswith("import"):
            verdicts.append(float(seconds) < GOAL_S and float(mb) < GOAL_MB)
    goal = f"Goal (each import under {GOAL_S} s and {GOAL_MB} MB): " + ("met." if all(verdicts) else "missed.")
    return f"### {head}\n\n" + "\n".join(table) + f"\n\n{goal}\n"


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from luoshi.organisations.models import Organisation

    if args.worker == "build":
        return build(args)
    user = get_user_model().objects.get(username="bench_data")
    district = Organisation.objects.get(short_name="基准区")
    if args.worker == "create":
        return run("import: 5,000 new projects", user, district, FILES / "project_list_new.xlsx", args.rows)
    if args.worker == "update":
        from luoshi.projects.listfile import export_list

        path = FILES / "project_list_export.xlsx"
        path.write_bytes(_edited(export_list(user, district, {})))
        return run("import: the export back, every row changed", user, district, path, args.rows)
    return floors(args, user, district)


def run(name: str, user, district, path: Path, rows: int):
    from luoshi.projects.listfile import import_list

    start = time.perf_counter()
    with open(path, "rb") as upload:
        result = import_list(user, district, upload)
    seconds = time.perf_counter() - start
    assert not result.errors, result.errors[:5]
    assert result.created + result.revised == rows, (result.created, result.revised)
    print(f"{name}|{seconds}|{_peak_mb()}|{rows}")


def _edited(data: bytes) -> bytes:
    """The exported list with every project's location changed and a reason given (5,000 updates)."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    header = {c.value: c.column for c in ws[3]}
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, header["项目编号"]).value:
            ws.cell(r, header["建设地点"]).value = "合成(调整)"
            ws.cell(r, header["修改原因"]).value = "合成:基准测试调整建设地点"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def build(args):
    """The district, its people, and the workbook of new projects (written, not imported)."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from openpyxl import Workbook

    from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
    from luoshi.projects.listfile import columns, sheet_name
    from luoshi.projects.services import ensure_lists

    call_command("migrate", verbosity=0)
    ensure_lists()
    User = get_user_model()
    synthetic = dict(is_synthetic=True, source="合成(基准测试)")
    city = Organisation.objects.create(name="基准市", short_name="基准市", kind=OrgKind.CITY, **synthetic)
    district = Organisation.objects.create(name="基准区", short_name="基准区", kind=OrgKind.DISTRICT, parent=city,
                                           **synthetic)
    units = [Organisation.objects.create(name=f"基准单位{u}", short_name=f"单位{u}", kind=OrgKind.TOWN,
                                         parent=district, **synthetic).short_name for u in range(1, 9)]
    leaders = []
    for k in range(1, 6):
        leader = User.objects.create_user(f"bench_leader_{k}", password=None)
        Profile.objects.create(user=leader, role=Role.DISTRICT_LEADER, organisation=district,
                               display_name=f"基准领导{k}")
        leaders.append(f"基准领导{k}")
    data = User.objects.create_user("bench_data", password=None)
    Profile.objects.create(user=data, role=Role.DISTRICT_DATA, organisation=district)
    categories = ["基础设施", "产业转型", "绿色低碳", "民生和社会事业", "城市更新", "棚户区改造"]
    headers = [h for h, _f in columns(6)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_name())
    ws.append([headers[0]])
    ws.append(["单位:亿元"])
    ws.append(headers)
    for i in range(args.rows):
        values = {"项目名称": f"合成项目{i + 1:05d}", "类别": categories[i % 6], "责任单位": units[i % 8],
                  "分包领导": leaders[i % 5], "级别": ["省重点", "市重点", "区重点"][i % 3],
                  "三个一批": ["", "签约一批", "开工一批", "投产一批"][i % 4], "建设性质": ["新开工", "续建"][i % 2],
                  "计划年度": 2025, "建设地点": "合成", "总投资(亿元)": 10 + (i % 90) + 0.25,
                  "年度计划投资(亿元)": 1 + (i % 9) + 0.5, "计划开工": f"2025-{i % 12 + 1:02d}-01",
                  "计划竣工": "2027-12-31", "国家重大项目库": "是" if i % 3 == 0 else "否",
                  "资金需求(亿元)": 2 if i % 3 == 0 else None, "资金渠道": "专项债" if i % 3 == 0 else ""}
        ws.append([values.get(h) for h in headers])
    FILES.mkdir(parents=True, exist_ok=True)
    wb.save(FILES / "project_list_new.xlsx")
    print(server_version())


def floors(args, user, district):
    """Reading the file alone, and the same rows inserted by one hand-written executemany (no checks,
    no history): what any import of this file costs at least."""
    from django.db import connection, transaction
    from openpyxl import load_workbook

    from luoshi.projects.models import ProjectCategory

    start = time.perf_counter()
    wb = load_workbook(FILES / "project_list_new.xlsx", read_only=True, data_only=True)
    n = sum(1 for _row in wb.active.iter_rows(min_row=4, values_only=True))
    wb.close()
    print(f"floor: reading the file alone (openpyxl)|{time.perf_counter() - start}|{_peak_mb()}|{n}")
    from luoshi.core.xlsx_read import load_values_workbook, sheet_values

    start = time.perf_counter()
    wb = load_values_workbook((FILES / "project_list_new.xlsx").read_bytes())
    n = sum(1 for _row in sheet_values(wb.active)) - 3
    wb.close()
    print(f"floor: reading the file alone (core.xlsx_read, as the import does)|{time.perf_counter() - start}|"
          f"{_peak_mb()}|{n}")
    category = ProjectCategory.objects.first().pk
    rows = [(district.pk, f"RAW-{i}", f"合成{i}", category, "district", "", "new", "10.2500", 2025, "1.5000",
             "reserve", "", "", True, 1, False, "", "", "", "")
            for i in range(args.rows)]
    sql = ("INSERT INTO projects_project (organisation_id, code, name, category_id, level, batch, construction, "
           "total_investment, plan_year, year_plan, stage, location, termination_reason, is_synthetic, version, "
           "in_national_library, funding_channel, funding_state, source, batch_date) "
           "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULLIF(%s, '')::date)")
    if connection.vendor == "sqlite":
        sql = sql.replace("NULLIF(%s, '')::date", "NULLIF(%s, '')")
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    print(f"floor: the same rows by one raw executemany (no checks, no history)|{time.perf_counter() - start}|"
          f"{_peak_mb()}|{args.rows}")


if __name__ == "__main__":
    main()
