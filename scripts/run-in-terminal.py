"""Run `make run` in a pseudo-terminal, as a person does, and stop it with Ctrl-C.

Used by scripts/check-clean-run.sh. Waits until http://127.0.0.1:PORT/healthz answers
200 and the Celery worker says it is ready, types Ctrl-C into the terminal and checks
what the person sees: the login box after the worker's banner, one "stopped" line, and
exit status 0 (make itself is not interrupted). Everything the terminal showed goes to
LOG. Exits non-zero with the reason otherwise.

    python3 scripts/run-in-terminal.py PORT TIMEOUT LOG
"""

import contextlib
import os
import pty
import re
import select
import signal
import sys
import time
import urllib.request

port, timeout, log_path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
READY = re.compile(rb"celery@\S+ ready\.")
LOGIN = b"Log in as"
STOPPED = b"ChildTrace stopped."

pid, fd = pty.fork()
if pid == 0:  # the child: make in the terminal's foreground, as typed at a shell
    os.execvp("make", ["make", "run", "HOST=127.0.0.1", f"PORT={port}"])

output = bytearray()
log = open(log_path, "ab")  # noqa: SIM115  (open for the whole run)


def pump(seconds: float) -> bool:
    """Copy what the terminal shows into `output` for a while; False once it closed."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: every process on the terminal has ended
            return False
        if not chunk:
            return False
        output.extend(chunk)
        log.write(chunk)
        log.flush()
    return True


def healthy() -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return answer.status == 200
    except Exception:
        return False


def fail(reason: str) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(os.getpgid(pid), signal.SIGKILL)
    sys.exit(f"check-clean-run: {reason}")


deadline = time.monotonic() + timeout
while not (READY.search(output) and healthy()):
    if not pump(1):
        fail("make run ended before it was ready")
    if time.monotonic() > deadline:
        fail(f"not ready after {timeout:.0f}s")
pump(2)  # the login box follows the worker's ready line
print(
    "check-clean-run: web answers /healthz and the worker is ready; typing Ctrl-C", file=sys.stderr
)
os.write(fd, b"\x03")

deadline = time.monotonic() + 60
while pump(1):
    if time.monotonic() > deadline:
        fail("still running 60s after Ctrl-C")
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)

problems = []
if code != 0:
    problems.append(f"make run ended with {code} after Ctrl-C, not 0")
if STOPPED not in output:
    problems.append(f"no {STOPPED.decode()!r} line after Ctrl-C")
if re.search(rb"\*\*\* \[.*\] (Error|Interrupt)", output):
    problems.append("make reported an error after Ctrl-C")
ready_at = READY.search(output).end()
if LOGIN not in output[ready_at:]:
    problems.append("the login box is not shown after the worker's banner")
if problems:
    sys.exit("check-clean-run: " + "; ".join(problems))
print("check-clean-run: Ctrl-C stopped it: exit 0, one 'stopped' line", file=sys.stderr)
