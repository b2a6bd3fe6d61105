from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from rest_framework_api_key.admin import APIKeyModelAdmin

from apps.accounts.models import PartnerAPIKey
from apps.accounts.services import partner_key_issue
from apps.core.admin import HistoryAdmin


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(HistoryAdmin, APIKeyModelAdmin):
    list_display = (
        "partner",
        "name",
        "prefix",
        "created",
        "expiry_date",
        "_has_expired",
        "revoked",
        "last_used_at",
    )
    list_filter = ("revoked", "partner")
    search_fields = ("partner", "name", "prefix", "contact")
    fields = ("partner", "name", "contact", "expiry_date", "revoked")

    def get_readonly_fields(self, request, obj=None):
        readonly = ["prefix", "created", "created_by", "last_used_at"]
        if obj is not None and obj.revoked:
            readonly.append("revoked")  # revocation cannot be undone
        return readonly

    def get_fields(self, request, obj=None):
        return (
            self.fields
            if obj is None
            else (*self.fields, "prefix", "created", "created_by", "last_used_at")
        )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            obj.save()
            return
        key, secret = partner_key_issue(
            partner=obj.partner,
            name=obj.name,
            user=request.user,
            expires_at=obj.expiry_date,
            contact=obj.contact,
        )
        obj.pk = key.pk
        messages.warning(
            request,
            f"The API key for {key.partner} is: {secret} — copy it now and send it to the "
            "partner over a secure channel. It is stored only as a digest and will not be "
            "shown again.",
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the record of who held a key stays


# Django's own user and group pages, with their history (who changed an account, its
# groups or permissions, and from where). This app keeps that history (models.py), so
# it serves the pages: the one place an admin registered by another package is replaced.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(HistoryAdmin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(HistoryAdmin, auth_admin.GroupAdmin):
    pass
