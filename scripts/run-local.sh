#!/usr/bin/env bash
# Runs the web server and a Celery worker side by side for `make run`. Ctrl-C, or
# either process ending, stops both: no worker is left running in the background.
# Ctrl-C is the normal way to stop: it prints one "stopped" line and exits 0.
set -uo pipefail
BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

# The login box (ensure_admin) comes first, and again once the worker is ready, so that
# the worker's banner does not scroll it out of sight.
login="$("$BIN/python" manage.py ensure_admin --url "http://$HOST:$PORT/admin/")" || exit
printf '%s\n' "$login"

# One worker with an embedded beat (the archiving sweep and link-rot re-checks); it
# consumes the default queue and the archiving queue. Its log passes through a reader
# that shows the login again after the line that says the worker is ready; the reader
# ignores Ctrl-C so that the worker's shutdown lines still reach the terminal.
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 --queues=celery,archive \
    --beat --schedule=var/celerybeat-schedule \
    > >(
        trap '' INT
        shown=""
        while IFS= read -r line; do
            printf '%s\n' "$line"
            if [ -z "$shown" ] && [[ "$line" == *"celery@"*" ready."* ]]; then
                printf '%s\n' "$login"
                shown=yes
            fi
        done
    ) 2>&1 &
worker=$!
# --noreload: one process per role, so stopping it stops everything it started.
"$BIN/python" manage.py runserver --noreload "$HOST:$PORT" &
web=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM "$web" "$worker" 2>/dev/null
    wait "$web" "$worker" 2>/dev/null
}
trap 'stop; echo "ChildTrace stopped." >&2; exit 0' INT TERM
trap stop EXIT

wait -n "$web" "$worker"
status=$?
echo "run-local: the web server or the worker stopped (exit $status); stopping both" >&2
exit "$status"
