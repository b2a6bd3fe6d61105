"""Deleting evidence: a soft delete with a reason, restorable by a reviewer.

A record of a `SoftDeleteModel` is never removed from the database. Deleting it sets
`deleted_at`, `deleted_by` and `deletion_reason` and saves it (its history records the
change, with the reason as the history's change reason); from then on the model's
default manager, and so every read, leaves it out. Restoring clears the three fields.

What a record takes with it, and what keeps it from being deleted, is declared by the
app that knows, as the visibility rules are: cases says that an incident takes its
groups and citations with it and that a source cited by an incident stays; archiving
says that a source takes its captures with it. A lower app never imports a higher one.

- `dependents(model)`: the rows deleted with a record, with the same time and reason.
  Restoring the record restores exactly those (the rows deleted at the same moment), not
  a row someone deleted on its own before.
- `blockers(model)`: reasons, in words, why a record cannot be deleted while another
  live record relies on it ("cited by incident …"): the soft delete's PROTECT.

`record_deleted` and `record_restored` are sent (inside the transaction, once per row,
the record's dependents included) so that another app can note the change, e.g. a
tombstone for partners' incremental sync: `@receiver(record_deleted, sender=Incident)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.utils import timezone

from apps.core.models import SoftDeleteModel, TrackedModel

M = TypeVar("M", bound=SoftDeleteModel)

# Sent with instance, reason, at (the deletion time), user; and, when the row went with
# another record, `with_record` (that record), else None.
record_deleted = Signal()
# Sent with instance, at (the restore time), user, and `with_record` as above.
record_restored = Signal()

# The longest reason kept: a sentence or a paragraph, not a document.
REASON_MAX_LENGTH = 2000

Dependents = Callable[[models.Model], Iterable[SoftDeleteModel]]
# (the record, the rows deleted with it as (model, pk) pairs) -> sentences
Blockers = Callable[[models.Model, set], list[str]]
_dependents: dict[type[models.Model], list[Dependents]] = {}
_blockers: dict[type[models.Model], list[Blockers]] = {}


def dependents(model: type[SoftDeleteModel]) -> Callable[[Dependents], Dependents]:
    """Declare the rows a record of `model` takes with it when deleted: a function from
    the record to a queryset of another soft-delete model, read with `all_objects`."""

    def register(function: Dependents) -> Dependents:
        _dependents.setdefault(model, []).append(function)
        return function

    return register


def blockers(model: type[SoftDeleteModel]) -> Callable[[Blockers], Blockers]:
    """Declare why a record of `model` may not be deleted: a function from the record
    (and the rows deleted with it, as a set of (model, pk)) to sentences, empty when
    nothing keeps it."""

    def register(function: Blockers) -> Blockers:
        _blockers.setdefault(model, []).append(function)
        return function

    return register


def taken_along(record: SoftDeleteModel) -> list[SoftDeleteModel]:
    """The live rows deleted with `record`, and theirs, in order."""
    found: list[SoftDeleteModel] = []
    todo = [record]
    while todo:
        current = todo.pop(0)
        for function in _dependents.get(type(current), ()):
            for row in function(current):
                if row.deleted_at is None and row not in found:
                    found.append(row)
                    todo.append(row)
    return found


def soft_delete_problems(record: SoftDeleteModel) -> list[str]:
    """Why `record` cannot be deleted now (empty when it can): it is deleted already, or
    a live record that stays relies on it or on a row it would take with it."""
    if record.deleted_at is not None:
        return [f"This {record._meta.verbose_name} is deleted already."]
    rows = [record, *taken_along(record)]
    going = {(type(row), row.pk) for row in rows}
    problems: list[str] = []
    for row in rows:
        for function in _blockers.get(type(row), ()):
            problems.extend(p for p in function(row, going) if p not in problems)
    return problems


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is deleted: the reason is kept with it."})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": f"Keep the reason to {REASON_MAX_LENGTH:,} characters at most."}
        )
    return reason


def _save_marks(row: SoftDeleteModel, *, user, change_reason: str) -> None:
    fields = ["deleted_at", "deleted_by", "deletion_reason"]
    if isinstance(row, TrackedModel):
        row.stamp(user)
        fields += ["updated_at", "updated_by"]
    else:
        row._history_user = user
    # The history entry says why (django-simple-history's change reason).
    row._change_reason = change_reason
    # Only the marks are written: a record entered under older rules can still be
    # deleted (and restored) without being made valid first.
    row.save(update_fields=fields)


@transaction.atomic
def record_soft_delete(record: M, *, user, reason: str) -> list[SoftDeleteModel]:
    """Delete `record` (and what it takes with it) as `user`, for `reason`; returns the
    rows deleted. Raises ValidationError, in words, when it cannot be deleted."""
    reason = _reason(reason)
    record = type(record).all_objects.select_for_update().get(pk=record.pk)
    problems = soft_delete_problems(record)
    if problems:
        raise ValidationError(problems)
    at = timezone.now()
    rows = [record, *taken_along(record)]
    for row in rows:
        row.deleted_at, row.deleted_by, row.deletion_reason = at, user, reason
        with_record = None if row is record else record
        note = f"Deleted: {reason}" if with_record is None else f"Deleted with {with_record}"
        _save_marks(row, user=user, change_reason=note[:100])
    for row in rows:
        with_record = None if row is record else record
        record_deleted.send(
            sender=type(row), instance=row, reason=reason, at=at, user=user, with_record=with_record
        )
    return rows


def _restored_with(record: SoftDeleteModel) -> list[SoftDeleteModel]:
    """The deleted rows that went with `record` when it was deleted (the same moment)."""
    found: list[SoftDeleteModel] = []
    todo = [record]
    while todo:
        current = todo.pop(0)
        for function in _dependents.get(type(current), ()):
            for row in function(current):
                if row.deleted_at == record.deleted_at and row not in found:
                    found.append(row)
                    todo.append(row)
    return found


# (the deleted record, the rows restored with it as (model, pk) pairs) -> sentences
RestoreCheck = Callable[[models.Model, set], list[str]]
_restore_checks: dict[type[models.Model], list[RestoreCheck]] = {}


def restore_check(model: type[SoftDeleteModel]) -> Callable[[RestoreCheck], RestoreCheck]:
    """Declare why a deleted record of `model` cannot be restored: a record it relies on
    is deleted and is not restored with it (a group of a deleted incident: restore the
    incident; a citation of a source deleted since)."""

    def register(function: RestoreCheck) -> RestoreCheck:
        _restore_checks.setdefault(model, []).append(function)
        return function

    return register


def restore_problems(record: SoftDeleteModel) -> list[str]:
    """Why `record` cannot be restored now (empty when it can)."""
    if record.deleted_at is None:
        return [f"This {record._meta.verbose_name} is not deleted."]
    rows = [record, *_restored_with(record)]
    coming = {(type(row), row.pk) for row in rows}
    problems: list[str] = []
    for row in rows:
        for function in _restore_checks.get(type(row), ()):
            problems.extend(p for p in function(row, coming) if p not in problems)
    return problems


@transaction.atomic
def record_restore(record: M, *, user) -> list[SoftDeleteModel]:
    """Restore a deleted `record` as `user`, with the rows it took with it; returns
    the rows restored. Raises ValidationError when it cannot be restored."""
    record = type(record).all_objects.select_for_update().get(pk=record.pk)
    problems = restore_problems(record)
    if problems:
        raise ValidationError(problems)
    at = timezone.now()
    rows = [record, *_restored_with(record)]
    when = f"{record.deleted_at:%Y-%m-%d %H:%M} UTC"
    for row in rows:
        row.deleted_at, row.deleted_by, row.deletion_reason = None, None, ""
        _save_marks(row, user=user, change_reason=f"Restored (deleted {when})"[:100])
    for row in rows:
        record_restored.send(
            sender=type(row),
            instance=row,
            at=at,
            user=user,
            with_record=None if row is record else record,
        )
    return rows


def along_live_rows(model: type[models.Model], lookup: str, value) -> QuerySet:
    """The ids of `model`'s rows matching `lookup` = `value` (`"child_groups__placement__in"`)
    as a subquery, where a lookup that starts along a to-many relation to a soft-delete
    model reads only that model's live rows: a join would also match through deleted
    groups or citations, which the default manager cannot hide in a join."""
    head, _, rest = lookup.partition("__")
    relation = model._meta.get_field(head)
    related = relation.related_model
    if (
        rest
        and relation.one_to_many
        and isinstance(related, type)
        and issubclass(related, SoftDeleteModel)
    ):
        return (
            related._default_manager.filter(**{rest: value})
            .order_by()
            .values(relation.field.attname)
        )
    return model._default_manager.filter(**{lookup: value}).order_by().values("pk")
