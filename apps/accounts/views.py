"""Setting up the second factor (a page of the admin's look, for a logged-in user)."""

from __future__ import annotations

import django_otp
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from apps.accounts.forms import SecondFactorSetupForm
from apps.accounts.models import AccessKind
from apps.accounts.services import EnrollmentRefused, access_event_record, second_factor_enroll
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
    """Set up a second factor: the first with an administrator's enrollment code, a
    further one (`?add=1`) with the current code of one already set up."""
    user = request.user
    context = {
        **admin.site.each_context(request),
        "title": "Second factor",
        "required": second_factor_required(user),
        "next": _next_url(request),
    }
    adding = request.method == "POST" or request.GET.get("add")
    if confirmed_devices(user).exists() and not adding:
        return render(request, "accounts/two_factor_done.html", context)
    device = pending_device(request)
    form = SecondFactorSetupForm(request.POST or None, device=device, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor_enroll(
                request=request,
                device=device,
                enrollment=form.enrollment,
                vouched_by=form.vouched_by,
            )
        except EnrollmentRefused as refused:
            form.add_error(None, str(refused))
        else:
            django_otp.login(request, device)  # this session has just given a code
            messages.success(
                request, "Your second factor is set up: every login now asks for its code."
            )
            return redirect(context["next"])
    if request.method == "POST" and "enrollment_code" in form.errors:
        # Someone holding the password, without the code: worth an administrator's look.
        access_event_record(kind=AccessKind.ENROLLMENT_REFUSED, request=request, user=user)
    context.update(
        {
            "form": form,
            "further": bool(form.existing),
            "qr_svg": device_qr_svg(device),
            "secret": device_secret(device),
        }
    )
    return render(request, "accounts/two_factor_setup.html", context)
