"""Month-end load: many users submitting their monthly figures at once to gunicorn + PostgreSQL.

    .venv/bin/python bench/load_bench.py --users 200 --reports 10 --write-docs

Builds its own PostgreSQL database (`luoshi_load` on 127.0.0.1:5432, dropped afterwards unless --keep),
one unit per user under 16 districts, a logged-in session per user; starts gunicorn on 127.0.0.1 (a
free port) and lets every user, all at the same moment, submit `--reports` monthly actuals through the
JSON API (CSRF token and session as a browser would). Bounded in requests (users × reports) and in
time (--max-seconds). Reports throughput, median and p95 latency, errors (must be 0), and checks in
the database that every accepted submission is there (must be all), with its history record.
"""
import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchkit import pg_admin, write_section  # noqa: E402 (beside this script)

PG_LOAD = "postgres://postgres@127.0.0.1:5432/luoshi_load"
YEAR = 2025


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--reports", type=int, default=10, help="submissions per user")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--max-seconds", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.reports > 12:
        parser.error("--reports is at most 12 (one per month)")
    env = dict(os.environ, DATABASE_URL=PG_LOAD, DJANGO_SETTINGS_MODULE="luoshi.settings",
               LUOSHI_VAR_DIR=str(ROOT / "var" / "load"), ALLOWED_HOSTS="127.0.0.1", DEBUG="0")
    os.environ.update(env)
    pg_admin("DROP DATABASE IF EXISTS luoshi_load")
    pg_admin("CREATE DATABASE luoshi_load")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        users = build(args.users)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "luoshi.wsgi", "--workers", str(args.workers), "--bind",
             f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60"], env=env, cwd=ROOT)
        try:
            _wait_for(port)
            result = run_load(port, users, args.reports, args.max_seconds)
        finally:
            server.terminate()
            server.wait(20)
        result.update(verify(result["accepted"]))
        text = report(args, result)
        print(text)
        if args.write_docs:
            write_section("load-bench", "Month-end load", text)
        if result["errors"] or result["missing"]:
            sys.exit(1)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            pg_admin("DROP DATABASE IF EXISTS luoshi_load")



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, seconds: int = 30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def build(n_users: int) -> list[dict]:
    """A city of 16 districts with one unit (and one unit-staff user with a session) per user; every
    other unit is responsible for a major project."""
    from django.contrib.auth import get_user_model

    from luoshi.core.sessions import SessionStore
    from luoshi.indicators.catalogue import ensure_catalogue
    from luoshi.organisations.models import Organisation, OrgKind, Profile, Role
    from luoshi.projects import services as pipeline
    from luoshi.projects.models import ProjectCategory

    User = get_user_model()

    ensure_catalogue()
    pipeline.ensure_lists()
    category = ProjectCategory.objects.first()
    admin = User.objects.create_superuser("load_admin", password=None)
    city = Organisation.objects.create(name="压测市", short_name="压测市", kind=OrgKind.CITY, is_synthetic=True)
    districts = [Organisation.objects.create(name=f"压测{d + 1}区", short_name=f"压测{d + 1}区", kind=OrgKind.DISTRICT,
                                             parent=city, is_synthetic=True) for d in range(16)]
    users = []
    for i in range(n_users):
        unit = Organisation.objects.create(name=f"单位{i + 1}", short_name=f"单位{i + 1}", kind=OrgKind.TOWN,
                                           parent=districts[i % 16], is_synthetic=True)
        user = User.objects.create_user(f"load{i + 1}", password=None)
        Profile.objects.create(user=user, role=Role.UNIT_STAFF, organisation=unit)
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "luoshi.organisations.backends.ProfileBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        project = None
        if i % 2:  # every other user keeps a major project and reports its monthly investment
            project = pipeline.create_project(admin, organisation=districts[i % 16], code=f"LOAD-{i + 1}",
                                              name=f"压测项目{i + 1}", category=category, total_investment="100",
                                              plan_year=YEAR, year_plan="24", responsible_unit=unit).pk
        users.append({"session": session.session_key, "csrf": secrets.token_hex(16), "unit": unit.pk,
                      "username": user.username, "project": project})
    return users


def run_load(port: int, users: list[dict], reports: int, max_seconds: int) -> dict:
    """Every user submits at the same moment (a barrier), each on its own connection."""
    barrier = threading.Barrier(len(users))
    deadline = [0.0]
    latencies, errors, accepted = [], [], []
    lock = threading.Lock()

    def one_user(u):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json", "X-CSRFToken": u["csrf"], "Referer": f"http://127.0.0.1:{port}/",
                   "Cookie": f"sessionid={u['session']}; csrftoken={u['csrf']}"}
        barrier.wait()
        for month in range(1, reports + 1):
            if time.time() > deadline[0]:
                with lock:
                    errors.append("time limit")
                return
            if u["project"]:
                path = f"/api/projects/{u['project']}/reports"
                body = {"year": YEAR, "month": month, "month_investment": "2",
                        "cumulative": f"{month * 2}.{u['unit'] % 9}"}
            else:
                path = "/api/indicators/actuals"
                body = {"organisation_id": u["unit"], "indicator": "fixed_investment", "year": YEAR, "month": month,
                        "value": f"{month * 10 + u['unit'] % 7}.25", "growth_pct": f"{month % 9}.5"}
            start = time.perf_counter()
            try:
                conn.request("POST", path, json.dumps(body), headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                status, payload = 0, str(exc).encode()
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if status == 201:
                    accepted.append(("project", u["project"], month, body["cumulative"]) if u["project"]
                                    else ("actual", u["unit"], month, body["value"]))
                else:
                    errors.append(f"{status}: {payload[:200]!r}")
        conn.close()

    started = time.perf_counter()
    deadline[0] = time.time() + max_seconds
    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        list(pool.map(one_user, users))
    wall = time.perf_counter() - started
    latencies.sort()
    return {"users": len(users), "requests": len(latencies), "wall": wall, "latencies": latencies,
            "errors": errors, "accepted": accepted}


def verify(accepted: list[tuple]) -> dict:
    """Every accepted submission is in the database with the value sent and one history record."""
    from decimal import Decimal

    from luoshi.indicators.models import Actual
    from luoshi.projects.models import MonthlyReport

    stored = {("actual", a.organisation_id, a.month): a.value for a in Actual.objects.filter(year=YEAR)}
    stored.update({("project", r.project_id, r.month): r.cumulative for r in MonthlyReport.objects.filter(year=YEAR)})
    missing = [a for a in accepted if stored.get(a[:3]) != Decimal(a[3])]
    history = Actual.history.filter(year=YEAR).count() + MonthlyReport.history.filter(year=YEAR).count()
    return {"missing": missing, "stored": len(stored), "history": history}


def _machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        pg = cursor.fetchone()[0].split()[0]
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, PostgreSQL {pg}"


def report(args, r: dict) -> str:
    lat = r["latencies"] or [0]
    p95 = lat[max(0, int(len(lat) * 0.95) - 1)]
    return "\n".join([
        f"Machine: {_machine()}; gunicorn {args.workers} sync workers; client and server on the same machine.",
        "",
        "| users | requests | wall s | throughput req/s | median ms | p95 ms | errors | accepted | in DB | history |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {r['users']} | {r['requests']} | {r['wall']:.1f} | {r['requests'] / r['wall']:.0f} | "
        f"{statistics.median(lat):.0f} | {p95:.0f} | {len(r['errors'])} | {len(r['accepted'])} | "
        f"{len(r['accepted']) - len(r['missing'])} | {r['history']} |",
        "",
        *([f"First errors: {r['errors'][:3]}"] if r["errors"] else []),
        *([f"Missing after the run: {r['missing'][:5]}"] if r["missing"] else []),
    ])




if __name__ == "__main__":
    main()
