"""Rate limits: one bucket per partner key, one per person, one per address.

DRF's UserRateThrottle keys an authenticated request by `request.user.pk`; a partner
key's user has none, so every key would land in one shared bucket and one partner's
traffic would throttle every other. Keys are therefore limited only by their own bucket
(PartnerKeyThrottle), people by theirs (PersonThrottle)."""

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from apps.core.permissions import is_partner_key


class PartnerKeyThrottle(SimpleRateThrottle):
    """Rate limit per partner key: each key has a bucket of its own."""

    scope = "partner_key"

    def get_cache_key(self, request, view):
        if not is_partner_key(request.user):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.api_key.pk}


class PersonThrottle(UserRateThrottle):
    """Rate limit per account (a session), or per address when anonymous; never for a
    partner key, which PartnerKeyThrottle limits."""

    def get_cache_key(self, request, view):
        if is_partner_key(request.user):
            return None
        return super().get_cache_key(request, view)
