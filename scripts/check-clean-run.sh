#!/usr/bin/env bash
# CI: running the product leaves nothing in the checkout outside var/.
#
# Runs `make run` on the embedded default (SQLite, Celery's filesystem broker) in a
# pseudo-terminal, waits until http://127.0.0.1:$PORT/healthz answers 200 and the Celery
# worker is ready, types Ctrl-C and checks it ends as a person expects: the login box
# after the worker's banner, one "stopped" line, exit 0 (scripts/run-in-terminal.py).
# Fails if the run made a file git sees (untracked or changed), or an ignored one outside
# var/, .venv/, __pycache__/*.pyc and *.egg-info. What was there before the run is not
# blamed on it (CI starts from a fresh clone, where nothing is).
#   CLEAN_RUN_PORT  first port to try (default 8765; the next free one above is used)
#   CLEAN_RUN_TIMEOUT  seconds for set-up (migrate, data) and start (default 180)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
timeout="${CLEAN_RUN_TIMEOUT:-180}"
say() { echo "check-clean-run: $*" >&2; }

changed() {  # what git reports as untracked or changed
    git status --porcelain --untracked-files=all
}
ignored_outside_var() {  # ignored files, except where run-time and build files belong
    git ls-files --others --ignored --exclude-standard \
        | grep -Ev '^(var|\.venv)/|(^|/)__pycache__/|\.pyc$|(^|/)[^/]+\.egg-info(/|$)' || true
}

work="$(mktemp -d)"
log="$work/run.log"
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    say "$*"
    say "last lines of the run's output:"
    tail -n 40 "$log" >&2 || true
    exit 1
}

changed | sort >"$work/changed.before"
ignored_outside_var | sort >"$work/ignored.before"

# A fresh clone first creates .venv: not under the start-up time limit, but checked too.
make install >"$log" 2>&1 || fail "make install failed"

# A port nothing listens on, so that /healthz can only be answered by this run.
port="$(python3 - "${CLEAN_RUN_PORT:-8765}" <<'EOF'
import socket, sys
first = int(sys.argv[1])
for port in range(first, first + 100):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
else:
    sys.exit(f"no free port in {first}..{first + 99}")
EOF
)"

# The embedded default, in this checkout, whatever the environment or a .env says; run
# in a pseudo-terminal and stopped with Ctrl-C as a person would (run-in-terminal.py).
DATABASE_URL="sqlite:///$root/var/childtrace.sqlite3" \
    CELERY_BROKER_URL="filesystem://" \
    CHILDTRACE_VAR_DIR="$root/var" \
    CHILDTRACE_MEDIA_ROOT="$root/var/media" \
    ARCHIVE_STORAGE_URL="file://$root/var/archive" \
    CACHE_URL="locmemcache://" \
    DJANGO_SETTINGS_MODULE="config.settings.local" \
    python3 scripts/run-in-terminal.py "$port" "$timeout" "$log" \
    || fail "make run in a terminal did not start and stop as it should"

changed | sort >"$work/changed.after"
ignored_outside_var | sort >"$work/ignored.after"
new_changed="$(comm -13 "$work/changed.before" "$work/changed.after")"
new_ignored="$(comm -13 "$work/ignored.before" "$work/ignored.after")"
status=0
if [ -n "$new_changed" ]; then
    say "the run left files git sees (they belong under var/):"
    echo "$new_changed" >&2
    status=1
fi
if [ -n "$new_ignored" ]; then
    say "the run wrote ignored files outside var/:"
    echo "$new_ignored" >&2
    status=1
fi
if [ "$status" -eq 0 ]; then
    say "ok: nothing written outside var/"
fi
exit "$status"
