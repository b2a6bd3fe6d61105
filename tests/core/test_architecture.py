"""The layout holds: each app depends only on the apps above it in INSTALLED_APPS, each
model's admin is registered once by its own app, every endpoint is routed, and every
model served through the API has a visibility rule (docs/architecture.md)."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

import apps
from apps.core.visibility import Viewer, visible

APPS_DIR = Path(apps.__file__).parent
OUR_APPS = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("apps.")]


def _imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        names |= {m.split(".")[1] for m in modules if m.startswith("apps.") and "." in m}
    return names


def _our_modules():
    for module in pkgutil.walk_packages([str(APPS_DIR)], prefix="apps."):
        if ".migrations" not in module.name and ".management." not in module.name:
            yield importlib.import_module(module.name)


def _our_classes(base: type):
    seen = set()
    for module in _our_modules():
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, base)
                and value.__module__ == module.__name__
                and value not in seen
            ):
                seen.add(value)
                yield value


def test_apps_depend_only_on_apps_listed_before_them():
    wrong = []
    for app in OUR_APPS:
        allowed = set(OUR_APPS[: OUR_APPS.index(app) + 1])
        for path in (APPS_DIR / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for imported in _imported_apps(path) - allowed:
                wrong.append(f"{path.relative_to(APPS_DIR.parent)} imports apps.{imported}")
    assert not wrong, "an app imports one listed after it in INSTALLED_APPS:\n" + "\n".join(wrong)


# Django's own user and group pages are served by accounts, which keeps their history:
# the one replacement allowed (apps/accounts/admin.py).
REPLACED_BY_ACCOUNTS = {"auth.User", "auth.Group"}


def test_each_model_admin_is_registered_by_its_own_app_and_never_replaced():
    for path in APPS_DIR.rglob("*.py"):
        if path != APPS_DIR / "accounts" / "admin.py":
            assert "site.unregister" not in path.read_text(), f"{path} replaces another admin"
    for model, model_admin in admin.site._registry.items():
        owner = model._meta.app_config.name
        if model._meta.label in REPLACED_BY_ACCOUNTS:
            owner = "apps.accounts"
        assert type(model_admin).__module__.startswith(owner + "."), (
            f"{model._meta.label} is registered by {type(model_admin).__module__}"
        )


def _routed_views() -> set[type]:
    found = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None) or getattr(
                    pattern.callback, "view_class", None
                )
                if view is not None:
                    found.add(view)

    walk(get_resolver().url_patterns)
    return found


def _endpoints() -> list[type]:
    """API views of ours that serve something: a viewset with a serializer, or a view
    with its own GET (base classes such as RecordViewSet are neither)."""
    return [
        view
        for view in _our_classes(APIView)
        if getattr(view, "serializer_class", None) is not None or "get" in vars(view)
    ]


def test_every_endpoint_is_routed():
    endpoints = _endpoints()
    assert len(endpoints) >= 10
    unrouted = [f"{v.__module__}.{v.__qualname__}" for v in endpoints if v not in _routed_views()]
    assert not unrouted, f"defined but never routed: {unrouted}"


@pytest.mark.django_db
def test_every_model_the_api_serves_has_a_visibility_rule():
    partner = Viewer.public()
    served = {
        view.serializer_class.Meta.model
        for view in _endpoints()
        if getattr(view, "serializer_class", None) is not None
    }
    assert len(served) >= 8
    for model in served:
        visible(model._default_manager.all(), viewer=partner)  # raises when there is none


@pytest.mark.django_db
def test_a_model_without_a_rule_is_for_staff_only():
    from apps.archiving.models import CaptureJob

    assert visible(CaptureJob.objects.all(), viewer=Viewer.staff()).model is CaptureJob
    with pytest.raises(ImproperlyConfigured, match=r"No visibility rule for archiving\.CaptureJob"):
        visible(CaptureJob.objects.all(), viewer=Viewer.public())


def _api_views() -> list[type]:
    """Every view class routed under /api/ (viewsets, API views, the schema pages)."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and prefix.startswith("api/"):
                view = getattr(pattern.callback, "cls", None) or getattr(
                    pattern.callback, "view_class", None
                )
                found.append(view)

    walk(get_resolver().url_patterns, "")
    return list(dict.fromkeys(found))


def test_every_api_endpoint_asks_the_one_permission_policy():
    from apps.core.api.permissions import RolePolicy

    views = _api_views()
    assert len(views) >= 12
    wrong = [
        f"{view.__module__}.{view.__qualname__}: {getattr(view, 'permission_classes', None)}"
        for view in views
        if view is None or list(view.permission_classes) != [RolePolicy]
    ]
    assert not wrong, "endpoints that decide permission otherwise:\n" + "\n".join(wrong)


def test_only_the_policy_reads_permissions():
    """Nothing but apps/core/permissions.py asks Django for a permission: the admin, its
    custom views and the API ask `may`."""
    readers = [
        str(path.relative_to(APPS_DIR.parent))
        for path in APPS_DIR.rglob("*.py")
        if "migrations" not in path.parts
        and path != APPS_DIR / "core" / "permissions.py"
        and ".has_perm(" in path.read_text()
    ]
    assert not readers, f"modules that read permissions themselves: {readers}"
