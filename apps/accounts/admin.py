from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from rest_framework_api_key.admin import APIKeyModelAdmin

from apps.accounts.models import AccessEvent, PartnerAPIKey, PartnerKeyUse
from apps.accounts.services import (
    EnrollmentRefused,
    partner_key_issue,
    second_factor_enrollment_issue,
)
from apps.accounts.two_factor import confirmed_devices
from apps.core.admin import HistoryAdmin, PolicyAdminMixin, ReadOnlyAdminMixin


class PartnerKeyUseInline(admin.TabularInline):
    """Requests per day: the record of the key's use (read only)."""

    model = PartnerKeyUse
    fields = ("day", "requests", "first_at", "last_at")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-day",)
    verbose_name_plural = "requests per day (UTC)"

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return True  # whoever may see the key sees its use


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(PolicyAdminMixin, HistoryAdmin, APIKeyModelAdmin):
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

    def get_inlines(self, request, obj):
        return [PartnerKeyUseInline] if obj is not None else []

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


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Logins, logouts, failures, lockouts, second-factor changes and rejected partner
    keys: for superusers, read only (the records are never changed or removed)."""

    list_display = ("at", "kind", "username", "ip_address", "partner_key", "detail")
    list_filter = ("kind",)
    search_fields = ("username", "ip_address", "detail")
    date_hierarchy = "at"
    list_select_related = ("partner_key",)
    fields = (
        "at",
        "kind",
        "username",
        "user",
        "partner_key",
        "ip_address",
        "user_agent",
        "path",
        "detail",
    )
    readonly_fields = fields

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser


# Django's own user and group pages, with their history (who changed an account, its
# groups or permissions, and from where). This app keeps that history (models.py), so
# it serves the pages: the one place an admin registered by another package is replaced.
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(HistoryAdmin, auth_admin.UserAdmin):
    change_form_template = "admin/accounts/user_change_form.html"

    def get_urls(self):
        enrollment = path(
            "<path:object_id>/two-factor-enrollment/",
            self.admin_site.admin_view(self.two_factor_enrollment_view),
            name="auth_user_two_factor_enrollment",
        )
        return [enrollment, *super().get_urls()]

    def two_factor_enrollment_view(self, request, object_id):
        """Issue the user an enrollment code for a first second factor (a POST; the page
        shows the code once). Superusers only: the code stands in for the second
        factor until it is used (docs/security.md)."""
        if not (request.user.is_active and request.user.is_superuser):
            raise PermissionDenied("Only superusers issue second-factor enrollment codes.")
        account = self.get_object(request, unquote(object_id))
        if account is None:
            raise Http404("No such user.")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": account,
            "title": f"Second-factor enrollment code for {account.get_username()}",
            "has_second_factor": confirmed_devices(account).exists(),
        }
        if request.method == "POST":
            try:
                enrollment, code = second_factor_enrollment_issue(
                    user=account,
                    by=f"{request.user.get_username()} in the admin",
                    by_user=request.user,
                    request=request,
                )
            except EnrollmentRefused as refused:
                messages.error(request, str(refused))
                return redirect("admin:auth_user_change", account.pk)
            context.update({"code": code, "enrollment": enrollment})
        return TemplateResponse(request, "admin/accounts/two_factor_enrollment.html", context)


@admin.register(Group)
class GroupAdmin(HistoryAdmin, auth_admin.GroupAdmin):
    pass
