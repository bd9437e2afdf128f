"""Status and statistics as SQL: the database filters and counts, Python never loads all tasks.

`status_q(code, today)` is the rule of rules/status.py written as one Q per status (exclusive,
same precedence); `with_status` turns them into a CASE annotation. A test compares both with
the pure rule over many generated tasks.

Completion dates are never in the future (services refuse future report dates), so when
`today` is the real date the open statuses use `completed_on IS NULL`, which the partial
indexes on open work can serve. For an as-of date in the past the general form is used.

When a task queryset is "every task of some plans" (its filters read only the plan:
`stats.plan_scope`), the statistics read the maintained structure of tracking/stats.py
instead: per-unit tables from the task facts copied onto assignments (no join), status counts
from the tally of settled work plus a scan of the open tasks. Same rule, same numbers (tests
compare both paths); anything else takes the general path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from nhiemvu.rules import status as S
from nhiemvu.rules.periods import Period, parse_period
from nhiemvu.rules.rates import rates
from nhiemvu.tracking.keys import NO_DUE
from nhiemvu.tracking.models import Assignment, PlanTally, ProgressUpdate, Task
from nhiemvu.tracking.stats import plan_scope

EFF = "eff_due"


class DaysBetween(Func):
    """Whole days from `b` to `a` (a - b) for two dates, on SQLite and PostgreSQL."""

    output_field = IntegerField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


class UnorderedDate(Func):
    """The same date, hidden from PostgreSQL's index-order matching (`date + 0`).

    Ordering by the effective due date matches the open-work index, so the planner walks it
    hoping to meet the first rows soon; when old open tasks of other plans come first it walks
    tens of thousands of them (~1 s at 1 M tasks). Sorting the few selected rows instead takes
    ~10 ms. Same values, same order; other backends get the plain expression."""

    arity = 1
    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + 0)", params


class InIds(Func):
    """`column IN ids` as a boolean expression. On PostgreSQL the ids travel as ONE array
    parameter (`= ANY(%s)`): a thousand plan ids as separate parameters cost ~10 ms of query
    building and quoting per statement, more than the database spends answering."""

    output_field = BooleanField()

    def __init__(self, column: str, ids: Iterable[int]):
        super().__init__(F(column))
        self.ids = [int(i) for i in ids]

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            # Typed: psycopg would send small numbers as int2[], which the planner misjudges.
            return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]
        return f"{sql} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


def _today(today: dt.date | None) -> tuple[dt.date, bool]:
    """The as-of date and whether it is the real today (fast open-work form allowed)."""
    real = timezone.localdate()
    if today is None or today >= real:
        return (today or real), True
    return today, False


def _due_soon_days() -> int:
    return int(getattr(settings, "NHIEMVU_DUE_SOON_DAYS", S.DEFAULT_DUE_SOON_DAYS))


def eff_due_expression(prefix: str = "", *, original_due: bool = False):
    if original_due:
        return F(f"{prefix}due")
    return Coalesce(F(f"{prefix}extended_due"), F(f"{prefix}due"), output_field=DateField())


def with_eff_due(qs: QuerySet, prefix: str = "", *, original_due: bool = False) -> QuerySet:
    return qs.annotate(**{EFF: eff_due_expression(prefix, original_due=original_due)})


def keyed_eff_due(prefix: str = "", *, original_due: bool = False):
    """The effective (or original) due date with NO_DUE standing for none: see tracking/keys.py."""
    if original_due:
        return Coalesce(F(f"{prefix}due"), Value(NO_DUE), output_field=DateField())
    return Coalesce(F(f"{prefix}extended_due"), F(f"{prefix}due"), Value(NO_DUE), output_field=DateField())


def status_q(code: str, today: dt.date | None = None, *, prefix: str = "", due_soon_days: int | None = None,
             fast: bool | None = None, keyed: bool = False) -> Q:
    """A Q selecting tasks whose status on `today` is `code`; needs the `eff_due` alias
    (`with_eff_due`). `prefix` is "task__" when the query starts from assignments. `keyed`:
    the `eff_due` alias is a keyed due date (NO_DUE for none) instead of a nullable one."""
    day, real = _today(today)
    fast = real if fast is None else fast
    window = _due_soon_days() if due_soon_days is None else due_soon_days
    p = prefix

    def q(**kw) -> Q:
        return Q(**{(k if k.startswith(EFF) else p + k): v for k, v in kw.items()})

    cancelled = q(cancelled=True)
    live = q(cancelled=False)
    done = q(completed_on__lte=day)
    open_ = q(completed_on__isnull=True) if fast else (q(completed_on__isnull=True) | q(completed_on__gt=day))
    no_due = Q(**{EFF: NO_DUE}) if keyed else q(eff_due__isnull=True)
    recurring = q(recurring=True) | no_due
    dated = q(recurring=False) & (Q(**{f"{EFF}__lt": NO_DUE}) if keyed else q(eff_due__isnull=False))
    started = q(start__isnull=True) | q(start__lte=day)
    running = live & open_ & dated & started
    soon = day + dt.timedelta(days=window)
    table = {
        S.CANCELLED: cancelled,
        S.COMPLETED_ON_TIME: live & done & (Q(**{f"{p}completed_on__lte": F(EFF)}) if keyed
                                            else no_due | Q(**{f"{p}completed_on__lte": F(EFF)})),
        S.COMPLETED_LATE: live & done & Q(**{f"{p}completed_on__gt": F(EFF)}),
        S.RECURRING: live & open_ & recurring,
        S.NOT_YET_DUE: live & open_ & dated & q(start__gt=day),
        S.OVERDUE: running & q(eff_due__lt=day),
        S.DUE_SOON: running & q(eff_due__gte=day, eff_due__lte=soon),
        S.IN_PROGRESS: running & q(eff_due__gt=soon),
    }
    try:
        return table[code]
    except KeyError:
        raise ValueError(f"Trạng thái không hợp lệ: {code!r}") from None


def live_tasks(qs: QuerySet[Task] | None = None) -> QuerySet[Task]:
    """Tasks of published plans: what the dashboards follow (closed plans are history).

    The plan ids are fetched first (a few hundred at most) and given to the database as
    constants, so the planner picks the per-plan indexes instead of walking every task."""
    from nhiemvu.tracking.models import Plan

    base = qs if qs is not None else Task.objects.all()
    ids = list(Plan.objects.filter(status=Plan.Status.PUBLISHED).values_list("pk", flat=True))
    return base.filter(plan_id__in=ids)


def open_q(today: dt.date | None = None, *, prefix: str = "") -> Q:
    """Work still to do on `today`: every status except completed and cancelled (the union of
    not yet due, in progress, due soon, overdue and recurring), as one simple condition."""
    day, real = _today(today)
    p = prefix
    done_later = Q(**{f"{p}completed_on__isnull": True})
    if not real:
        done_later |= Q(**{f"{p}completed_on__gt": day})
    return Q(**{f"{p}cancelled": False}) & done_later


def filter_status(qs: QuerySet, codes: str | Iterable[str], today: dt.date | None = None, *,
                  original_due: bool = False, prefix: str = "") -> QuerySet:
    """Tasks (or assignments, with prefix "task__") in one of the given statuses."""
    codes = [codes] if isinstance(codes, str) else list(codes)
    cond = Q()
    for i, code in enumerate(codes):
        cond = status_q(code, today, prefix=prefix) if i == 0 else cond | status_q(code, today, prefix=prefix)
    return with_eff_due(qs, prefix, original_due=original_due).filter(cond)


def with_status(qs: QuerySet[Task], today: dt.date | None = None, *, original_due: bool = False) -> QuerySet[Task]:
    """Annotate `status` (code), `eff_due`, `days_overdue` (0 unless overdue), `is_stale`,
    `is_idle`, `is_escalated`, `ageing` (overdue bucket or None)."""
    day, _ = _today(today)
    qs = qs.annotate(**{EFF: eff_due_expression(original_due=original_due)})
    whens = [When(status_q(code, today), then=Value(code)) for code in S.STATUSES if code != S.IN_PROGRESS]
    stale_days = int(getattr(settings, "NHIEMVU_STALE_DAYS", S.DEFAULT_STALE_DAYS))
    idle_days = 30 * int(getattr(settings, "NHIEMVU_IDLE_MONTHS", S.DEFAULT_IDLE_MONTHS))
    escalate = int(getattr(settings, "NHIEMVU_ESCALATE_AFTER_URGES", S.DEFAULT_ESCALATE_AFTER))
    overdue = status_q(S.OVERDUE, today)
    live_open = Q(cancelled=False) & (Q(completed_on__isnull=True) | Q(completed_on__gt=day))
    qs = qs.annotate(status=Case(*whens, default=Value(S.IN_PROGRESS), output_field=CharField()))
    qs = qs.annotate(
        days_overdue=Case(When(overdue, then=DaysBetween(Value(day, output_field=DateField()), F(EFF))),
                          default=Value(0), output_field=IntegerField()),
        is_stale=Case(When(live_open & Q(last_activity_on__lt=day - dt.timedelta(days=stale_days)), then=Value(True)),
                      default=Value(False), output_field=BooleanField()),
        is_idle=Case(When(Q(cancelled=False, completed_on__isnull=True, eff_due__isnull=True,
                            last_activity_on__lt=day - dt.timedelta(days=idle_days)), then=Value(True)),
                     default=Value(False), output_field=BooleanField()),
        is_escalated=Case(When(overdue & Q(urge_count__gte=escalate), then=Value(True)),
                          default=Value(False), output_field=BooleanField()),
        ageing=Case(
            When(overdue & Q(eff_due__gte=day - dt.timedelta(days=30)), then=Value("le_30")),
            When(overdue & Q(eff_due__gte=day - dt.timedelta(days=120)), then=Value("31_120")),
            When(overdue, then=Value("gt_120")),
            default=Value(None), output_field=CharField(null=True),
        ),
    )
    return qs


def status_counts(qs: QuerySet[Task], today: dt.date | None = None, *, original_due: bool = False,
                  prefix: str = "") -> dict[str, int]:
    """Number of tasks in each status (every status present, zeros included), counted by the database."""
    if not prefix:
        fast = _status_counts_tallied(qs, today, original_due)
        if fast is not None:
            return fast
    qs = with_eff_due(qs, prefix, original_due=original_due)
    # Counting plan_id (never null) reads no column outside the task_status_facts index, so
    # PostgreSQL can answer with an index-only scan.
    key = f"{prefix}plan_id"
    agg = qs.aggregate(**{code: Count(key, filter=status_q(code, today, prefix=prefix)) for code in S.STATUSES})
    return {code: int(agg[code] or 0) for code in S.STATUSES}


def _plan_ids(qs: QuerySet[Task]) -> list[int] | None:
    """The plans `qs` is every task of (see stats.plan_scope), as constants for the planner."""
    plans = plan_scope(qs)
    if plans is None:
        return None
    ids = list(plans.order_by().values_list("pk", flat=True))
    # SQLite allows 32,766 parameters per statement; beyond that (never in practice) go general.
    return ids if len(ids) <= 30_000 else None


def _status_counts_tallied(qs: QuerySet[Task], today: dt.date | None, original_due: bool) -> dict[str, int] | None:
    """status_counts from the per-plan tally (tracking/stats.py) plus a few index range scans,
    when `qs` is whole plans and `today` is not in the past; None otherwise.

    Settled work (cancelled, completed) and open recurring work keep their status whatever the
    date: read from the tally. Open dated work is overdue unless it starts later or is due from
    today on: only those (few) rows are read. The tally counts a completion dated after `today`
    (never written by the services, but possible in the data) as completed, yet it is still
    open on `today`: those few tasks are taken back out and counted by the general rule."""
    day, real = _today(today)
    if not real or day >= NO_DUE:
        return None
    ids = _plan_ids(qs)
    if ids is None:
        return None
    suffix = "_original" if original_due else ""
    tally = PlanTally.objects.filter(InIds("plan_id", ids)).aggregate(
        cancelled=Sum("cancelled"), on_time=Sum(f"on_time{suffix}"), late=Sum(f"late{suffix}"),
        open_recurring=Sum("open_recurring"), open_dated=Sum("open_dated"))
    tally = {k: int(v or 0) for k, v in tally.items()}
    counts = dict.fromkeys(S.STATUSES, 0)
    counts[S.CANCELLED] = tally["cancelled"]
    counts[S.COMPLETED_ON_TIME] = tally["on_time"]
    counts[S.COMPLETED_LATE] = tally["late"]
    tasks = Task.objects.filter(InIds("plan_id", ids))
    open_codes = [c for c in S.STATUSES if c in S.OPEN]
    open_tasks = tasks.filter(completed_on__isnull=True, cancelled=False)
    if original_due:
        # The open tallies are for the effective due date: count open work by the general rule
        # (the partial index task_open_facts has every column it reads).
        agg = with_eff_due(open_tasks, original_due=True).aggregate(
            **{c: Count("plan_id", filter=status_q(c, day)) for c in open_codes})
        for c in open_codes:
            counts[c] = int(agg[c] or 0)
    else:
        ahead = with_eff_due(open_tasks.filter(recurring=False)).filter(eff_due__gte=day).aggregate(
            total=Count("plan_id"), **{c: Count("plan_id", filter=status_q(c, day))
                                       for c in (S.NOT_YET_DUE, S.DUE_SOON, S.IN_PROGRESS)})
        # Past their due date but not started yet: not yet due (the start comes first).
        later_start = with_eff_due(open_tasks.filter(recurring=False, start__gt=day)).filter(eff_due__lt=day).count()
        counts[S.RECURRING] = tally["open_recurring"]
        counts[S.NOT_YET_DUE] = int(ahead[S.NOT_YET_DUE]) + later_start
        counts[S.DUE_SOON] = int(ahead[S.DUE_SOON])
        counts[S.IN_PROGRESS] = int(ahead[S.IN_PROGRESS])
        counts[S.OVERDUE] = tally["open_dated"] - int(ahead["total"]) - later_start
    # Completed after `today`: open on `today` (usually none; index on completed_on).
    later = with_eff_due(tasks.filter(completed_on__gt=day, cancelled=False), original_due=original_due)
    on_time = Q(eff_due__isnull=True) | Q(completed_on__lte=F(EFF))
    back = later.aggregate(on_time=Count("plan_id", filter=on_time), late=Count("plan_id", filter=~on_time),
                           **{c: Count("plan_id", filter=status_q(c, day, fast=False)) for c in open_codes})
    for c in open_codes:
        counts[c] += int(back[c] or 0)
    counts[S.COMPLETED_ON_TIME] -= int(back["on_time"] or 0)
    counts[S.COMPLETED_LATE] -= int(back["late"] or 0)
    return counts


def ageing_counts(qs: QuerySet[Task], today: dt.date | None = None) -> dict[str, int]:
    """Overdue tasks by age: ≤ 30, 31–120, > 120 days past the due date."""
    day, _ = _today(today)
    qs = with_eff_due(qs)
    overdue = status_q(S.OVERDUE, today)
    agg = qs.aggregate(
        le_30=Count("pk", filter=overdue & Q(eff_due__gte=day - dt.timedelta(days=30))),
        **{"31_120": Count("pk", filter=overdue & Q(eff_due__lt=day - dt.timedelta(days=30),
                                                    eff_due__gte=day - dt.timedelta(days=120)))},
        gt_120=Count("pk", filter=overdue & Q(eff_due__lt=day - dt.timedelta(days=120))),
    )
    return {k: int(v or 0) for k, v in agg.items()}


def overdue_list(qs: QuerySet[Task], today: dt.date | None = None, *, limit: int | None = 100) -> QuerySet[Task]:
    """Overdue tasks, longest overdue first, with status annotations."""
    qs = with_status(filter_status(qs, S.OVERDUE, today), today).order_by(UnorderedDate(F(EFF)).asc(), "pk")
    return qs[:limit] if limit else qs


def escalated(qs: QuerySet[Task], today: dt.date | None = None) -> QuerySet[Task]:
    """Still overdue after the configured number of urging notices (the leaders' view)."""
    escalate = int(getattr(settings, "NHIEMVU_ESCALATE_AFTER_URGES", S.DEFAULT_ESCALATE_AFTER))
    return filter_status(qs, S.OVERDUE, today).filter(urge_count__gte=escalate)


def inbox(unit, today: dt.date | None = None, *, qs: QuerySet[Task] | None = None, limit: int | None = 50):
    """A unit's open work, most urgent first: overdue, due soon, in progress, not yet due, recurring."""
    base = qs if qs is not None else Task.objects.all()
    _, real = _today(today)
    if real:
        # Open today: the unit's live assignments whose copied task facts are open (a partial
        # index holds just those), instead of testing every task the unit ever had.
        mine = Assignment.objects.filter(unit=unit, removed_on__isnull=True, t_completed_on__isnull=True,
                                         t_cancelled=False).values("task_id")
        base = base.filter(pk__in=mine, plan__status="published")
    else:
        base = base.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit=unit, removed_on__isnull=True)),
                           plan__status="published")
    open_codes = [S.OVERDUE, S.DUE_SOON, S.IN_PROGRESS, S.NOT_YET_DUE, S.RECURRING]
    qs2 = with_status(base.filter(open_q(today)), today)
    rank = Case(*[When(status=c, then=Value(i)) for i, c in enumerate(open_codes)], output_field=IntegerField())
    qs2 = qs2.annotate(rank=rank).order_by("rank", F(EFF).asc(nulls_last=True), "pk")
    return qs2[:limit] if limit else qs2


def with_reported(qs: QuerySet[Task], period: str | Period) -> QuerySet[Task]:
    """Annotate `reported` (bool): a unit sent (or the Office accepted) a progress report for
    the period: labelled with it, or dated inside it. For recurring tasks, "reported or not
    this period" is what the Office follows."""
    per = parse_period(period) if isinstance(period, str) else period
    sent = ProgressUpdate.objects.filter(
        Q(period=per.code) | Q(reported_on__gte=per.start, reported_on__lte=per.end),
        task=OuterRef("pk"), state__in=[ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED],
    )
    return qs.annotate(reported=Exists(sent))


def pending_reviews(qs: QuerySet[Task]) -> QuerySet[ProgressUpdate]:
    """Submitted progress reports waiting for the Office, oldest first."""
    return ProgressUpdate.objects.filter(task__in=qs, state=ProgressUpdate.State.SUBMITTED).order_by("reported_on", "pk")


# ---------------------------------------------------------------- statistics


def _in_period(period: Period | None, prefix: str = "", *, keyed: bool = False) -> Q:
    """Tasks that count in a period at all (see rules/rates.period_counts). Applied in WHERE
    so the database reads only them (index on the effective due date), not every task.
    Keyed (NO_DUE for none), "no due date or due from the start on" is one range."""
    p = prefix
    live = Q(**{f"{p}cancelled": False})
    if period is not None:
        live &= (Q(**{f"{p}start__isnull": True}) | Q(**{f"{p}start__lte": period.end}))
        live &= Q(eff_due__gte=period.start) if keyed else Q(eff_due__isnull=True) | Q(eff_due__gte=period.start)
        live &= Q(**{f"{p}completed_on__isnull": True}) | Q(**{f"{p}completed_on__gte": period.start})
    return live


def _asof(period: Period | None, today: dt.date | None) -> dt.date:
    real_today, _ = _today(None)
    return min(period.end, today or real_today) if period else (today or real_today)


def _period_counts(prefix: str, period: Period | None, today: dt.date | None, *, keyed: bool = False,
                   key: str | None = None) -> dict:
    """Count expressions for the rates (see rules/rates.py), as of the end of the period (or today),
    over rows already restricted to `_in_period` in WHERE (so the filters need not repeat it).
    `keyed`: `eff_due` is a keyed due date (NO_DUE for none; needs as-of < NO_DUE)."""
    asof = _asof(period, today)
    p = prefix
    done = Q(**{f"{p}completed_on__lte": asof})
    due = Q(**{f"{p}recurring": False}) & Q(eff_due__lte=asof)
    on_time = done & (Q(**{f"{p}completed_on__lte": F(EFF)}) if keyed
                      else Q(eff_due__isnull=True) | Q(**{f"{p}completed_on__lte": F(EFF)}))
    not_done = Q(**{f"{p}completed_on__isnull": True}) | Q(**{f"{p}completed_on__gt": asof})
    overdue = due & not_done & Q(eff_due__lt=asof)
    key = key or (f"{p}id" if p else "pk")
    return {
        "assigned": Count(key),
        "due": Count(key, filter=due),
        "done_due": Count(key, filter=due & done),
        "completed": Count(key, filter=done),
        "on_time": Count(key, filter=on_time),
        "late": Count(key, filter=done & Q(**{f"{p}completed_on__gt": F(EFF)})),
        "overdue": Count(key, filter=overdue),
    }


def _finish(rows: Iterable[dict]) -> list[dict]:
    out = []
    for row in rows:
        row = dict(row)
        row["unfinished"] = row["due"] - row["done_due"]  # came due in the period, not done by its end
        row["rates"] = rates(row)
        out.append(row)
    return out


def unit_table(qs: QuerySet[Task], period: str | Period | None = None, today: dt.date | None = None, *,
               role: str | None = Assignment.Role.LEAD, original_due: bool = False,
               include_removed: bool = False) -> list[dict]:
    """Per unit: assigned, due, done_due, completed, on_time, late, overdue and the three rates.

    `role` lead (default: units answer for what they lead), support, or None for both.
    `original_due` counts against the document's dates instead of extended ones;
    `include_removed` counts assignments the Office took off a unit's list.
    """
    from nhiemvu.directory.models import Unit

    per = parse_period(period) if isinstance(period, str) else period
    rows = None if include_removed else _unit_rows_copied(qs, per, today, role, original_due)
    if rows is None:
        # One join task → assignment, grouped by unit (the filter's join is reused by values()),
        # so the planner starts from the selected tasks instead of scanning every assignment.
        cond = Q(assignments__unit__isnull=False)
        if role:
            cond &= Q(assignments__role=role)
        if not include_removed:
            cond &= Q(assignments__removed_on__isnull=True)
        rows = [{**r, "unit_id": r["assignments__unit_id"]}
                for r in with_eff_due(qs.filter(cond), original_due=original_due).filter(_in_period(per))
                .values("assignments__unit_id").annotate(**_period_counts("", per, today)).order_by()]
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[r["unit_id"] for r in rows])}
    rows.sort(key=lambda r: (units[r["unit_id"]].sort_order, units[r["unit_id"]].name))
    return _finish(
        {"unit_id": r["unit_id"], "unit": units[r["unit_id"]].name, "short_name": units[r["unit_id"]].short_name,
         **{k: r[k] for k in ("assigned", "due", "done_due", "completed", "on_time", "late", "overdue")}}
        for r in rows
    )


def _unit_rows_copied(qs: QuerySet[Task], per: Period | None, today: dt.date | None, role: str | None,
                      original_due: bool) -> list[dict] | None:
    """unit_table's counts from the task facts copied onto the live assignments (one table,
    an index-only scan grouped by unit), when `qs` is whole plans; None otherwise."""
    if _asof(per, today) >= NO_DUE:
        return None
    ids = _plan_ids(qs)
    if ids is None:
        return None
    rows = Assignment.objects.filter(InIds("t_plan_id", ids), unit__isnull=False, removed_on__isnull=True)
    if role:
        rows = rows.filter(role=role)
    rows = rows.annotate(**{EFF: F("t_due_key" if original_due else "t_eff_key")}).filter(_in_period(per, "t_", keyed=True))
    return list(rows.values("unit_id").annotate(**_period_counts("t_", per, today, keyed=True, key="t_plan_id"))
                .order_by())


_GROUPS = {"section": ("section_id", "section__title"), "plan": ("plan_id", "plan__title")}


def group_table(qs: QuerySet[Task], by: str = "unit", period: str | Period | None = None,
                today: dt.date | None = None, *, original_due: bool = False) -> list[dict]:
    """Statistics grouped by unit, section or plan (same columns as unit_table)."""
    if by == "unit":
        return unit_table(qs, period, today, original_due=original_due)
    if by not in _GROUPS:
        raise ValueError(f"Không nhóm được theo {by!r} (dùng unit, section hoặc plan).")
    per = parse_period(period) if isinstance(period, str) else period
    key, label = _GROUPS[by]
    qs, keyed = _keyed(qs, per, today, original_due)
    rows = (qs.filter(_in_period(per, keyed=keyed)).values(key, label)
            .annotate(**_period_counts("", per, today, keyed=keyed)).order_by(key))
    return _finish(
        {"id": r[key], "name": r[label] or "(không có mục)",
         **{k: r[k] for k in ("assigned", "due", "done_due", "completed", "on_time", "late", "overdue")}}
        for r in rows
    )


def totals(qs: QuerySet[Task], period: str | Period | None = None, today: dt.date | None = None, *,
           original_due: bool = False) -> dict:
    """The same counts and rates for the whole selection (a plan, a jurisdiction, a period)."""
    per = parse_period(period) if isinstance(period, str) else period
    qs, keyed = _keyed(qs, per, today, original_due)
    row = qs.filter(_in_period(per, keyed=keyed)).aggregate(**_period_counts("", per, today, keyed=keyed))
    return _finish([{k: int(v or 0) for k, v in row.items()}])[0]


def _keyed(qs: QuerySet[Task], per: Period | None, today: dt.date | None, original_due: bool) -> tuple[QuerySet, bool]:
    """Tasks with the keyed due date as `eff_due` (the task_period_key index: a period is one
    range), and whole plans as constant plan ids; the nullable form when as-of is NO_DUE."""
    if _asof(per, today) >= NO_DUE:
        return with_eff_due(qs, original_due=original_due), False
    ids = _plan_ids(qs)
    if ids is not None:
        qs = Task.objects.filter(InIds("plan_id", ids))
    return qs.annotate(**{EFF: keyed_eff_due(original_due=original_due)}), True


def urge_counts(qs: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with the number of urging notices sent (denormalised counter, kept by services.urge)."""
    return qs.filter(urge_count__gt=0).order_by("-urge_count", "pk")
