"""Short-lived caching of figures and rendered page parts that stays exact: the key includes
the id of the latest audit event, and every change in nhiemvu writes one (services record
inside their transaction), so any change makes a new key. The timeout only bounds memory and
catches changes made outside the services (bulk loads).

A cached page part is keyed on the user's *scope* (role, jurisdiction, unit: everything
`visible_tasks` depends on) and never holds anything of one user: CSRF tokens are rendered
as a placeholder and put in per request."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from nhiemvu.accounts.models import role_of
from nhiemvu.audit.models import AuditEvent

TIMEOUT = 120
# Rendered where {% csrf_token %} goes in a cached part, replaced by the request's own token.
CSRF_PLACEHOLDER = "nvCsrfPlaceholder0"
_LOCKS = tuple(threading.Lock() for _ in range(64))
_held = threading.local()


def data_version() -> int:
    # Raw SQL: the ORM aggregate costs ~0.3 ms of CPU to build, on every cached page.
    with connection.cursor() as c:
        c.execute(f"SELECT MAX(id) FROM {AuditEvent._meta.db_table}")  # noqa: S608 - a model's table name
        row = c.fetchone()
    return row[0] or 0


def scope_key(user) -> tuple:
    """What decides which tasks and actions a user sees (see tracking.permissions)."""
    membership = getattr(user, "membership", None)
    return (role_of(user), getattr(membership, "jurisdiction_id", None), getattr(membership, "unit_id", None))


def cached(name: str, parts: tuple, compute: Callable[[], Any], timeout: int = TIMEOUT) -> Any:
    raw = repr((name, parts, data_version(), timezone.localdate().isoformat()))
    key = "nv:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        if getattr(_held, "lock", False):
            # Nested inside another miss: a thread holds at most one lock (no lock-order deadlock).
            value = compute()
            cache.set(key, value, timeout)
            return value
        # Threads of this process that miss the same key wait for the first one instead of all
        # computing it (after a change, every open page asks again at once).
        with _LOCKS[int(key[-8:], 16) % len(_LOCKS)]:
            _held.lock = True
            try:
                value = cache.get(key)
                if value is None:
                    value = compute()
                    cache.set(key, value, timeout)
            finally:
                _held.lock = False
    return value


def cached_part(request, name: str, template: str, context: Callable[[], dict], parts: tuple = ()) -> SafeString:
    """`template` rendered with `context()` (plus `request`), kept until the data changes.

    The key holds the user's scope and the full path (the query string decides filters,
    sorting and links), so two users share a part only when they may see the same thing.
    The part is rendered without context processors: of theirs it gets only `nv_role` (part of
    the scope); it must not use `user`, `messages` or the other `nv_*` values."""
    scope = scope_key(request.user)

    def render() -> str:
        ctx = {"nv_role": scope[0], **context(), "request": request, "csrf_token": CSRF_PLACEHOLDER}
        return get_template(template).render(ctx)

    html = cached(name, (scope, request.get_full_path(), *parts), render)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - our own template's output
