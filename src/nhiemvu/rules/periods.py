"""Report periods as calendar date ranges (pure).

Accepted forms (case-insensitive): "2023" (year), "2023-Q2" (quarter), "2023-M05" or "2023-05"
(month), "2023-H1" / "2023-H2" (half year), "2023-9M" (first nine months). Ranges are
inclusive: Period("2023-Q2").start == 2023-04-01, .end == 2023-06-30.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORMS = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-M?(0?[1-9]|1[0-2])$"), "month"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-9M$"), "ninemonth"),
)


class PeriodError(ValueError):
    pass


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: dt.date
    end: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """Vietnamese name of the period, as reports write it."""
        y = self.start.year
        if self.kind == "year":
            return f"Năm {y}"
        if self.kind == "quarter":
            return f"Quý {('I', 'II', 'III', 'IV')[(self.start.month - 1) // 3]}/{y}"
        if self.kind == "month":
            return f"Tháng {self.start.month:02d}/{y}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.start.month == 1 else 'cuối'} năm {y}"
        return f"9 tháng đầu năm {y}"


def parse_period(code: str) -> Period:
    """The calendar range of a period code; PeriodError (Vietnamese message) when malformed."""
    text = (code or "").strip().upper()
    for pattern, kind in _FORMS:
        m = pattern.match(text)
        if not m:
            continue
        year = int(m.group(1))
        if not 1900 <= year <= 2999:
            break
        if kind == "year":
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            canon = f"{year}"
        elif kind == "quarter":
            q = int(m.group(2))
            start, end = dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
            canon = f"{year}-Q{q}"
        elif kind == "month":
            month = int(m.group(2))
            start, end = dt.date(year, month, 1), _month_end(year, month)
            canon = f"{year}-{month:02d}"
        elif kind == "half":
            h = int(m.group(2))
            start, end = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if h == 1 else (dt.date(year, 7, 1), dt.date(year, 12, 31))
            canon = f"{year}-H{h}"
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 9, 30)
            canon = f"{year}-9M"
        return Period(canon, kind, start, end)
    raise PeriodError(
        f"Kỳ không hợp lệ: {code!r}. Dùng dạng 2023, 2023-Q2, 2023-05 (hoặc 2023-M05), 2023-H1, 2023-9M."
    )


def period_of(day: dt.date, kind: str = "quarter") -> Period:
    """The period of the given kind that contains `day` (the ninemonth kind only for Jan–Sep)."""
    if kind == "year":
        return parse_period(f"{day.year}")
    if kind == "quarter":
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    if kind == "month":
        return parse_period(f"{day.year}-{day.month:02d}")
    if kind == "half":
        return parse_period(f"{day.year}-H{1 if day.month <= 6 else 2}")
    if kind == "ninemonth" and day.month <= 9:
        return parse_period(f"{day.year}-9M")
    raise PeriodError(f"Không có kỳ loại {kind!r} chứa ngày {day:%d/%m/%Y}.")
