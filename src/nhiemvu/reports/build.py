"""Fill the report data (data.py) from the database.

Status is computed at the period's cut-off with the pure rule (rules/status.py), so a
report for a past period shows what was true on its cut-off day: a task completed
after it counts as open, an extension granted after it is ignored only in the sense
that the stored effective due date is used (the tracked data keeps no history of
extensions beyond the task's own fields).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q

from nhiemvu.directory.models import Jurisdiction, Unit
from nhiemvu.reports.data import (
    GroupRow,
    IndicatorRow,
    Issuer,
    Obstacle,
    PeriodInfo,
    PeriodReport,
    PlanInfo,
    Rate,
    StatusCounts,
    TaskRow,
    UnitReport,
    UnitReportText,
    UrgingLetter,
    fmt_date,
    fmt_percent,
)
from nhiemvu.reports.models import ReportSetting
from nhiemvu.rules import status as st
from nhiemvu.rules.report_windows import (
    Period,
    ReportPolicy,
    ReportWindow,
    add_working_days,
    duties_from_extraction,
    parse_period,
    window_for,
)
from nhiemvu.tracking.models import Assignment, Indicator, Plan, ProgressUpdate, Target, Task

NO_UNIT = "Chưa xác định đơn vị chủ trì"
NO_SECTION = "Nhiệm vụ khác"
_PLACE_PREFIXES = ("thành phố ", "tp. ", "huyện ", "thị xã ", "tỉnh ", "quận ")


# --- settings ---------------------------------------------------------------------


def setting_for(plan: Plan | None = None, jurisdiction: Jurisdiction | None = None) -> ReportSetting | None:
    if plan is not None:
        found = ReportSetting.objects.filter(plan=plan).first()
        if found:
            return found
        jurisdiction = jurisdiction or plan.jurisdiction
    if jurisdiction is not None:
        return ReportSetting.objects.filter(jurisdiction=jurisdiction).first()
    return None


def policy_for(plan: Plan | None = None, jurisdiction: Jurisdiction | None = None) -> ReportPolicy:
    setting = setting_for(plan, jurisdiction)
    return ReportPolicy.from_dict(setting.policy_dict() if setting else None)


def plan_duties(plan: Plan):
    return duties_from_extraction(
        {"text": d.text, "cycle": d.cycle, "due": d.due_dates, "from": d.from_names, "to": d.to_names}
        for d in plan.reporting_duties.all()
    )


def place_of(jurisdiction: Jurisdiction) -> str:
    name = jurisdiction.name.strip()
    for prefix in _PLACE_PREFIXES:
        if name.lower().startswith(prefix):
            return name[len(prefix):].strip()
    return name


def office_issuer(jurisdiction: Jurisdiction, plan: Plan | None = None) -> Issuer:
    """The Office as issuer; every field may be set in the report settings."""
    s = setting_for(plan, jurisdiction)
    return Issuer(
        parent=(s and s.issuer_parent) or f"UBND {jurisdiction.name}",
        name=(s and s.issuer_name) or "Văn phòng HĐND và UBND",
        code=(s and s.issuer_code) or "VP",
        place=(s and s.place) or place_of(jurisdiction),
        signer_authority=(s and s.signer_authority) or "",
        signer_title=(s and s.signer_title) or "Chánh Văn phòng",
        signer_name=(s and s.signer_name) or "",
    )


def unit_issuer(unit: Unit) -> Issuer:
    return Issuer(
        parent=f"UBND {unit.jurisdiction.name}",
        name=unit.name,
        code=unit.short_name or "",
        place=place_of(unit.jurisdiction),
        signer_title="Thủ trưởng đơn vị",
    )


# --- period -----------------------------------------------------------------------


def period_info(window: ReportWindow, next_window: ReportWindow | None) -> PeriodInfo:
    return PeriodInfo(
        code=window.period.code,
        label=window.period.label,
        start=window.start,
        cutoff=window.cutoff,
        deadline=window.deadline,
        next_label=next_window.period.label if next_window else "",
        next_start=next_window.start if next_window else None,
        next_cutoff=next_window.cutoff if next_window else None,
    )


def windows(period: Period | str, plan: Plan | None = None, jurisdiction=None) -> tuple[ReportWindow, ReportWindow]:
    period = parse_period(period) if isinstance(period, str) else period
    policy = policy_for(plan, jurisdiction)
    duties = plan_duties(plan) if plan is not None else ()
    return window_for(period, policy, duties), window_for(period.next(), policy, duties)


# --- tasks ------------------------------------------------------------------------


_TASK_FIELDS = (
    "id", "plan_id", "section__title", "ref", "content", "due_text", "start", "due", "extended_due",
    "recurring", "completed_on", "cancelled", "cancelled_on", "cancel_reason", "urge_count",
    "product", "funding", "directed_by",
)


def _facts(task: dict, cutoff: dt.date) -> st.TaskFacts:
    cancelled = task["cancelled"] and (task["cancelled_on"] is None or task["cancelled_on"] <= cutoff)
    return st.TaskFacts(
        due=task["due"], extended_due=task["extended_due"], start=task["start"],
        completed_on=task["completed_on"], recurring=task["recurring"], cancelled=cancelled,
    )


def _chunks(ids: list[int], size: int = 900):
    # SQLite limits the number of query parameters.
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _assignments(task_ids: list[int]) -> dict[int, list[tuple]]:
    """Task id → live assignments as (role, unit_id, display name, unit name), in document order.
    Plain tuples: model instances for tens of thousands of rows cost seconds."""
    unit_names = dict(Unit.objects.values_list("id", "name"))
    out: dict[int, list[tuple]] = defaultdict(list)
    for chunk in _chunks(task_ids):
        rows = (
            Assignment.objects.filter(task_id__in=chunk, removed_on__isnull=True)
            .order_by("task_id", "role", "order", "id")
            .values_list("task_id", "role", "unit_id", "name_as_written", "via_group")
        )
        for task_id, role, unit_id, written, via_group in rows:
            # A group phrase expanded to its members ("UBND các phường, xã") is shown as
            # written once; counting by unit still uses each member.
            shown = via_group or (unit_names.get(unit_id) if unit_id else written)
            unit_name = unit_names.get(unit_id, "") if unit_id else ""
            out[task_id].append((role, unit_id, shown or "", unit_name))
    return out


def _latest_updates(task_ids: list[int], cutoff: dt.date) -> dict[int, tuple[str, int]]:
    """The latest submitted or accepted progress update of each task up to the cut-off,
    as (text, percent)."""
    latest: dict[int, tuple[str, int]] = {}
    states = [ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED]
    for chunk in _chunks(task_ids):
        rows = (
            ProgressUpdate.objects.filter(task_id__in=chunk, state__in=states, reported_on__lte=cutoff)
            .order_by("task_id", "reported_on", "id")
            .values_list("task_id", "text", "percent")
        )
        for task_id, text, percent in rows:
            latest[task_id] = (text, percent)
    return latest


def _names(items: list[tuple]) -> str:
    return "; ".join(dict.fromkeys(item[2] for item in items if item[2]))


def task_rows(tasks, cutoff: dt.date) -> list[TaskRow]:
    tasks = list(tasks.values(*_TASK_FIELDS))
    ids = [t["id"] for t in tasks]
    assignments = _assignments(ids)
    latest = _latest_updates(ids, cutoff)
    plan_refs: dict[int, str] = {}
    for p in Plan.objects.filter(pk__in={t["plan_id"] for t in tasks}):
        plan_refs[p.pk] = " ".join(
            x for x in (p.number or p.kind, f"ngày {fmt_date(p.issued_on)}" if p.issued_on else "") if x
        )
    rows: list[TaskRow] = []
    lead_role, support_role = Assignment.Role.LEAD.value, Assignment.Role.SUPPORT.value
    for task in tasks:
        items = assignments.get(task["id"], ())
        leads = [a for a in items if a[0] == lead_role]
        supports = [a for a in items if a[0] == support_role]
        status = st.compute_status(_facts(task, cutoff), cutoff)
        update = latest.get(task["id"])
        done_on = task["completed_on"]
        completed = done_on if done_on and done_on <= cutoff else None
        due, extended = task["due"], task["extended_due"]
        note = ""
        if status == st.CANCELLED:
            note = "Đã huỷ" + (f": {task['cancel_reason']}" if task["cancel_reason"] else "")
        elif status == st.OVERDUE and update is not None:
            note = update[0]  # the unit's latest word on an overdue task is its reason
        elif extended and due and extended != due:
            note = f"Đã gia hạn đến {fmt_date(extended)}"
        rows.append(
            TaskRow(
                pk=task["id"],
                ref=task["ref"],
                section=task["section__title"] or "",
                content=task["content"],
                plan_reference=plan_refs[task["plan_id"]],
                lead=_names(leads),
                support=_names(supports),
                due=extended or due,
                due_text=task["due_text"],
                status=status,
                completed_on=completed,
                result=update[0] if update is not None and status != st.OVERDUE else "",
                percent=100 if completed else (update[1] if update is not None else None),
                urge_count=task["urge_count"],
                note=note,
                lead_units=tuple(a[1] for a in leads if a[1]),
                lead_names=tuple(dict.fromkeys(a[3] if a[1] else NO_UNIT for a in leads)) or (NO_UNIT,),
                product=task["product"],
                funding=task["funding"],
                directed_by=task["directed_by"],
            )
        )
    return rows


def _in(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return day is not None and start is not None and end is not None and start <= day <= end


def _group(rows: list[TaskRow], key, window: ReportWindow) -> list[GroupRow]:
    groups: dict[str, GroupRow] = {}
    for row in rows:
        for name in key(row):
            group = groups.setdefault(name, GroupRow(name=name, counts=StatusCounts()))
            group.counts.add(row.status)
            if row.status != st.CANCELLED and _in(row.due, window.start, window.cutoff):
                group.due_in_period += 1
                group.on_time_in_period += row.status == st.COMPLETED_ON_TIME
    return list(groups.values())


# --- indicators -------------------------------------------------------------------

_COMPARATOR_SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": ""}


def _num(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _achievement(target: Target, actual: Decimal | None) -> tuple[str, bool | None]:
    if actual is None:
        return "Chưa có số liệu", None
    value = target.value
    ok = {
        ">=": actual >= value, ">": actual > value, "<=": actual <= value, "<": actual < value,
        "=": actual == value,
    }[target.comparator]
    if target.comparator in (">=", ">", "=") and value:
        ratio = fmt_percent(float(actual / value * 100))
        return f"{'Đạt' if ok else 'Chưa đạt'} ({ratio})", ok
    return ("Đạt" if ok else "Chưa đạt"), ok


def indicator_rows(plan: Plan, period_code: str) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    indicators = Indicator.objects.filter(plan=plan).prefetch_related("targets__actuals").order_by("order", "id")
    for indicator in indicators:
        targets = list(indicator.targets.all())
        if not targets:
            rows.append(IndicatorRow(indicator.ref, indicator.text, "Không định lượng", "", "Chưa có số liệu"))
            continue
        for target in targets:
            actual = next((a.value for a in target.actuals.all() if a.period == period_code), None)
            scope = f"{target.scope}: " if target.scope else ""
            sign = _COMPARATOR_SIGNS.get(target.comparator, target.comparator)
            achievement, ok = _achievement(target, actual)
            rows.append(IndicatorRow(
                ref=indicator.ref,
                text=indicator.text if len(targets) == 1 else f"{indicator.text} ({target.scope or target.order})",
                target=f"{scope}{sign} {_num(target.value)} {target.unit}".strip(),
                actual=f"{_num(actual)} {target.unit}".strip() if actual is not None else "",
                achievement=achievement,
                achieved=ok,
            ))
    return rows


# --- the reports ------------------------------------------------------------------


def _rates(rows: list[TaskRow], window: ReportWindow) -> tuple[Rate, Rate]:
    live = [r for r in rows if r.status != st.CANCELLED]
    due_in = [r for r in live if _in(r.due, window.start, window.cutoff)]
    due_by = [r for r in live if r.due is not None and r.due <= window.cutoff]
    return (
        Rate(sum(r.status == st.COMPLETED_ON_TIME for r in due_in), len(due_in)),
        Rate(sum(r.status == st.COMPLETED_ON_TIME for r in due_by), len(due_by)),
    )


def _next_period(rows: list[TaskRow], next_window: ReportWindow) -> list[TaskRow]:
    return [
        r for r in rows
        if r.status not in st.COMPLETED and r.status != st.CANCELLED
        and _in(r.due, next_window.start, next_window.cutoff)
    ]


def _counts(rows: Iterable[TaskRow]) -> StatusCounts:
    counts = StatusCounts()
    for row in rows:
        counts.add(row.status)
    return counts


def build_period_report(plan: Plan, period: Period | str, *, today: dt.date | None = None) -> PeriodReport:
    window, next_window = windows(period, plan)
    rows = task_rows(Task.objects.filter(plan=plan).order_by("order", "id"), window.cutoff)
    due_in_period, cumulative = _rates(rows, window)
    overdue = [r for r in rows if r.status == st.OVERDUE]
    obstacles: dict[str, list[str]] = defaultdict(list)
    for row in overdue:
        if row.note:
            for name in row.lead_names:
                obstacles[name].append(f"nhiệm vụ {row.ref}: {row.note}" if row.ref else row.note)
    setting = setting_for(plan)
    recipients = list(setting.recipients) if setting and setting.recipients else []
    if not recipients:
        recipients = [f"Thường trực UBND {plan.jurisdiction.name}"]
        for duty in plan.reporting_duties.all():
            if duty.cycle == parse_period(window.period.code).cycle.value:
                recipients += [n for n in duty.to_names if n not in recipients and "văn phòng" not in n.lower()]
        recipients.append("Các đơn vị chủ trì")
    return PeriodReport(
        issuer=office_issuer(plan.jurisdiction, plan),
        plan=PlanInfo(plan.pk, plan.kind, plan.number, plan.issued_on, plan.issuer, plan.title),
        period=period_info(window, next_window),
        issued_on=today or dt.date.today(),
        counts=_counts(rows),
        due_in_period=due_in_period,
        cumulative=cumulative,
        units=sorted(_group(rows, lambda r: r.lead_names, window), key=lambda g: (g.name == NO_UNIT, g.name)),
        sections=_group(rows, lambda r: [r.section or NO_SECTION], window),
        overdue=overdue,
        indicators=indicator_rows(plan, window.period.code),
        next_period=_next_period(rows, next_window),
        tasks=rows,
        obstacles=[Obstacle(unit, "; ".join(texts)) for unit, texts in sorted(obstacles.items())],
        recipients=recipients,
    )


def _unit_tasks(unit: Unit, plan: Plan | None = None):
    tasks = Task.objects.filter(
        plan__status__in=[Plan.Status.PUBLISHED, Plan.Status.CLOSED],
        assignments__unit=unit, assignments__role=Assignment.Role.LEAD, assignments__removed_on__isnull=True,
    )
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    return tasks.distinct().order_by("plan_id", "order", "id")


def build_unit_report(
    unit: Unit, period: Period | str, *, plan: Plan | None = None, today: dt.date | None = None,
    text: UnitReportText | None = None,
) -> UnitReport:
    window, next_window = windows(period, plan, unit.jurisdiction)
    rows = task_rows(_unit_tasks(unit, plan), window.cutoff)
    due_in_period, _ = _rates(rows, window)
    if text is None:
        # Pre-fill from what the unit reported in the window; the officer edits it.
        # Overdue tasks' latest words are their reasons, listed under difficulties instead.
        open_ok = [r.pk for r in rows if r.status != st.OVERDUE]
        updates = ProgressUpdate.objects.filter(
            unit=unit, task__in=open_ok, reported_on__range=(window.start, window.cutoff),
        ).exclude(state=ProgressUpdate.State.DRAFT).exclude(text="").select_related("task").order_by("reported_on")
        results = [f"- Nhiệm vụ {u.task.ref}: {u.text}" if u.task.ref else f"- {u.text}" for u in updates]
        text = UnitReportText(results="\n".join(results))
    return UnitReport(
        issuer=unit_issuer(unit),
        unit_name=unit.name,
        recipient=office_issuer(unit.jurisdiction, plan).name + f" {unit.jurisdiction.name}",
        period=period_info(window, next_window),
        issued_on=today or dt.date.today(),
        counts=_counts(rows),
        due_in_period=due_in_period,
        tasks=rows,
        overdue=[r for r in rows if r.status == st.OVERDUE],
        next_period=_next_period(rows, next_window),
        text=text,
    )


def overdue_rows(unit: Unit, day: dt.date) -> list[TaskRow]:
    open_tasks = _unit_tasks(unit).filter(
        Q(completed_on__isnull=True) | Q(completed_on__gt=day), cancelled=False
    )
    return [r for r in task_rows(open_tasks, day) if r.status == st.OVERDUE]


def build_urging_letter(unit: Unit, *, today: dt.date | None = None, reply_days: int = 5) -> UrgingLetter:
    day = today or dt.date.today()
    return UrgingLetter(
        issuer=office_issuer(unit.jurisdiction),
        unit_name=unit.name,
        issued_on=day,
        tasks=overdue_rows(unit, day),
        reply_by=add_working_days(day, reply_days),
        copy_to=[f"Lãnh đạo UBND {unit.jurisdiction.name} (để b/c)"],
    )


def unit_deadlines(unit: Unit, today: dt.date, days: int = 60) -> list[tuple[Plan, object]]:
    """The calendar of report deadlines a unit faces in the next `days` days: for each
    published plan where it leads a task (or is named as a reporting unit), the plan's
    own reporting duties under the plan's or jurisdiction's window policy."""
    from nhiemvu.rules.report_windows import upcoming_deadlines

    plans = Plan.objects.filter(status=Plan.Status.PUBLISHED).filter(
        Q(tasks__assignments__unit=unit, tasks__assignments__role=Assignment.Role.LEAD)
        | Q(reporting_duties__from_units=unit)
    ).distinct()
    found = []
    for plan in plans:
        duties = plan_duties(plan)
        cycles = {d.cycle for d in duties if d.cycle is not None}
        for item in upcoming_deadlines(today, days, cycles, policy_for(plan), duties):
            found.append((plan, item))
    found.sort(key=lambda pair: (pair[1].deadline, pair[0].pk))
    return found
