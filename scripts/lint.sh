#!/usr/bin/env bash
# Static checks CI runs before the tests: ruff (rules in pyproject.toml) and mypy with django-stubs on
# every app's services and selectors.
#   bash scripts/lint.sh            both
#   LUOSHI_SKIP_MYPY=1 bash ...     ruff only
# ruff and mypy findings both fail the run (docs/decisions.md: "Linting and typing").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${PY:-.venv/bin/python}"

echo "==> ruff check"
"$PY" -m ruff check .

if [ -z "${LUOSHI_SKIP_MYPY:-}" ]; then
    echo "==> mypy (services and selectors)"
    mapfile -t targets < <(ls luoshi/*/services.py luoshi/*/services/*.py luoshi/*/selectors.py luoshi/*/selectors/*.py \
        2>/dev/null)
    env -u DATABASE_URL "$PY" -m mypy "${targets[@]}"
fi
