"""Login throttling: too many failed sign-ins for one user name, or from one address,
within a window locks further attempts until the window passes. Kept in the database so
it holds across server threads and processes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from nhiemvu.accounts.models import LoginFailure

MAX_PER_USERNAME = getattr(settings, "NHIEMVU_LOGIN_MAX_FAILURES", 5)
MAX_PER_IP = getattr(settings, "NHIEMVU_LOGIN_MAX_FAILURES_PER_IP", 30)
WINDOW = dt.timedelta(minutes=getattr(settings, "NHIEMVU_LOGIN_LOCK_MINUTES", 15))


def _norm(username: str) -> str:
    return (username or "").strip().lower()[:150]


def is_locked(username: str, ip: str | None) -> bool:
    since = timezone.now() - WINDOW
    recent = LoginFailure.objects.filter(at__gte=since)
    if recent.filter(username=_norm(username)).count() >= MAX_PER_USERNAME:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= MAX_PER_IP


def note_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=_norm(username), ip=ip or None)


def clear(username: str) -> None:
    LoginFailure.objects.filter(username=_norm(username)).delete()


def client_ip(request) -> str | None:
    # Behind a reverse proxy the deployment sets REMOTE_ADDR correctly (waitress trusted_proxy);
    # X-Forwarded-For is not trusted here because a client can forge it.
    return request.META.get("REMOTE_ADDR") or None
