"""Sign-in signals, each recorded as an AccessEvent through the service.

django-axes counts failures from the same `user_login_failed` signal. An attempt that
axes refused because the account or address was already locked out is recorded once, by
the lockout receiver, and not also as a wrong password.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from apps.accounts.models import AccessKind
from apps.accounts.services import access_event_record


@receiver(user_logged_in, dispatch_uid="accounts-record-login")
def record_login(sender, request, user, **kwargs) -> None:
    access_event_record(kind=AccessKind.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="accounts-record-logout")
def record_logout(sender, request, user, **kwargs) -> None:
    if user is not None:  # None: the session had already ended
        access_event_record(kind=AccessKind.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="accounts-record-login-failure")
def record_login_failure(sender, credentials, request=None, **kwargs) -> None:
    if _refused_for_an_earlier_lockout(request):
        return  # recorded by record_lockout
    kind = (
        AccessKind.SECOND_FACTOR_FAILED
        if credentials.get("second_factor")
        else AccessKind.LOGIN_FAILED
    )
    access_event_record(kind=kind, request=request, username=str(credentials.get("username") or ""))


def _refused_for_an_earlier_lockout(request) -> bool:
    # Axes' backend marks a refused attempt locked out before the signal; axes' own
    # receiver, which may run before or after this one, marks the failure that reaches the
    # limit, and counts it (axes_failures_since_start), which a refused attempt never is.
    return (
        request is not None
        and getattr(request, "axes_locked_out", False)
        and getattr(request, "axes_failures_since_start", None) is None
    )


@receiver(user_locked_out, dispatch_uid="accounts-record-lockout")
def record_lockout(sender, request, username=None, ip_address=None, **kwargs) -> None:
    access_event_record(kind=AccessKind.LOCKED_OUT, request=request, username=username or "")
