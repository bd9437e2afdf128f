"""Task status: the pure rule (no I/O, no Django).

The same rule exists as SQL in tracking/queries.py (`status_expression`); a test compares the
two over many generated tasks, so change both together.

Order of precedence, first match wins:
1. cancelled
2. completed (accepted completion date on or before `today`): on time if on or before the
   effective due date (or there is none), else late
3. recurring: flagged recurring, or no due date at all (reported each period)
4. not yet due: a start date after today
5. overdue: today after the effective due date
6. due soon: effective due date within `due_soon_days` days from today (inclusive)
7. in progress on time
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NOT_YET_DUE = "not_yet_due"
IN_PROGRESS = "in_progress"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
COMPLETED_ON_TIME = "completed_on_time"
COMPLETED_LATE = "completed_late"
RECURRING = "recurring"
CANCELLED = "cancelled"

STATUSES: tuple[str, ...] = (
    NOT_YET_DUE, IN_PROGRESS, DUE_SOON, OVERDUE, COMPLETED_ON_TIME, COMPLETED_LATE, RECURRING, CANCELLED,
)
LABELS: dict[str, str] = {
    NOT_YET_DUE: "Chưa đến hạn",
    IN_PROGRESS: "Đang thực hiện, trong hạn",
    DUE_SOON: "Sắp đến hạn",
    OVERDUE: "Quá hạn",
    COMPLETED_ON_TIME: "Hoàn thành đúng hạn",
    COMPLETED_LATE: "Hoàn thành quá hạn",
    RECURRING: "Thường xuyên",
    CANCELLED: "Đã huỷ",
}
COMPLETED = frozenset({COMPLETED_ON_TIME, COMPLETED_LATE})
OPEN = frozenset({NOT_YET_DUE, IN_PROGRESS, DUE_SOON, OVERDUE, RECURRING})

DEFAULT_DUE_SOON_DAYS = 7
DEFAULT_STALE_DAYS = 30
DEFAULT_IDLE_MONTHS = 3
DEFAULT_ESCALATE_AFTER = 3
AGEING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("le_30", 1, 30),
    ("31_120", 31, 120),
    ("gt_120", 121, None),
)
AGEING_LABELS = {"le_30": "≤ 30 ngày", "31_120": "31–120 ngày", "gt_120": "> 120 ngày"}


@dataclass(frozen=True)
class TaskFacts:
    """What the status depends on; a Task model instance has the same attribute names."""

    due: dt.date | None = None
    extended_due: dt.date | None = None
    start: dt.date | None = None
    completed_on: dt.date | None = None
    recurring: bool = False
    cancelled: bool = False
    last_activity_on: dt.date | None = None
    urge_count: int = 0


def effective_due(due: dt.date | None, extended_due: dt.date | None, *, original: bool = False) -> dt.date | None:
    """The due date that counts: the extended one unless statistics ask for the original."""
    if original:
        return due
    return extended_due or due


def compute_status(
    facts,
    today: dt.date,
    *,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
    original_due: bool = False,
) -> str:
    """The status code of a task on `today` (see the module docstring for the rule)."""
    if facts.cancelled:
        return CANCELLED
    due = effective_due(facts.due, facts.extended_due, original=original_due)
    done = facts.completed_on
    if done is not None and done <= today:
        return COMPLETED_ON_TIME if due is None or done <= due else COMPLETED_LATE
    if facts.recurring or due is None:
        return RECURRING
    if facts.start is not None and facts.start > today:
        return NOT_YET_DUE
    if today > due:
        return OVERDUE
    if (due - today).days <= due_soon_days:
        return DUE_SOON
    return IN_PROGRESS


def days_overdue(facts, today: dt.date, *, original_due: bool = False) -> int:
    """Days past the due date for an overdue task, else 0."""
    if compute_status(facts, today, original_due=original_due) != OVERDUE:
        return 0
    due = effective_due(facts.due, facts.extended_due, original=original_due)
    assert due is not None
    return (today - due).days


def ageing_bucket(days: int) -> str | None:
    """The overdue ageing bucket for a number of days overdue (None when not overdue)."""
    for name, low, high in AGEING_BUCKETS:
        if days >= low and (high is None or days <= high):
            return name
    return None


def is_stale(facts, today: dt.date, *, stale_days: int = DEFAULT_STALE_DAYS, since: dt.date | None = None) -> bool:
    """Open work with no progress update for more than `stale_days` days.

    `since` is when tracking began (the plan's publication) for tasks never reported on.
    """
    if facts.cancelled or (facts.completed_on is not None and facts.completed_on <= today):
        return False
    last = facts.last_activity_on or since
    if last is None:
        return False
    return (today - last).days > stale_days


def is_idle(facts, today: dt.date, *, idle_months: int = DEFAULT_IDLE_MONTHS, since: dt.date | None = None) -> bool:
    """A task with no due date and no activity for `idle_months` months (30-day months)."""
    if facts.cancelled or facts.completed_on is not None:
        return False
    if effective_due(facts.due, facts.extended_due) is not None:
        return False
    last = facts.last_activity_on or since
    if last is None:
        return False
    return (today - last).days > idle_months * 30


def is_escalated(facts, today: dt.date, *, after_urges: int = DEFAULT_ESCALATE_AFTER) -> bool:
    """Still overdue after `after_urges` urging notices: shown in the leaders' view."""
    return facts.urge_count >= after_urges and compute_status(facts, today) == OVERDUE
