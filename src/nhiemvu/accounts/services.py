"""User administration: every change in one transaction with its audit event."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from nhiemvu.accounts.models import Membership
from nhiemvu.audit.services import record

FIELDS = ("username", "first_name", "email", "is_active")


def _state(user) -> dict:
    m = getattr(user, "membership", None)
    return {
        **{f: getattr(user, f) for f in FIELDS},
        "role": m.role if m else None,
        "jurisdiction": m.jurisdiction_id if m else None,
        "unit": m.unit_id if m else None,
    }


@transaction.atomic
def save_user(data: dict, *, actor, user=None):
    """Create (user=None) or update a user and their membership from cleaned form data."""
    User = get_user_model()
    before = _state(user) if user is not None else None
    if user is None:
        user = User(username=data["username"])
    user.first_name = data.get("full_name") or ""
    user.email = data.get("email") or ""
    user.is_active = bool(data.get("is_active"))
    if data.get("password"):
        user.set_password(data["password"])  # argon2 (settings.PASSWORD_HASHERS)
    user.save()
    Membership.objects.update_or_create(
        user=user,
        defaults={"role": data["role"], "jurisdiction": data.get("jurisdiction"), "unit": data.get("unit")},
    )
    user.refresh_from_db()
    after = _state(user)
    record(
        "user.create" if before is None else "user.update", user, actor=actor, before=before, after=after,
        unit=data.get("unit"), note="đổi mật khẩu" if data.get("password") and before else "",
    )
    return user
