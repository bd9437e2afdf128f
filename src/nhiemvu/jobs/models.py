"""Scheduled jobs and what they sent.

A run is claimed by inserting its (job, scheduled_for) row: the unique constraint lets
exactly one worker win, on SQLite and PostgreSQL alike, so a second worker (or a
restarted one) never runs the same occurrence twice. Reminders carry an idempotency
key per (user, task, kind, day) for the same reason."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    name = models.SlugField("mã", max_length=64, unique=True)
    kind = models.CharField("loại", max_length=32)  # a key of jobs.worker.HANDLERS
    description = models.CharField("mô tả", max_length=255, blank=True)
    # Runs once a day at this local time (Asia/Ho_Chi_Minh unless TIME_ZONE says otherwise).
    run_at = models.TimeField("giờ chạy", default="07:00")
    enabled = models.BooleanField("đang bật", default=True)
    next_run_at = models.DateTimeField("lần chạy tới", null=True, blank=True)
    last_run_at = models.DateTimeField("lần chạy gần nhất", null=True, blank=True)

    class Meta:
        verbose_name = "tác vụ định kỳ"
        verbose_name_plural = "tác vụ định kỳ"

    def __str__(self) -> str:
        return self.description or self.name


class JobRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Đang chạy"
        OK = "ok", "Hoàn thành"
        FAILED = "failed", "Lỗi"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="runs", verbose_name="tác vụ")
    scheduled_for = models.DateTimeField("lịch chạy")
    started_at = models.DateTimeField("bắt đầu", default=timezone.now)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.RUNNING)
    worker = models.CharField("tiến trình", max_length=128, blank=True)
    result = models.JSONField("kết quả", default=dict, blank=True)
    error = models.TextField("lỗi", blank=True)

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = "lần chạy"
        verbose_name_plural = "lần chạy"
        constraints = [models.UniqueConstraint(fields=["job", "scheduled_for"], name="jobrun_once_per_slot")]

    def __str__(self) -> str:
        return f"{self.job} @ {self.scheduled_for:%d/%m/%Y %H:%M} ({self.get_status_display()})"


class Notification(models.Model):
    """An in-app notice shown to one user."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Sắp đến hạn"
        OVERDUE = "overdue", "Quá hạn"
        REPORT_DEADLINE = "report_deadline", "Sắp đến hạn gửi báo cáo"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    task = models.ForeignKey(
        "tracking.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name="nhiệm vụ"
    )
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class SentReminder(models.Model):
    """One reminder given to one user: never the same (user, subject, kind, day) twice."""

    key = models.CharField("khóa", max_length=200, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey("tracking.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField("đối tượng", max_length=120)  # "task:12" or "report:3:2023-Q2"
    kind = models.CharField("loại", max_length=20, choices=Notification.Kind.choices)
    day = models.DateField("ngày")
    notification = models.ForeignKey(Notification, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # Null until the day's digest carrying it was accepted by the mail server, so a failed
    # send is retried by the next run that day and a sent one never again.
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "nhắc việc đã gửi"
        verbose_name_plural = "nhắc việc đã gửi"
        indexes = [models.Index(fields=["user", "day"])]

    @staticmethod
    def make_key(user_id: int, subject: str, kind: str, day) -> str:
        return f"{user_id}:{subject}:{kind}:{day.isoformat()}"
