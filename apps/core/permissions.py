"""The one place that decides what a person or a partner key may do with a model.

A person may do what their model permissions say (the roles in `apps.accounts.roles`
are groups holding them), exactly as Django's admin reads them: *view* is the view or
the change permission, *add*, *change* and *delete* their own permission, and any other
action (`publish`, `verify`) the permission of that codename. `is_staff` lets a person
into the admin; it grants nothing by itself.

A record that is part of another (a child group or a citation is part of its incident)
is declared so with `part_of` by the app that owns it: adding, changing or deleting the
part is also a change of the whole, and needs the change permission on the whole too.

A partner key holds no permission: it reads what the visibility rules publish
(`apps.core.visibility`), never writes. Whoever lacks the view permission on a model
reads it the same way (a member of the `partner` group, a staff account without a role).

The admin (`apps.core.admin.PolicyAdminMixin`), its custom views and every API endpoint
(`apps.core.api.permissions.RolePolicy`) ask `may`; nothing else decides.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
WRITES = (ADD, CHANGE, DELETE)

_wholes: dict[type[Model], type[Model]] = {}


def part_of(part: type[Model], whole: type[Model]) -> None:
    """Declare that writing a `part` row changes its `whole` (for the app that owns both)."""
    if _wholes.get(part, whole) is not whole:
        raise ImproperlyConfigured(f"{part.__name__} is already part of another model")
    _wholes[part] = whole


def whole_of(model: type[Model]) -> type[Model] | None:
    return _wholes.get(model)


def permission_name(model: type[Model], action: str) -> str:
    """'cases.change_incident' for (Incident, 'change')."""
    opts = model._meta.concrete_model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def is_partner_key(user) -> bool:
    return getattr(user, "api_key", None) is not None


def may(user, action: str, model: type[Model]) -> bool:
    """Whether `user` (a person, a partner key's user, an anonymous user or None) may do
    `action` with records of `model`."""
    if user is None or not user.is_authenticated or is_partner_key(user):
        return False
    if not user.is_active:
        return False
    if action == VIEW:
        return user.has_perm(permission_name(model, VIEW)) or user.has_perm(
            permission_name(model, CHANGE)
        )
    if not user.has_perm(permission_name(model, action)):
        return False
    whole = whole_of(model)
    if action in WRITES and whole is not None:
        return may(user, CHANGE, whole)
    return True
