#!/usr/bin/env bash
# Runs the web server and a Celery worker side by side for `make run`. Ctrl-C, or
# either process ending, stops both: no worker is left running in the background.
set -uo pipefail
BIN="${BIN:-.venv/bin}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

# One worker with an embedded beat (the archiving sweep and link-rot re-checks); it
# consumes the default queue and the archiving queue.
"$BIN/celery" -A config worker --loglevel=INFO --concurrency=2 --queues=celery,archive \
    --beat --schedule=var/celerybeat-schedule &
worker=$!
# --noreload: one process per role, so stopping it stops everything it started.
"$BIN/python" manage.py runserver --noreload "$HOST:$PORT" &
web=$!

stop() {
    trap - INT TERM EXIT
    kill -TERM "$web" "$worker" 2>/dev/null
    wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

wait -n "$web" "$worker"
status=$?
echo "run-local: the web server or the worker stopped (exit $status); stopping both" >&2
exit "$status"
