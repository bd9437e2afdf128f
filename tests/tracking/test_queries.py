"""Statistics and lists on a small hand-made plan whose numbers can be checked by eye."""

from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.rules import status as S
from nhiemvu.tracking import queries
from nhiemvu.tracking.models import Task

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    p = world.plan()
    sec = p.sections.create(title="Kinh tế", order=0)
    t = world.task
    f, c = world.finance, world.culture
    t(p, lead=[f], section=sec, due=D(2023, 5, 31), completed_on=D(2023, 5, 20))   # Q2 done on time
    t(p, lead=[f], section=sec, due=D(2023, 6, 30), completed_on=D(2023, 7, 5))    # Q2 done late (after Q2)
    t(p, lead=[f], due=D(2023, 6, 15))                                             # Q2 overdue
    t(p, lead=[f, c], due=D(2023, 9, 30), start=D(2023, 7, 1))                     # Q3
    t(p, lead=[c], support=[f], recurring=True, due_text="Thường xuyên")           # recurring
    t(p, lead=[c], due=D(2023, 4, 30), cancelled=True, cancel_decision="2/QĐ")     # cancelled
    return p


def test_unit_table_q2(plan, world) -> None:
    rows = {r["unit"]: r for r in queries.unit_table(Task.objects.filter(plan=plan), "2023-Q2", D(2023, 12, 31))}
    fin = rows[world.finance.name]
    # As of 30/06: three due in Q2, one done (on time); the late one is done only on 05/07.
    # The one due on 30/06 itself is not overdue yet on that day, but it is unfinished.
    assert (fin["assigned"], fin["due"], fin["done_due"], fin["completed"], fin["on_time"], fin["overdue"],
            fin["unfinished"]) == (3, 3, 1, 1, 1, 1, 2)
    assert fin["rates"]["done_of_due"].value == 33.3
    assert fin["rates"]["on_time_of_done"].value == 100.0
    cul = rows[world.culture.name]
    assert (cul["assigned"], cul["due"]) == (1, 0)  # recurring counts as assigned, never as due


def test_totals_and_groups_for_the_year(plan) -> None:
    tot = queries.totals(Task.objects.filter(plan=plan), "2023", D(2024, 1, 10))
    assert (tot["assigned"], tot["due"], tot["done_due"], tot["on_time"], tot["late"], tot["overdue"]) == (
        5, 4, 2, 1, 1, 2)
    assert tot["rates"]["done_of_assigned"].numerator == 2
    by_section = {r["name"]: r for r in queries.group_table(Task.objects.filter(plan=plan), "section", "2023",
                                                             D(2024, 1, 10))}
    assert by_section["Kinh tế"]["completed"] == 2
    assert by_section["(không có mục)"]["assigned"] == 3


def test_inbox_order_and_overdue_list(plan, world) -> None:
    today = D(2023, 6, 25)
    inbox = list(queries.inbox(world.finance, today))
    assert [t.status for t in inbox] == [S.OVERDUE, S.DUE_SOON, S.NOT_YET_DUE, S.RECURRING]
    overdue = list(queries.overdue_list(Task.objects.filter(plan=plan), today))
    assert [(t.due, t.days_overdue, t.ageing) for t in overdue] == [(D(2023, 6, 15), 10, "le_30")]
    counts = queries.status_counts(Task.objects.filter(plan=plan), today)
    assert counts[S.CANCELLED] == 1 and counts[S.COMPLETED_ON_TIME] == 1 and sum(counts.values()) == 6


def test_recurring_reported_or_not_this_period(plan, world) -> None:
    from nhiemvu.tracking import services

    recurring = Task.objects.get(plan=plan, recurring=True)
    services.submit_progress(recurring, world.culture, None, percent=0, text="Quý 2", period="2023-Q2",
                             reported_on=D(2023, 7, 5))
    qs = Task.objects.filter(pk=recurring.pk)
    assert queries.with_reported(qs, "2023-Q2").get().reported  # labelled with the period
    assert queries.with_reported(qs, "2023-Q3").get().reported  # dated inside the period
    assert not queries.with_reported(qs, "2023-Q1").get().reported


def test_live_tasks_are_those_of_published_plans(plan, world) -> None:
    draft = world.plan(status="draft")
    world.task(draft, lead=[world.finance], due=D(2023, 6, 30))
    closed = world.plan(status="closed")
    world.task(closed, lead=[world.finance], due=D(2023, 6, 30))
    live = queries.live_tasks(Task.objects.filter(plan__jurisdiction=world.jurisdiction))
    assert set(live.values_list("plan_id", flat=True)) == {plan.pk}


def test_overdue_list_order_by_effective_due_then_id(world) -> None:
    """The overdue list's sort key is hidden from index matching on PostgreSQL (speed): the
    order must stay effective due date, then id, with extensions counted."""
    p = world.plan()
    t = world.task
    f = world.finance
    a = t(p, lead=[f], due=D(2023, 3, 1))
    b = t(p, lead=[f], due=D(2023, 1, 10))
    c = t(p, lead=[f], due=D(2023, 1, 5), extended_due=D(2023, 2, 1))  # effective 01/02
    d = t(p, lead=[f], due=D(2023, 1, 10))                             # ties with b: id decides
    t(p, lead=[f], due=D(2023, 1, 1), completed_on=D(2023, 1, 2))      # done: not listed
    got = [x.pk for x in queries.overdue_list(Task.objects.filter(plan=p), D(2023, 6, 1))]
    assert got == [b.pk, d.pk, c.pk, a.pk]
    assert [x.pk for x in queries.overdue_list(Task.objects.filter(plan=p), D(2023, 6, 1), limit=2)] == [b.pk, d.pk]
