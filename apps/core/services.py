"""Write helpers shared by every app's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import models

from apps.core.models import TrackedModel

M = TypeVar("M", bound=models.Model)

SYSTEM_USERNAME = "system"


def system_user():
    """The account that reference-data loaders and background jobs act as.

    It cannot log in; it exists so that every row and every history entry names an
    author, even when no person typed the change.
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "first_name": "System", "last_name": "(loaders, workers)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@dataclass
class LoadReport:
    """What an idempotent loader did, per model: created, updated and unchanged rows."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, model: type[models.Model], outcome: str) -> None:
        per_model = self.counts.setdefault(model._meta.verbose_name_plural, {})
        per_model[outcome] = per_model.get(outcome, 0) + 1

    @property
    def changed(self) -> int:
        return sum(
            n
            for per_model in self.counts.values()
            for outcome, n in per_model.items()
            if outcome != "unchanged"
        )

    def lines(self) -> list[str]:
        return [
            f"{name}: " + ", ".join(f"{n} {outcome}" for outcome, n in sorted(per_model.items()))
            for name, per_model in sorted(self.counts.items())
        ]


def record_ensure(
    model: type[M],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    user,
    update_existing: bool,
    report: LoadReport | None = None,
) -> M:
    """Create the row identified by `lookup`, or bring it to `values` if allowed.

    A row that already holds `values` is not saved again, so running a loader twice
    changes nothing: no timestamp moves and no history entry is written. With
    `update_existing=False` an existing row is left exactly as people edited it.
    """
    # Deleted rows included (a soft-deleted record keeps its key): a loader run again
    # leaves a record a reviewer deleted as it is, deleted, instead of adding it again.
    obj = model._base_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        outcome = "created"
    elif getattr(obj, "deleted_at", None) is not None:
        if report is not None:
            report.add(model, "deleted, left alone")
        return obj
    else:
        differing = {k: v for k, v in values.items() if _field_value(obj, k) != v}
        if not differing or not update_existing:
            if report is not None:
                report.add(model, "unchanged")
            return obj
        for name, value in differing.items():
            setattr(obj, name, value)
        outcome = "updated"
    record_save(obj, user=user)
    if report is not None:
        report.add(model, outcome)
    return obj


def _field_value(obj: models.Model, name: str) -> Any:
    field_ = obj._meta.get_field(name)
    if isinstance(field_, models.ForeignKey):
        related_id = getattr(obj, field_.attname)
        return related_id if related_id is None else getattr(obj, name)
    return getattr(obj, name)


def m2m_ensure(obj: models.Model, name: str, targets: list[models.Model]) -> bool:
    """Set a many-to-many relation to exactly `targets`; True if anything changed."""
    manager = getattr(obj, name)
    wanted = {t.pk for t in targets}
    current = set(manager.values_list("pk", flat=True))
    if wanted == current:
        return False
    manager.set(targets)
    return True


def record_save(instance: M, *, user) -> M:
    """Validate and save one record as `user`. Every write path ends here.

    `full_clean` runs the same checks the admin form runs, so a management command, an
    import or an API call cannot store what a person could not type.
    """
    if isinstance(instance, TrackedModel):
        instance.stamp(user)
    else:
        instance._history_user = user
    instance.full_clean()
    instance.save()
    return instance
