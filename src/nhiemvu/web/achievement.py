"""How far an actual value meets its target (pure)."""

from __future__ import annotations

from decimal import Decimal


def achievement(comparator: str, target: Decimal | float, actual: Decimal | float | None) -> tuple[float | None, bool | None]:
    """(percent of target reached, met?). For "at most" targets the percent is target ÷ actual."""
    if actual is None:
        return None, None
    t, a = float(target), float(actual)
    met = {">=": a >= t, ">": a > t, "<=": a <= t, "<": a < t, "=": abs(a - t) <= abs(t) * 0.05}.get(comparator)
    if comparator in ("<=", "<"):
        pct = 100.0 if a <= 0 else min(999.0, 100.0 * t / a)
    else:
        pct = None if t == 0 else 100.0 * a / t
    return (round(pct, 1) if pct is not None else None), met
