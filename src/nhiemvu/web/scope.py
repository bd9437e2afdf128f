"""Object lookups scoped to what the user may see. Anything outside the scope is a 404, not a
403, so ids of other units' objects cannot be probed."""

from __future__ import annotations

from functools import lru_cache

from django.http import Http404

from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.models import Evidence, Extension, Plan, ProgressUpdate, RemovalRequest, Task


def task_or_404(user, pk: int) -> Task:
    task = perm.visible_tasks(user).select_related("plan", "section").filter(pk=pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def plan_or_404(user, pk: int) -> Plan:
    plan = perm.visible_plans(user).filter(pk=pk).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    return plan


def update_or_404(user, pk: int) -> ProgressUpdate:
    update = ProgressUpdate.objects.select_related("task", "unit").filter(pk=pk).first()
    if update is None or not perm.visible_tasks(user).filter(pk=update.task_id).exists():
        raise Http404("Không tìm thấy báo cáo.")
    return update


def extension_or_404(user, pk: int) -> Extension:
    ext = Extension.objects.select_related("task", "unit").filter(pk=pk).first()
    if ext is None or not perm.visible_tasks(user).filter(pk=ext.task_id).exists():
        raise Http404("Không tìm thấy đề nghị gia hạn.")
    return ext


def removal_or_404(user, pk: int) -> RemovalRequest:
    req = RemovalRequest.objects.select_related("assignment__task", "assignment__unit").filter(pk=pk).first()
    if req is None or not perm.visible_tasks(user).filter(pk=req.assignment.task_id).exists():
        raise Http404("Không tìm thấy đề nghị.")
    return req


def evidence_or_404(user, pk: int) -> Evidence:
    ev = Evidence.objects.select_related("update", "file").filter(pk=pk).first()
    if ev is None or not perm.visible_tasks(user).filter(pk=ev.update.task_id).exists():
        raise Http404("Không tìm thấy tệp.")
    return ev


def source_range(source: dict | None) -> tuple[int, int] | None:
    """First and last source line of an extracted item, whatever shape its provenance has."""
    if not source:
        return None
    lines = source.get("lines")
    if isinstance(lines, list | tuple) and lines:
        return int(lines[0]), int(lines[-1])
    first = source.get("line") or source.get("start_line") or source.get("first_line")
    if first:
        last = source.get("end_line") or source.get("last_line") or first
        return int(first), int(last)
    return None


@lru_cache(maxsize=16)
def _lines_of(sha256: str, name: str) -> tuple[str, ...]:
    import unicodedata

    from nhiemvu.ingest.read import read_bytes
    from nhiemvu.tracking.documents import path_for

    # NFC so combining accents render as one glyph in the source pane.
    return tuple(unicodedata.normalize("NFC", line) for line in read_bytes(path_for(sha256).read_bytes(), name).lines)


def document_lines(plan: Plan) -> list[str]:
    """The plain-text rendering of the plan's source document (Document.lines), [] if unreadable."""
    if plan.document_id is None:
        return []
    try:
        return list(_lines_of(plan.document.sha256, plan.source_name or plan.document.name))
    except Exception:  # a stored file the current readers cannot read: show no excerpt
        return []
