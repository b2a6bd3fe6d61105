"""Who is acting, and from where: the context every history row is stamped with.

A history row names its actor (a user, a partner key, or the task or command that made
the change when no person did) and its origin (admin, API, import, worker, command,
migration). The entry points set the context once and everything below them inherits
it: `AuditMiddleware` for web requests (admin or API by URL), the Celery task hooks for
workers, `manage.py` for commands, and the import services for loaders. The history
models read it when a row is made (`apps.core.history`), on every path: a save, a
delete, a many-to-many change and the bulk helpers.

This module imports no models: `manage.py` uses it before Django is set up.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models


class Origin(models.TextChoices):
    ADMIN = "admin", "admin"
    API = "api", "API"
    WEB = "web", "web page"
    IMPORT = "import", "import"
    WORKER = "worker", "worker"
    COMMAND = "command", "command"
    MIGRATION = "migration", "migration"
    # No entry point said where the change came from (a test, an unattributed script).
    UNKNOWN = "unknown", "unknown"
    # The row was written before origins were recorded.
    UNRECORDED = "unrecorded", "not recorded"


# Loaders that bring data in from files or datasets: their changes are imports.
IMPORT_COMMANDS = frozenset({"load_regions", "load_demo"})


@dataclass(frozen=True)
class AuditContext:
    origin: str
    # Who, when the context knows better than the user the service passed: the task or
    # the command. Empty for requests, whose actor is the request's user or partner key.
    actor: str = ""
    request: Any = None


_context: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar(
    "audit_context", default=None
)


def current() -> AuditContext | None:
    return _context.get()


@contextlib.contextmanager
def acting(origin: str, actor: str = "", request: Any = None) -> Iterator[AuditContext]:
    """Changes made inside the block are recorded as coming from `origin`, by `actor`."""
    context = AuditContext(origin=Origin(origin).value, actor=actor[:200], request=request)
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


@contextlib.contextmanager
def importing(name: str) -> Iterator[None]:
    """Changes made inside the block are an import. Its actor stays the command or the
    person who started it; with neither, `name` (a loader called from code)."""
    outer = _context.get()
    actor, request = (outer.actor, outer.request) if outer else ("", None)
    with acting(Origin.IMPORT, actor or ("" if request is not None else name), request):
        yield


def begin(origin: str, actor: str = "") -> contextvars.Token:
    """Set the context until `end(token)`: for hooks that cannot wrap a block (Celery's
    task_prerun and task_postrun)."""
    return _context.set(AuditContext(origin=Origin(origin).value, actor=actor[:200]))


def end(token: contextvars.Token) -> None:
    _context.reset(token)


def command_origin(name: str) -> str:
    if name == "migrate":
        return Origin.MIGRATION
    return Origin.IMPORT if name in IMPORT_COMMANDS else Origin.COMMAND


@contextlib.contextmanager
def command_acting(argv: list[str]) -> Iterator[None]:
    """`manage.py NAME ...`: changes the command makes are the command's."""
    name = argv[1] if len(argv) > 1 and not argv[1].startswith("-") else "manage.py"
    with acting(command_origin(name), f"command {name}"):
        yield


def origin_for_path(path: str) -> str:
    if path.startswith("/admin/"):
        return Origin.ADMIN
    if path.startswith("/api/"):
        return Origin.API
    return Origin.WEB


def label_for(user: Any) -> str:
    """A user as history names them: the username, or the partner key and its holder."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    key = getattr(user, "api_key", None)
    if key is not None:
        return f"partner key {key.prefix} ({key.partner})"[:200]
    return str(user.get_username())[:200]


def current_origin() -> str:
    """The default of every history row's `history_origin` (see apps.core.history)."""
    context = _context.get()
    return context.origin if context else Origin.UNKNOWN.value


def current_actor() -> str:
    """The default of every history row's `history_actor`: the task or command, else
    the request's user or partner key; empty when nothing is known (the row's user,
    if any, then names the actor: apps.core.history)."""
    context = _context.get()
    if context is None:
        return ""
    if context.actor:
        return context.actor
    if context.request is not None:
        return label_for(getattr(context.request, "user", None))
    return ""


class AuditMiddleware:
    """Web requests: admin or API by URL; the actor is the request's user, or the partner
    key DRF authenticated (DRF sets it on the request it wraps). Also gives
    django-simple-history the request, as its own middleware would."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        from simple_history.models import HistoricalRecords

        HistoricalRecords.context.request = request
        try:
            with acting(origin_for_path(request.path_info), request=request):
                return self.get_response(request)
        finally:
            with contextlib.suppress(AttributeError):
                del HistoricalRecords.context.request
