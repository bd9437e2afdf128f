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


class ImportJob(models.Model):
    """One upload being turned into a draft plan, in the background (jobs.imports).

    The file is stored (content-addressed) before the job exists, so a failed job can be
    retried from it. `heartbeat_at` moves with every progress step: a running job whose
    heartbeat stops (its process died) is marked failed by `imports.fail_stale`."""

    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ xử lý"
        RUNNING = "running", "Đang xử lý"
        DONE = "done", "Hoàn thành"
        FAILED = "failed", "Lỗi"

    class Outcome(models.TextChoices):
        CREATED = "created", "Đã tạo kế hoạch nháp"
        REPLACED = "replaced", "Đã thay bản nháp"
        DUPLICATE = "duplicate", "Tệp đã được nhập trước đây"
        NEEDS_CONFIRMATION = "needs_confirmation", "Văn bản sửa đổi, chờ xác nhận"

    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.QUEUED)
    stage = models.CharField("bước", max_length=16, default="queued")  # a key of jobs.imports.STAGES
    done = models.PositiveIntegerField("đã xong", default=0)  # pages, when the stage counts them
    total = models.PositiveIntegerField("tổng số", null=True, blank=True)
    message = models.CharField("thông báo", max_length=300, blank=True)
    error = models.TextField("lỗi", blank=True)  # Vietnamese, shown to the user

    jurisdiction = models.ForeignKey("directory.Jurisdiction", on_delete=models.CASCADE, related_name="+",
                                     verbose_name="địa bàn")
    document = models.ForeignKey("tracking.StoredFile", on_delete=models.PROTECT, related_name="+",
                                 verbose_name="tệp")
    name = models.CharField("tên tệp", max_length=255)
    replace = models.BooleanField("thay bản nháp", default=False)
    retry_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="người tải lên")

    outcome = models.CharField("kết quả", max_length=20, choices=Outcome.choices, blank=True)
    plan = models.ForeignKey("tracking.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name="kế hoạch")
    result = models.JSONField("chi tiết", default=dict, blank=True)  # unresolved names, warnings, diff
    # Kept when a revision waits for confirmation, so confirming does not extract again.
    extraction = models.JSONField("kết quả trích xuất", null=True, blank=True)
    # The document's text lines (the review screen's source pane), so it needs no second read (OCR).
    lines = models.JSONField("nội dung văn bản", null=True, blank=True)

    worker = models.CharField("tiến trình", max_length=128, blank=True)
    created_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    heartbeat_at = models.DateTimeField("cập nhật lúc", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lượt nhập văn bản"
        verbose_name_plural = "lượt nhập văn bản"
        indexes = [models.Index(fields=["state", "heartbeat_at"]), models.Index(fields=["plan", "state"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
