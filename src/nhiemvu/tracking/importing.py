"""Extraction → draft plan. One transaction: either the whole plan exists or nothing does.

The original file is kept content-addressed (documents.py); its sha256 identifies a re-import
of the same file. A revised version of a draft plan (same number, or same kind and title) is
diffed against it and replaces it only when the caller confirms.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from nhiemvu.audit.services import record
from nhiemvu.tracking.models import (
    Assignment,
    Indicator,
    Plan,
    ReportingDuty,
    Section,
    StoredFile,
    Target,
    Task,
)

# Fields compared when a revised document replaces a draft.
DIFF_FIELDS = ("content", "lead", "support", "due_text", "start", "due", "recurring", "product", "funding")
# Resolution statuses that name exactly one unit.
_MATCHED = {"exact", "alias", "abbreviation", "fuzzy"}


@dataclass
class TaskChange:
    ref: str
    fields: dict[str, tuple[Any, Any]]


@dataclass
class PlanDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        return f"thêm {len(self.added)}, bỏ {len(self.removed)}, thay đổi {len(self.changed)} nhiệm vụ"


@dataclass
class ImportResult:
    plan: Plan | None
    created: bool = False  # a new plan was made
    duplicate: bool = False  # the same file was imported before: `plan` is that import
    replaced: bool = False  # a revised document replaced the draft `plan`
    needs_confirmation: bool = False  # a revision was found; nothing changed yet
    diff: PlanDiff | None = None
    unresolved: list[str] = field(default_factory=list)  # names the directory did not know
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- pure helpers


def fold(text: str) -> str:
    """Accent- and case-folded text for comparisons (đ → d)."""
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _task_key(task: dict) -> str:
    return (task.get("ref") or "").strip()


def diff_tasks(old: list[dict], new: list[dict]) -> PlanDiff:
    """Tasks added / removed / changed between two extractions, paired by `ref`, then by content."""
    result = PlanDiff()
    old_by_ref: dict[str, list[dict]] = {}
    for t in old:
        old_by_ref.setdefault(_task_key(t), []).append(t)
    unmatched_new: list[dict] = []
    for t in new:
        bucket = old_by_ref.get(_task_key(t))
        if bucket:
            before = bucket.pop(0)
            changes = {
                f: (before.get(f), t.get(f)) for f in DIFF_FIELDS if (before.get(f) or None) != (t.get(f) or None)
            }
            if changes:
                result.changed.append(TaskChange(ref=_task_key(t), fields=changes))
        else:
            unmatched_new.append(t)
    leftovers = [t for bucket in old_by_ref.values() for t in bucket]
    # Renumbered but identical content is not an add + remove.
    by_content = {fold(t.get("content", "")): t for t in leftovers}
    for t in unmatched_new:
        twin = by_content.pop(fold(t.get("content", "")), None)
        if twin is None:
            result.added.append(t)
        else:
            leftovers.remove(twin)
            result.changed.append(TaskChange(ref=_task_key(t), fields={"ref": (twin.get("ref"), t.get("ref"))}))
    result.removed.extend(leftovers)
    return result


# ---------------------------------------------------------------- resolution


@dataclass
class _Resolved:
    text: str
    status: str
    unit_ids: list[int]


def resolve(jurisdiction, names: list[str]) -> list[_Resolved]:
    """Names as written → units, through the directory's resolver."""
    if not names:
        return []
    from nhiemvu.directory.services import resolve_names

    return [_Resolved(r.text, r.status, list(r.unit_ids)) for r in resolve_names(jurisdiction, names)]


def _assignments(task: Task, role: str, names: list[str], resolved: dict[str, _Resolved],
                 seen: set[tuple[int, str]], unresolved: list[str]) -> list[Assignment]:
    rows: list[Assignment] = []
    for name in names:
        res = resolved.get(name)
        status = res.status if res else "unresolved"
        if status in _MATCHED and res and len(res.unit_ids) == 1:
            if (res.unit_ids[0], role) in seen:
                continue
            seen.add((res.unit_ids[0], role))
            rows.append(Assignment(task=task, unit_id=res.unit_ids[0], role=role, kind=Assignment.Kind.UNIT,
                                   name_as_written=name, order=len(rows)))
        elif status == "group":
            # The phrase is kept as one row; its members get their own rows so their inboxes show it.
            rows.append(Assignment(task=task, role=role, kind=Assignment.Kind.GROUP, name_as_written=name,
                                   order=len(rows)))
            for unit_id in res.unit_ids if res else []:
                if (unit_id, role) in seen:
                    continue
                seen.add((unit_id, role))
                rows.append(Assignment(task=task, unit_id=unit_id, role=role, kind=Assignment.Kind.UNIT,
                                       name_as_written=name, via_group=name, order=len(rows)))
        elif status == "related":
            rows.append(Assignment(task=task, role=role, kind=Assignment.Kind.RELATED, name_as_written=name,
                                   order=len(rows)))
        else:
            unresolved.append(name)
            rows.append(Assignment(task=task, role=role, kind=Assignment.Kind.UNRESOLVED, name_as_written=name,
                                   order=len(rows)))
    return rows


# ---------------------------------------------------------------- building


def _extract(data: bytes, name: str, progress=None) -> dict:
    from nhiemvu.ingest.extract import extract_bytes

    return extract_bytes(data, name, progress=progress)


def _doc_fields(extraction: dict) -> dict:
    doc = extraction.get("document") or {}
    period = doc.get("period") or {}
    return {
        "kind": (doc.get("kind") or "")[:64],
        "number": (doc.get("number") or "")[:64],
        "issued_on": _iso(doc.get("issued_on")),
        "issuer": (doc.get("issuer") or "")[:255],
        "title": doc.get("title") or "",
        "period_start": _iso(period.get("start")),
        "period_due": _iso(period.get("due")),
    }


def _fill_plan(plan: Plan, extraction: dict, unresolved: list[str]) -> None:
    """Create sections, tasks, assignments, indicators and reporting duties of `plan`."""
    sections: dict[str, Section] = {}

    def section_for(title: str | None) -> Section | None:
        if not title:
            return None
        if title not in sections:
            sections[title] = Section.objects.create(plan=plan, title=title, order=len(sections))
        return sections[title]

    tasks_data = extraction.get("tasks") or []
    all_names = sorted({n for t in tasks_data for n in (t.get("lead") or []) + (t.get("support") or []) if n})
    resolved = {r.text: r for r in resolve(plan.jurisdiction, all_names)}

    tasks: list[Task] = []
    for i, t in enumerate(tasks_data):
        tasks.append(Task(
            plan=plan, section=section_for(t.get("section")), ref=(t.get("ref") or "")[:64], order=i,
            content=t.get("content") or "", due_text=(t.get("due_text") or "")[:500],
            start=_iso(t.get("start")), due=_iso(t.get("due")), recurring=bool(t.get("recurring")),
            product=t.get("product") or "", funding=t.get("funding") or "",
            directed_by=(t.get("directed_by") or "")[:255], source=t.get("source") or {},
            ocr=bool((t.get("source") or {}).get("ocr")),
        ))
    Task.objects.bulk_create(tasks, batch_size=500)
    if any(t.pk is None for t in tasks):  # backends that return no ids from bulk insert
        tasks = list(plan.tasks.order_by("order"))

    rows: list[Assignment] = []
    for task, t in zip(tasks, tasks_data, strict=True):
        seen: set[tuple[int, str]] = set()
        rows += _assignments(task, Assignment.Role.LEAD, t.get("lead") or [], resolved, seen, unresolved)
        # A unit that leads is not also listed as supporting the same task.
        seen |= {(uid, Assignment.Role.SUPPORT) for uid, _ in list(seen)}
        rows += _assignments(task, Assignment.Role.SUPPORT, t.get("support") or [], resolved, seen, unresolved)
    Assignment.objects.bulk_create(rows, batch_size=1000)

    for i, ind in enumerate(extraction.get("indicators") or []):
        indicator = Indicator.objects.create(
            plan=plan, section=section_for(ind.get("section")), ref=(ind.get("ref") or "")[:64], order=i,
            text=ind.get("text") or "", source=ind.get("source") or {},
        )
        Target.objects.bulk_create([
            Target(indicator=indicator, scope=(tg.get("scope") or "")[:255], comparator=tg.get("comparator") or ">=",
                   value=tg["value"], unit=(tg.get("unit") or "")[:64], order=j)
            for j, tg in enumerate(ind.get("targets") or []) if tg.get("value") is not None
        ])

    report_names = sorted({n for r in extraction.get("reports") or [] for n in (r.get("from") or []) + (r.get("to") or [])})
    report_resolved = {r.text: r for r in resolve(plan.jurisdiction, report_names)}
    for i, rep in enumerate(extraction.get("reports") or []):
        duty = ReportingDuty.objects.create(
            plan=plan, order=i, text=rep.get("text") or "", cycle=rep.get("cycle") or ReportingDuty.Cycle.ONCE,
            due_dates=[d for d in rep.get("due") or [] if _iso(d)], from_names=rep.get("from") or [],
            to_names=rep.get("to") or [], source=rep.get("source") or {},
        )
        for names, rel in ((rep.get("from") or [], duty.from_units), (rep.get("to") or [], duty.to_units)):
            ids = {uid for n in names if (r := report_resolved.get(n)) and r.status in _MATCHED | {"group"}
                   for uid in r.unit_ids}
            if ids:
                rel.add(*ids)


def _find_revision_target(jurisdiction, fields: dict) -> Plan | None:
    """The earlier version of the same document: same number, else same kind and title."""
    qs = Plan.objects.filter(jurisdiction=jurisdiction)
    if fields["number"]:
        return qs.filter(number=fields["number"], kind=fields["kind"]).order_by("-id").first()
    if fields["title"]:
        return qs.filter(number="", kind=fields["kind"], title=fields["title"]).order_by("-id").first()
    return None


def import_bytes(data: bytes, name: str, jurisdiction, *, actor=None, replace: bool = False,
                 extraction: dict | None = None, progress=None) -> ImportResult:
    """`progress(stage, done=None, total=None)` is told each stage: read, ocr, extract (see
    ingest.read), resolve, save (the import job's progress page)."""
    from nhiemvu.tracking.documents import sha256_of, store

    digest = sha256_of(data)
    same = Plan.objects.filter(jurisdiction=jurisdiction, document__sha256=digest).order_by("id").first()
    if same is not None:
        return ImportResult(plan=same, duplicate=True)
    # Extraction is pure and may be slow: run it before taking the write lock.
    extraction = extraction if extraction is not None else _extract(data, name, progress)
    if progress:
        progress("resolve")
    fields = _doc_fields(extraction)
    previous = _find_revision_target(jurisdiction, fields)
    diff = diff_tasks(previous.extraction.get("tasks") or [], extraction.get("tasks") or []) if previous else None
    if previous is not None and previous.status == Plan.Status.DRAFT and not replace:
        return ImportResult(plan=previous, needs_confirmation=True, diff=diff)

    unresolved: list[str] = []
    if progress:
        progress("save")
    with transaction.atomic():
        # Checked again under the write lock: two imports of the same file at once make one plan.
        same = Plan.objects.filter(jurisdiction=jurisdiction, document__sha256=digest).order_by("id").first()
        if same is not None:
            return ImportResult(plan=same, duplicate=True)
        stored: StoredFile = store(data, name)
        if previous is not None and previous.status == Plan.Status.DRAFT:
            plan = Plan.objects.select_for_update().get(pk=previous.pk)
            # Replace the draft's content; the plan keeps its id (links to it stay valid).
            plan.tasks.all().delete()
            plan.sections.all().delete()
            plan.indicators.all().delete()
            plan.reporting_duties.all().delete()
            for key, value in fields.items():
                setattr(plan, key, value)
            plan.document, plan.source_name, plan.extraction = stored, name[:255], extraction
            plan.save()
            action, created = "plan.replace", False
        else:
            plan = Plan.objects.create(
                jurisdiction=jurisdiction, document=stored, source_name=name[:255], extraction=extraction,
                created_by=actor, revises=previous, **fields,
            )
            action, created = "plan.import", True
        _fill_plan(plan, extraction, unresolved)
        linked = link_carry_over(plan)
        record(action, plan, actor=actor, after={
            "file": name, "sha256": digest, "tasks": len(extraction.get("tasks") or []),
            "indicators": len(extraction.get("indicators") or []), "reports": len(extraction.get("reports") or []),
            "unresolved": sorted(set(unresolved)), "carried_over": linked,
        }, note=diff.summary() if diff else "")
    return ImportResult(plan=plan, created=created, replaced=not created, diff=diff,
                        unresolved=sorted(set(unresolved)))


# ---------------------------------------------------------------- carry-over

_CONTINUE = "tiep tuc"
CARRY_OVER_MIN_SCORE = 80.0


def _strip_continue(text: str) -> str:
    folded = fold(text)
    return folded[len(_CONTINUE):].strip(" :,-") if folded.startswith(_CONTINUE) else folded


def link_carry_over(plan: Plan) -> int:
    """Link tasks that continue last year's ("Tiếp tục …", same lead, similar text)."""
    from rapidfuzz import fuzz, process

    year = (plan.period_start or plan.issued_on or dt.date.today()).year
    candidates = list(
        Task.objects.filter(plan__jurisdiction_id=plan.jurisdiction_id, cancelled=False)
        .exclude(plan=plan)
        .filter(plan__period_start__year=year - 1)
        .prefetch_related("assignments")
    )
    if not candidates:
        return 0
    choices = {c.pk: _strip_continue(c.content) for c in candidates}
    leads_of = {c.pk: {a.unit_id for a in c.assignments.all() if a.role == "lead" and a.unit_id} for c in candidates}
    linked = 0
    for task in plan.tasks.prefetch_related("assignments"):
        if not fold(task.content).startswith(_CONTINUE):
            continue
        leads = {a.unit_id for a in task.assignments.all() if a.role == "lead" and a.unit_id}
        pool = {pk: text for pk, text in choices.items() if leads & leads_of[pk]}
        if not pool:
            continue
        best = process.extractOne(_strip_continue(task.content), pool, scorer=fuzz.token_set_ratio,
                                  score_cutoff=CARRY_OVER_MIN_SCORE)
        if best is not None:
            task.carried_from_id = best[2]
            task.save(update_fields=["carried_from"])
            linked += 1
    return linked
