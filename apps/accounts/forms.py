"""The admin's login form with the second factor, and the form that sets one up."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

from apps.accounts.two_factor import confirmed_devices

WRONG_CODE = (
    "The code from your authenticator app is missing or wrong. Enter the six digits it "
    "shows now (each code works once)."
)


def _code_field(required: bool) -> forms.CharField:
    return forms.CharField(
        label="Code from your authenticator app",
        required=required,
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class SecondFactorLoginForm(AdminAuthenticationForm):
    """Username and password, then, for an account that has a second factor, its code.

    A wrong code is a failed login: it is recorded, and counts towards the lockout,
    like a wrong password."""

    otp_token = _code_field(required=False)
    otp_token.help_text = "Only if you have set up a second factor."

    def clean(self):
        cleaned = super().clean()  # checks the password (and the lockout) first
        user = self.user_cache
        if user is None:
            return cleaned
        devices = list(confirmed_devices(user))
        if not devices:
            return cleaned
        token = (cleaned.get("otp_token") or "").strip().replace(" ", "")
        device = next((d for d in devices if token and d.verify_token(token)), None)
        if device is None:
            self.user_cache = None
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username(), "second_factor": True},
                request=self.request,
            )
            raise ValidationError(WRONG_CODE, code="second_factor")
        # django-otp marks the session as verified by this device when login() runs.
        user.otp_device = device
        return cleaned


class SecondFactorSetupForm(forms.Form):
    otp_token = _code_field(required=True)

    def __init__(self, *args, device, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        if not self.device.verify_token(token):
            raise ValidationError(
                "That code does not match. Check that the app shows the ChildTrace entry "
                "you just added and that this device's clock is right, then enter the "
                "code it shows now.",
                code="second_factor",
            )
        return token
