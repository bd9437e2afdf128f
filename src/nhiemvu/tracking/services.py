"""Business operations on plans and tasks. Each one owns its transaction, checks who may do
it, and writes an audit event, so a change and its log row commit or roll back together.

`actor` is the user acting, or None for the system (CLI, scheduled jobs, the demo), which
is trusted. Permission failures raise django.core.exceptions.PermissionDenied; invalid
requests raise ValidationError with a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from nhiemvu.audit.services import record, snapshot
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.importing import ImportResult, import_bytes
from nhiemvu.tracking.models import (
    Actual,
    Assignment,
    Decision,
    Evidence,
    Extension,
    Plan,
    ProgressUpdate,
    RemovalRequest,
    Target,
    Task,
    Urge,
)

__all__ = [
    "ImportResult", "import_document", "publish_plan", "close_plan", "update_task", "submit_progress",
    "accept_progress", "return_progress", "request_extension", "decide_extension", "request_removal",
    "decide_removal", "urge", "cancel_task", "record_actual", "set_assignment_unit",
]

_TASK_FIELDS = ("due", "extended_due", "completed_on", "cancelled", "cancelled_on", "cancel_decision",
                "urge_count", "last_activity_on")


def _today() -> dt.date:
    return timezone.localdate()


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _check(actor, allowed_for_user) -> None:
    """System actions (actor None) are trusted; users must pass the check."""
    if _is_user(actor):
        perm.require(bool(allowed_for_user()))


def _touch(task_id: int, day: dt.date) -> None:
    """Move the task's last activity forward (never back: reports may be entered late)."""
    Task.objects.filter(pk=task_id).filter(Q(last_activity_on__isnull=True) | Q(last_activity_on__lt=day)).update(
        last_activity_on=day)


def _invalid(message: str) -> ValidationError:
    return ValidationError(message)


# ---------------------------------------------------------------- plans


def import_document(data: bytes, name: str, jurisdiction, actor=None, *, replace: bool = False,
                    extraction: dict | None = None) -> ImportResult:
    """Extraction → directory resolution → draft plan; all-or-nothing.

    The same file (sha256) again returns the existing plan. A revised version of a plan still
    in draft (same number, or same kind and title) returns the diff with `needs_confirmation`
    and changes nothing until called again with `replace=True`. `extraction` skips the
    extractor (used by tests and by the review screen after hand edits).
    """
    _check(actor, lambda: perm.can_review(actor))
    return import_bytes(data, name, jurisdiction, actor=actor if _is_user(actor) else None,
                        replace=replace, extraction=extraction)


@transaction.atomic
def publish_plan(plan: Plan, actor, *, tracking_from: dt.date | None = None) -> Plan:
    """Draft → published. `tracking_from` (default today) is when follow-up starts, for plans
    entered after the fact: "stale" and "idle" count from it for tasks never reported on."""
    _check(actor, lambda: perm.can_review(actor))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.DRAFT:
        raise _invalid("Chỉ kế hoạch ở trạng thái nháp mới được ban hành.")
    before = snapshot(plan, ["status"])
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.published_by = actor if _is_user(actor) else None
    plan.save(update_fields=["status", "published_at", "published_by"])
    # Tracking starts now: "stale" and "idle" count from the publication for unreported tasks.
    plan.tasks.filter(last_activity_on__isnull=True).update(last_activity_on=tracking_from or _today())
    record("plan.publish", plan, actor=actor, before=before, after=snapshot(plan, ["status"]))
    return plan


@transaction.atomic
def close_plan(plan: Plan, actor) -> Plan:
    _check(actor, lambda: perm.can_review(actor))
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.PUBLISHED:
        raise _invalid("Chỉ kế hoạch đã ban hành mới được đóng.")
    plan.status = Plan.Status.CLOSED
    plan.closed_at = timezone.now()
    plan.save(update_fields=["status", "closed_at"])
    record("plan.close", plan, actor=actor, before={"status": "published"}, after={"status": "closed"})
    return plan


_EDITABLE = {"ref", "content", "due_text", "start", "due", "recurring", "product", "funding", "directed_by", "section"}


@transaction.atomic
def update_task(task: Task, actor, **fields) -> Task:
    """Review edits of a task (draft plans; the Office may also correct a published one)."""
    _check(actor, lambda: perm.can_review_task(actor, task))
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise _invalid(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    task = Task.objects.select_for_update().get(pk=task.pk)
    names = [("section_id" if k == "section" else k) for k in fields]
    before = snapshot(task, names)
    for key, value in fields.items():
        setattr(task, key, value)
    task.full_clean(exclude=["plan", "carried_from"])
    task.save(update_fields=list(fields))
    record("task.update", task, actor=actor, before=before, after=snapshot(task, names))
    return task


@transaction.atomic
def set_assignment_unit(assignment: Assignment, unit, actor, *, learn: bool = True) -> Assignment:
    """Resolve a name the directory did not know to a unit (review screen). With `learn`, the
    name becomes an alias of the unit for the jurisdiction, reused on the next import."""
    task = assignment.task
    _check(actor, lambda: perm.can_review_task(actor, task))
    before = snapshot(assignment, ["unit_id", "kind"])
    if Assignment.objects.filter(task=task, unit=unit, role=assignment.role).exclude(pk=assignment.pk).exists():
        raise _invalid("Đơn vị này đã có trong danh sách phân công của nhiệm vụ.")
    assignment.unit = unit
    assignment.kind = Assignment.Kind.UNIT
    assignment.save(update_fields=["unit", "kind"])
    record("assignment.resolve", assignment, actor=actor, before=before,
           after=snapshot(assignment, ["unit_id", "kind"]), unit=unit)
    if learn and assignment.name_as_written:
        try:
            from nhiemvu.directory.services import learn_alias
        except ImportError:  # the directory services are optional for this step
            return assignment
        if assignment.name_as_written.strip().casefold() != unit.name.casefold():
            learn_alias(task.plan.jurisdiction, assignment.name_as_written, unit, actor=actor)
    return assignment


# ---------------------------------------------------------------- progress


def _store_files(update: ProgressUpdate, files: Iterable) -> None:
    from nhiemvu.tracking.documents import store

    for item in files:
        if isinstance(item, tuple):
            name, data = item
        else:  # an uploaded file
            name, data = item.name, item.read()
        stored = store(data, name)
        Evidence.objects.create(update=update, file=stored, name=str(name)[:255])


@transaction.atomic
def submit_progress(task: Task, unit, actor, *, percent: int, text: str, period: str | None = None,
                    completion: bool = False, files: Iterable = (), reported_on: dt.date | None = None,
                    draft: bool = False) -> ProgressUpdate:
    """A unit reports on a task. A completion report may only come from a lead unit; it sets
    the task's completion date only when the Office accepts it."""
    _check(actor, lambda: perm.can_report(actor, task, unit))
    if not Assignment.objects.filter(task=task, unit=unit, removed_on__isnull=True).exists():
        raise _invalid(f"Đơn vị {unit} không được giao nhiệm vụ này.")
    if task.cancelled:
        raise _invalid("Nhiệm vụ đã bị huỷ, không nhận báo cáo.")
    if not 0 <= int(percent) <= 100:
        raise _invalid("Tỷ lệ hoàn thành phải từ 0 đến 100%.")
    if completion and not perm.is_lead(unit, task):
        raise _invalid("Chỉ đơn vị chủ trì mới gửi báo cáo hoàn thành.")
    if reported_on is not None and reported_on > _today():
        # Completion dates are never in the future: the dashboards' fast queries rely on it.
        raise _invalid("Ngày báo cáo không được sau ngày hôm nay.")
    if completion:
        percent = 100
    update = ProgressUpdate.objects.create(
        task=task, unit=unit, author=actor if _is_user(actor) else None, period=period or "",
        reported_on=reported_on or _today(), percent=int(percent), text=text.strip(),
        completion=completion,
        state=ProgressUpdate.State.DRAFT if draft else ProgressUpdate.State.SUBMITTED,
    )
    _store_files(update, files)
    if not draft:
        _touch(task.pk, update.reported_on)
    record("progress.submit" if not draft else "progress.draft", update, actor=actor, unit=unit,
           after=snapshot(update, ["task_id", "period", "percent", "completion", "state", "reported_on"]))
    return update


@transaction.atomic
def send_draft(update: ProgressUpdate, actor) -> ProgressUpdate:
    _check(actor, lambda: perm.can_report(actor, update.task, update.unit))
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != ProgressUpdate.State.DRAFT:
        raise _invalid("Chỉ gửi được báo cáo đang ở dạng nháp.")
    update.state = ProgressUpdate.State.SUBMITTED
    update.save(update_fields=["state"])
    _touch(update.task_id, update.reported_on)
    record("progress.submit", update, actor=actor, unit=update.unit, before={"state": "draft"},
           after={"state": "submitted"})
    return update


def _review(update: ProgressUpdate, actor, state: str, comment: str) -> ProgressUpdate:
    _check(actor, lambda: perm.can_review_task(actor, update.task))
    update = ProgressUpdate.objects.select_for_update().get(pk=update.pk)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise _invalid("Chỉ duyệt được báo cáo đã gửi và chưa được duyệt.")
    before = snapshot(update, ["state", "review_comment"])
    update.state = state
    update.review_comment = comment
    update.reviewed_by = actor if _is_user(actor) else None
    update.reviewed_at = timezone.now()
    update.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at"])
    record(f"progress.{state}", update, actor=actor, unit=update.unit, before=before,
           after=snapshot(update, ["state", "review_comment"]))
    return update


@transaction.atomic
def accept_progress(update: ProgressUpdate, actor) -> ProgressUpdate:
    """Accept a report; an accepted completion report completes the task on the report's date."""
    update = _review(update, actor, ProgressUpdate.State.ACCEPTED, "")
    if update.completion:
        task = Task.objects.select_for_update().get(pk=update.task_id)
        if task.completed_on is None:
            before = snapshot(task, ["completed_on"])
            task.completed_on = update.reported_on
            task.save(update_fields=["completed_on"])
            record("task.complete", task, actor=actor, unit=update.unit, before=before,
                   after=snapshot(task, ["completed_on"]))
    return update


@transaction.atomic
def return_progress(update: ProgressUpdate, actor, comment: str) -> ProgressUpdate:
    if not (comment or "").strip():
        raise _invalid("Khi trả lại báo cáo phải ghi ý kiến của Văn phòng.")
    return _review(update, actor, ProgressUpdate.State.RETURNED, comment.strip())


# ---------------------------------------------------------------- extensions and removals


@transaction.atomic
def request_extension(task: Task, unit, actor, *, new_due: dt.date, reason: str) -> Extension:
    _check(actor, lambda: perm.can_report(actor, task, unit))
    if not perm.is_lead(unit, task):
        raise _invalid("Chỉ đơn vị chủ trì mới đề nghị gia hạn.")
    if not (reason or "").strip():
        raise _invalid("Đề nghị gia hạn phải nêu lý do.")
    current = task.effective_due
    if current is not None and new_due <= current:
        raise _invalid(f"Hạn đề nghị phải sau hạn hiện tại ({current:%d/%m/%Y}).")
    if task.completed_on is not None:
        raise _invalid("Nhiệm vụ đã hoàn thành, không cần gia hạn.")
    ext = Extension.objects.create(task=task, unit=unit, requested_by=actor if _is_user(actor) else None,
                                   old_due=current, new_due=new_due, reason=reason.strip())
    _touch(task.pk, _today())
    record("extension.request", ext, actor=actor, unit=unit,
           after=snapshot(ext, ["task_id", "old_due", "new_due", "reason"]))
    return ext


@transaction.atomic
def decide_extension(ext: Extension, actor, *, approve: bool, comment: str = "") -> Extension:
    _check(actor, lambda: perm.can_review_task(actor, ext.task))
    ext = Extension.objects.select_for_update().get(pk=ext.pk)
    if ext.state != Decision.PENDING:
        raise _invalid("Đề nghị gia hạn này đã được xử lý.")
    ext.state = Decision.APPROVED if approve else Decision.REFUSED
    ext.comment = comment.strip()
    ext.decided_by = actor if _is_user(actor) else None
    ext.decided_at = timezone.now()
    ext.save(update_fields=["state", "comment", "decided_by", "decided_at"])
    record("extension.approve" if approve else "extension.refuse", ext, actor=actor, unit=ext.unit,
           before={"state": "pending"}, after={"state": ext.state, "comment": ext.comment})
    if approve:
        task = Task.objects.select_for_update().get(pk=ext.task_id)
        before = snapshot(task, ["extended_due"])
        task.extended_due = ext.new_due  # `due` (the document's date) is kept
        task.save(update_fields=["extended_due"])
        record("task.extend", task, actor=actor, unit=ext.unit, before=before, after=snapshot(task, ["extended_due"]))
    return ext


@transaction.atomic
def request_removal(task: Task, unit, actor, *, reason: str,
                    reason_kind: str = RemovalRequest.Reason.OTHER) -> RemovalRequest:
    """The lead unit asks to take the task off its list (not its job, or it waits on a decision elsewhere)."""
    _check(actor, lambda: perm.can_report(actor, task, unit))
    if not (reason or "").strip():
        raise _invalid("Đề nghị rút nhiệm vụ phải nêu lý do.")
    assignment = Assignment.objects.filter(task=task, unit=unit, role=Assignment.Role.LEAD,
                                           removed_on__isnull=True).first()
    if assignment is None:
        raise _invalid("Chỉ đơn vị chủ trì mới đề nghị rút nhiệm vụ khỏi danh sách.")
    req = RemovalRequest.objects.create(assignment=assignment, requested_by=actor if _is_user(actor) else None,
                                        reason_kind=reason_kind, reason=reason.strip())
    record("removal.request", req, actor=actor, unit=unit, after=snapshot(req, ["assignment_id", "reason_kind", "reason"]))
    return req


@transaction.atomic
def decide_removal(req: RemovalRequest, actor, *, approve: bool, comment: str = "") -> RemovalRequest:
    _check(actor, lambda: perm.can_review_task(actor, req.assignment.task))
    req = RemovalRequest.objects.select_for_update().get(pk=req.pk)
    if req.state != Decision.PENDING:
        raise _invalid("Đề nghị này đã được xử lý.")
    req.state = Decision.APPROVED if approve else Decision.REFUSED
    req.comment = comment.strip()
    req.decided_by = actor if _is_user(actor) else None
    req.decided_at = timezone.now()
    req.save(update_fields=["state", "comment", "decided_by", "decided_at"])
    unit = req.assignment.unit
    record("removal.approve" if approve else "removal.refuse", req, actor=actor, unit=unit,
           before={"state": "pending"}, after={"state": req.state, "comment": req.comment})
    if approve:
        # The assignment row is kept (marked), so statistics can still count the original list.
        Assignment.objects.filter(pk=req.assignment_id).update(removed_on=_today())
        record("assignment.remove", req.assignment, actor=actor, unit=unit, after={"removed_on": _today()})
    return req


# ---------------------------------------------------------------- urging, cancelling, indicators


@transaction.atomic
def urge(task: Task, actor, *, note: str = "", unit=None, sent_on: dt.date | None = None) -> Urge:
    """Record an urging notice (đôn đốc) to `unit`, or to the task's lead units when None."""
    _check(actor, lambda: perm.can_review_task(actor, task))
    if task.cancelled or task.completed_on is not None:
        raise _invalid("Nhiệm vụ đã hoàn thành hoặc đã huỷ, không cần đôn đốc.")
    item = Urge.objects.create(task=task, unit=unit, actor=actor if _is_user(actor) else None,
                               note=note.strip(), sent_on=sent_on or _today())
    Task.objects.filter(pk=task.pk).update(urge_count=F("urge_count") + 1)
    record("task.urge", item, actor=actor, unit=unit, after=snapshot(item, ["task_id", "unit_id", "note", "sent_on"]))
    return item


@transaction.atomic
def cancel_task(task: Task, actor, *, decision: str, reason: str = "", on: dt.date | None = None) -> Task:
    _check(actor, lambda: perm.can_review_task(actor, task))
    if not (decision or "").strip():
        raise _invalid("Huỷ nhiệm vụ phải ghi số hiệu văn bản quyết định huỷ.")
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.cancelled:
        raise _invalid("Nhiệm vụ đã bị huỷ.")
    before = snapshot(task, ["cancelled", "cancelled_on", "cancel_decision", "cancel_reason"])
    task.cancelled = True
    task.cancelled_on = on or _today()
    task.cancel_decision = decision.strip()
    task.cancel_reason = reason.strip()
    task.save(update_fields=["cancelled", "cancelled_on", "cancel_decision", "cancel_reason"])
    record("task.cancel", task, actor=actor, before=before,
           after=snapshot(task, ["cancelled", "cancelled_on", "cancel_decision", "cancel_reason"]))
    return task


@transaction.atomic
def record_actual(target: Target, actor, *, period: str, value, note: str = "", unit=None) -> Actual:
    """Record (or correct) the value a target reached in a period."""
    plan = target.indicator.plan
    if _is_user(actor):
        own = perm.unit_of(actor)
        allowed = perm.can_review(actor) or (own is not None and target.indicator.unit_id == own.pk)
        perm.require(allowed)
    existing = Actual.objects.select_for_update().filter(target=target, period=period).first()
    before = snapshot(existing, ["value", "note"]) if existing else None
    actual, _ = Actual.objects.update_or_create(
        target=target, period=period,
        defaults={"value": value, "note": note, "unit": unit, "recorded_by": actor if _is_user(actor) else None,
                  "recorded_at": timezone.now()},
    )
    record("indicator.actual", actual, actor=actor, unit=unit, before=before,
           after=snapshot(actual, ["value", "note"]), note=f"{plan} · {period}")
    return actual
