"""Admin plumbing: every admin write goes through the services, as its user; a higher
app adds to a lower app's page through an extension, never by replacing its admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.utils import NestedObjects, quote
from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.forms import Textarea, TextInput
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from apps.core.api.filters import parse_whole_number
from apps.core.models import SoftDeleteModel
from apps.core.permissions import ADD, CHANGE, DELETE, VIEW, may
from apps.core.search import search
from apps.core.services import record_save
from apps.core.softdelete import record_soft_delete


class PolicyAdminMixin:
    """The admin asks the permission policy (apps.core.permissions), as the API does:
    the same answer for a page, its buttons, autocompletes and custom views."""

    def has_view_permission(self, request, obj=None) -> bool:
        return may(request.user, VIEW, self.model)

    def has_add_permission(self, request, *args) -> bool:
        return may(request.user, ADD, self.model)

    def has_change_permission(self, request, obj=None) -> bool:
        return may(request.user, CHANGE, self.model)

    def has_delete_permission(self, request, obj=None) -> bool:
        return may(request.user, DELETE, self.model)


class LiveRowsSearchMixin:
    """The search box (and the autocompletes that ask this admin) finds rows through
    live related rows only, by the engine the API's `search=` uses (apps.core.search):
    Django's own search joins, and a join matches through deleted groups or citations."""

    def get_search_results(self, request, queryset, search_term):
        found = search(queryset, fields=self.get_search_fields(request), text=search_term)
        return found, False  # EXISTS, never a join: no row is repeated


class ServiceAdminMixin:
    """Routes saves of the object and of its inlines through `record_save`.

    Subclasses override `save_record` to call an entity's own service.
    """

    def save_record(self, obj, user) -> None:
        record_save(obj, user=user)

    def save_model(self, request, obj, form, change) -> None:
        self.save_record(obj, request.user)

    def save_formset(self, request, form, formset, change) -> None:
        # Evidence rows ticked "Delete" are soft-deleted with the reason given beside
        # them (apps.core.softdelete_admin.SoftDeleteInline); link rows are removed.
        reasons = {
            row.instance.pk: row.cleaned_data.get("deletion_reason_given", "")
            for row in formset.deleted_forms
        }
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if isinstance(obj, SoftDeleteModel):
                record_soft_delete(obj, user=request.user, reason=reasons.get(obj.pk, ""))
                continue
            obj._history_user = request.user
            obj.delete()
        for obj in instances:
            record_save(obj, user=request.user)
        formset.save_m2m()


def clamped(text: str, *, tooltip: str | None = None, lines: int = 3) -> str:
    """A list cell of at most three (or two) lines (static/childtrace/admin.css); the
    whole text is its tooltip, so a long title neither wraps into a tower nor is lost."""
    return format_html(
        '<span class="ct-clamp{}" title="{}">{}</span>',
        " ct-clamp-2" if lines == 2 else "",
        text if tooltip is None else tooltip,
        text,
    )


class YearListFilter(admin.SimpleListFilter):
    """Records by year, newest first, and those with no date. Nothing below a year is
    offered: a date hierarchy would file a date given as "March 2025" under 1 March, a
    day its source did not give. Subclasses say which years there are and what a year
    and an unknown date select."""

    UNKNOWN = "unknown"

    def years(self) -> list[int]:
        raise NotImplementedError

    def in_year(self, queryset, year: int):
        raise NotImplementedError

    def without_date(self, queryset):
        raise NotImplementedError

    def lookups(self, request, model_admin):
        return [*((str(year), str(year)) for year in self.years()), (self.UNKNOWN, "date unknown")]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == self.UNKNOWN:
            return self.without_date(queryset)
        year = parse_whole_number(value, minimum=dt.MINYEAR, maximum=dt.MAXYEAR)
        return queryset.none() if year is None else self.in_year(queryset, year)


@dataclass(frozen=True)
class Protection:
    """Why a record cannot be deleted while another points at it, in the domain's words.

    `record(row)` is what a person knows the pointing row as (for an incident's list of
    organizations involved, the incident), `how(row)` how it relies on the record being
    deleted ("names it as involved (facilitated)"), `instead` what to do instead.
    """

    record: Callable
    how: Callable | str
    instead: str


_PROTECTIONS: dict[tuple[str, str], Protection] = {}
# Beyond this many, the page says how many more rely on the record.
PROTECTED_SHOWN = 50


def explain_protection(
    model: type[models.Model],
    field_name: str,
    *,
    how: Callable | str,
    instead: str,
    record: Callable = lambda row: row,
) -> None:
    """Declare, from the app that owns `model`, what its `field_name` (a foreign key
    that protects what it points at) means when someone tries to delete its target."""
    _PROTECTIONS[(model._meta.label_lower, field_name)] = Protection(record, how, instead)


class ProtectedExplained(list):
    """The records that keep others from being deleted, one line each, with `advice`:
    what to do instead. A list, so that Django's templates show it as they would."""

    def __init__(self, lines=(), advice=()):
        super().__init__(lines)
        self.advice = list(advice)


def protected_explained(objs, request, admin_site) -> ProtectedExplained:
    """Which records keep `objs` (or what deleting them would delete) from being deleted,
    and how, in the words declared with `explain_protection`."""
    objs = list(objs)
    if not objs:
        return ProtectedExplained()
    collector = NestedObjects(using=router.db_for_write(type(objs[0])), origin=objs)
    collector.collect(objs)
    deleted = {(type(obj)._meta.concrete_model, obj.pk) for obj in objs}
    for model, instances in collector.data.items():
        deleted.update((model._meta.concrete_model, obj.pk) for obj in instances)
    lines, advice = [], []
    rows = sorted(collector.protected, key=lambda row: (row._meta.label, row.pk))
    for row in rows[:PROTECTED_SHOWN]:
        reasons = [
            field
            for field in row._meta.concrete_fields
            if field.many_to_one
            and field.remote_field.on_delete in (models.PROTECT, models.RESTRICT)
            and (field.related_model._meta.concrete_model, getattr(row, field.attname)) in deleted
        ]
        for field in reasons or [None]:
            protection = field and _PROTECTIONS.get((row._meta.label_lower, field.name))
            if protection:
                record = protection.record(row)
                how = protection.how(row) if callable(protection.how) else protection.how
                if protection.instead not in advice:
                    advice.append(protection.instead)
            else:
                record = row
                how = f"refers to it ({field.verbose_name})" if field else "refers to it"
            lines.append(format_html("{} — {}", _record_link(record, request, admin_site), how))
    if len(rows) > PROTECTED_SHOWN:
        lines.append(f"… and {len(rows) - PROTECTED_SHOWN} more records.")
    return ProtectedExplained(lines, advice)


def _record_link(record, request, admin_site) -> str:
    """'Incident “…”', linked to its page when the user may view it."""
    opts = record._meta
    label = format_html("{} “{}”", opts.verbose_name.capitalize(), record)
    model_admin = admin_site._registry.get(type(record))
    if model_admin is None or not model_admin.has_view_permission(request, record):
        return label
    try:
        url = reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(record.pk)]
        )
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)


class HistoryAdmin(SimpleHistoryAdmin):
    """A record's "History" page: every change with when, who (the user, partner key,
    task or command), from where (admin, API, import, worker, command, migration) and
    each changed field's value before and after. Past versions are shown, never
    restored: a POST to a version's page is refused (SIMPLE_HISTORY_REVERT_DISABLED
    only hides the button; restoring would bypass review and publication)."""

    history_list_display = ["origin", "actor"]

    @admin.display(description="origin")
    def origin(self, record) -> str:
        return record.get_history_origin_display()

    @admin.display(description="actor")
    def actor(self, record) -> str:
        return record.history_actor or "—"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("Past versions are shown, not restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(PolicyAdminMixin, LiveRowsSearchMixin, ServiceAdminMixin, HistoryAdmin):
    """Base admin for evidence records: history view, authorship shown, services used."""

    # A record others rely on says which, and what to do instead (explain_protection).
    delete_confirmation_template = "admin/record_delete_confirmation.html"
    delete_selected_confirmation_template = "admin/record_delete_selected_confirmation.html"

    class Media:
        css = {"all": ("childtrace/admin.css",)}

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = protected_explained(objs, request, self.admin_site)
        return to_delete, model_count, perms_needed, protected

    readonly_fields = ("created_at", "created_by", "updated_at", "updated_by")
    record_fieldset = (
        "Record",
        {
            "classes": ("collapse",),
            "fields": ("created_at", "created_by", "updated_at", "updated_by"),
        },
    )


class AdminExtension:
    """What a higher app adds to the admin page of a lower app's model.

    The lower app's admin offers the extension point (`ExtensibleAdmin`); the higher app
    calls `ThatAdmin.extend(extension)` from its own admin module. Columns, read-only
    fields and actions are callables (functions or the extension's methods, decorated
    with `admin.display` / `admin.action` as usual); `fieldsets` may name the read-only
    callables and are shown above the page's own.
    """

    inlines: Sequence[type] = ()
    list_display: Sequence[Callable] = ()
    readonly_fields: Sequence[Callable] = ()
    fieldsets: Sequence[tuple] = ()
    actions: Sequence[Callable] = ()

    def annotate(self, queryset):
        """The page's queryset with what the extension's columns read."""
        return queryset

    def get_urls(self, model_admin) -> list:
        """Views the extension adds under the page's admin URLs (before the page's own)."""
        return []

    def object_tools(self, model_admin, request, obj) -> Sequence[tuple[str, str]]:
        """Buttons beside 'History' on a record's page, as (label, URL): each posts to
        its URL. Offer only what `request.user` may do."""
        return ()


class ExtensibleAdmin(RecordAdmin):
    """A record admin that higher apps may add to (see `AdminExtension`)."""

    extensions: tuple[AdminExtension, ...] = ()
    change_form_template = "admin/extensible_change_form.html"

    @classmethod
    def extend(cls, extension: AdminExtension) -> None:
        cls.extensions = (*cls.extensions, extension)

    def _added(self, attribute: str) -> tuple:
        return tuple(item for ext in self.extensions for item in getattr(ext, attribute))

    def extended(self, queryset):
        """`queryset` with what the extensions' columns read (for a `get_queryset` that
        reads from a selector)."""
        for extension in self.extensions:
            queryset = extension.annotate(queryset)
        return queryset

    def get_queryset(self, request):
        return self.extended(super().get_queryset(request))

    def get_urls(self):
        added = [url for ext in self.extensions for url in ext.get_urls(self)]
        return [*added, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["extension_tools"] = [
                tool for ext in self.extensions for tool in ext.object_tools(self, request, obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_inlines(self, request, obj):
        return (*super().get_inlines(request, obj), *self._added("inlines"))

    def get_list_display(self, request):
        return (*super().get_list_display(request), *self._added("list_display"))

    def get_fields(self, request, obj=None):
        # An extension's read-only fields appear where its fieldsets put them, not again
        # in a page without fieldsets of its own.
        added = self._added("readonly_fields")
        return [name for name in super().get_fields(request, obj) if name not in added]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self._added("readonly_fields"))

    def get_fieldsets(self, request, obj=None):
        return (*self._added("fieldsets"), *super().get_fieldsets(request, obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        added = [
            (action, action.__name__, self._get_action_description(action, action.__name__))
            for action in self._added("actions")
        ]
        for func, name, description in self._filter_actions_by_permissions(request, added):
            actions[name] = (func, name, description)
        return actions


# Inlines repeat per row: short text areas keep a page with several groups scannable.
COMPACT_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 80})},
    models.CharField: {"widget": TextInput(attrs={"size": 60})},  # not used for choices
}


class ReadOnlyAdminMixin:
    """A model admin that shows records and never adds, changes or deletes them (jobs,
    captures, sign-in events, evidence packages: written by the application only)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInlineMixin:
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.empty_value_display = "—"
# The navigation sidebar takes 276 px of a 1366 px laptop screen, which the lists need
# for their columns (the filters take another 270); the index page and the breadcrumbs
# lead to every list.
admin.site.enable_nav_sidebar = False
