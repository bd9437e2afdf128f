"""Per-jurisdiction and per-plan report settings: how periods are cut, and who issues
and signs the Office's reports."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class ReportSetting(models.Model):
    class Mode(models.TextChoices):
        DECREE_09 = "nd09", "Theo Nghị định 09/2019/NĐ-CP (15 tháng trước → 14)"
        CALENDAR = "calendar", "Theo tháng dương lịch (ngày 1 → cuối tháng)"

    # Exactly one of the two: a plan's setting overrides its jurisdiction's.
    jurisdiction = models.OneToOneField(
        "directory.Jurisdiction", null=True, blank=True, on_delete=models.CASCADE, related_name="report_setting",
        verbose_name="địa bàn",
    )
    plan = models.OneToOneField(
        "tracking.Plan", null=True, blank=True, on_delete=models.CASCADE, related_name="report_setting",
        verbose_name="kế hoạch",
    )
    mode = models.CharField("cách chốt số liệu", max_length=16, choices=Mode.choices, default=Mode.DECREE_09)
    cutoff_day = models.PositiveSmallIntegerField("ngày chốt số liệu", default=14)
    send_day = models.PositiveSmallIntegerField("hạn gửi (ngày trong tháng)", null=True, blank=True)
    send_working_days = models.PositiveSmallIntegerField("số ngày làm việc để gửi sau khi chốt", default=1)
    holidays = models.JSONField("ngày nghỉ lễ thêm (ISO)", default=list, blank=True)
    issuer_parent = models.CharField("cơ quan chủ quản", max_length=255, blank=True)
    issuer_name = models.CharField("cơ quan ban hành báo cáo", max_length=255, blank=True)
    issuer_code = models.CharField("chữ viết tắt cơ quan", max_length=32, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    signer_authority = models.CharField("thẩm quyền ký (KT., TL.)", max_length=100, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.JSONField("nơi nhận báo cáo", default=list, blank=True)

    class Meta:
        verbose_name = "cấu hình báo cáo"
        verbose_name_plural = "cấu hình báo cáo"
        constraints = [
            models.CheckConstraint(
                condition=Q(jurisdiction__isnull=False, plan__isnull=True)
                | Q(jurisdiction__isnull=True, plan__isnull=False),
                name="report_setting_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"Cấu hình báo cáo: {self.plan or self.jurisdiction}"

    def policy_dict(self) -> dict:
        return {
            "mode": self.mode,
            "cutoff_day": self.cutoff_day,
            "send_day": self.send_day,
            "send_working_days": self.send_working_days,
            "holidays": list(self.holidays or ()),
        }
