"""What the benchmark scripts share: their own PostgreSQL databases and their section of the report."""
import os
import platform
import re
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def pg_admin(sql: str):
    """Run CREATE/DROP DATABASE on the local server (outside a transaction)."""
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def write_section(marker: str, heading: str, results: str):
    """Replace the results between <!-- marker:start --> and <!-- marker:end --> in docs/benchmarks.md
    (appended under `heading` the first time)."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    block = f"{start}\n{results.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n" + block + "\n"
    DOCS.write_text(text)


def fresh_database(db: str, sqlite_name: str, pg_name: str) -> str:
    """An empty benchmark database of its own (never the demo's): var/bench/<sqlite_name>.sqlite3 or the
    PostgreSQL database <pg_name>, dropped and created anew. Returns its DATABASE_URL."""
    if db == "sqlite":
        path = Path(__file__).resolve().parents[1] / "var" / "bench" / f"{sqlite_name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    pg_admin(f"DROP DATABASE IF EXISTS {pg_name}")
    pg_admin(f"CREATE DATABASE {pg_name}")
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{pg_name}"


def server_version() -> str:
    """“SQLite 3.40.1” or “PostgreSQL 15.4”, of the database Django is connected to."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return "SQLite " + cursor.fetchone()[0]
        cursor.execute("show server_version")
        return "PostgreSQL " + cursor.fetchone()[0].split()[0]


def timed(fn, reps: int, raw=None):
    """Median and p95 in ms over `reps` calls (after 3 warm-up calls), the SQL queries of one call, and with
    `raw` the median of the raw SQL baseline timed in turn with it — call for call, so that the machine's
    drift (a third within minutes on shared cores) moves both alike and their ratio holds."""
    import statistics
    import time

    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        fn()
        if raw is not None:
            raw()
    # The query log holds at most 9000 entries, and a request empties it when it starts: start it
    # empty and keep it for the count.
    reset_queries()
    request_started.disconnect(reset_queries)
    try:
        with CaptureQueriesContext(connection) as captured:
            fn()
        queries = len(captured)
    finally:
        request_started.connect(reset_queries)
    times, raw_times = [], []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        if raw is not None:
            start = time.perf_counter()
            raw()
            raw_times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return (statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], queries,
            statistics.median(raw_times) if raw_times else None)


def results_table(rows: list[dict]) -> str:
    """The markdown table of measures: median, p95, queries, the raw SQL's median and the ratio."""
    lines = ["| measure | median ms | p95 ms | queries | raw SQL median ms | ratio |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        raw = f"{r['raw']:.2f}" if r["raw"] is not None else "–"
        ratio = f"{r['median'] / r['raw']:.1f}×" if r["raw"] else "–"
        lines.append(f"| {r['name']} | {r['median']:.2f} | {r['p95']:.2f} | {r['queries']} | {raw} | {ratio} |")
    return "\n".join(lines) + "\n"


def fetch(sql: str, params: list):
    """Hand-written SQL, the baseline every measure is compared with."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def page(client, url: str):
    """A whole page as the measure: one GET through Django's test client, which must answer 200."""
    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
    return get


def measure_cases(cases: list[tuple], reps: int, pages_on: dict[int, int]) -> list[dict]:
    """Time each (name, fn, raw fn or None) case, in turn with its raw SQL; `pages_on` gives each whole
    page's row the raw-SQL baseline of its selector's row (the pages answer what their selectors answer),
    timed in turn with the page."""
    from tqdm import tqdm

    baselines = {page_row: cases[selector_row][2] for page_row, selector_row in pages_on.items()}
    rows = []
    for i, (name, fn, raw) in enumerate(tqdm(cases, desc="计时", unit="项")):
        median, p95, queries, raw_median = timed(fn, reps, raw or baselines.get(i))
        rows.append({"name": name, "median": median, "p95": p95, "queries": queries, "raw": raw_median})
    return rows


def machine() -> str:
    """The machine, from /proc: CPU model, cores, RAM."""
    model, cores, ram_gb = platform.processor() or "unknown CPU", os.cpu_count(), None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    ram = f"{ram_gb:.0f} GB RAM" if ram_gb else "RAM unknown"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    busy = f"; load average {load:.1f} when it started (the cores are shared)" if load is not None else ""
    return (f"Machine: {model}, {cores} cores, {ram}, Python {platform.python_version()}; "
            f"database on the same machine; measured {time.strftime('%Y-%m-%d')}{busy}.\n")
