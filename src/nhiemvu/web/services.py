"""Review-screen edits of a draft plan that tracking.services does not offer: agency lists
typed by hand, adding / removing / splitting / merging tasks, and editing indicators and
reporting duties. Each owns its transaction and writes an audit event (like tracking.services).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from nhiemvu.audit.services import record, snapshot
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.models import Assignment, Indicator, Plan, ReportingDuty, Target, Task

TASK_FIELDS = ["ref", "content", "due_text", "start", "due", "recurring", "product", "funding", "directed_by"]


def _require_draft_review(actor, plan: Plan) -> None:
    perm.require(perm.can_review(actor))
    if plan.status != Plan.Status.DRAFT:
        raise ValidationError("Chỉ sửa được kế hoạch đang ở bước duyệt (bản nháp).")


def _assignment_names(task: Task, role: str) -> list[str]:
    return [a.name_as_written or (a.unit.name if a.unit else "")
            for a in task.assignments.filter(role=role, via_group="").select_related("unit").order_by("order")]


@transaction.atomic
def set_agencies(task: Task, role: str, names: list[str], actor) -> list[str]:
    """Replace the task's lead or support list by `names` (as typed), resolved through the
    directory like an import. Returns the names the directory did not know."""
    from nhiemvu.tracking.importing import _assignments, resolve

    _require_draft_review(actor, task.plan)
    names = [n.strip() for n in names if n and n.strip()]
    before = _assignment_names(task, role)
    if before == names:
        return []
    task.assignments.filter(role=role).delete()
    seen = {(uid, r) for uid, r in task.assignments.filter(unit__isnull=False).values_list("unit_id", "role")}
    if role == Assignment.Role.SUPPORT:
        # A unit that leads is not also listed as supporting.
        seen |= {(uid, Assignment.Role.SUPPORT) for uid, _ in list(seen)}
    resolved = {r.text: r for r in resolve(task.plan.jurisdiction, names)}
    unresolved: list[str] = []
    rows = _assignments(task, role, names, resolved, seen, unresolved)
    Assignment.objects.bulk_create(rows)
    record("assignments.set", task, actor=actor, before={role: before}, after={role: names},
           note=f"chưa xác định: {', '.join(unresolved)}" if unresolved else "")
    return unresolved


def split_names(jurisdiction, text: str) -> list[str]:
    """A typed agency list → names; ";" or new lines always separate, "," and "và" as the directory decides."""
    parts = [p.strip() for p in re.split(r"[;\n]+", text or "") if p.strip()]
    try:
        from nhiemvu.directory.services import matcher_for
    except ImportError:
        return parts
    m = matcher_for(jurisdiction)
    return [name for part in parts for name in m.split(part)]


@transaction.atomic
def add_task(plan: Plan, actor, *, after: Task | None = None, content: str = "") -> Task:
    _require_draft_review(actor, plan)
    if after is not None:
        order = after.order + 1
        plan.tasks.filter(order__gte=order).update(order=F("order") + 1)
        section = after.section
    else:
        order = (plan.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
        section = None
    task = Task.objects.create(plan=plan, section=section, order=order, content=content or "Nhiệm vụ mới",
                               ref=(after.ref + "a") if after is not None and after.ref else "")
    record("task.create", task, actor=actor, after=snapshot(task, ["plan_id", "ref", "content", "order"]))
    return task


@transaction.atomic
def remove_task(task: Task, actor) -> None:
    _require_draft_review(actor, task.plan)
    before = snapshot(task, ["plan_id", "ref", "content", "due_text"])
    before["lead"] = _assignment_names(task, Assignment.Role.LEAD)
    pk = task.pk
    task.delete()
    record("task.delete", None, actor=actor, object_type="tracking.task", object_id=pk,
           object_repr=before["content"][:300], before=before)


def _split_text(content: str, at: int | None) -> tuple[str, str]:
    if at is not None and 0 < at < len(content):
        return content[:at].strip(), content[at:].strip()
    lines = [ln for ln in content.splitlines() if ln.strip()]
    if len(lines) > 1:
        half = len(lines) // 2
        return "\n".join(lines[:half]).strip(), "\n".join(lines[half:]).strip()
    sentences = re.split(r"(?<=[.;])\s+", content.strip())
    if len(sentences) > 1:
        half = len(sentences) // 2
        return " ".join(sentences[:half]), " ".join(sentences[half:])
    raise ValidationError("Không tách được: nội dung chỉ có một câu. Hãy sửa nội dung rồi thêm nhiệm vụ mới.")


@transaction.atomic
def split_task(task: Task, actor, *, at: int | None = None) -> Task:
    """Cut a task in two (at a character offset, else between lines or sentences); the new
    task right after it keeps the same agencies, timing and source."""
    _require_draft_review(actor, task.plan)
    first, second = _split_text(task.content, at)
    plan = task.plan
    plan.tasks.filter(order__gt=task.order).update(order=F("order") + 1)
    old = task.content
    task.content = first
    task.save(update_fields=["content"])
    new = Task.objects.create(
        plan=plan, section=task.section, order=task.order + 1, ref=(task.ref + "b") if task.ref else "",
        content=second, **{f: getattr(task, f) for f in TASK_FIELDS if f not in ("ref", "content")},
        source=task.source,
    )
    Assignment.objects.bulk_create([
        Assignment(task=new, unit_id=a.unit_id, role=a.role, kind=a.kind, name_as_written=a.name_as_written,
                   via_group=a.via_group, order=a.order) for a in task.assignments.all()
    ])
    record("task.split", task, actor=actor, before={"content": old}, after={"content": first, "new_task": new.pk})
    return new


@transaction.atomic
def merge_with_next(task: Task, actor) -> Task:
    """Join a task with the one after it (a row a page break cut in two, or one task extracted twice)."""
    _require_draft_review(actor, task.plan)
    nxt = task.plan.tasks.filter(order__gt=task.order).order_by("order").first()
    if nxt is None:
        raise ValidationError("Không có nhiệm vụ nào phía sau để gộp.")
    before = {"content": task.content, "next": snapshot(nxt, ["ref", "content"])}
    task.content = f"{task.content.rstrip()}\n{nxt.content.lstrip()}".strip()
    for f in ("due_text", "product", "funding", "directed_by"):
        if not getattr(task, f) and getattr(nxt, f):
            setattr(task, f, getattr(nxt, f))
    if nxt.due and (task.due is None or nxt.due > task.due):
        task.due = nxt.due
    if nxt.start and (task.start is None or nxt.start < task.start):
        task.start = nxt.start
    span, other = task.source or {}, nxt.source or {}
    if isinstance(span.get("lines"), list) and isinstance(other.get("lines"), list) and span["lines"] and other["lines"]:
        task.source = {**span, "lines": [min(span["lines"][0], other["lines"][0]), max(span["lines"][-1], other["lines"][-1])]}
    task.save()
    have = {(a.unit_id, a.role, a.name_as_written) for a in task.assignments.all()}
    units = {(a.unit_id, a.role) for a in task.assignments.filter(unit__isnull=False)}
    for a in nxt.assignments.all():
        if (a.unit_id, a.role, a.name_as_written) in have or (a.unit_id and (a.unit_id, a.role) in units):
            continue
        Assignment.objects.create(task=task, unit_id=a.unit_id, role=a.role, kind=a.kind,
                                  name_as_written=a.name_as_written, via_group=a.via_group, order=a.order + 100)
    nxt_pk = nxt.pk
    nxt.delete()
    record("task.merge", task, actor=actor, before=before, after={"content": task.content, "merged": nxt_pk})
    return task


# ---------------------------------------------------------------- indicators and reporting duties

_TARGET_LINE = re.compile(r"^\s*(?:(?P<scope>[^|]*)\|)?\s*(?P<cmp>>=|<=|>|<|=|≥|≤)?\s*(?P<value>[\d.,]+)\s*(?P<unit>.*)$")


def parse_targets(text: str) -> list[dict]:
    """Lines "phạm vi | >= 97 %" (scope optional) → targets; Vietnamese numbers (11,47; 7.000)."""
    out = []
    for n, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        m = _TARGET_LINE.match(line)
        if not m:
            raise ValidationError(f"Dòng {n} của mức chỉ tiêu không đọc được: “{line.strip()}”.")
        raw = m["value"]
        raw = raw.replace(".", "").replace(",", ".") if ("," in raw or raw.count(".") > 1 or re.search(r"\.\d{3}$", raw)) else raw
        try:
            value = Decimal(raw)
        except InvalidOperation as exc:
            raise ValidationError(f"Dòng {n}: “{m['value']}” không phải là số.") from exc
        cmp = {"≥": ">=", "≤": "<="}.get(m["cmp"] or ">=", m["cmp"] or ">=")
        out.append({"scope": (m["scope"] or "").strip(), "comparator": cmp, "value": value,
                    "unit": m["unit"].strip()[:64]})
    return out


def format_targets(indicator: Indicator) -> str:
    lines = []
    for t in indicator.targets.all():
        value = f"{t.value:f}".rstrip("0").rstrip(".").replace(".", ",")
        lines.append(f"{t.scope + ' | ' if t.scope else ''}{t.comparator} {value} {t.unit}".strip())
    return "\n".join(lines)


@transaction.atomic
def update_indicator(indicator: Indicator, actor, *, text: str, targets: str, unit=None) -> Indicator:
    plan = indicator.plan
    perm.require(perm.can_review(actor))
    before = {"text": indicator.text, "targets": format_targets(indicator), "unit": indicator.unit_id}
    indicator.text = text.strip()
    indicator.unit = unit
    indicator.save(update_fields=["text", "unit"])
    parsed = parse_targets(targets)
    if plan.status == Plan.Status.DRAFT or not indicator.targets.filter(actuals__isnull=False).exists():
        indicator.targets.all().delete()
        Target.objects.bulk_create([Target(indicator=indicator, order=i, **t) for i, t in enumerate(parsed)])
    elif format_targets(indicator) != (targets or "").strip():
        raise ValidationError("Chỉ tiêu đã có kết quả ghi nhận: không sửa mức chỉ tiêu được nữa.")
    record("indicator.update", indicator, actor=actor, before=before,
           after={"text": indicator.text, "targets": format_targets(indicator), "unit": indicator.unit_id})
    return indicator


@transaction.atomic
def remove_indicator(indicator: Indicator, actor) -> None:
    _require_draft_review(actor, indicator.plan)
    pk, text = indicator.pk, indicator.text
    indicator.delete()
    record("indicator.delete", None, actor=actor, object_type="tracking.indicator", object_id=pk,
           object_repr=text[:300], before={"text": text})


def parse_dates(text: str) -> list[str]:
    out = []
    for part in re.split(r"[,;\s]+", text or ""):
        if not part:
            continue
        try:
            out.append(dt.datetime.strptime(part, "%d/%m/%Y").date().isoformat())
        except ValueError as exc:
            raise ValidationError(f"Ngày “{part}” không hợp lệ (dd/mm/yyyy).") from exc
    return out


@transaction.atomic
def update_duty(duty: ReportingDuty, actor, *, text: str, cycle: str, due_dates: str) -> ReportingDuty:
    _require_draft_review(actor, duty.plan)
    if cycle not in ReportingDuty.Cycle.values:
        raise ValidationError("Chu kỳ báo cáo không hợp lệ.")
    before = snapshot(duty, ["text", "cycle", "due_dates"])
    duty.text, duty.cycle, duty.due_dates = text.strip(), cycle, parse_dates(due_dates)
    duty.save(update_fields=["text", "cycle", "due_dates"])
    record("duty.update", duty, actor=actor, before=before, after=snapshot(duty, ["text", "cycle", "due_dates"]))
    return duty


@transaction.atomic
def remove_duty(duty: ReportingDuty, actor) -> None:
    _require_draft_review(actor, duty.plan)
    pk, text = duty.pk, duty.text
    duty.delete()
    record("duty.delete", None, actor=actor, object_type="tracking.reportingduty", object_id=pk,
           object_repr=text[:300], before={"text": text})
