"""Tasks: list with filters, detail, and the follow-up actions (progress, accept/return,
extensions, urge, cancel). Every lookup starts from `visible_tasks(user)`, so an object outside
the user's scope is a 404; a visible object the role may not act on is a 403."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Case, CharField, F, IntegerField, Prefetch, Q, Value, When
from django.db.models.functions import Cast, Coalesce
from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from nhiemvu.accounts.models import Role
from nhiemvu.rules.status import (
    DUE_SOON,
    IN_PROGRESS,
    LABELS,
    NOT_YET_DUE,
    OVERDUE,
    RECURRING,
    STATUSES,
    compute_status,
    days_overdue,
    is_stale,
)
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.models import Assignment, Evidence, Extension, Plan, ProgressUpdate, Task
from nhiemvu.web.api.common import ERRORS, cached_result, get_in, not_found, require, role, unit, user_of
from nhiemvu.web.api.schemas import ExtensionOut, TaskDetail, TaskPage, TaskRow, UpdateOut, UrgeOut
from nhiemvu.web.search import search_phrase

router = Router()

MAX_LIMIT = 200


class TaskFilters(Schema):
    status: list[str] | None = Field(None, description="Một hoặc nhiều mã trạng thái")
    unit: int | None = Field(None, description="Mã đơn vị (chủ trì hoặc phối hợp)")
    role: str | None = Field(None, pattern="^(lead|support)$", description="Chỉ vai trò chủ trì/phối hợp của `unit`")
    plan: int | None = Field(None, description="Mã kế hoạch")
    section: int | None = None
    due_before: dt.date | None = Field(None, description="Hạn (sau gia hạn) đến hết ngày này")
    q: str | None = Field(None, max_length=200, description="Tìm trong nội dung, không phân biệt dấu và hoa thường")
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


def _queries():
    from nhiemvu.tracking import queries

    return queries


def _services():
    from nhiemvu.tracking import services

    return services


def _live_assignments():
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(removed_on__isnull=True).select_related("unit"),
        to_attr="live_assignments",
    )


def _names(task: Task, role_: str) -> list[str]:
    return [
        (a.unit.name if a.unit_id else a.name_as_written)
        for a in getattr(task, "live_assignments", task.assignments.all())
        if a.role == role_
    ]


def _row(task: Task) -> dict:
    return {
        "id": task.pk, "plan_id": task.plan_id, "section_id": task.section_id, "ref": task.ref,
        "content": task.content, "due_text": task.due_text, "due": task.due, "extended_due": task.extended_due,
        "completed_on": task.completed_on, "recurring": task.recurring, "cancelled": task.cancelled,
        "status": task.status, "status_label": LABELS.get(task.status, task.status),
        "urge_count": task.urge_count, "last_activity_on": task.last_activity_on,
        "leads": _names(task, Assignment.Role.LEAD), "supports": _names(task, Assignment.Role.SUPPORT),
    }


def status_only(qs, today: dt.date | None = None):
    """Annotate `status` alone. `queries.with_status` also builds six flag expressions a list
    row does not show; compiling them costs more CPU than running the query (measured with
    bench/web_load.py), so lists use this and the task detail uses the full form."""
    q = _queries()
    whens = [When(q.status_q(code, today), then=Value(code)) for code in STATUSES if code != IN_PROGRESS]
    return q.with_eff_due(qs).annotate(
        status=Case(*whens, default=Value(IN_PROGRESS), output_field=CharField()))


def filter_tasks(qs, f: TaskFilters):
    """The list filters, applied in the database (shared with the stats router)."""
    if f.plan is not None:
        qs = qs.filter(plan_id=f.plan)
    if f.section is not None:
        qs = qs.filter(section_id=f.section)
    if f.unit is not None:
        a = Assignment.objects.filter(unit_id=f.unit, removed_on__isnull=True)
        if f.role:
            a = a.filter(role=f.role)
        qs = qs.filter(pk__in=a.values("task_id"))
    if f.due_before is not None:
        qs = qs.annotate(_eff_due=Coalesce("extended_due", "due")).filter(_eff_due__lte=f.due_before)
    if f.q and f.q.strip():
        qs = search_phrase(qs, f.q)  # the words as written, adjacent (indexed: web/search.py)
    return qs


def scoped_task(request: HttpRequest, task_id: int) -> Task:
    return get_in(perm.visible_tasks(user_of(request)).select_related("plan"), pk=task_id)


@router.get("", response={200: TaskPage, **ERRORS}, summary="Danh sách nhiệm vụ (lọc, tìm kiếm)")
def list_tasks(request: HttpRequest, filters: Query[TaskFilters]):
    unknown = [s for s in (filters.status or []) if s not in STATUSES]
    if unknown:
        from django.core.exceptions import ValidationError

        raise ValidationError(f"Trạng thái không hợp lệ: {', '.join(unknown)}.")
    return cached_result(request, "tasks", lambda: _list(request, filters))


def _list(request: HttpRequest, filters: TaskFilters) -> dict:
    qs = filter_tasks(perm.visible_tasks(user_of(request)), filters)
    if filters.status:
        qs = _queries().filter_status(qs, filters.status)
    qs = status_only(qs).order_by("plan_id", "order", "id").prefetch_related(_live_assignments())
    rows = list(qs[filters.offset: filters.offset + filters.limit + 1])
    return {
        "items": [_row(t) for t in rows[: filters.limit]], "limit": filters.limit, "offset": filters.offset,
        "has_more": len(rows) > filters.limit,
    }


class InboxRow(TaskRow):
    my_role: str = Field(description="Vai trò của đơn vị: lead (chủ trì) | support (phối hợp)")


class Inbox(Schema):
    unit: dict
    items: list[InboxRow]


@router.get("/inbox", response={200: Inbox, **ERRORS},
            summary="Việc đang mở của đơn vị, gấp nhất trước (quá hạn, sắp đến hạn, đang làm…)")
def inbox(request: HttpRequest, unit_id: int | None = None, limit: int = 50):
    return cached_result(request, "inbox", lambda: _inbox(request, unit_id, limit))


def _inbox(request: HttpRequest, unit_id: int | None, limit: int) -> dict:
    from nhiemvu.directory.models import Unit

    if role(request) == Role.AGENCY:
        target = unit(request)
        if target is None or (unit_id is not None and unit_id != target.pk):
            raise not_found()
    else:
        require(perm.can_review(user_of(request)) or role(request) == Role.LEADER)
        if unit_id is None:
            from django.core.exceptions import ValidationError

            raise ValidationError("Cần chọn đơn vị (unit_id).")
        membership = getattr(user_of(request), "membership", None)
        units = Unit.objects.all()
        if membership is not None and membership.jurisdiction_id:
            units = units.filter(jurisdiction_id=membership.jurisdiction_id)
        target = get_in(units, pk=unit_id)
    limit = min(max(limit, 1), MAX_LIMIT)
    # queries.inbox's rule (open work, most urgent first) with the light status annotation.
    q = _queries()
    mine = Assignment.objects.filter(unit=target, removed_on__isnull=True).values("task_id")
    live = Plan.objects.filter(status=Plan.Status.PUBLISHED).values("pk")
    base = perm.visible_tasks(user_of(request)).filter(pk__in=mine, plan_id__in=live).filter(q.open_q())
    order = [OVERDUE, DUE_SOON, IN_PROGRESS, NOT_YET_DUE, RECURRING]
    # The status_q conditions are exclusive, so the rank alone tells the status (one CASE to
    # compile and run instead of two); the default mirrors with_status's (in progress).
    rank = Case(*[When(q.status_q(c), then=Value(i)) for i, c in enumerate(order)],
                default=Value(order.index(IN_PROGRESS)), output_field=IntegerField())
    qs = q.with_eff_due(base).annotate(rank=rank).order_by("rank", F(q.EFF).asc(nulls_last=True), "pk")[:limit]
    rows = list(qs.prefetch_related(_live_assignments()))
    items = []
    for t in rows:
        t.status = order[t.rank]
        mine = [a.role for a in t.live_assignments if a.unit_id == target.pk]
        items.append({**_row(t), "my_role": "lead" if Assignment.Role.LEAD in mine else "support"})
    return {"unit": {"id": target.pk, "name": target.name}, "items": items}


def _unit_ref(u):
    return None if u is None else {"id": u.pk, "name": u.name, "short_name": u.short_name}


def _user_name(u):
    return None if u is None else (u.get_full_name() or u.get_username())


def _update(u: ProgressUpdate) -> dict:
    return {
        "id": u.pk, "unit": _unit_ref(u.unit), "author": _user_name(u.author), "period": u.period,
        "reported_on": u.reported_on, "percent": u.percent, "text": u.text, "completion": u.completion,
        "state": u.state, "review_comment": u.review_comment, "reviewed_at": u.reviewed_at,
        "evidence": [
            {"id": e.pk, "name": e.name, "size": e.file.size,
             "url": reverse("api:evidence_file", kwargs={"evidence_id": e.pk})}
            for e in u.evidence.all()
        ],
    }


def _extension(e: Extension) -> dict:
    return {
        "id": e.pk, "unit": _unit_ref(e.unit), "old_due": e.old_due, "new_due": e.new_due, "reason": e.reason,
        "state": e.state, "comment": e.comment, "decided_at": e.decided_at, "created_at": e.created_at,
    }


def task_history(task: Task):
    """Audit events about the task and the objects hanging off it (reports, extensions,
    urges, assignments, removal requests), newest first; one query (ids as subqueries)."""
    from nhiemvu.audit.models import AuditEvent
    from nhiemvu.tracking.models import RemovalRequest, Urge

    def ids(qs):
        # AuditEvent.object_id is text: compare with the ids as text.
        return qs.annotate(_id=Cast("pk", CharField())).values("_id")

    cond = Q(object_type="tracking.task", object_id=str(task.pk))
    for kind, qs in (
        ("tracking.progressupdate", ProgressUpdate.objects.filter(task=task)),
        ("tracking.extension", Extension.objects.filter(task=task)),
        ("tracking.urge", Urge.objects.filter(task=task)),
        ("tracking.assignment", Assignment.objects.filter(task=task)),
        ("tracking.removalrequest", RemovalRequest.objects.filter(assignment__task=task)),
    ):
        cond |= Q(object_type=kind, object_id__in=ids(qs))
    return AuditEvent.objects.filter(cond)


def _detail(request: HttpRequest, task_id: int) -> dict:
    user = user_of(request)
    task = get_in(perm.visible_tasks(user).select_related("plan", "section"), pk=task_id)
    # One task: its status from the pure rules (what queries.with_status mirrors in SQL);
    # building that annotation cost more CPU than the whole rest of the page.
    today = timezone.localdate()
    task.status = compute_status(task, today, due_soon_days=settings.NHIEMVU_DUE_SOON_DAYS)
    task.days_overdue = days_overdue(task, today)
    task.is_stale = is_stale(task, today, stale_days=settings.NHIEMVU_STALE_DAYS)
    # One query for the assignments, their units included; the lead/support names reuse it.
    assignments = list(task.assignments.select_related("unit"))
    task.live_assignments = [a for a in assignments if a.removed_on is None]
    updates = task.updates.select_related("unit", "author").prefetch_related("evidence__file")
    return {
        **_row(task),
        "plan": {"id": task.plan.pk, "kind": task.plan.kind, "number": task.plan.number, "title": task.plan.title},
        "section": task.section.title if task.section_id else None,
        "start": task.start, "product": task.product, "funding": task.funding, "directed_by": task.directed_by,
        "source": task.source or {}, "ocr": task.ocr, "cancel_decision": task.cancel_decision,
        "cancel_reason": task.cancel_reason, "is_stale": bool(getattr(task, "is_stale", False)),
        "days_overdue": getattr(task, "days_overdue", None),
        "assignments": [
            {"role": a.role, "kind": a.kind, "unit": _unit_ref(a.unit), "name_as_written": a.name_as_written,
             "via_group": a.via_group, "removed_on": a.removed_on}
            for a in assignments
        ],
        "updates": [_update(u) for u in updates],
        "extensions": [_extension(e) for e in task.extensions.select_related("unit")],
        "urges": [
            {"id": g.pk, "unit": _unit_ref(g.unit), "note": g.note, "sent_on": g.sent_on, "actor": _user_name(g.actor)}
            for g in task.urges.select_related("unit", "actor")
        ],
        "history": [
            {"at": ev.at, "actor_name": ev.actor_name, "action": ev.action, "note": ev.note,
             "before": ev.before, "after": ev.after}
            for ev in task_history(task)[:200]
        ],
        "can_report": perm.can_report(user, task),
        "can_review": perm.can_review_task(user, task),
    }


@router.get("/{int:task_id}", response={200: TaskDetail, **ERRORS}, summary="Chi tiết nhiệm vụ")
def get_task(request: HttpRequest, task_id: int):
    return cached_result(request, "task", lambda: _detail(request, task_id))


class ProgressIn(Schema):
    percent: int = Field(ge=0, le=100, description="Tỷ lệ hoàn thành (%)")
    text: str = Field("", max_length=20000, description="Kết quả thực hiện")
    period: str | None = Field(None, max_length=16, description="Kỳ báo cáo, ví dụ 2023-Q2")
    completion: bool = Field(False, description="Báo cáo hoàn thành nhiệm vụ")
    unit_id: int | None = Field(None, description="Đơn vị báo cáo (Văn phòng báo cáo thay); cán bộ đơn vị: bỏ trống")


def _reporting_unit(request: HttpRequest, task: Task, unit_id: int | None):
    """The unit a progress report or an extension request is made for."""
    from nhiemvu.directory.models import Unit

    if role(request) == Role.AGENCY:
        own = unit(request)
        require(own is not None and (unit_id is None or unit_id == own.pk),
                "Cán bộ đơn vị chỉ báo cáo cho đơn vị của mình.")
        return own
    if unit_id is None:
        from django.core.exceptions import ValidationError

        raise ValidationError("Cần chọn đơn vị báo cáo (unit_id).")
    target = task.assignments.filter(unit_id=unit_id, removed_on__isnull=True).first()
    if target is None:
        from django.core.exceptions import ValidationError

        raise ValidationError("Đơn vị này không được giao nhiệm vụ.")
    return Unit.objects.get(pk=unit_id)


@router.post("/{int:task_id}/progress", response={201: UpdateOut, **ERRORS},
             summary="Báo cáo tiến độ / báo cáo hoàn thành (kèm tệp minh chứng)")
def submit_progress(request: HttpRequest, task_id: int, payload: Form[ProgressIn],
                    files: File[list[UploadedFile]] = None):
    task = scoped_task(request, task_id)
    reporting_unit = _reporting_unit(request, task, payload.unit_id)
    require(perm.can_report(user_of(request), task, reporting_unit))
    # Same checks as the pages: count, size, and type by content (never by name).
    from nhiemvu.web.forms import check_evidence

    uploads = check_evidence(list(files or []))
    update = _services().submit_progress(
        task, reporting_unit, user_of(request), percent=payload.percent, text=payload.text,
        period=payload.period, completion=payload.completion, files=uploads,
    )
    return Status(201, _update(update))


def scoped_update(request: HttpRequest, update_id: int) -> ProgressUpdate:
    visible = perm.visible_tasks(user_of(request))
    return get_in(ProgressUpdate.objects.select_related("task__plan", "unit").filter(task__in=visible), pk=update_id)


class ReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=5000, description="Ý kiến của Văn phòng: lý do trả lại")


@router.post("/updates/{int:update_id}/accept", response={200: UpdateOut, **ERRORS}, summary="Chấp nhận báo cáo")
def accept_update(request: HttpRequest, update_id: int):
    update = scoped_update(request, update_id)
    require(perm.can_review_task(user_of(request), update.task))
    return _update(_services().accept_progress(update, user_of(request)))


@router.post("/updates/{int:update_id}/return", response={200: UpdateOut, **ERRORS}, summary="Trả lại báo cáo")
def return_update(request: HttpRequest, update_id: int, payload: ReturnIn):
    update = scoped_update(request, update_id)
    require(perm.can_review_task(user_of(request), update.task))
    return _update(_services().return_progress(update, user_of(request), payload.comment))


class ExtensionIn(Schema):
    new_due: dt.date = Field(description="Hạn đề nghị mới")
    reason: str = Field(min_length=1, max_length=5000)
    unit_id: int | None = None


@router.post("/{int:task_id}/extensions", response={201: ExtensionOut, **ERRORS}, summary="Đề nghị gia hạn")
def request_extension(request: HttpRequest, task_id: int, payload: ExtensionIn):
    task = scoped_task(request, task_id)
    reporting_unit = _reporting_unit(request, task, payload.unit_id)
    require(perm.can_report(user_of(request), task, reporting_unit))
    ext = _services().request_extension(task, reporting_unit, user_of(request), new_due=payload.new_due,
                                        reason=payload.reason)
    return Status(201, _extension(ext))


class DecisionIn(Schema):
    approve: bool
    comment: str = Field("", max_length=5000)


@router.post("/extensions/{int:extension_id}/decide", response={200: ExtensionOut, **ERRORS},
             summary="Duyệt đề nghị gia hạn")
def decide_extension(request: HttpRequest, extension_id: int, payload: DecisionIn):
    visible = perm.visible_tasks(user_of(request))
    ext = get_in(Extension.objects.select_related("task__plan", "unit").filter(task__in=visible), pk=extension_id)
    require(perm.can_review_task(user_of(request), ext.task))
    ext = _services().decide_extension(ext, user_of(request), approve=payload.approve, comment=payload.comment)
    return _extension(ext)


class RemovalIn(Schema):
    reason: str = Field(min_length=1, max_length=5000)
    reason_kind: str = Field("other", pattern="^(not_applicable|depends_elsewhere|other)$",
                             description="not_applicable (không thuộc chức năng) | depends_elsewhere | other")
    unit_id: int | None = None


class RemovalOut(Schema):
    id: int
    unit: dict | None
    reason_kind: str
    reason: str
    state: str = Field(description="pending | approved | refused")
    comment: str
    decided_at: dt.datetime | None


def _removal(r) -> dict:
    return {"id": r.pk, "unit": _unit_ref(r.assignment.unit), "reason_kind": r.reason_kind, "reason": r.reason,
            "state": r.state, "comment": r.comment, "decided_at": r.decided_at}


@router.post("/{int:task_id}/removal", response={201: RemovalOut, **ERRORS},
             summary="Đơn vị chủ trì đề nghị rút nhiệm vụ khỏi danh sách")
def request_removal(request: HttpRequest, task_id: int, payload: RemovalIn):
    task = scoped_task(request, task_id)
    reporting_unit = _reporting_unit(request, task, payload.unit_id)
    require(perm.can_report(user_of(request), task, reporting_unit))
    req = _services().request_removal(task, reporting_unit, user_of(request), reason=payload.reason,
                                      reason_kind=payload.reason_kind)
    return Status(201, _removal(req))


@router.post("/removals/{int:removal_id}/decide", response={200: RemovalOut, **ERRORS},
             summary="Duyệt đề nghị rút nhiệm vụ")
def decide_removal(request: HttpRequest, removal_id: int, payload: DecisionIn):
    from nhiemvu.tracking.models import RemovalRequest

    visible = perm.visible_tasks(user_of(request))
    req = get_in(RemovalRequest.objects.select_related("assignment__task__plan", "assignment__unit")
                 .filter(assignment__task__in=visible), pk=removal_id)
    require(perm.can_review_task(user_of(request), req.assignment.task))
    req = _services().decide_removal(req, user_of(request), approve=payload.approve, comment=payload.comment)
    return _removal(req)


class UrgeIn(Schema):
    note: str = Field("", max_length=5000)


@router.post("/{int:task_id}/urge", response={201: UrgeOut, **ERRORS}, summary="Đôn đốc")
def urge(request: HttpRequest, task_id: int, payload: UrgeIn):
    task = scoped_task(request, task_id)
    require(perm.can_review_task(user_of(request), task))
    u = _services().urge(task, user_of(request), note=payload.note)
    # One call may urge every lead unit; the service returns one of them.
    return Status(201, {"id": u.pk, "unit": _unit_ref(u.unit), "note": u.note, "sent_on": u.sent_on,
                        "actor": _user_name(u.actor)})


class CancelIn(Schema):
    decision: str = Field(min_length=1, max_length=255, description="Văn bản quyết định huỷ nhiệm vụ")
    reason: str = Field("", max_length=5000)


@router.post("/{int:task_id}/cancel", response={200: TaskDetail, **ERRORS}, summary="Huỷ nhiệm vụ")
def cancel(request: HttpRequest, task_id: int, payload: CancelIn):
    task = scoped_task(request, task_id)
    require(perm.can_review_task(user_of(request), task))
    _services().cancel_task(task, user_of(request), decision=payload.decision, reason=payload.reason)
    return _detail(request, task_id)


# Files: evidence attached to a progress report. Same scope rule as the task.
files_router = Router()


@files_router.get("/evidence/{int:evidence_id}", url_name="evidence_file", summary="Tải tệp minh chứng",
                  response={200: None, **ERRORS})
def evidence_file(request: HttpRequest, evidence_id: int):
    from nhiemvu.tracking.documents import open_file

    visible = perm.visible_tasks(user_of(request))
    ev = Evidence.objects.select_related("file").filter(update__task__in=visible, pk=evidence_id).first()
    if ev is None:
        raise not_found()
    return FileResponse(open_file(ev.file), as_attachment=True, filename=ev.name,
                        content_type=ev.file.content_type or "application/octet-stream")


__all__ = ["router", "files_router", "filter_tasks", "scoped_task"]
