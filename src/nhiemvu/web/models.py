"""API tokens for integrations. Only a SHA-256 hash of each token is stored: the token
itself is shown once, when it is created, and cannot be read back from the database."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_PREFIX = "nv_"


def hash_token(raw: str) -> str:
    # Tokens are 256 random bits, so a fast unsalted hash is enough (no dictionary to attack)
    # and lets the lookup be an indexed equality match.
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires__isnull=True) | models.Q(expires__gt=now)
        )


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="người dùng"
    )
    name = models.CharField("tên", max_length=100)
    key_hash = models.CharField("mã băm", max_length=64, unique=True, editable=False)
    # The first characters, so a person can tell their tokens apart in a list.
    prefix = models.CharField("đầu mã", max_length=12, editable=False)
    created = models.DateTimeField("tạo lúc", default=timezone.now)
    last_used = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    expires = models.DateTimeField("hết hạn", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires is None or self.expires > timezone.now()

    @classmethod
    def issue(cls, user, name: str, expires=None) -> tuple[ApiToken, str]:
        """Create a token; returns the row and the raw token (shown once, never stored)."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=hash_token(raw), prefix=raw[:10], expires=expires
        )
        return token, raw
