"""Writing the change log. Every service that changes data calls `record` inside its
own transaction, so a change and its log row commit or roll back together."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from nhiemvu.audit.models import AuditEvent


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (foreign keys as ids)."""
    names = list(fields) if fields is not None else [
        f.attname for f in obj._meta.concrete_fields  # type: ignore[attr-defined]
    ]
    return {name: _jsonable(getattr(obj, name, None)) for name in names}


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[dict, dict]:
    """Only the keys that changed, on both sides."""
    before = before or {}
    after = after or {}
    keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor=None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    unit=None,
    note: str = "",
    object_type: str | None = None,
    object_id: str | int | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    """Append one event. `actor` is a user or None for the system (CLI, scheduled jobs)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
        object_repr = object_repr if object_repr is not None else str(obj)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_name=(actor.get_username() if is_user else "hệ thống"),
        action=action,
        object_type=object_type or "",
        object_id="" if object_id is None else str(object_id),
        object_repr=(object_repr or "")[:300],
        unit=unit,
        before=_jsonable(before),
        after=_jsonable(after),
        note=note,
    )


def history(obj: models.Model):
    """Events about one object, newest first."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
