"""Completion rates (pure). Official reports use different denominators, so every rate names
its numerator and denominator; the three common ones are computed from the same counts.

Counts (per unit, section, plan or period), as tracking/queries.py produces them:
- assigned: tasks given to the unit and not cancelled
- due: tasks whose (effective) due date falls in the period (up to the as-of date)
- done_due: of those, completed by the as-of date
- completed: tasks completed by the as-of date (among assigned)
- on_time: completed tasks finished on or before their due date
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rate:
    code: str
    numerator_label: str
    denominator_label: str
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """Percentage, one decimal; None when the denominator is zero (not 0 %, not 100 %)."""
        if self.denominator == 0:
            return None
        return round(100.0 * self.numerator / self.denominator, 1)

    @property
    def label(self) -> str:
        return f"{self.numerator_label} / {self.denominator_label}"

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "numerator": self.numerator,
                "denominator": self.denominator, "value": self.value}

    def display(self) -> str:
        v = self.value
        shown = "–" if v is None else f"{v:.1f}".replace(".", ",") + " %"
        return f"{shown} ({self.numerator}/{self.denominator})"


RATE_DEFINITIONS: dict[str, tuple[str, str, str, str]] = {
    # code: (numerator count, denominator count, numerator label, denominator label)
    "done_of_due": ("done_due", "due", "Hoàn thành", "Đến hạn"),
    "done_of_assigned": ("completed", "assigned", "Hoàn thành", "Được giao"),
    "on_time_of_done": ("on_time", "completed", "Hoàn thành đúng hạn", "Hoàn thành"),
}


def rates(counts: dict[str, int]) -> dict[str, Rate]:
    """The three rates from a row of counts (missing counts are zero)."""
    out = {}
    for code, (num, den, num_label, den_label) in RATE_DEFINITIONS.items():
        out[code] = Rate(code, num_label, den_label, int(counts.get(num) or 0), int(counts.get(den) or 0))
    return out


def period_counts(tasks, *, asof, start=None, end=None, original_due: bool = False) -> dict[str, int]:
    """The counts above for tasks (objects with the TaskFacts attributes), pure Python.

    With a period [start, end], a task is counted when it is not cancelled, has started by the
    end, is not due before the start, and was not completed before the start; `asof` is the
    end of the period or today, whichever is earlier. tracking/queries.py computes the same in
    SQL (a test compares them).
    """
    from nhiemvu.rules.status import effective_due

    out = dict.fromkeys(("assigned", "due", "done_due", "completed", "on_time", "late", "overdue"), 0)
    for t in tasks:
        if t.cancelled:
            continue
        eff = effective_due(t.due, t.extended_due, original=original_due)
        if start is not None:
            if t.start is not None and t.start > end:
                continue
            if eff is not None and eff < start:
                continue
            if t.completed_on is not None and t.completed_on < start:
                continue
        out["assigned"] += 1
        done = t.completed_on is not None and t.completed_on <= asof
        is_due = not t.recurring and eff is not None and eff <= asof
        out["due"] += is_due
        out["done_due"] += is_due and done
        out["completed"] += done
        out["on_time"] += done and (eff is None or t.completed_on <= eff)
        out["late"] += done and eff is not None and t.completed_on > eff
        out["overdue"] += is_due and not done and eff < asof
    return out
