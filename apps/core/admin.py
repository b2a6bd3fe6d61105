"""Admin plumbing: every admin write goes through the services, as its user."""

from django.contrib import admin
from django.db import models
from django.forms import Textarea, TextInput
from simple_history.admin import SimpleHistoryAdmin

from apps.core.services import record_save


class ServiceAdminMixin:
    """Routes saves of the object and of its inlines through `record_save`.

    Subclasses override `save_record` to call an entity's own service.
    """

    def save_record(self, obj, user) -> None:
        record_save(obj, user=user)

    def save_model(self, request, obj, form, change) -> None:
        self.save_record(obj, request.user)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
        for obj in instances:
            record_save(obj, user=request.user)
        formset.save_m2m()


class RecordAdmin(ServiceAdminMixin, SimpleHistoryAdmin):
    """Base admin for evidence records: history view, authorship shown, services used."""

    readonly_fields = ("created_at", "created_by", "updated_at", "updated_by")
    record_fieldset = (
        "Record",
        {
            "classes": ("collapse",),
            "fields": ("created_at", "created_by", "updated_at", "updated_by"),
        },
    )


# Inlines repeat per row: short text areas keep a page with several groups scannable.
COMPACT_TEXT = {
    models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 80})},
    models.CharField: {"widget": TextInput(attrs={"size": 60})},  # not used for choices
}


class ReadOnlyInlineMixin:
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.empty_value_display = "—"
