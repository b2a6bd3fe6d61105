"""History rows as a reader needs them: who, when, how (created, changed, deleted), the
record as it then was, and what changed from the row before.

Reads django-simple-history's tables. Every column of a historical row whose name starts
with `history_` (the row's own date, type, user, reason, and whatever the audit trail
adds, such as where a change came from) is kept under "history".
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


def history_manager(model: type[Model]):
    """The model's history manager, or None for a model that keeps no history."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute) if attribute else None


def history_rows(model: type[Model], where: Q) -> dict[str, list[dict]] | None:
    """Each record's history rows, oldest first, keyed by the record's id (as text);
    None for a model without history."""
    manager = history_manager(model)
    if manager is None:
        return None
    historical = manager.model
    tracked = [
        f
        for f in historical._meta.concrete_fields
        if not f.name.startswith("history_") and f.name != "history_id"
    ]
    meta_fields = [f for f in historical._meta.concrete_fields if f.name.startswith("history_")]
    m2m = [
        relation
        for relation in historical._meta.related_objects
        if relation.field.name == "history"
        and any(f.name == "m2m_history_id" for f in relation.related_model._meta.concrete_fields)
    ]
    rows = (
        manager.filter(where)
        .select_related("history_user")
        .prefetch_related(*(relation.get_accessor_name() for relation in m2m))
        .order_by("history_date", "history_id")
    )
    by_record: dict[str, list[dict]] = {}
    previous: dict[str, dict] = {}
    pk_name = model._meta.pk.attname
    for row in rows:
        record = {f.attname: f.value_from_object(row) for f in tracked}
        for relation in m2m:
            record[relation.get_accessor_name()] = sorted(
                _m2m_target(link, model)
                for link in getattr(row, relation.get_accessor_name()).all()
            )
        history: dict[str, Any] = {}
        for f in meta_fields:
            history[f.attname] = f.value_from_object(row)
        history["history_type"] = HISTORY_TYPES.get(row.history_type, row.history_type)
        user = row.history_user
        history["history_user"] = (
            {"id": user.pk, "username": user.get_username()} if user is not None else None
        )
        key = str(record[pk_name])
        before = previous.get(key)
        changes = (
            [
                {"field": name, "before": before.get(name), "after": value}
                for name, value in record.items()
                if before.get(name) != value
            ]
            if before is not None
            else []
        )
        by_record.setdefault(key, []).append({**history, "record": record, "changes": changes})
        previous[key] = record
    return by_record


def _m2m_target(link: Model, model: type[Model]) -> Any:
    """The id a historical many-to-many row points to (not the tracked record itself)."""
    for f in link._meta.concrete_fields:
        if f.is_relation and f.name != "history" and f.related_model is not model:
            return f.value_from_object(link)
    return None
