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
