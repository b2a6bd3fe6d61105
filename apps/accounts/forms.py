"""The admin's login form with the second factor, and the form that sets one up."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError

from apps.accounts.two_factor import confirmed_devices, enrollment_usable

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
    """The new device's first code, and what proves it is the account's owner setting it
    up, since the password alone (perhaps stolen) must not be enough: for a first device
    the enrollment code an administrator issued, for a further one the current code of
    a device already set up."""

    enrollment_code = forms.CharField(
        label="Enrollment code from an administrator",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 24}),
    )
    current_token = _code_field(required=False)
    current_token.label = "Code from the authenticator app you already use"
    otp_token = _code_field(required=True)
    otp_token.label = "Code from the new authenticator app"

    def __init__(self, *args, device, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.device = device
        self.existing = list(confirmed_devices(user))
        self.user = user
        self.enrollment = None
        self.vouched_by = None
        if self.existing:
            del self.fields["enrollment_code"]
            self.fields["current_token"].required = True
        else:
            del self.fields["current_token"]
            self.fields["enrollment_code"].required = True

    def clean_enrollment_code(self) -> str:
        code = self.cleaned_data["enrollment_code"]
        self.enrollment = enrollment_usable(user=self.user, code=code)
        if self.enrollment is None:
            raise ValidationError(
                "That enrollment code is wrong, used, replaced by a newer one or expired. "
                "Ask an administrator for a new one.",
                code="enrollment",
            )
        return code

    def clean_current_token(self) -> str:
        token = self.cleaned_data["current_token"].strip().replace(" ", "")
        self.vouched_by = next((d for d in self.existing if token and d.verify_token(token)), None)
        if self.vouched_by is None:
            raise ValidationError(WRONG_CODE, code="second_factor")
        return token

    def clean_otp_token(self) -> str:
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        if "enrollment_code" in self.errors or "current_token" in self.errors:
            # Refused already: the new app's code is not used up (each works once).
            return token
        if not self.device.verify_token(token):
            raise ValidationError(
                "That code does not match. Check that the app shows the ChildTrace entry "
                "you just added and that this device's clock is right, then enter the "
                "code it shows now.",
                code="second_factor",
            )
        return token
