"""The one place that decides who sees what.

Staff (people logged in to the admin, or using the API with their session) see every
record. Everyone else (partners with an API key, any non-staff account) sees only what
reviewers published, and what it contains or cites.

Which rows of a model "published" means is said once per model, by the app that knows:
cases says which incidents, groups, citations and sources are public (a source is public
because a published incident cites it, which only cases knows), archiving says which
captures are. Every selector, endpoint and export asks `visible()`; a model that no app
has given a rule is visible to staff only, and asking for it as a partner is an error
that names the model, never a silent leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class Viewer:
    sees_unpublished: bool
    can_write: bool
    # Archived files (WARC, the page itself) are evidence handled by staff only.
    downloads_captures: bool = False

    @classmethod
    def staff(cls) -> Viewer:
        return cls(sees_unpublished=True, can_write=True, downloads_captures=True)

    @classmethod
    def public(cls) -> Viewer:
        return cls(sees_unpublished=False, can_write=False)


def viewer_for(user) -> Viewer:
    if getattr(user, "api_key", None) is not None:
        return Viewer.public()  # partner keys read published records only
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        return Viewer.staff()
    return Viewer.public()


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
    if viewer.sees_unpublished:
        return queryset
    rule = _public_rules.get(queryset.model)
    if rule is None:
        raise ImproperlyConfigured(
            f"No visibility rule for {queryset.model._meta.label}: declare one with "
            "apps.core.visibility.public_rule in the app that owns it."
        )
    return rule(queryset)
