"""The one place that decides who sees what.

Staff (people logged in to the admin, or using the API with their session) see every
record. Everyone else — partners with an API key, any non-staff account — sees only
what reviewers published. Selectors take a `Viewer`; views get it from `viewer_for`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    sees_unpublished: bool
    can_write: bool
    # Archived files (WARC, the page itself) are evidence handled by staff only.
    downloads_captures: bool = False

    @classmethod
    def staff(cls) -> Viewer:
        return cls(sees_unpublished=True, can_write=True, downloads_captures=True)

    @classmethod
    def public(cls) -> Viewer:
        return cls(sees_unpublished=False, can_write=False)


def viewer_for(user) -> Viewer:
    if getattr(user, "api_key", None) is not None:
        return Viewer.public()  # partner keys read published records only
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        return Viewer.staff()
    return Viewer.public()
