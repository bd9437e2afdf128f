"""The maintained statistics structure (tracking/stats.py) and the query paths that read it.

- Whatever writes (services, model saves, queryset.update, deletes, a plan change), the task
  facts copied onto assignments and the per-plan tally equal a recomputation from the tasks.
- The fast paths (whole plans) give the same numbers as the general path over generated data
  with extended due dates, recurring and undated tasks, removed assignments, cancelled tasks,
  completions dated in the future, and as-of dates in the past, today and the future.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.utils import timezone

from nhiemvu.rules import status as S
from nhiemvu.tracking import queries, services, stats
from nhiemvu.tracking.keys import NO_DUE
from nhiemvu.tracking.models import Assignment, Plan, PlanTally, Task

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- recomputation


def _expected_copies(task: Task) -> tuple:
    eff = task.extended_due or task.due
    return (task.plan_id, task.start, eff or NO_DUE, task.due or NO_DUE, task.completed_on, task.cancelled,
            task.recurring)


def _expected_tally() -> dict[int, tuple]:
    out: dict[int, list[int]] = {}
    for t in Task.objects.all():
        row = out.setdefault(t.plan_id, [0] * 7)
        eff, orig = t.extended_due or t.due, t.due
        done = not t.cancelled and t.completed_on is not None
        opened = not t.cancelled and t.completed_on is None
        row[0] += t.cancelled
        row[1] += done and (eff is None or t.completed_on <= eff)
        row[2] += done and eff is not None and t.completed_on > eff
        row[3] += done and (orig is None or t.completed_on <= orig)
        row[4] += done and orig is not None and t.completed_on > orig
        row[5] += opened and (t.recurring or eff is None)
        row[6] += opened and not t.recurring and eff is not None
    return {k: tuple(v) for k, v in out.items()}


def _assert_consistent() -> None:
    tasks = {t.pk: t for t in Task.objects.all()}
    for a in Assignment.objects.all():
        got = (a.t_plan_id, a.t_start, a.t_eff_key, a.t_due_key, a.t_completed_on, a.t_cancelled, a.t_recurring)
        assert got == _expected_copies(tasks[a.task_id]), f"assignment {a.pk}"
    tally = {r.plan_id: tuple(getattr(r, c) for c in stats.TALLY_COLS) for r in PlanTally.objects.all()}
    expected = _expected_tally()
    zero = (0,) * len(stats.TALLY_COLS)
    assert {k: v for k, v in tally.items() if v != zero} == {k: v for k, v in expected.items() if v != zero}


# ---------------------------------------------------------------- data


def _day(rng: random.Random, around: dt.date, span: int = 400) -> dt.date:
    return around + dt.timedelta(days=rng.randint(-span, span))


def _generate(world, rng: random.Random, n: int = 400) -> list[Plan]:
    """Tasks around the real today (the fast paths are for today), over three plans."""
    today = timezone.localdate()
    plans = [world.plan(), world.plan(), world.plan(status="closed")]
    units = world.units
    for i in range(n):
        due = _day(rng, today) if rng.random() < 0.85 else None
        if due and rng.random() < 0.1:
            due = today + dt.timedelta(days=rng.choice([-1, 0, 1, 7, 8]))  # around the due-soon window
        start = due - dt.timedelta(days=rng.randint(-30, 200)) if due and rng.random() < 0.6 else None
        extended = due + dt.timedelta(days=rng.randint(1, 90)) if due and rng.random() < 0.2 else None
        anchor = extended or due or today
        completed = anchor + dt.timedelta(days=rng.randint(-60, 60)) if rng.random() < 0.45 else None
        if completed and completed > today and rng.random() < 0.7:
            completed = None  # most completions are in the past; some stay in the future on purpose
        task = Task.objects.create(
            plan=rng.choice(plans), order=i, content=f"t{i}", due=due, start=start, extended_due=extended,
            completed_on=completed, recurring=rng.random() < 0.12, cancelled=rng.random() < 0.06)
        chosen = rng.sample(units, rng.randint(1, 3))
        for k, unit in enumerate(chosen):
            role = "lead" if k == 0 or rng.random() < 0.3 else "support"
            Assignment.objects.create(task=task, unit=unit, role=role, order=k,
                                      removed_on=_day(rng, today, 30) if rng.random() < 0.08 else None)
        if rng.random() < 0.05:  # a group phrase: no unit
            Assignment.objects.create(task=task, unit=None, role="support", kind="group", name_as_written="Các xã")
    return plans


def _general(qs):
    """The same tasks through a filter that is not plan-level: forces the general path."""
    general = qs.filter(pk__gt=0)
    assert stats.plan_scope(general) is None
    return general


# ---------------------------------------------------------------- consistency under writes


def test_structure_follows_every_kind_of_write(world) -> None:
    rng = random.Random(5)
    plans = _generate(world, rng, n=120)
    _assert_consistent()
    today = timezone.localdate()
    office = world.user("office")
    tasks = list(Task.objects.filter(plan__status="published", cancelled=False, completed_on__isnull=True)
                 .order_by("pk"))
    for i, task in enumerate(tasks[:40]):
        lead = Assignment.objects.filter(task=task, role="lead", removed_on__isnull=True, unit__isnull=False).first()
        step = i % 6
        if step == 0 and lead:  # progress accepted → completion date
            up = services.submit_progress(task, lead.unit, None, percent=100, text="xong", completion=True,
                                          reported_on=today - dt.timedelta(days=rng.randint(0, 90)))
            services.accept_progress(up, office)
        elif step == 1 and lead:  # extension approved
            current = task.extended_due or task.due or today
            ext = services.request_extension(task, lead.unit, None, new_due=current + dt.timedelta(days=20),
                                             reason="chờ vốn")
            services.decide_extension(ext, office, approve=True)
        elif step == 2:
            services.cancel_task(task, office, decision="5/QĐ-UBND")
        elif step == 3 and lead:  # removal approved
            req = services.request_removal(task, lead.unit, None, reason="không thuộc chức năng")
            services.decide_removal(req, office, approve=True)
        elif step == 4:  # review edit of dates, recurring flag
            services.update_task(task, office, due=today + dt.timedelta(days=3), recurring=not task.recurring)
        else:  # a direct model save of everything
            task.start, task.completed_on = today - dt.timedelta(days=5), today - dt.timedelta(days=1)
            task.save()
    _assert_consistent()
    # queryset.update over many rows, a move to another plan, deletes.
    Task.objects.filter(plan=plans[0], due__isnull=False).update(extended_due=today + dt.timedelta(days=45))
    Task.objects.filter(plan=plans[1], recurring=True).update(recurring=False, cancelled=True)
    Task.objects.filter(pk__in=list(Task.objects.filter(plan=plans[2]).values_list("pk", flat=True)[:5])).update(
        plan=plans[0])
    Task.objects.filter(pk__in=list(Task.objects.filter(plan=plans[1]).values_list("pk", flat=True)[:7])).delete()
    _assert_consistent()
    # An assignment saved whole with stale copies, moved to another task, added to a task.
    a = Assignment.objects.order_by("pk").first()
    a.t_plan_id, a.t_eff_key, a.t_cancelled = None, dt.date(2000, 1, 1), None
    a.save()
    other = Task.objects.exclude(pk=a.task_id).order_by("-pk").first()
    Assignment.objects.filter(pk=a.pk).update(task=other, unit=None, kind="group")
    world.task(plans[1], lead=[world.police], due=today, completed_on=today)
    _assert_consistent()
    # A whole plan deleted.
    plans[1].delete()
    _assert_consistent()


def test_rebuild_repairs_and_paused_bulk_load_is_rebuilt(world) -> None:
    rng = random.Random(8)
    _generate(world, rng, n=60)
    with connection.cursor() as cur:
        for sql in stats.drop_sql(connection.vendor):
            cur.execute(sql)
    assert not stats.installed(connection)
    Task.objects.filter(cancelled=False).update(completed_on=timezone.localdate())  # unseen by triggers
    Assignment.objects.update(t_plan=None)
    assert stats.ensure(connection)  # what the post-migrate hook does when triggers went missing
    assert stats.installed(connection)
    _assert_consistent()
    assert stats.rebuild() == 0  # nothing left to correct
    with stats.paused():
        plan = world.plan()
        Task.objects.bulk_create([Task(plan=plan, order=i, content=f"b{i}", due=timezone.localdate(),
                                       completed_on=timezone.localdate() if i % 2 else None) for i in range(30)])
        Assignment.objects.bulk_create([Assignment(task=t, unit=world.finance, role="lead")
                                        for t in Task.objects.filter(plan=plan)])
    _assert_consistent()


def test_no_real_date_can_equal_the_no_due_key(world) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        world.task(due=NO_DUE)


# ---------------------------------------------------------------- plan-level querysets


def test_plan_scope_recognises_plan_level_filters(world) -> None:
    from django.db.models import Exists, OuterRef, Q

    from nhiemvu.tracking import permissions as perm

    rng = random.Random(3)
    plans = _generate(world, rng, n=60)
    other = world.plan(status="draft", kind="Quyết định")
    world.task(other, lead=[world.ward])
    j = world.jurisdiction
    office = world.user("office")
    plan_level = [
        Task.objects.all(), Task.objects.filter(plan=plans[0]), Task.objects.filter(plan_id=plans[1].pk),
        Task.objects.filter(plan__jurisdiction=j), queries.live_tasks(Task.objects.filter(plan__jurisdiction=j)),
        perm.visible_tasks(office), Task.objects.exclude(plan__status="draft"),
        Task.objects.filter(Q(plan=plans[2]) | Q(plan__kind="Quyết định")), Task.objects.filter(plan__jurisdiction__slug=j.slug),
        Task.objects.filter(plan__in=Plan.objects.filter(status="published")),
        Task.objects.filter(plan__revises__isnull=True), Task.objects.filter(plan__revises__title="x"),
    ]
    for qs in plan_level:
        scope = stats.plan_scope(qs)
        assert scope is not None, str(qs.query)
        assert set(Task.objects.filter(plan__in=scope).values_list("pk", flat=True)) == set(qs.values_list("pk", flat=True))
    unit = world.finance
    not_plan_level = [
        Task.objects.filter(due__lt=timezone.localdate()), Task.objects.filter(plan=plans[0], section__isnull=True),
        Task.objects.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit=unit))),
        Task.objects.filter(assignments__unit=unit), Task.objects.none(), Task.objects.all()[:10],
        Task.objects.filter(plan__tasks__cancelled=True), perm.visible_tasks(world.user("agency", unit)),
        Task.objects.exclude(plan__revises__title="x"),  # a nullable link: left join, not understood
    ]
    for qs in not_plan_level:
        assert stats.plan_scope(qs) is None, str(qs.query)


# ---------------------------------------------------------------- same numbers on both paths


@pytest.fixture
def data(world):
    rng = random.Random(2024)
    plans = _generate(world, rng)
    # A completion dated after today: written around the services, still open today.
    t = Task.objects.filter(plan=plans[0], cancelled=False, completed_on__isnull=True, due__isnull=False).first()
    Task.objects.filter(pk=t.pk).update(completed_on=timezone.localdate() + dt.timedelta(days=3))
    return world, plans


def _dates() -> list[dt.date]:
    today = timezone.localdate()
    return [today, today + dt.timedelta(days=10), today - dt.timedelta(days=40), dt.date(today.year, 1, 1)]


@pytest.mark.parametrize("original_due", [False, True])
def test_status_counts_equal_pure_rule_and_general_path(data, original_due: bool) -> None:
    """Against the pure rule (rules/status.py), task by task. The general path's open-work
    shortcut for today assumes no completion is dated in the future, so it is compared on data
    without such dates; the tallied path follows the pure rule either way."""
    world, plans = data
    tasks = list(Task.objects.all())
    scopes = (Task.objects.filter(plan__jurisdiction=world.jurisdiction), Task.objects.filter(plan=plans[2]),
              queries.live_tasks(Task.objects.all()))
    for qs in scopes:
        ids = set(qs.values_list("pk", flat=True))
        for today in [None, *_dates()]:
            day = today or timezone.localdate()
            pure = dict.fromkeys(S.STATUSES, 0)
            for t in tasks:
                if t.pk in ids:
                    pure[S.compute_status(t, day, original_due=original_due)] += 1
            assert queries.status_counts(qs, today, original_due=original_due) == pure, (today, original_due)
    Task.objects.filter(completed_on__gt=timezone.localdate()).update(completed_on=None)
    for qs in scopes:
        for today in [None, *_dates()]:
            assert queries.status_counts(qs, today, original_due=original_due) == queries.status_counts(
                _general(qs), today, original_due=original_due)


@pytest.mark.parametrize("original_due", [False, True])
def test_unit_tables_and_totals_equal_general_path(data, original_due: bool) -> None:
    world, plans = data
    year = timezone.localdate().year
    periods = [None, f"{year}", f"{year}-Q4", f"{year - 1}-H2"]
    scopes = (Task.objects.filter(plan__jurisdiction=world.jurisdiction), Task.objects.filter(plan=plans[1]))
    _, later, past, new_year = _dates()
    for qs in scopes:
        for period in periods:
            for today in (None, later, past) if period is None else (None, new_year):
                for role in ("lead", "support", None):
                    fast = queries.unit_table(qs, period, today, role=role, original_due=original_due)
                    slow = queries.unit_table(_general(qs), period, today, role=role, original_due=original_due)
                    assert fast == slow, (period, today, role)
                assert queries.totals(qs, period, today, original_due=original_due) == queries.totals(
                    _general(qs), period, today, original_due=original_due)
                for by in ("plan", "section"):
                    assert queries.group_table(qs, by, period, today, original_due=original_due) == queries.group_table(
                        _general(qs), by, period, today, original_due=original_due)
    # Removed assignments counted on request (general path) differ from the live list.
    qs = scopes[0]
    with_removed = queries.unit_table(qs, None, role=None, include_removed=True)
    assert sum(r["assigned"] for r in with_removed) >= sum(r["assigned"] for r in queries.unit_table(qs, None, role=None))


def test_inbox_today_reads_open_assignments(data) -> None:
    """Today's inbox starts from the unit's open assignments (copied facts); same rows, same
    order as testing every task of the unit."""
    from django.db.models import Case, Exists, F, IntegerField, OuterRef, Value, When

    world, plans = data
    codes = [S.OVERDUE, S.DUE_SOON, S.IN_PROGRESS, S.NOT_YET_DUE, S.RECURRING]
    Task.objects.filter(completed_on__gt=timezone.localdate()).update(completed_on=None)  # see the status test
    for unit in world.units:
        base = Task.objects.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit=unit,
                                                                     removed_on__isnull=True)),
                                   plan__status="published").filter(queries.open_q(None))
        rank = Case(*[When(status=c, then=Value(i)) for i, c in enumerate(codes)], output_field=IntegerField())
        expected = list(queries.with_status(base).annotate(rank=rank)
                        .order_by("rank", F("eff_due").asc(nulls_last=True), "pk").values_list("pk", flat=True))
        assert expected
        assert [t.pk for t in queries.inbox(unit, limit=None)] == expected
        assert [t.pk for t in queries.inbox(unit, limit=5)] == expected[:5]
