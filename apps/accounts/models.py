"""Partner API keys: stored as SHA-512 digests, shown once, read-only, revocable."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import models
from rest_framework_api_key.models import AbstractAPIKey

from apps.core.history import AuditedHistory, history_register


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
