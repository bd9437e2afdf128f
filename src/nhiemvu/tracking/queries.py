"""Status and statistics as SQL: the database filters and counts, Python never loads all tasks.

`status_q(code, today)` is the rule of rules/status.py written as one Q per status (exclusive,
same precedence); `with_status` turns them into a CASE annotation. A test compares both with
the pure rule over many generated tasks.

Completion dates are never in the future (services refuse future report dates), so when
`today` is the real date the open statuses use `completed_on IS NULL`, which the partial
indexes on open work can serve. For an as-of date in the past the general form is used.
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
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from nhiemvu.rules import status as S
from nhiemvu.rules.periods import Period, parse_period
from nhiemvu.rules.rates import rates
from nhiemvu.tracking.models import Assignment, ProgressUpdate, Task

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


def status_q(code: str, today: dt.date | None = None, *, prefix: str = "", due_soon_days: int | None = None,
             fast: bool | None = None) -> Q:
    """A Q selecting tasks whose status on `today` is `code`; needs the `eff_due` alias
    (`with_eff_due`). `prefix` is "task__" when the query starts from assignments."""
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
    recurring = q(recurring=True) | q(eff_due__isnull=True)
    dated = q(recurring=False, eff_due__isnull=False)
    started = q(start__isnull=True) | q(start__lte=day)
    running = live & open_ & dated & started
    soon = day + dt.timedelta(days=window)
    table = {
        S.CANCELLED: cancelled,
        S.COMPLETED_ON_TIME: live & done & (q(eff_due__isnull=True) | Q(**{f"{p}completed_on__lte": F(EFF)})),
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
    qs = with_eff_due(qs, prefix, original_due=original_due)
    # Counting plan_id (never null) reads no column outside the task_status_facts index, so
    # PostgreSQL can answer with an index-only scan.
    key = f"{prefix}plan_id"
    agg = qs.aggregate(**{code: Count(key, filter=status_q(code, today, prefix=prefix)) for code in S.STATUSES})
    return {code: int(agg[code] or 0) for code in S.STATUSES}


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


def _in_period(period: Period | None, prefix: str = "") -> Q:
    """Tasks that count in a period at all (see rules/rates.period_counts). Applied in WHERE
    so the database reads only them (index on the effective due date), not every task."""
    p = prefix
    live = Q(**{f"{p}cancelled": False})
    if period is not None:
        live &= (Q(**{f"{p}start__isnull": True}) | Q(**{f"{p}start__lte": period.end}))
        live &= Q(eff_due__isnull=True) | Q(eff_due__gte=period.start)
        live &= Q(**{f"{p}completed_on__isnull": True}) | Q(**{f"{p}completed_on__gte": period.start})
    return live


def _period_counts(prefix: str, period: Period | None, today: dt.date | None) -> dict:
    """Count expressions for the rates (see rules/rates.py), as of the end of the period (or today)."""
    real_today, _ = _today(None)
    asof = min(period.end, today or real_today) if period else (today or real_today)
    p = prefix
    live = _in_period(period, prefix)
    done = Q(**{f"{p}completed_on__lte": asof})
    due = live & Q(**{f"{p}recurring": False}) & Q(eff_due__lte=asof)
    on_time = done & (Q(eff_due__isnull=True) | Q(**{f"{p}completed_on__lte": F(EFF)}))
    overdue = due & ~done & Q(eff_due__lt=asof)
    key = f"{p}id" if p else "pk"
    return {
        "assigned": Count(key, filter=live),
        "due": Count(key, filter=due),
        "done_due": Count(key, filter=due & done),
        "completed": Count(key, filter=live & done),
        "on_time": Count(key, filter=live & on_time),
        "late": Count(key, filter=live & done & Q(**{f"{p}completed_on__gt": F(EFF)})),
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
    # One join task → assignment, grouped by unit (the filter's join is reused by values()),
    # so the planner starts from the selected tasks instead of scanning every assignment.
    cond = Q(assignments__unit__isnull=False)
    if role:
        cond &= Q(assignments__role=role)
    if not include_removed:
        cond &= Q(assignments__removed_on__isnull=True)
    rows = list(with_eff_due(qs.filter(cond), original_due=original_due).filter(_in_period(per))
                .values("assignments__unit_id")
                .annotate(**_period_counts("", per, today)).order_by())
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[r["assignments__unit_id"] for r in rows])}
    rows.sort(key=lambda r: (units[r["assignments__unit_id"]].sort_order, units[r["assignments__unit_id"]].name))
    return _finish(
        {"unit_id": r["assignments__unit_id"], "unit": units[r["assignments__unit_id"]].name,
         "short_name": units[r["assignments__unit_id"]].short_name,
         **{k: r[k] for k in ("assigned", "due", "done_due", "completed", "on_time", "late", "overdue")}}
        for r in rows
    )


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
    rows = (with_eff_due(qs, original_due=original_due).filter(_in_period(per)).values(key, label)
            .annotate(**_period_counts("", per, today)).order_by(key))
    return _finish(
        {"id": r[key], "name": r[label] or "(không có mục)",
         **{k: r[k] for k in ("assigned", "due", "done_due", "completed", "on_time", "late", "overdue")}}
        for r in rows
    )


def totals(qs: QuerySet[Task], period: str | Period | None = None, today: dt.date | None = None, *,
           original_due: bool = False) -> dict:
    """The same counts and rates for the whole selection (a plan, a jurisdiction, a period)."""
    per = parse_period(period) if isinstance(period, str) else period
    row = with_eff_due(qs, original_due=original_due).filter(_in_period(per)).aggregate(**_period_counts("", per, today))
    return _finish([{k: int(v or 0) for k, v in row.items()}])[0]


def urge_counts(qs: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with the number of urging notices sent (denormalised counter, kept by services.urge)."""
    return qs.filter(urge_count__gt=0).order_by("-urge_count", "pk")


def search(qs: QuerySet[Task], text: str) -> QuerySet[Task]:
    """Tasks whose ref, content or product contain `text`, ignoring accents and case
    ("tai chinh" finds "Tài chính – Kế hoạch"). Added by the API helper, over Task.search_text."""
    from nhiemvu.vn.text import fold_words

    needle = fold_words(text or "")
    return qs.filter(search_text__contains=needle) if needle else qs
