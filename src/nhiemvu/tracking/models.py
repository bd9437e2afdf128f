"""Plans, tasks, assignments, indicators, reporting duties and the follow-up cycle.

Status is never stored: it is computed from the dates kept here (see rules/status.py for the
pure rule and tracking/queries.py for the same rule as SQL). What is stored are facts: the due
date as written, the due date after approved extensions, the accepted completion date, the
cancellation, and counters the database needs to filter fast (urges, last activity).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from nhiemvu.tracking.keys import NO_DUE


class StoredFile(models.Model):
    """A file kept content-addressed under MEDIA_ROOT/documents/<sha256> (see documents.py)."""

    sha256 = models.CharField("mã băm SHA-256", max_length=64, unique=True)
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng")
    content_type = models.CharField("kiểu tệp", max_length=100, blank=True)
    created_at = models.DateTimeField("lưu lúc", default=timezone.now)

    class Meta:
        verbose_name = "tệp lưu trữ"
        verbose_name_plural = "tệp lưu trữ"

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PUBLISHED = "published", "Đã ban hành"
        CLOSED = "closed", "Đã đóng"

    jurisdiction = models.ForeignKey(
        "directory.Jurisdiction", on_delete=models.PROTECT, related_name="plans", verbose_name="địa bàn"
    )
    document = models.ForeignKey(
        StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="plans",
        verbose_name="văn bản gốc",
    )
    source_name = models.CharField("tên tệp nguồn", max_length=255, blank=True)
    kind = models.CharField("loại văn bản", max_length=64, blank=True)
    number = models.CharField("số hiệu", max_length=64, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    title = models.TextField("trích yếu", blank=True)
    period_start = models.DateField("từ ngày", null=True, blank=True)
    period_due = models.DateField("đến ngày", null=True, blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT)
    # The extraction as imported, so the review screen can compare and a revision can be diffed.
    extraction = models.JSONField("kết quả trích xuất", default=dict, blank=True)
    revises = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions",
        verbose_name="sửa đổi cho",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người nhập",
    )
    published_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người ban hành",
    )
    closed_at = models.DateTimeField("đóng lúc", null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        indexes = [models.Index(fields=["jurisdiction", "status"]), models.Index(fields=["number"])]

    def __str__(self) -> str:
        head = " ".join(p for p in (self.kind, self.number) if p)
        return f"{head}: {self.title}" if head else (self.title or f"Kế hoạch #{self.pk}")


class Section(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections", verbose_name="kế hoạch")
    title = models.TextField("tên mục")
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "mục"
        verbose_name_plural = "mục"

    def __str__(self) -> str:
        return self.title


# --- search_text: added by the API helper (minimal change, blocking for search) ---------------
# Search ignores accents and case ("tai chinh" finds "Tài chính"). Folding in SQL is not
# possible on SQLite (a Python function per row costs ~0.4 s per search at 100,000 tasks), so
# the folded text is stored and kept in step on every write path: save() and bulk_create().
SEARCH_FIELDS = ("ref", "content", "product")


def search_text_of(task) -> str:
    from nhiemvu.vn.text import fold_words

    return fold_words(" ".join(str(getattr(task, f, "") or "") for f in SEARCH_FIELDS))


class TaskManager(models.Manager):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.search_text = search_text_of(obj)
        return super().bulk_create(objs, *args, **kwargs)
# -----------------------------------------------------------------------------------------------


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name="kế hoạch")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks", verbose_name="mục"
    )
    ref = models.CharField("số thứ tự", max_length=64, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    content = models.TextField("nội dung")
    due_text = models.CharField("thời gian hoàn thành (nguyên văn)", max_length=500, blank=True)
    start = models.DateField("bắt đầu", null=True, blank=True)
    # `due` is the date the document set and is never changed; approved extensions set
    # `extended_due`. The effective due date is extended_due or due.
    due = models.DateField("hạn hoàn thành", null=True, blank=True)
    extended_due = models.DateField("hạn sau gia hạn", null=True, blank=True)
    recurring = models.BooleanField("thường xuyên/định kỳ", default=False)
    product = models.TextField("sản phẩm", blank=True)
    funding = models.TextField("kinh phí", blank=True)
    directed_by = models.CharField("chỉ đạo thực hiện", max_length=255, blank=True)
    source = models.JSONField("vị trí trong văn bản", default=dict, blank=True)
    ocr = models.BooleanField("đọc bằng OCR", default=False)
    # Set when the Office accepts the lead unit's completion report: the report's date.
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    cancelled = models.BooleanField("đã huỷ", default=False)
    cancelled_on = models.DateField("ngày huỷ", null=True, blank=True)
    cancel_decision = models.CharField("văn bản huỷ", max_length=255, blank=True)
    cancel_reason = models.TextField("lý do huỷ", blank=True)
    # Kept up to date by the services so "stale", "idle" and "escalated" are SQL filters.
    last_activity_on = models.DateField("hoạt động gần nhất", null=True, blank=True)
    urge_count = models.PositiveIntegerField("số lần đôn đốc", default=0)
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to",
        verbose_name="tiếp tục từ",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    # Accent- and case-folded ref + content + product, for search (added by the API helper).
    search_text = models.TextField("nội dung không dấu (tìm kiếm)", blank=True, default="", editable=False)

    objects = TaskManager()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        indexes = [
            models.Index(fields=["plan", "order"]),
            models.Index(fields=["due"]),
            models.Index(fields=["completed_on"]),
            # Open work by effective due date (extended or original): the overdue list and the
            # inboxes read it in order; counts of open statuses are range scans on it.
            models.Index(
                Coalesce("extended_due", "due"), "id", name="task_open_eff_due",
                condition=Q(completed_on__isnull=True, cancelled=False),
            ),
            # Period statistics: tasks due from a date on, or with no due date (BitmapOr).
            models.Index(Coalesce("extended_due", "due"), name="task_eff_due"),
            # Everything the status depends on, per plan: dashboards of the live plans are
            # index-only scans on PostgreSQL.
            models.Index(
                fields=["plan", "cancelled", "recurring", "completed_on", "due", "extended_due", "start", "id"],
                name="task_status_facts_id",
            ),
            # Open work of given plans by due date: the overdue list of the live plans.
            models.Index(
                "plan", Coalesce("extended_due", "due"), name="task_open_plan_due",
                condition=Q(completed_on__isnull=True, cancelled=False),
            ),
            # Everything an open task's status depends on, per plan: the open part of the
            # status counts (settled work is read from PlanTally) is an index-only scan.
            models.Index(fields=["plan", "recurring", "start", "due", "extended_due"], name="task_open_facts",
                         condition=Q(completed_on__isnull=True, cancelled=False)),
            # ... and open work due from a date on, per plan: "due soon / in progress" counts.
            # (cancelled and completed_on are constant here, but the status conditions read them.)
            models.Index("plan", "recurring", Coalesce("extended_due", "due"), "start", "due", "extended_due",
                         "cancelled", "completed_on", name="task_open_due_facts",
                         condition=Q(completed_on__isnull=True, cancelled=False)),
            # Period statistics: "no due date or due from the period's start on" is ONE range
            # on the keyed due date (NO_DUE for none), covering the columns the counts read.
            models.Index(Coalesce("extended_due", "due", Value(NO_DUE)), "plan", "cancelled", "recurring",
                         "completed_on", "start", "due", "extended_due", "id", name="task_period_key"),
        ]
        constraints = [
            # NO_DUE stands for "no due date" in keyed columns and indexes, so no real date may equal it.
            models.CheckConstraint(condition=Q(due__isnull=True) | Q(due__lt=NO_DUE), name="task_due_before_no_due"),
            models.CheckConstraint(condition=Q(extended_due__isnull=True) | Q(extended_due__lt=NO_DUE),
                                   name="task_extended_due_before_no_due"),
        ]

    def __str__(self) -> str:
        text = self.content if len(self.content) <= 80 else self.content[:77] + "…"
        return f"{self.ref} {text}".strip()

    @property
    def effective_due(self):
        return self.extended_due or self.due

    def save(self, *args, **kwargs):
        # Keep search_text in step (see SEARCH_FIELDS above; added by the API helper).
        self.search_text = search_text_of(self)
        fields = kwargs.get("update_fields")
        if fields is not None and set(fields) & set(SEARCH_FIELDS):
            kwargs["update_fields"] = [*fields, "search_text"]
        super().save(*args, **kwargs)


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        SUPPORT = "support", "Phối hợp"

    class Kind(models.TextChoices):
        UNIT = "unit", "Đơn vị"
        GROUP = "group", "Nhóm đơn vị"
        RELATED = "related", "Các cơ quan liên quan"
        UNRESOLVED = "unresolved", "Chưa xác định"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments", verbose_name="nhiệm vụ")
    # Null for a group phrase, the "related agencies" marker, or a name not resolved yet.
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments",
        verbose_name="đơn vị",
    )
    role = models.CharField("vai trò", max_length=8, choices=Role.choices, default=Role.LEAD)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.UNIT)
    name_as_written = models.CharField("tên trong văn bản", max_length=500, blank=True)
    # A group phrase expanded to its member units keeps the phrase on each member's row.
    via_group = models.CharField("thuộc nhóm", max_length=500, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    # An approved removal request: kept (statistics may count against the original list).
    removed_on = models.DateField("rút khỏi danh sách ngày", null=True, blank=True)
    # Copies of the task's status facts, kept by database triggers (tracking/stats.py) whatever
    # writes the task or the assignment, so the per-unit statistics read this table alone.
    # Due dates are keyed: NO_DUE when the task has none. Never set these by hand.
    t_plan = models.ForeignKey(Plan, null=True, editable=False, on_delete=models.DO_NOTHING, db_constraint=False,
                               db_index=False, related_name="+", verbose_name="kế hoạch (theo nhiệm vụ)")
    t_start = models.DateField(null=True, editable=False)
    t_eff_key = models.DateField(null=True, editable=False)
    t_due_key = models.DateField(null=True, editable=False)
    t_completed_on = models.DateField(null=True, editable=False)
    t_cancelled = models.BooleanField(null=True, default=False, editable=False)
    t_recurring = models.BooleanField(null=True, default=False, editable=False)

    class Meta:
        ordering = ["task", "role", "order"]
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        indexes = [
            # Per-unit statistics of given plans (no period): index-only scan + group by unit.
            models.Index(fields=["t_plan", "role", "unit", "t_cancelled", "t_recurring", "t_completed_on",
                                 "t_eff_key", "t_start", "t_due_key"], name="assignment_stats_plan",
                         condition=Q(removed_on__isnull=True)),
            # A unit's open work today (the inbox): live assignments of open tasks.
            models.Index(fields=["unit", "task"], name="assignment_open_unit",
                         condition=Q(removed_on__isnull=True, t_completed_on__isnull=True, t_cancelled=False)),
            # Per-unit statistics of a period: a range on the keyed due date, then the same columns.
            models.Index(fields=["t_eff_key", "role", "t_plan", "unit", "t_cancelled", "t_recurring",
                                 "t_completed_on", "t_start"], name="assignment_stats_due",
                         condition=Q(removed_on__isnull=True)),
            models.Index(fields=["unit", "role", "task"]),
            models.Index(fields=["task", "role"]),
            # Live assignments only; both directions are index-only lookups (inbox: unit → tasks;
            # unit tables: task → unit).
            models.Index(fields=["unit", "task"], name="assignment_live_unit", condition=Q(removed_on__isnull=True)),
            models.Index(fields=["task", "role", "unit"], name="assignment_live_task",
                         condition=Q(removed_on__isnull=True)),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit", "role"], name="assignment_unique_unit_role", condition=Q(unit__isnull=False)
            )
        ]

    def __str__(self) -> str:
        who = self.unit.name if self.unit_id else self.name_as_written
        return f"{self.get_role_display()}: {who}"


class PlanTally(models.Model):
    """Counts of a plan's tasks kept by database triggers (tracking/stats.py): cancelled tasks,
    completed ones on time / late against the effective and the original due date, open ones
    recurring (or without a due date) and open ones with a due date. A completion date never
    lies in the future, so the settled statuses and "recurring" no longer change with the date:
    the status counts read them here and scan only the open dated tasks due from today on."""

    plan = models.OneToOneField(Plan, primary_key=True, on_delete=models.CASCADE, related_name="+",
                                verbose_name="kế hoạch")
    cancelled = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    on_time_original = models.IntegerField(default=0)
    late_original = models.IntegerField(default=0)
    open_recurring = models.IntegerField(default=0)
    open_dated = models.IntegerField(default=0)

    class Meta:
        verbose_name = "tổng hợp việc đã xong"
        verbose_name_plural = "tổng hợp việc đã xong"


class Indicator(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators", verbose_name="kế hoạch")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators", verbose_name="mục"
    )
    ref = models.CharField("số thứ tự", max_length=64, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    text = models.TextField("chỉ tiêu")
    source = models.JSONField("vị trí trong văn bản", default=dict, blank=True)
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators",
        verbose_name="đơn vị theo dõi",
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.ref} {self.text}".strip()


class Target(models.Model):
    class Comparator(models.TextChoices):
        GE = ">=", "≥"
        GT = ">", ">"
        LE = "<=", "≤"
        LT = "<", "<"
        EQ = "=", "="

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name="chỉ tiêu")
    scope = models.CharField("phạm vi", max_length=255, blank=True)
    comparator = models.CharField("so sánh", max_length=2, choices=Comparator.choices, default=Comparator.GE)
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    unit = models.CharField("đơn vị tính", max_length=64, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["indicator", "order"]
        verbose_name = "mức chỉ tiêu"
        verbose_name_plural = "mức chỉ tiêu"

    def __str__(self) -> str:
        scope = f"{self.scope}: " if self.scope else ""
        return f"{scope}{self.comparator} {self.value:g} {self.unit}".strip()


class Actual(models.Model):
    """A value recorded for a target in a period ("2023-Q2", "2023")."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="actuals", verbose_name="mức chỉ tiêu")
    period = models.CharField("kỳ", max_length=16)
    value = models.DecimalField("giá trị đạt", max_digits=20, decimal_places=4)
    note = models.TextField("ghi chú", blank=True)
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="đơn vị báo cáo"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người ghi",
    )
    recorded_at = models.DateTimeField("ghi lúc", default=timezone.now)

    class Meta:
        ordering = ["target", "period"]
        verbose_name = "kết quả chỉ tiêu"
        verbose_name_plural = "kết quả chỉ tiêu"
        constraints = [models.UniqueConstraint(fields=["target", "period"], name="actual_unique_period")]


class ReportingDuty(models.Model):
    class Cycle(models.TextChoices):
        WEEKLY = "weekly", "Hằng tuần"
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"
        SEMIANNUAL = "semiannual", "6 tháng"
        NINEMONTH = "ninemonth", "9 tháng"
        ANNUAL = "annual", "Hằng năm"
        ONCE = "once", "Một lần"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_duties", verbose_name="kế hoạch")
    order = models.PositiveIntegerField("thứ tự", default=0)
    text = models.TextField("nội dung")
    cycle = models.CharField("chu kỳ", max_length=12, choices=Cycle.choices, default=Cycle.ONCE)
    due_dates = models.JSONField("các hạn báo cáo", default=list, blank=True)  # ISO dates
    from_names = models.JSONField("đơn vị báo cáo (nguyên văn)", default=list, blank=True)
    to_names = models.JSONField("nơi nhận (nguyên văn)", default=list, blank=True)
    from_units = models.ManyToManyField("directory.Unit", blank=True, related_name="+", verbose_name="đơn vị báo cáo")
    to_units = models.ManyToManyField("directory.Unit", blank=True, related_name="+", verbose_name="nơi nhận")
    source = models.JSONField("vị trí trong văn bản", default=dict, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"

    def __str__(self) -> str:
        return self.text[:80]


class ProgressUpdate(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Nháp"
        SUBMITTED = "submitted", "Đã gửi"
        ACCEPTED = "accepted", "Đã chấp nhận"
        RETURNED = "returned", "Trả lại"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates", verbose_name="nhiệm vụ")
    unit = models.ForeignKey("directory.Unit", on_delete=models.PROTECT, related_name="updates", verbose_name="đơn vị")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người báo cáo",
    )
    period = models.CharField("kỳ báo cáo", max_length=16, blank=True)
    reported_on = models.DateField("ngày báo cáo", default=timezone.localdate)
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", default=0)
    text = models.TextField("kết quả thực hiện", blank=True)
    completion = models.BooleanField("báo cáo hoàn thành", default=False)
    state = models.CharField("trạng thái", max_length=12, choices=State.choices, default=State.SUBMITTED)
    review_comment = models.TextField("ý kiến Văn phòng", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người duyệt",
    )
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        indexes = [
            models.Index(fields=["task", "reported_on"]),
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["state", "reported_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.percent}% ({self.get_state_display()})"


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence", verbose_name="báo cáo")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+", verbose_name="tệp")
    name = models.CharField("tên tệp", max_length=255)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đồng ý"
    REFUSED = "refused", "Không đồng ý"


class UnitRequest(models.Model):
    """What a unit asks of the Office and the Office decides: who asked, the decision, when."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người đề nghị",
    )
    state = models.CharField("trạng thái", max_length=10, choices=Decision.choices, default=Decision.PENDING)
    comment = models.TextField("ý kiến Văn phòng", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người duyệt",
    )
    decided_at = models.DateTimeField("duyệt lúc", null=True, blank=True)
    created_at = models.DateTimeField("đề nghị lúc", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Extension(UnitRequest):
    """A request to move a task's due date (gia hạn); the original due date stays on the task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions", verbose_name="nhiệm vụ")
    unit = models.ForeignKey("directory.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị đề nghị")
    old_due = models.DateField("hạn cũ", null=True, blank=True)
    new_due = models.DateField("hạn đề nghị")
    reason = models.TextField("lý do")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đề nghị gia hạn"
        verbose_name_plural = "đề nghị gia hạn"
        indexes = [models.Index(fields=["state", "created_at"])]


class RemovalRequest(UnitRequest):
    """A lead unit asks to take a task off its list (not applicable / depends on a decision elsewhere)."""

    class Reason(models.TextChoices):
        NOT_APPLICABLE = "not_applicable", "Không thuộc chức năng của đơn vị"
        DEPENDS_ELSEWHERE = "depends_elsewhere", "Phụ thuộc quyết định của cơ quan khác"
        OTHER = "other", "Lý do khác"

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="removal_requests", verbose_name="phân công"
    )
    reason_kind = models.CharField("loại lý do", max_length=20, choices=Reason.choices, default=Reason.OTHER)
    reason = models.TextField("lý do")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đề nghị rút nhiệm vụ"
        verbose_name_plural = "đề nghị rút nhiệm vụ"


class Urge(models.Model):
    """An urging notice (đôn đốc) sent about a task, to one unit or to all its lead units."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="urges", verbose_name="nhiệm vụ")
    unit = models.ForeignKey(
        "directory.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="đơn vị"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="người đôn đốc",
    )
    note = models.TextField("nội dung", blank=True)
    sent_on = models.DateField("ngày đôn đốc", default=timezone.localdate)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "đôn đốc"
        verbose_name_plural = "đôn đốc"
