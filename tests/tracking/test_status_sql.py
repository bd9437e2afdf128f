"""The SQL status rule (tracking/queries.py) agrees with the pure rule (rules/status.py)
over many generated tasks, at several as-of dates including period boundaries."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from nhiemvu.rules import status as S
from nhiemvu.tracking import queries
from nhiemvu.tracking.models import Task

D = dt.date
DATES = [D(2023, 1, 1), D(2023, 3, 31), D(2023, 4, 1), D(2023, 6, 30), D(2023, 7, 1), D(2023, 12, 31), D(2024, 2, 15)]


def _day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


def _generate(world, n: int = 1500, seed: int = 2023) -> list[Task]:
    rng = random.Random(seed)
    plan = world.plan()
    tasks = []
    for i in range(n):
        due = _day(rng, D(2022, 12, 1), D(2024, 3, 31)) if rng.random() < 0.85 else None
        # Boundary dates on purpose: the last/first day of quarters.
        if due and rng.random() < 0.2:
            due = rng.choice(DATES)
        start = due - dt.timedelta(days=rng.randint(0, 200)) if due and rng.random() < 0.5 else None
        extended = due + dt.timedelta(days=rng.randint(1, 90)) if due and rng.random() < 0.2 else None
        anchor = extended or due or D(2023, 6, 1)
        completed = anchor + dt.timedelta(days=rng.randint(-60, 60)) if rng.random() < 0.45 else None
        tasks.append(Task(
            plan=plan, order=i, content=f"t{i}", due=due, start=start, extended_due=extended, completed_on=completed,
            recurring=rng.random() < 0.15, cancelled=rng.random() < 0.05,
            last_activity_on=_day(rng, D(2022, 12, 1), D(2024, 1, 31)) if rng.random() < 0.9 else None,
            urge_count=rng.choice([0, 0, 0, 1, 2, 3, 4]),
        ))
    Task.objects.bulk_create(tasks)
    return list(Task.objects.filter(plan=plan).order_by("pk"))


@pytest.mark.django_db
@pytest.mark.parametrize("original_due", [False, True])
def test_sql_status_equals_pure_rule(world, settings, original_due: bool) -> None:
    settings.NHIEMVU_DUE_SOON_DAYS = 7
    tasks = _generate(world)
    qs = Task.objects.filter(plan=tasks[0].plan)
    for today in DATES:
        expected = {t.pk: S.compute_status(t, today, original_due=original_due) for t in tasks}
        got = dict(queries.with_status(qs, today, original_due=original_due).values_list("pk", "status"))
        mismatched = [(pk, expected[pk], got[pk]) for pk in expected if expected[pk] != got[pk]]
        assert not mismatched, f"{today}: {mismatched[:5]}"
        counts = queries.status_counts(qs, today, original_due=original_due)
        assert counts == {code: Counter(expected.values()).get(code, 0) for code in S.STATUSES}
        for code in S.STATUSES:  # the filter form too
            ids = set(queries.filter_status(qs, code, today, original_due=original_due).values_list("pk", flat=True))
            assert ids == {pk for pk, s in expected.items() if s == code}, (today, code)


@pytest.mark.django_db
def test_fast_open_form_agrees_when_no_completion_is_in_the_future(world) -> None:
    tasks = _generate(world, n=800, seed=7)
    today = D(2023, 7, 1)
    past = [t for t in tasks if t.completed_on is None or t.completed_on <= today]
    qs = queries.with_eff_due(Task.objects.filter(pk__in=[t.pk for t in past]))
    for code in S.STATUSES:
        ids = set(qs.filter(queries.status_q(code, today, fast=True)).values_list("pk", flat=True))
        assert ids == {t.pk for t in past if S.compute_status(t, today) == code}, code


@pytest.mark.django_db
def test_flags_and_ageing_agree(world, settings) -> None:
    settings.NHIEMVU_STALE_DAYS = 30
    settings.NHIEMVU_IDLE_MONTHS = 3
    settings.NHIEMVU_ESCALATE_AFTER_URGES = 3
    tasks = _generate(world, n=800, seed=11)
    today = D(2023, 9, 30)
    rows = {r["pk"]: r for r in queries.with_status(Task.objects.filter(plan=tasks[0].plan), today).values(
        "pk", "days_overdue", "is_stale", "is_idle", "is_escalated", "ageing")}
    for t in tasks:
        r = rows[t.pk]
        assert r["days_overdue"] == S.days_overdue(t, today), t.pk
        assert r["ageing"] == S.ageing_bucket(S.days_overdue(t, today)), t.pk
        assert r["is_stale"] == S.is_stale(t, today, stale_days=30), t.pk
        assert r["is_idle"] == S.is_idle(t, today, idle_months=3), t.pk
        assert r["is_escalated"] == S.is_escalated(t, today, after_urges=3), t.pk
    ageing = queries.ageing_counts(Task.objects.filter(plan=tasks[0].plan), today)
    expected = Counter(S.ageing_bucket(S.days_overdue(t, today)) for t in tasks)
    assert ageing == {k: expected.get(k, 0) for k in ("le_30", "31_120", "gt_120")}
    assert set(queries.escalated(Task.objects.filter(plan=tasks[0].plan), today).values_list("pk", flat=True)) == {
        t.pk for t in tasks if S.is_escalated(t, today)}


@pytest.mark.django_db
@pytest.mark.parametrize("period", [None, "2023-Q2", "2023-H2", "2023", "2023-05", "2023-9M"])
def test_period_statistics_equal_pure_counts(world, period) -> None:
    from nhiemvu.rules.periods import parse_period
    from nhiemvu.rules.rates import period_counts
    from nhiemvu.tracking.models import Assignment

    tasks = _generate(world, n=700, seed=5)
    rng = random.Random(3)
    lead_of = {t.pk: rng.choice(world.units) for t in tasks}
    Assignment.objects.bulk_create([Assignment(task=t, unit=lead_of[t.pk], role="lead") for t in tasks])
    qs = Task.objects.filter(plan=tasks[0].plan)
    today = D(2024, 1, 15)
    per = parse_period(period) if period else None
    asof = min(per.end, today) if per else today
    window = {"start": per.start, "end": per.end} if per else {}
    for original in (False, True):
        got = queries.totals(qs, period, today, original_due=original)
        want = period_counts(tasks, asof=asof, original_due=original, **window)
        assert {k: got[k] for k in want} == want, (period, original)
        rows = {r["unit_id"]: r for r in queries.unit_table(qs, period, today, original_due=original)}
        for unit in world.units:
            mine = [t for t in tasks if lead_of[t.pk] == unit]
            want = period_counts(mine, asof=asof, original_due=original, **window)
            got = rows.get(unit.pk, dict.fromkeys(want, 0))
            assert {k: got[k] for k in want} == want, (period, original, unit.name)
