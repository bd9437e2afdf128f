"""Who a user is for nhiemvu: a role, and for agency officers the unit they act for."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị"
    OFFICE = "office", "Văn phòng"
    LEADER = "leader", "Lãnh đạo"
    AGENCY = "agency", "Cán bộ đơn vị"


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership", verbose_name="người dùng"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.AGENCY)
    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", null=True, blank=True, on_delete=models.PROTECT, verbose_name="địa bàn"
    )
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        verbose_name="đơn vị",
    )

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


def role_of(user) -> str | None:
    """The user's role; superusers act as admins."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = getattr(user, "membership", None)
    return membership.role if membership else None


def unit_of(user):
    membership = getattr(user, "membership", None)
    return membership.unit if membership else None


class LoginFailure(models.Model):
    """One failed sign-in, kept to throttle password guessing (per user name and per address)."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    username = models.CharField("tên đăng nhập", max_length=150, db_index=True)
    ip = models.GenericIPAddressField("địa chỉ", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "đăng nhập sai"
        verbose_name_plural = "đăng nhập sai"
