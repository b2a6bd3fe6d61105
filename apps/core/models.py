"""Shared base models. Every record says when it was made and changed, and by whom."""

from django.conf import settings
from django.db import models

# An author is kept even if the account is retired: users are deactivated, not deleted.
_AUTHOR = {
    "on_delete": models.PROTECT,
    "related_name": "+",
    "null": True,
    "blank": True,
    "editable": False,
}


class TrackedModel(models.Model):
    """Created/updated timestamps (UTC) and the user who created / last changed the row.

    The users are set by the services (never by signals), so every write path — admin,
    API, import, management command — records who did it.
    """

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_AUTHOR)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_AUTHOR)

    class Meta:
        abstract = True

    def stamp(self, user) -> None:
        """Record `user` as the author of the change about to be saved."""
        if user is not None and not getattr(user, "is_authenticated", False):
            user = None
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user
        # django-simple-history reads this when no request is at hand (commands, tasks).
        self._history_user = user


def protect_link_targets(model: type[models.Model], field_name: str) -> None:
    """Make the rows a many-to-many field of `model` links to undeletable while linked.

    Django's links table cascades: deleting a place would silently drop it from every
    record that names it. An explicit links model with `PROTECT` would do the same
    job, but the admin and DRF then refuse to edit the field as a plain list, so the
    links table Django creates is told to protect instead. Deleting a linked row then
    raises `ProtectedError` on every path (`delete()`, a queryset's, the admin, which
    explains it with `apps.core.admin.explain_protection`); the database schema is
    unchanged (its foreign key already refuses a delete that leaves a link dangling).
    """
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    target = next(
        link
        for link in through._meta.fields
        if link.many_to_one and link.name != model._meta.model_name
    )
    target.remote_field.on_delete = models.PROTECT


class HardDeleteRefused(Exception):
    """A record that is evidence was about to be removed from the database."""

    def __init__(self, model: type[models.Model]) -> None:
        name = model._meta.verbose_name
        if not hasattr(model, "all_objects"):  # not soft-deletable: kept as it is
            super().__init__(f"A {name} is part of the evidence's record and is never deleted.")
            return
        super().__init__(
            f"This {name} is evidence and is never deleted from the database. Use the soft "
            "delete with a reason (apps.core.softdelete.record_soft_delete, the admin's "
            "'Delete' with a reason), which a reviewer can undo."
        )


class UndeletableQuerySet(models.QuerySet):
    """`delete()` refuses, for every queryset of the model (evidence, and the records
    of how evidence was made, such as capture jobs)."""

    def delete(self):
        raise HardDeleteRefused(self.model)

    delete.alters_data = True
    delete.queryset_only = True


class SoftDeleteQuerySet(UndeletableQuerySet):
    """Rows of an evidence model: `delete()` refuses; `live()` and `deleted()`."""

    def live(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class LiveManager(models.Manager.from_queryset(SoftDeleteQuerySet)):
    """The default manager of an evidence model: deleted rows are not there. Every read
    (selectors, the API, totals, statistics, exports, related managers such as
    `incident.child_groups`) goes through it, so a deleted record disappears from all of
    them at once; `all_objects` still holds it."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


# The manager that sees deleted rows too: the admin's "deleted" filter, restore, the
# checks that a value is unique, and `_base_manager` (forward foreign keys, saves).
AllRowsManager = models.Manager.from_queryset(SoftDeleteQuerySet)


class SoftDeleteModel(models.Model):
    """A record that is evidence: never deleted from the database, only marked deleted
    with who, when and why (apps.core.softdelete), and restorable by a reviewer.

    `objects` hides deleted rows; `all_objects` has every row. `delete()` on an instance
    or on any queryset of the model raises `HardDeleteRefused`. A concrete model sets
    `base_manager_name = "all_objects"` in its Meta (Meta is not inherited when a model
    declares its own), so that even `_base_manager` refuses to delete. Foreign keys that
    point at such a model use PROTECT: a cascade would delete rows without asking.
    """

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, **_AUTHOR)
    deletion_reason = models.TextField(blank=True, editable=False)

    objects = LiveManager()
    all_objects = AllRowsManager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def delete(self, using=None, keep_parents=False):
        raise HardDeleteRefused(type(self))

    delete.alters_data = True


class WrittenOnceError(Exception):
    """A record written once (a review step, a tombstone, a sign-in event, the record of
    an evidence package built) was about to be changed or deleted."""

    def __init__(self, model: type[models.Model], what: str) -> None:
        name = str(model._meta.verbose_name_plural)
        super().__init__(f"{name[:1].upper()}{name[1:]} are written once and never {what}.")


class WrittenOnceQuerySet(models.QuerySet):
    """`update()` and `delete()` refuse, for every queryset of the model."""

    def update(self, **kwargs):
        raise WrittenOnceError(self.model, "changed")

    update.alters_data = True
    update.queryset_only = True

    def delete(self):
        raise WrittenOnceError(self.model, "deleted")

    delete.alters_data = True
    delete.queryset_only = True


class WrittenOnce(models.Model):
    """A record that is its own history: written once, never changed or deleted.

    Saving a row again, deleting it, and a queryset's `update()` or `delete()` raise
    `WrittenOnceError`. Such a model is also append-only in the database: its table
    needs an `AppendOnly` migration operation (triggers), and the application's
    database role may only read and add its rows (apps.core.append_only, which finds
    these models by this class; docs/audit.md)."""

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise WrittenOnceError(type(self), "changed")
        super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        raise WrittenOnceError(type(self), "deleted")

    delete.alters_data = True
