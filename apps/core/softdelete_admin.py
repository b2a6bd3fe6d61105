"""The admin of evidence records (apps.core.softdelete): "Delete" asks for a reason and
soft-deletes, on a record's page, in the list's action and in an incident's inlines;
deleted records are left out of every list, and those who may restore them find them
under the "deleted" filter, with a "Restore" action and a restore page."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from apps.core.permissions import may
from apps.core.softdelete import (
    REASON_MAX_LENGTH,
    record_restore,
    record_soft_delete,
    restore_problems,
    soft_delete_problems,
    taken_along,
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why is it deleted?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Kept with the record and in its history. A reviewer can restore it.",
    )


class DeletedListFilter(admin.SimpleListFilter):
    """Records not deleted (the default: what every list shows), or the deleted ones."""

    title = "deletion"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("yes", "Deleted")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Not deleted",
        }
        yield {
            "selected": self.value() == "yes",
            "query_string": changelist.get_query_string({self.parameter_name: "yes"}),
            "display": "Deleted",
        }

    def queryset(self, request, queryset):
        return queryset.filter(deleted_at__isnull=self.value() != "yes")


def _described(rows) -> list[str]:
    """'Child group “…”' for each row, in the domain's words."""
    return [f"{row._meta.verbose_name.capitalize()} “{row}”" for row in rows]


class SoftDeleteAdmin:
    """For the admin of a `SoftDeleteModel` (before RecordAdmin in the bases).

    Its `get_queryset` reads deleted rows too when `self.shows_deleted(request)` says
    so (the selectors take `deleted_too`); its list's filter then shows the live ones
    unless "Deleted" is chosen."""

    actions = ("soft_delete_selected", "restore_selected")
    soft_delete_template = "admin/soft_delete_confirmation.html"
    restore_template = "admin/restore_confirmation.html"

    def has_restore_permission(self, request, obj=None) -> bool:
        return may(request.user, "restore", self.model)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_deleted:
            return False
        return super().has_delete_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        # A deleted record is read, and restored, but not edited.
        if obj is not None and obj.is_deleted:
            return False
        return super().has_change_permission(request, obj)

    def shows_deleted(self, request) -> bool:
        """Deleted rows are read on the model's own pages (the list under its "deleted"
        filter, a record's page and history, restore) by those who may restore them;
        never in an autocomplete or another model's page."""
        match = getattr(request, "resolver_match", None)
        if match is None or not self.has_restore_permission(request):
            return False
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_"
        own = {"changelist", "change", "history", "simple_history", "restore"}
        return match.url_name in {prefix + name for name in own}

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if self.has_restore_permission(request):
            return (*filters, DeletedListFilter)
        return filters

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Django's "delete selected" removes rows; this one asks for a reason.
        actions.pop("delete_selected", None)
        return actions

    def get_urls(self):
        restore = path(
            "<path:object_id>/restore/",
            self.admin_site.admin_view(self.restore_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_restore",
        )
        return [restore, *super().get_urls()]

    # Deleting

    @admin.action(
        description="Delete selected %(verbose_name_plural)s (with a reason)",
        permissions=["delete"],
    )
    def soft_delete_selected(self, request, queryset):
        return self._soft_delete(request, list(queryset), bulk=True)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        return self._soft_delete(request, [obj], bulk=False)

    def _soft_delete(self, request, objs, *, bulk: bool):
        form = ReasonForm(request.POST if request.POST.get("post") else None)
        problems = {obj.pk: soft_delete_problems(obj) for obj in objs}
        blocked = any(problems.values())
        if form.is_bound and form.is_valid() and not blocked:
            try:
                with transaction.atomic():  # every selected row or none
                    deleted = [
                        record_soft_delete(
                            obj, user=request.user, reason=form.cleaned_data["reason"]
                        )
                        for obj in objs
                    ]
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(
                    request,
                    f"Deleted {len(objs)} {self._noun(len(objs))} (with what went with them: "
                    f"{sum(len(rows) for rows in deleted) - len(objs)} more). A reviewer can "
                    "restore them under the list's “Deleted” filter.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse(self._url("changelist")))
        rows = [
            {
                "object": obj,
                "problems": problems[obj.pk],
                "along": _described(taken_along(obj)),
            }
            for obj in objs
        ]
        return self._confirmation(
            request,
            self.soft_delete_template,
            title=f"Delete {self._noun(len(objs))}",
            rows=rows,
            blocked=blocked,
            form=form,
            bulk=bulk,
            action="soft_delete_selected",
        )

    # Restoring

    @admin.action(description="Restore selected %(verbose_name_plural)s", permissions=["restore"])
    def restore_selected(self, request, queryset):
        return self._restore(request, list(queryset), bulk=True)

    def restore_view(self, request, object_id):
        if not self.has_restore_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not obj.is_deleted:
            self.message_user(
                request, f"“{obj}” is not deleted: nothing to restore.", messages.INFO
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
            )
        return self._restore(request, [obj], bulk=False)

    def _restore(self, request, objs, *, bulk: bool):
        problems = {obj.pk: restore_problems(obj) for obj in objs}
        blocked = any(problems.values())
        errors = []
        if request.method == "POST" and request.POST.get("post") and not blocked:
            try:
                with transaction.atomic():  # every selected row or none
                    restored = [record_restore(obj, user=request.user) for obj in objs]
            except ValidationError as error:
                errors = error.messages
            else:
                self.message_user(
                    request,
                    f"Restored {len(objs)} {self._noun(len(objs))} (and "
                    f"{sum(len(rows) for rows in restored) - len(objs)} records deleted "
                    "with them).",
                    messages.SUCCESS,
                )
                if bulk:
                    return HttpResponseRedirect(reverse(self._url("changelist")))
                return HttpResponseRedirect(reverse(self._url("change"), args=[quote(objs[0].pk)]))
        rows = [
            {
                "object": obj,
                "problems": problems[obj.pk],
                "deleted": f"{obj.deleted_at:%Y-%m-%d %H:%M} UTC by {obj.deleted_by or '—'}",
                "reason": obj.deletion_reason,
            }
            for obj in objs
        ]
        return self._confirmation(
            request,
            self.restore_template,
            title=f"Restore {self._noun(len(objs))}",
            rows=rows,
            blocked=blocked,
            errors=errors,
            bulk=bulk,
            action="restore_selected",
        )

    # A deleted record's page says so, with the way back.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is not None and obj.is_deleted and request.method == "GET":
            restore = ""
            if self.has_restore_permission(request):
                restore = format_html(
                    ' <a href="{}">Restore it</a>.',
                    reverse(self._url("restore"), args=[quote(obj.pk)]),
                )
            self.message_user(
                request,
                format_html(
                    "This {} is deleted: on {} UTC by {}, because: “{}”.{}",
                    self.opts.verbose_name,
                    f"{obj.deleted_at:%Y-%m-%d %H:%M}",
                    obj.deleted_by or "—",
                    obj.deletion_reason,
                    restore,
                ),
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # Helpers

    def _url(self, view: str) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _noun(self, n: int) -> str:
        return str(self.opts.verbose_name if n == 1 else self.opts.verbose_name_plural)

    def _confirmation(self, request, template, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "app_label": self.opts.app_label,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                **context,
            },
        )


class SoftDeleteInlineForm(forms.ModelForm):
    """A row of an inline of evidence: ticking "Delete" takes a reason (the row is then
    soft-deleted, apps.core.admin.ServiceAdminMixin.save_formset)."""

    deletion_reason_given = forms.CharField(
        label="Reason for deleting",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="Only when deleting this row (tick “Delete”): kept with it, and a "
        "reviewer can restore it.",
    )


class SoftDeleteInlineFormSet(forms.BaseInlineFormSet):
    """Rows ticked "Delete" need a reason and nothing relying on them. The errors are
    the formset's own (shown above the rows, naming the row): a formset ignores the
    errors of a row it is told to delete."""

    def clean(self) -> None:
        super().clean()
        errors = []
        for form in self.deleted_forms:
            if form.instance.pk is None:
                continue
            reason = (form.cleaned_data.get("deletion_reason_given") or "").strip()
            if not reason:
                errors.append(
                    f"“{form.instance}”: say why it is deleted (“Reason for deleting”): the "
                    "reason is kept with it."
                )
                continue
            errors.extend(f"“{form.instance}”: {p}" for p in soft_delete_problems(form.instance))
        if errors:
            raise ValidationError(errors)


class SoftDeleteInline:
    """For an inline of evidence rows (before the Django inline class in the bases)."""

    form = SoftDeleteInlineForm
    formset = SoftDeleteInlineFormSet

    def deletion_fields(self, request, obj) -> tuple[str, ...]:
        """The reason field, for those who may delete, on a saved record's page."""
        if obj is not None and self.has_delete_permission(request, obj):
            return ("deletion_reason_given",)
        return ()
