"""Every branch of the pure status rule, including extensions, recurring tasks, late
acceptance and period boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.rules import status as S
from nhiemvu.rules.status import TaskFacts, compute_status

D = dt.date
TODAY = D(2023, 6, 15)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (TaskFacts(due=D(2023, 12, 31), cancelled=True), S.CANCELLED),
        # Cancelled wins even over a completion.
        (TaskFacts(due=D(2023, 3, 31), completed_on=D(2023, 3, 1), cancelled=True), S.CANCELLED),
        (TaskFacts(due=D(2023, 6, 30), completed_on=D(2023, 6, 1)), S.COMPLETED_ON_TIME),
        # Completed on the due date itself is on time.
        (TaskFacts(due=D(2023, 6, 1), completed_on=D(2023, 6, 1)), S.COMPLETED_ON_TIME),
        # Accepted after the due date: late.
        (TaskFacts(due=D(2023, 5, 31), completed_on=D(2023, 6, 2)), S.COMPLETED_LATE),
        # Completed after the original date but within the extension: on time.
        (TaskFacts(due=D(2023, 5, 31), extended_due=D(2023, 6, 30), completed_on=D(2023, 6, 10)), S.COMPLETED_ON_TIME),
        # No due date at all: completion is on time.
        (TaskFacts(completed_on=D(2023, 6, 1)), S.COMPLETED_ON_TIME),
        # A recurring task is never overdue...
        (TaskFacts(recurring=True, due=D(2023, 1, 31)), S.RECURRING),
        (TaskFacts(), S.RECURRING),  # ...and neither is one with no due date.
        (TaskFacts(recurring=True, completed_on=D(2023, 2, 1), due=D(2023, 1, 31)), S.COMPLETED_LATE),
        (TaskFacts(start=D(2023, 7, 1), due=D(2023, 9, 30)), S.NOT_YET_DUE),
        (TaskFacts(start=D(2023, 6, 15), due=D(2023, 9, 30)), S.IN_PROGRESS),
        (TaskFacts(due=D(2023, 6, 14)), S.OVERDUE),
        # The extension moves the due date: not overdue any more...
        (TaskFacts(due=D(2023, 6, 14), extended_due=D(2023, 8, 31)), S.IN_PROGRESS),
        # ...and an extension that has run out again is overdue.
        (TaskFacts(due=D(2023, 5, 1), extended_due=D(2023, 6, 1)), S.OVERDUE),
        (TaskFacts(due=D(2023, 6, 15)), S.DUE_SOON),  # due today
        (TaskFacts(due=D(2023, 6, 22)), S.DUE_SOON),  # exactly the window
        (TaskFacts(due=D(2023, 6, 23)), S.IN_PROGRESS),  # one day past the window
        # A completion dated after the as-of date does not count yet.
        (TaskFacts(due=D(2023, 6, 10), completed_on=D(2023, 6, 20)), S.OVERDUE),
    ],
)
def test_branches(facts: TaskFacts, expected: str) -> None:
    assert compute_status(facts, TODAY) == expected


def test_original_due_counts_against_the_document_date() -> None:
    facts = TaskFacts(due=D(2023, 5, 31), extended_due=D(2023, 6, 30), completed_on=D(2023, 6, 10))
    assert compute_status(facts, TODAY, original_due=True) == S.COMPLETED_LATE
    open_facts = TaskFacts(due=D(2023, 6, 1), extended_due=D(2023, 7, 31))
    assert compute_status(open_facts, TODAY, original_due=True) == S.OVERDUE


def test_period_boundary() -> None:
    """Due on the last day of Q2: in time on 30/06, overdue on 01/07."""
    facts = TaskFacts(start=D(2023, 4, 1), due=D(2023, 6, 30))
    assert compute_status(facts, D(2023, 3, 31)) == S.NOT_YET_DUE
    assert compute_status(facts, D(2023, 4, 1)) == S.IN_PROGRESS
    assert compute_status(facts, D(2023, 6, 30)) == S.DUE_SOON
    assert compute_status(facts, D(2023, 7, 1)) == S.OVERDUE


def test_due_soon_window_is_configurable() -> None:
    facts = TaskFacts(due=D(2023, 6, 30))
    assert compute_status(facts, TODAY) == S.IN_PROGRESS
    assert compute_status(facts, TODAY, due_soon_days=15) == S.DUE_SOON


def test_days_overdue_and_ageing() -> None:
    assert S.days_overdue(TaskFacts(due=D(2023, 6, 1)), TODAY) == 14
    assert S.days_overdue(TaskFacts(due=D(2023, 7, 1)), TODAY) == 0
    assert [S.ageing_bucket(n) for n in (0, 1, 30, 31, 120, 121, 999)] == [
        None, "le_30", "le_30", "31_120", "31_120", "gt_120", "gt_120"]


def test_stale_and_idle() -> None:
    assert S.is_stale(TaskFacts(due=D(2023, 12, 31), last_activity_on=D(2023, 5, 1)), TODAY)
    assert not S.is_stale(TaskFacts(due=D(2023, 12, 31), last_activity_on=D(2023, 6, 1)), TODAY)
    assert not S.is_stale(TaskFacts(due=D(2023, 1, 1), completed_on=D(2023, 1, 1), last_activity_on=D(2022, 1, 1)), TODAY)
    assert S.is_stale(TaskFacts(due=D(2023, 12, 31)), TODAY, since=D(2023, 1, 1))
    assert not S.is_stale(TaskFacts(due=D(2023, 12, 31)), TODAY)
    assert S.is_idle(TaskFacts(recurring=True, last_activity_on=D(2023, 1, 1)), TODAY)
    assert not S.is_idle(TaskFacts(due=D(2023, 12, 31), last_activity_on=D(2023, 1, 1)), TODAY)
    assert not S.is_idle(TaskFacts(last_activity_on=D(2023, 5, 1)), TODAY)


def test_escalation_after_n_urges() -> None:
    late = TaskFacts(due=D(2023, 5, 1), urge_count=3)
    assert S.is_escalated(late, TODAY)
    assert not S.is_escalated(TaskFacts(due=D(2023, 5, 1), urge_count=2), TODAY)
    assert S.is_escalated(TaskFacts(due=D(2023, 5, 1), urge_count=2), TODAY, after_urges=2)
    assert not S.is_escalated(TaskFacts(due=D(2023, 7, 1), urge_count=5), TODAY)


def test_every_status_has_a_vietnamese_label() -> None:
    assert set(S.LABELS) == set(S.STATUSES)
