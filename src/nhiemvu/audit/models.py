"""The change log: one append-only row per change to any object (NetBox's ObjectChange)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")

    def delete(self):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")


class AuditEvent(models.Model):
    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người thực hiện",
    )
    # Kept as text too, so the log still reads right after a user is removed.
    actor_name = models.CharField("tên người thực hiện", max_length=150, blank=True)
    action = models.CharField("hành động", max_length=64, db_index=True)
    object_type = models.CharField("loại đối tượng", max_length=64, db_index=True)
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("đối tượng", max_length=300, blank=True)
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="đơn vị liên quan",
    )
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name or 'hệ thống'}: {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký thay đổi chỉ được ghi thêm, không được xoá.")
