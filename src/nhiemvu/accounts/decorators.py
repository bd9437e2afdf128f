"""Role checks for views: anonymous users go to the sign-in page, wrong roles get 403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from nhiemvu.accounts.models import Role, role_of

STAFF = (Role.ADMIN, Role.OFFICE, Role.LEADER)  # read everything
REVIEWERS = (Role.ADMIN, Role.OFFICE)  # import, accept/return, urge, cancel
ANY = (Role.ADMIN, Role.OFFICE, Role.LEADER, Role.AGENCY)


def role_required(*roles: str):
    allowed = set(roles or ANY)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in allowed:
                raise PermissionDenied("Bạn không có quyền truy cập trang này.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
