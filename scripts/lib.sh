# Shared helpers for scripts/demo.sh and scripts/test.sh. Source it after cd-ing to the repo root.
# shellcheck shell=bash

VENV=.venv
PY="$VENV/bin/python"

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo when it exists (CI has no stdin,
# so sudo must be password-less there), otherwise give up with a clear message.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (not root and no sudo)"
    fi
}

# apt-get install, refreshing the package lists once per script run (a fresh image has none).
_APT_UPDATED=
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found; please install by hand: $*"
    if [ -z "$_APT_UPDATED" ]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        _APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# Create .venv with Python >= 3.11 if it is missing. Debian's python3 lacks ensurepip until
# python3-venv is installed, so install that once and retry.
ensure_venv() {
    [ -x "$PY" ] && return 0
    local base="${PYTHON:-}"
    if [ -z "$base" ]; then
        base=$(command -v python3.11 || command -v python3 || true)
    fi
    [ -n "$base" ] || die "no python3 found; install Python 3.11"
    "$base" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$base is $("$base" -V 2>&1); Luoshi needs Python 3.11 or newer (set PYTHON=...)"
    say "creating $VENV with $("$base" -V 2>&1)"
    if ! "$base" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        apt_install python3-venv
        "$base" -m venv "$VENV"
    fi
}

# pip install -r FILE, but only when the requirement files (or the venv itself) changed since the
# last successful install; a stamp under var/ remembers what was installed.
pip_install() {
    local req="$1" stamp key
    mkdir -p var
    stamp="var/.pip-${req%.txt}.stamp"
    # requirements-test.txt includes requirements.txt, so hash every requirements file; the venv's
    # pyvenv.cfg inode/mtime changes when .venv is recreated.
    key=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)-$(stat -c '%i-%Y' "$VENV/pyvenv.cfg")
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
        return 0
    fi
    say "pip install -r $req"
    "$PY" -m pip install -q --disable-pip-version-check -r "$req"
    echo "$key" >"$stamp"
}

# Compile .po files to .mo when there are any (the UI falls back to Chinese without them).
# --ignore keeps compilemessages out of .venv, whose Django ships its own locale dirs.
compile_translations() {
    if ! find luoshi -name '*.po' -print -quit | grep -q .; then
        return 0
    fi
    if ! command -v msgfmt >/dev/null 2>&1; then
        echo "warning: msgfmt (gettext) missing, translations not compiled" >&2
        return 0
    fi
    "$PY" -m luoshi compilemessages -v 0 --ignore="$VENV" --ignore=staticfiles --ignore=node_modules
}

# True when something accepts TCP connections on HOST PORT.
port_open() {
    local py="$PY"
    [ -x "$py" ] || py=python3
    "$py" - "$1" "$2" <<'EOF'
import socket, sys
s = socket.socket()
s.settimeout(1)
sys.exit(0 if s.connect_ex((sys.argv[1], int(sys.argv[2]))) == 0 else 1)
EOF
}
