#!/usr/bin/env bash
# Install everything the tests need and run the whole suite twice: on SQLite and on PostgreSQL.
#   bash scripts/test.sh [pytest args...]
#
# PostgreSQL: uses the server on 127.0.0.1:$LUOSHI_PG_PORT (default 5432) when one answers and lets a
# trust-auth role with CREATEDB in (user postgres, then root); otherwise starts a throwaway private
# cluster on a free port (from $LUOSHI_PG_PRIVATE_PORT, default 55432) and removes it afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

PG_HOST=127.0.0.1
PG_PORT="${LUOSHI_PG_PORT:-5432}"
ART=test-artifacts
mkdir -p "$ART"

# --- Python side -------------------------------------------------------------------------------
ensure_venv
pip_install requirements-test.txt

# --- static checks: ruff and mypy (scripts/lint.sh); a ruff finding fails the run before any test --------
say "lint"
PY="$PY" bash scripts/lint.sh || die "ruff found problems: run .venv/bin/ruff check . (--fix for the automatic ones)"

# --- Debian side: the browser tests drive Debian's chromium (never a downloaded one), Chinese
# pages need a CJK font to render, and translations are compiled with gettext's msgfmt.
have_cjk_font() {
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' \
        || ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc >/dev/null 2>&1
}
missing=()
if [ ! -x /usr/bin/chromium ] || ! have_cjk_font; then
    missing+=(chromium fonts-noto-cjk)
fi
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
fi
compile_translations

# --- axe-core (from npm) for the accessibility browser test; kept under var/ (not in git) -------------
AXE_VERSION=4.11.0
if [ ! -f var/npm/node_modules/axe-core/axe.min.js ] \
        || ! grep -q "\"version\": \"$AXE_VERSION\"" var/npm/node_modules/axe-core/package.json; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    say "npm install axe-core@$AXE_VERSION"
    mkdir -p var/npm
    npm install --prefix var/npm --no-audit --no-fund --no-save --silent "axe-core@$AXE_VERSION"
fi

# --- every model change has its migration (a missing one fails before any test runs) -------------
say "makemigrations --check"
env -u DATABASE_URL "$PY" manage.py makemigrations --check --dry-run >"$ART/makemigrations.log" 2>&1 \
    || { cat "$ART/makemigrations.log"; die "a model change has no migration: run manage.py makemigrations"; }

# --- running pytest ------------------------------------------------------------------------------
# run_pytest NAME [ENV=VALUE...]: runs pytest with this script's extra args, teeing the output to
# test-artifacts/pytest-NAME.log; sets RC_<NAME> and SECS_<NAME>.
run_pytest() {
    local name="$1"; shift
    local log="$ART/pytest-$name.log" start rc
    say "pytest on $name"
    start=$(date +%s)
    set +e
    env -u DATABASE_URL "$@" "$PY" -m pytest "${PYTEST_ARGS[@]}" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    printf -v "RC_$name" '%s' "$rc"
    printf -v "SECS_$name" '%s' "$(( $(date +%s) - start ))"
}
PYTEST_ARGS=("$@")

run_pytest sqlite

# --- PostgreSQL: an existing server, or a private throwaway cluster ------------------------------
pg_answers() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 3
    else
        port_open "$PG_HOST" "$PG_PORT"
    fi
}

# pg_role_ok USER PORT: can USER log in without a password, and create databases? pytest-django
# creates (and drops) its own test_test database, so the role needs CREATEDB (or superuser).
pg_role_ok() {
    "$PY" - "$PG_HOST" "$2" "$1" <<'EOF'
import sys
import psycopg
host, port, user = sys.argv[1:]
err = None
for db in ("postgres", "template1"):
    try:
        with psycopg.connect(host=host, port=port, user=user, dbname=db, connect_timeout=5) as conn:
            ok = conn.execute(
                "select rolcreatedb or rolsuper from pg_roles where rolname = current_user").fetchone()[0]
    except psycopg.Error as e:
        err = str(e).strip().splitlines()[-1]
        continue
    if ok:
        sys.exit(0)
    print(f"    role {user!r} logs in but lacks CREATEDB (pytest-django must create test_test):"
          f" run  ALTER ROLE \"{user}\" CREATEDB;")
    sys.exit(3)
print(f"    cannot log in as {user!r}: {err}")
sys.exit(2)
EOF
}

PG_TMP=
PG_BIN=
PG_RUNAS=()
stop_private_pg() {
    if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
        say "stopping private PostgreSQL cluster"
        "${PG_RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
trap stop_private_pg EXIT
trap 'exit 130' INT TERM

# Sets PG_URL and PG_WHERE, or prints why not and returns 1 (the PostgreSQL run then counts as failed,
# but the SQLite results still get summarised).
start_private_pg() {
    # Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<version>/bin.
    find_pg_bin() {
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
        if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1; then
            PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
        fi
        [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]
    }
    if ! find_pg_bin; then
        apt_install postgresql
        find_pg_bin || { echo "    PostgreSQL server binaries not found" >&2; return 1; }
    fi

    local port="${LUOSHI_PG_PRIVATE_PORT:-55432}" tries=0
    while port_open "$PG_HOST" "$port"; do
        port=$((port + 1)); tries=$((tries + 1))
        [ $tries -lt 50 ] || { echo "    no free port for a private PostgreSQL cluster" >&2; return 1; }
    done
    PG_TMP=$(mktemp -d /tmp/luoshi-pg.XXXXXX)
    # PostgreSQL refuses to run as root: as root, hand the cluster to Debian's postgres user.
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "    root, and no postgres user to run the cluster" >&2; return 1; }
        chown postgres: "$PG_TMP"
        PG_RUNAS=(runuser -u postgres --)
    fi
    say "starting a private PostgreSQL cluster ($("$PG_BIN/postgres" -V)) on $PG_HOST:$port in $PG_TMP"
    if ! "${PG_RUNAS[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --no-locale \
            >"$PG_TMP/initdb.log" 2>&1; then
        cat "$PG_TMP/initdb.log"; echo "    initdb failed" >&2; return 1
    fi
    # Durability is pointless for a throwaway test cluster; turning it off makes tests faster.
    if ! "${PG_RUNAS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
            -o "-p $port -k $PG_TMP -c listen_addresses=$PG_HOST -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
        cat "$PG_TMP/server.log"; echo "    could not start the private PostgreSQL cluster" >&2; return 1
    fi
    PG_URL="postgres://postgres@$PG_HOST:$port/test"
    PG_WHERE="private cluster on port $port, removed afterwards"
}

PG_URL=
PG_WHERE=
say "looking for PostgreSQL on $PG_HOST:$PG_PORT"
if pg_answers; then
    for user in postgres root; do
        if pg_role_ok "$user" "$PG_PORT"; then
            PG_URL="postgres://$user@$PG_HOST:$PG_PORT/test"
            PG_WHERE="server on $PG_HOST:$PG_PORT as $user"
            break
        fi
    done
    [ -n "$PG_URL" ] || echo "    the server on $PG_HOST:$PG_PORT cannot be used (see above); falling back to a private cluster"
else
    echo "    nothing answers on $PG_HOST:$PG_PORT"
fi
if [ -n "$PG_URL" ] || start_private_pg; then
    echo "    using $PG_URL ($PG_WHERE)"
    run_pytest postgresql DATABASE_URL="$PG_URL"
else
    PG_WHERE="NOT AVAILABLE (see above)"
    echo "no PostgreSQL server could be set up" >"$ART/pytest-postgresql.log"
    RC_postgresql=1 SECS_postgresql=0
fi
stop_private_pg
PG_TMP=

# --- summary -------------------------------------------------------------------------------------
# count LOG WORD: the number before WORD on pytest's final summary line ("3 failed, 9 passed in 2s").
count() {
    sed 's/\x1b\[[0-9;]*m//g' "$1" \
        | grep -E '([0-9]+ (passed|failed|errors?|skipped|deselected)|no tests ran).* in [0-9.]+s' \
        | tail -1 | grep -oE "[0-9]+ $2" | grep -oE '^[0-9]+' || echo 0
}
total_passed=0 total_failed=0 total_errors=0 status=0
summary=()
for name in sqlite postgresql; do
    log="$ART/pytest-$name.log"
    rc_var="RC_$name" secs_var="SECS_$name"
    rc=${!rc_var} secs=${!secs_var}
    p=$(count "$log" passed) f=$(count "$log" failed) e=$(count "$log" 'errors?')
    s=$(count "$log" skipped)
    # Exit code 5 means no tests were collected: as much a failure as a crash. A run that failed
    # without any failed test (crash, bad arguments) counts as one error so the total never looks green.
    if [ "$rc" -ne 0 ]; then
        status=1
        [ $((f + e)) -gt 0 ] || e=1
    fi
    total_passed=$((total_passed + p)) total_failed=$((total_failed + f)) total_errors=$((total_errors + e))
    verdict=ok; [ "$rc" -eq 0 ] || verdict="FAILED (pytest exit $rc)"
    summary+=("$(printf '  %-11s %s passed, %s failed, %s errors, %s skipped in %ss: %s' \
        "$name" "$p" "$f" "$e" "$s" "$secs" "$verdict")")
done

say "summary"
printf '%s\n' "${summary[@]}"
echo "  PostgreSQL: $PG_WHERE; logs in $ART/pytest-{sqlite,postgresql}.log"
line="$total_passed passed, $total_failed failed"
[ "$total_errors" -eq 0 ] || line="$line, $total_errors errors"
echo
echo "$line"
exit $status
