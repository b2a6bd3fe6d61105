"""Setting up the second factor (a page of the admin's look, for a logged-in user)."""

from __future__ import annotations

import django_otp
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from apps.accounts.forms import SecondFactorSetupForm
from apps.accounts.models import AccessKind
from apps.accounts.services import access_event_record
from apps.accounts.two_factor import (
    confirmed_devices,
    device_qr_svg,
    device_secret,
    pending_device,
    second_factor_required,
)


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:index")


@staff_member_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": "Second factor",
        "required": second_factor_required(user),
        "next": _next_url(request),
    }
    if confirmed_devices(user).exists():
        return render(request, "accounts/two_factor_done.html", context)
    device = pending_device(user)
    form = SecondFactorSetupForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            access_event_record(kind=AccessKind.SECOND_FACTOR_ENROLLED, request=request, user=user)
        django_otp.login(request, device)  # this session has just given a code
        messages.success(
            request, "Your second factor is set up: every login now asks for its code."
        )
        return redirect(context["next"])
    context.update({"form": form, "qr_svg": device_qr_svg(device), "secret": device_secret(device)})
    return render(request, "accounts/two_factor_setup.html", context)
