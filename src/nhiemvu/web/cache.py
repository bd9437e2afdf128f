"""Short-lived caching of dashboard figures that stays exact: the key includes the id of the
latest audit event, and every change in nhiemvu writes one (services record inside their
transaction), so any change makes a new key. The timeout only bounds memory and catches
changes made outside the services (bulk loads)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from nhiemvu.audit.models import AuditEvent

TIMEOUT = 120


def data_version() -> int:
    return AuditEvent.objects.aggregate(v=Max("id"))["v"] or 0


def cached(name: str, parts: tuple, compute: Callable[[], Any], timeout: int = TIMEOUT) -> Any:
    raw = repr((name, parts, data_version(), timezone.localdate().isoformat()))
    key = "nv:" + hashlib.sha256(raw.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value
