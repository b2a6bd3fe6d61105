"""History of every record: django-simple-history, with who and from where on each row.

Every model keeps its history through `AuditedHistory` (a `HistoricalRecords`) instead of
simple_history's own class. Each history row then also records

- `history_origin`: admin, API, import, worker, command or migration
  (`apps.core.audit.Origin`), and
- `history_actor`: who, in words: a username, a partner key, or the task or command
  that made the change (a worker acts as the system user; this says which task).

Both are field defaults read from the audit context (`apps.core.audit`), so every way a
history row is made fills them: a save, a delete, a many-to-many change, the bulk
helpers (`bulk_create_with_history`, `bulk_update_with_history`) and rows written by
hand. History tables are append-only in the database (`AppendOnly` in
`apps.core.migration_operations`; docs/audit.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords

from apps.core.audit import Origin, current_actor, current_origin


class AuditFields(models.Model):
    """What every history row records beyond simple_history's own columns."""

    history_origin = models.CharField(
        "origin", max_length=10, choices=Origin.choices, default=current_origin
    )
    history_actor = models.CharField("actor", max_length=200, blank=True, default=current_actor)

    class Meta:
        abstract = True


def _actor_from_user(user) -> str:
    return str(user.get_username())[:200] if user is not None else ""


class AuditedHistoryManager(HistoryManager):
    def bulk_history_create(self, objs, *args, default_user=None, **kwargs):
        """Bulk-made rows name their actor as single ones do (`_stamp` below)."""
        attrs = dict(kwargs.pop("custom_historical_attrs", None) or {})
        if not current_actor() and default_user is not None:
            attrs.setdefault("history_actor", _actor_from_user(default_user))
        return super().bulk_history_create(
            objs, *args, default_user=default_user, custom_historical_attrs=attrs, **kwargs
        )


class AuditedHistory(HistoricalRecords):
    """`HistoricalRecords` with origin and actor on every row (see the module's text).

    Also:
    - the history user is a real account or nobody: a partner key is not a user (it is
      named in `history_actor`);
    - a save that changes only fields history leaves out (`excluded_fields`, such as a
      key's last use) writes no history row;
    - the user who made a change cannot be deleted while history names them
      (`PROTECT`; accounts are deactivated, not deleted).
    """

    def __init__(self, *args, bases=(), **kwargs):
        kwargs.setdefault("history_manager", AuditedHistoryManager)
        super().__init__(*args, bases=(AuditFields, *bases), **kwargs)

    def _get_history_user_fields(self):
        return {
            "history_user": models.ForeignKey(
                self.user_model or settings.AUTH_USER_MODEL,
                null=True,
                related_name=self.user_related_name,
                on_delete=models.PROTECT,
                db_constraint=self.user_db_constraint,
            )
        }

    def get_history_user(self, instance):
        user = super().get_history_user(instance)
        return user if isinstance(user, get_user_model()) else None

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        # A user's password is never copied into history; that it changed is noted.
        # (`set_password` keeps the new one in `_password` until the save is over.)
        if not reason and getattr(instance, "_password", None) is not None:
            return "password changed"
        return reason

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


def history_register(model: type[models.Model], *, module: str, **config) -> None:
    """Keep the history of a model another package defines (auth's User and Group) in
    the app whose models module is `module`: simple_history's `register`, which cannot
    place it in an app whose label differs from its package (`apps.accounts`)."""
    app_label = module.split(".")[-2]
    records = AuditedHistory(app=app_label, **config)
    records.manager_name = "history"
    records.table_name = None
    records.module = module
    records.cls = model
    records.add_extra_methods(model)
    records.finalize(model)


def stamp_actor(sender, history_instance, history_user, **kwargs) -> None:
    """A row the context gave no actor for names its user (a service called outside any
    request, task or command: a test, a shell)."""
    if isinstance(history_instance, AuditFields) and not history_instance.history_actor:
        history_instance.history_actor = _actor_from_user(history_user)


def history_models() -> list[type[models.Model]]:
    """Every history model of the project, many-to-many history included."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, AuditFields) or _is_m2m_history(model)
    ]


def _is_m2m_history(model) -> bool:
    return any(model is m2m for m2m in HistoricalRecords.m2m_models.values())


def history_write(objs: Iterable[models.Model], *, user, reason: str = "") -> None:
    """Record the current state of `objs` as changed, for writes that bypass `save()`
    (a conditional `UPDATE` that claims a job): one history row each, with the actor
    and origin of the context."""
    objs = list(objs)
    if not objs:
        return
    manager = type(objs[0]).history
    manager.bulk_history_create(
        objs,
        update=True,
        default_user=user if isinstance(user, get_user_model()) else None,
        default_change_reason=reason or None,
    )
