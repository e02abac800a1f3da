#!/usr/bin/env bash
# One command for a fresh machine: install, migrate, load the demo district, serve on :8000.
#   bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

# The demo runs with DEBUG on (detailed error pages; WhiteNoise serves static files from source).
export DEBUG="${DEBUG:-1}"
HOST=127.0.0.1
PORT="${LUOSHI_DEMO_PORT:-8000}"  # override only if 8000 is taken

# Fail before the slow steps if the port is taken (e.g. a demo already running).
if port_open "$HOST" "$PORT"; then
    die "something is already listening on $HOST:$PORT; stop it and run again"
fi

ensure_venv
pip_install requirements.txt

say "migrate"
"$PY" -m luoshi migrate --noinput
compile_translations

# Idempotent: safe to re-run; prints the demo logins for each role.
say "load demo data"
"$PY" -m luoshi load_demo

say "collectstatic"
"$PY" -m luoshi collectstatic --noinput -v 0

# The background worker (notifications, briefing files, large imports, reminders) runs beside the
# server, from the same database queue, and stops with it.
say "start the background worker"
"$PY" -m luoshi worker &
WORKER_PID=$!
stop_worker() {
    kill -TERM "$WORKER_PID" 2>/dev/null || true
    wait "$WORKER_PID" 2>/dev/null || true
}
trap stop_worker EXIT

cat <<BANNER

  ================================================================
    落实 Luoshi demo is starting at   http://$HOST:$PORT/
    Log in with one of the demo accounts printed above.
    The background worker runs beside it (pid $WORKER_PID).
    Press Ctrl-C to stop both.
  ================================================================

BANNER
"$PY" -m luoshi runserver "$HOST:$PORT"
