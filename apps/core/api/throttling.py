from rest_framework.throttling import SimpleRateThrottle


class PartnerKeyThrottle(SimpleRateThrottle):
    """Rate limit per partner key (staff sessions are limited per user by 'user')."""

    scope = "partner_key"

    def get_cache_key(self, request, view):
        key = getattr(request.user, "api_key", None)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}
