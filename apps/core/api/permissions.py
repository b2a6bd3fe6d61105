"""The API's one permission class: every endpoint asks `apps.core.permissions.may`.

What a request needs, by method, on the endpoint's model (`policy_model`, else its
serializer's model):

- GET, HEAD, OPTIONS: *read*. Anyone authenticated (a partner key, any account) reads
  a model that has a visibility rule, and sees what the rule publishes; whoever may view
  the model sees every row (`apps.core.visibility`). A model without a rule needs the
  view permission.
- POST: add; PUT and PATCH: change; DELETE: delete (no endpoint offers it: a 405).
- A custom action names what it needs in `policy_actions` (`{"warc": VIEW}`).

An endpoint that describes the API (`describes_api = True`: the schema, its
documentation pages, the API root) is read by anyone and written by nobody. Any other
endpoint without a model is refused to everyone: forgetting `policy_model` fails closed.

Anonymous requests get 401, refused ones 403; a method the endpoint does not offer is
a 405 for whoever is authenticated (nothing is revealed by it).
"""

from __future__ import annotations

from django.db.models import Model
from rest_framework import permissions

from apps.core.permissions import ADD, CHANGE, DELETE, VIEW, may, permission_name
from apps.core.visibility import has_public_rule

READ = "read"  # published rows for anyone authenticated, every row for who may view
METHOD_ACTIONS = {"POST": ADD, "PUT": CHANGE, "PATCH": CHANGE, "DELETE": DELETE}


def policy_model(view) -> type[Model] | None:
    model = getattr(view, "policy_model", None)
    if model is not None:
        return model
    serializer_class = getattr(view, "serializer_class", None)
    meta = getattr(serializer_class, "Meta", None)
    return getattr(meta, "model", None)


def required_action(request, view) -> str:
    """What `request` asks of the endpoint's model: READ, or an action of the policy."""
    declared = getattr(view, "policy_actions", {}).get(getattr(view, "action", None))
    if declared is not None:
        return declared
    if request.method in permissions.SAFE_METHODS:
        return READ
    return METHOD_ACTIONS.get(request.method, CHANGE)


def allowed(user, action: str, model: type[Model]) -> bool:
    if action == READ:
        authenticated = user is not None and user.is_authenticated
        return authenticated and (has_public_rule(model) or may(user, VIEW, model))
    return may(user, action, model)


class RolePolicy(permissions.BasePermission):
    message = "Your role does not allow this; partner keys read published records only."

    def has_permission(self, request, view) -> bool:
        if getattr(view, "describes_api", False):
            return request.method in permissions.SAFE_METHODS
        user = request.user
        model = policy_model(view)
        if model is None or not (user and user.is_authenticated):
            return False
        if request.method not in view.allowed_methods:
            return True  # the view answers 405
        action = required_action(request, view)
        if allowed(user, action, model):
            return True
        if action != READ:
            # Say which permission it takes (DRF reads the message when it refuses).
            self.message = (
                f"Your role does not allow this: it takes the permission "
                f"'{permission_name(model, action)}'. Partner keys read published records only."
            )
        return False
