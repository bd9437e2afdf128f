"""What the pages need from the in-app notifications (each user sees only their own)."""

from __future__ import annotations

from django.utils import timezone

from nhiemvu.jobs.models import Notification


def for_user(user, limit: int = 100):
    return Notification.objects.filter(user=user).order_by("read_at", "-created_at", "-id")[:limit]


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (all when `ids` is None); never another user's."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
