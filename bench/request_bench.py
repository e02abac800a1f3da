"""Benchmark of a request's fixed cost: an authenticated API call that does no work, and the ranking API
beside the raw SQL of its one query.

    .venv/bin/python bench/request_bench.py [--db sqlite|postgres|both] [--pg-name NAME] [--reps 200]
        [--profile] [--write-docs]

In its own databases (var/bench/request.sqlite3 and the PostgreSQL database `luoshi_request_bench`, or
--pg-name's, never the demo's) it loads the demo city, logs a
district leader in through a real session (Django's test client: session, authentication and every
middleware run as in production) and times:
- Django's floor: plain views answering JSON through the same middleware (bench/floor_urls.py), one
  that never reads the user and one that reads request.user (the session's and the user's queries);
- the fixed cost: GET /api/indicators/rankings without its required parameters, refused 422 by the
  API's validation after authentication, so nothing but the request machinery runs (aim under 2 ms);
- the ranking API for GDP at 2024-09, beside hand-written SQL returning the same rows (aim within 3×).

Database connections are kept between requests (CONN_MAX_AGE=60, as docs/deployment.md advises): with
the default 0 every request would open a new PostgreSQL connection, which the numbers would then measure.
--profile prints where each measure's time goes (cProfile over the repetitions) instead.
A failed run shows its error (the worker's output is no longer swallowed).
"""
import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchkit import fetch, fresh_database, results_table, server_version, timed, write_section  # noqa: E402

HEADING = "A request's fixed cost and the ranking API"
RAW_RANKING = """
select o.id, o.short_name, a.growth_pct, a.value from indicators_actual a
join organisations_organisation o on o.id = a.organisation_id
join indicators_indicator i on i.id = a.indicator_id
where o.parent_id = %s and o.kind in (%s, %s, %s) and i.code = 'gdp' and a.year = 2024 and a.month = 9
  and a.growth_pct is not null order by a.growth_pct desc
"""


def worker(reps: int, profile: bool = False) -> str:
    import io
    import logging

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the 422s measured are expected
    import time_machine
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client, override_settings

    from luoshi.organisations.models import DISTRICT_KINDS

    override_settings(ROOT_URLCONF="floor_urls").enable()  # the site's URLs and Django's floor
    call_command("migrate", verbosity=0)
    with time_machine.travel("2026-11-24 10:00 +0800", tick=False):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())  # its logins are no result
    from luoshi.core.startup import freeze_loaded_heap

    leader = get_user_model().objects.get(username="huiji_leader")
    freeze_loaded_heap()  # as luoshi/wsgi.py does in a server process before its first request
    client = Client()
    client.force_login(leader)
    city_id = leader.profile.organisation.parent_id

    def bare():
        assert client.get("/bench/bare").status_code == 200

    def user():
        assert client.get("/bench/user").json() == {"authenticated": True}

    def fixed():
        assert client.get("/api/indicators/rankings").status_code == 422

    def ranking():
        response = client.get("/api/indicators/rankings?indicator=gdp&year=2024&month=9")
        assert response.status_code == 200 and len(response.json()) >= 5, response.content[:200]

    def raw():
        assert len(fetch(RAW_RANKING, [city_id, *sorted(DISTRICT_KINDS)])) >= 5

    measures = (("floor: plain Django view, same middleware, user not read", bare, None),
                ("floor: plain Django view reading request.user", user, None),
                ("authenticated API call doing no work (422)", fixed, None),
                ("ranking API, GDP 2024-09", ranking, raw))
    if profile:
        return "".join(f"## {name}\n{profiled(fn, reps)}" for name, fn, _raw in measures)
    rows = []
    for name, fn, baseline in measures:
        median, p95, queries, raw_median = timed(fn, reps, baseline)
        rows.append({"name": name, "median": median, "p95": p95, "queries": queries, "raw": raw_median})
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, {server_version()}; demo city; {reps} repetitions, medians; load "
            f"average {os.getloadavg()[0]:.1f} when the timing ended.\n\n" + results_table(rows))


def profiled(fn, reps: int) -> str:
    """The functions the calls spend their time in, by cumulative and by own time."""
    import cProfile
    import io
    import pstats

    for _ in range(3):
        fn()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(reps):
        fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(30)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--pg-name", default="luoshi_request_bench", help="the PostgreSQL database to (re)create")
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(worker(args.reps, args.profile))
        return
    out = ""
    for db in (["sqlite", "postgres"] if args.db == "both" else [args.db]):
        env = dict(os.environ, DATABASE_URL=fresh_database(db, "request", args.pg_name), CONN_MAX_AGE="60")
        done = subprocess.run([sys.executable, __file__, "--worker", "--reps", str(args.reps)]
                              + ["--profile"] * args.profile, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"The {db} run failed:\n{done.stderr}")
        out += done.stdout + "\n"
    print(out)
    if args.write_docs:
        write_section("request-bench", HEADING, out)


if __name__ == "__main__":
    main()
