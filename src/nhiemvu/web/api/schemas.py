"""Response and request shapes shared by several routers. Dates are ISO in JSON (the pages
show dd/mm/yyyy); every field has a Vietnamese description in the schema."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class UnitRef(Schema):
    id: int
    name: str
    short_name: str = ""


class AssignmentOut(Schema):
    role: str = Field(description="lead (chủ trì) | support (phối hợp)")
    kind: str = Field(description="unit | group | related | unresolved")
    unit: UnitRef | None
    name_as_written: str = Field(description="Tên cơ quan như trong văn bản")
    via_group: str = ""
    removed_on: dt.date | None = None


class PlanRef(Schema):
    id: int
    kind: str
    number: str
    title: str


class TaskRow(Schema):
    id: int
    plan_id: int
    section_id: int | None
    ref: str = Field(description="Số thứ tự trong văn bản, ví dụ II.3")
    content: str
    due_text: str = Field(description="Thời gian hoàn thành như văn bản ghi")
    due: dt.date | None
    extended_due: dt.date | None
    completed_on: dt.date | None
    recurring: bool
    cancelled: bool
    status: str = Field(description="not_yet_due | in_progress | due_soon | overdue | completed_on_time | "
                                    "completed_late | recurring | cancelled")
    status_label: str
    urge_count: int
    last_activity_on: dt.date | None
    leads: list[str] = Field(description="Cơ quan chủ trì")
    supports: list[str] = Field(description="Cơ quan phối hợp")


class TaskPage(Schema):
    items: list[TaskRow]
    limit: int
    offset: int
    has_more: bool


class EvidenceOut(Schema):
    id: int
    name: str
    size: int
    url: str


class UpdateOut(Schema):
    id: int
    unit: UnitRef
    author: str | None
    period: str
    reported_on: dt.date
    percent: int
    text: str
    completion: bool
    state: str = Field(description="draft | submitted | accepted | returned")
    review_comment: str
    reviewed_at: dt.datetime | None
    evidence: list[EvidenceOut]


class ExtensionOut(Schema):
    id: int
    unit: UnitRef
    old_due: dt.date | None
    new_due: dt.date
    reason: str
    state: str = Field(description="pending | approved | refused")
    comment: str
    decided_at: dt.datetime | None
    created_at: dt.datetime


class UrgeOut(Schema):
    id: int
    unit: UnitRef | None
    note: str
    sent_on: dt.date
    actor: str | None


class AuditOut(Schema):
    at: dt.datetime
    actor_name: str
    action: str
    note: str
    before: dict | list | None
    after: dict | list | None


class TaskDetail(TaskRow):
    plan: PlanRef
    section: str | None
    start: dt.date | None
    product: str
    funding: str
    directed_by: str
    source: dict = Field(description="Vị trí trong văn bản: dòng hoặc ô bảng")
    ocr: bool
    cancel_decision: str
    cancel_reason: str
    is_stale: bool
    days_overdue: int | None
    assignments: list[AssignmentOut]
    updates: list[UpdateOut]
    extensions: list[ExtensionOut]
    urges: list[UrgeOut]
    history: list[AuditOut]
    can_report: bool
    can_review: bool
