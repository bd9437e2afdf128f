"""What every router shares: the acting user's role and unit, scope checks, errors.

Rule for objects outside the user's scope: 404, never 403, so ids cannot be probed. 403 is
only for an action the user's role may not take on an object it is allowed to see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Schema
from ninja.errors import HttpError

from nhiemvu.accounts.models import Role, role_of, unit_of


class Error(Schema):
    detail: str


class Ok(Schema):
    ok: bool = True


NOT_FOUND = "Không tìm thấy đối tượng hoặc bạn không có quyền xem."
FORBIDDEN = "Vai trò của bạn không được thực hiện thao tác này."

# Common error responses, so the schema documents them.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error}


def user_of(request: HttpRequest):
    return request.auth  # set by the auth callbacks (TokenAuth / SessionAuth)


def role(request: HttpRequest) -> str | None:
    return role_of(user_of(request))


def unit(request: HttpRequest):
    return unit_of(user_of(request))


def is_staff_role(request: HttpRequest) -> bool:
    """Admin, Office and leaders see everything of their jurisdiction."""
    return role(request) in (Role.ADMIN, Role.OFFICE, Role.LEADER)


def require(allowed: bool, message: str = FORBIDDEN) -> None:
    if not allowed:
        raise HttpError(403, message)


def require_role(request: HttpRequest, *roles: str) -> None:
    require(role(request) in roles)


def not_found() -> Http404:
    return Http404(NOT_FOUND)


def cached_result(request: HttpRequest, name: str, compute: Callable[[], Any]) -> Any:
    """A GET handler's result kept until the data changes (web/cache.py: keyed on the latest
    audit event), shared only by users of the same scope asking the same path and query."""
    from nhiemvu.web.cache import cached, scope_key

    return cached("api:" + name, (scope_key(user_of(request)), request.get_full_path()), compute)


def get_in(qs, **lookup):
    """One object from an already-scoped queryset, or 404."""
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise not_found()
    return obj
