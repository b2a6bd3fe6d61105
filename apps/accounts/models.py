"""Partner API keys (stored as SHA-512 digests, shown once, read-only, revocable), their
daily use, and the permanent record of sign-in events."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import models
from django.utils import timezone
from rest_framework_api_key.models import AbstractAPIKey

from apps.core.history import AuditedHistory, history_register
from apps.core.models import WrittenOnce


class PartnerAPIKey(AbstractAPIKey):
    """A key held by one partner organization. It can only read published records."""

    partner = models.CharField(
        max_length=200, help_text="The organization that holds the key, as staff know it."
    )
    contact = models.CharField(
        max_length=300, blank=True, help_text="Who at the partner to ask about its use."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The key's digest (`hashed_key`) is kept like any field: the secret never is.
    # Its last use is not a change of the key (logins record key use).
    history = AuditedHistory(excluded_fields=["last_used_at"])

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"
        ordering = ["partner", "-created"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.name} ({self.prefix}…)"


class AccessKind(models.TextChoices):
    LOGIN = "login", "logged in"
    LOGOUT = "logout", "logged out"
    LOGIN_FAILED = "login_failed", "wrong username or password"
    SECOND_FACTOR_FAILED = "second_factor_failed", "wrong second-factor code"
    LOCKED_OUT = "locked_out", "locked out (too many failures)"
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "second factor set up"
    SECOND_FACTOR_RESET = "second_factor_reset", "second factor removed by an administrator"
    ENROLLMENT_ISSUED = "enrollment_issued", "second-factor enrollment code issued"
    ENROLLMENT_REFUSED = "enrollment_refused", "wrong second-factor enrollment code"
    KEY_REJECTED = "key_rejected", "API key rejected"
    KEY_LOCKED_OUT = "key_locked_out", "address locked out for invalid API keys"


class AccessEvent(WrittenOnce):
    """One sign-in event: a login, logout, failure, lockout, second-factor change, or a
    rejected partner key. Kept for ever; written once and never changed or deleted
    (apps.core.models.WrittenOnce; the database's append-only triggers refuse too)."""

    kind = models.CharField(max_length=32, choices=AccessKind.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # As typed at the login form (a failure may name no existing account).
    username = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_events",
    )
    partner_key = models.ForeignKey(
        PartnerAPIKey, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    path = models.CharField(max_length=300, blank=True)
    # What else matters: the prefix of a rejected key (never the secret), who reset a
    # second factor and why.
    detail = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # The API key lockout counts an address's recent rejections.
            models.Index(fields=["kind", "ip_address", "at"], name="access_kind_address_time"),
            models.Index(fields=["username", "at"], name="access_username_time"),
        ]

    def __str__(self) -> str:
        who = self.username or (self.partner_key and str(self.partner_key)) or "?"
        return f"{self.get_kind_display()}: {who} from {self.ip_address or '?'} at {self.at}"


class SecondFactorEnrollment(models.Model):
    """A one-time code an administrator issued so that a user can set up a first second
    factor: with a second factor required, a password alone (perhaps stolen) must not be
    enough to enroll an authenticator. Only the code's SHA-256 is kept (the code is a
    random secret of 80 bits, shown once); it expires, is used once, and a newer one
    replaces it. Issuing and using it are AccessEvents, which are the record: this
    table only says whether a code still works."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    code_sha256 = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    # Empty when issued by a management command (the AccessEvent says which).
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = "second-factor enrollment code"

    def __str__(self) -> str:
        return f"Enrollment code of {self.user} issued {self.issued_at:%Y-%m-%d %H:%M}"


class PartnerKeyUse(models.Model):
    """How many requests a partner key made on a day (UTC): the record of key use.

    A counter, so it is updated in place; each key's rejections are AccessEvents."""

    key = models.ForeignKey(PartnerAPIKey, on_delete=models.PROTECT, related_name="uses")
    day = models.DateField()
    requests = models.PositiveBigIntegerField(default=0)
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["key", "day"], name="partner_key_use_once_a_day")
        ]
        verbose_name = "partner key use"

    def __str__(self) -> str:
        return f"{self.key.prefix}… on {self.day}: {self.requests} requests"


# Accounts and groups, with who holds which group and permission. The password hash is
# never copied into history (a change of password is noted as the row's reason), and
# neither is the time of each login.
history_register(
    User,
    module=__name__,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups", "user_permissions"],
)
history_register(Group, module=__name__, m2m_fields=["permissions"])
