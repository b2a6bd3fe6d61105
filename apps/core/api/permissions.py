from rest_framework import permissions

from apps.core.visibility import viewer_for


class ReadForAllWriteForStaff(permissions.BasePermission):
    """Any authenticated client reads; only staff write. No viewset offers delete, so a
    DELETE from staff is a 405: evidence is not hard-deleted."""

    message = "Only investigators (staff accounts) can change records; partner keys read."

    def has_permission(self, request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return viewer_for(request.user).can_write
