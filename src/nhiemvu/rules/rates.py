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
