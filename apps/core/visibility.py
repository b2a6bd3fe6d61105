"""The one place that decides who sees what.

Whoever may view a model (its view or change permission, as `apps.core.permissions`
decides: the viewer, investigator and reviewer roles) sees every record of it, published
or not. Everyone else (partner keys, members of the `partner` group, a staff account
without a role) sees only what reviewers published, and what it contains or cites.

Which rows of a model "published" means is said once per model, by the app that knows:
cases says which incidents, groups, citations and sources are public (a source is public
because a published incident cites it, which only cases knows), archiving says which
captures are. Every selector, endpoint and export asks `visible()`; a model that no app
has given a rule is visible only to those who may view it, and asking for it as anyone
else is an error that names the model, never a silent leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

from apps.core.permissions import VIEW, may


@dataclass(frozen=True)
class Viewer:
    """Who is reading: a user (or a partner key's user), or one of the two fixed readers
    that code without a request uses (`staff()` sees everything, `public()` what is
    published)."""

    user: Any = None
    sees_everything: bool = False

    @classmethod
    def staff(cls) -> Viewer:
        return cls(sees_everything=True)

    @classmethod
    def public(cls) -> Viewer:
        return cls()

    def sees_unpublished_of(self, model: type[Model]) -> bool:
        """Whether every row of `model` is visible, not only the published ones: the
        permission policy says so for whoever may view the model."""
        return self.sees_everything or may(self.user, VIEW, model)


def viewer_for(user) -> Viewer:
    """The viewer a request's user is: what it sees follows its view permissions
    (a partner key, and an account without them, see published records only)."""
    return Viewer(user=user)


PublicRule = Callable[[QuerySet], QuerySet]
_public_rules: dict[type[Model], PublicRule] = {}


def public_rule(*models: type[Model]) -> Callable[[PublicRule], PublicRule]:
    """Declare which rows of `models` a viewer who sees published records only may see.

    The rule narrows a queryset of the model; apps declare their rules in a
    `visibility` module that their AppConfig.ready imports.
    """

    def register(rule: PublicRule) -> PublicRule:
        for model in models:
            if model in _public_rules and _public_rules[model] is not rule:
                raise ImproperlyConfigured(f"{model.__name__} already has a visibility rule")
            _public_rules[model] = rule
        return rule

    return register


def everyone(queryset: QuerySet) -> QuerySet:
    """The rule for reference data (places, officials, organizations)."""
    return queryset


def has_public_rule(model: type[Model]) -> bool:
    return model in _public_rules


def visible(queryset: QuerySet, *, viewer: Viewer) -> QuerySet:
    """The rows of `queryset` that `viewer` may see."""
    if viewer.sees_unpublished_of(queryset.model):
        return queryset
    rule = _public_rules.get(queryset.model)
    if rule is None:
        raise ImproperlyConfigured(
            f"No visibility rule for {queryset.model._meta.label}: declare one with "
            "apps.core.visibility.public_rule in the app that owns it."
        )
    return rule(queryset)
