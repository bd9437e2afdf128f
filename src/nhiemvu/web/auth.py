"""API authentication: Django's session (browser calls from our own pages, CSRF checked on
state-changing methods) and bearer tokens (integrations; no cookies, so no CSRF)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from nhiemvu.audit.services import record
from nhiemvu.web.models import ApiToken, hash_token

# Writing last_used on every call would turn each read into a write; once a minute is enough
# to tell a person whether a token is still in use.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer nv_…`."""

    def authenticate(self, request: HttpRequest, token: str):
        if not token:
            return None
        row = (
            ApiToken.objects.active()
            .select_related("user", "user__membership", "user__membership__unit")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        now = timezone.now()
        if row.last_used is None or now - row.last_used > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=row.pk).update(last_used=now)
        request.user = row.user
        request.api_token = row
        return row.user


class SessionAuth(APIKeyCookie):
    """Django's session cookie. Anonymous → None (401); a logged-in user making an unsafe
    call without a valid CSRF token → 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest):
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and check_csrf(request):
            raise HttpError(403, "Thiếu hoặc sai mã CSRF: tải lại trang rồi thử lại.")
        return user


def issue_token(user, name: str, *, days: int | None = None, actor=None) -> tuple[ApiToken, str]:
    expires = timezone.now() + dt.timedelta(days=days) if days else None
    with transaction.atomic():
        token, raw = ApiToken.issue(user, name, expires=expires)
        record("api_token.create", token, actor=actor or user,
               after={"name": name, "user": user.pk, "expires": expires, "prefix": token.prefix})
    return token, raw


def revoke_token(token: ApiToken, *, actor=None) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record("api_token.revoke", token, actor=actor, after={"revoked_at": token.revoked_at})
    return token
