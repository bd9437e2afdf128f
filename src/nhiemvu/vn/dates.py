"""Vietnamese calendar dates: "29/12/2022", "29-12-2022", "29.12.2022",
"ngày 29 tháng 12 năm 2022", and the periods they are built from (months, quarters).

Pure: no I/O, no Django.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from nhiemvu.vn.text import fold

# On folded text (lower-case, no accents). The same separator on both sides, so that
# "4-5/2023" (months 4 to 5 of 2023) is not read as a date.
_NUMERIC_RE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_WORDS_RE = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})(?!\d)")

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
         "xi": 11, "xii": 12}


def make_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers name no real day (31/2, month 13)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def day_before(d: date) -> date:
    return d - timedelta(days=1)


def plausible_year(y: int) -> bool:
    return 1900 <= y <= 2200


def _iter_dates(folded: str) -> list[tuple[int, date]]:
    found: list[tuple[int, date]] = []
    for m in _NUMERIC_RE.finditer(folded):
        y = int(m.group(4))
        d = make_date(y, int(m.group(3)), int(m.group(1))) if plausible_year(y) else None
        if d:
            found.append((m.start(), d))
    for m in _WORDS_RE.finditer(folded):
        y = int(m.group(3))
        d = make_date(y, int(m.group(2)), int(m.group(1))) if plausible_year(y) else None
        if d:
            found.append((m.start(), d))
    found.sort(key=lambda p: p[0])
    return found


def find_dates(text: str) -> list[date]:
    """Every full date written in the text, in order of appearance."""
    if not text:
        return []
    return [d for _, d in _iter_dates(fold(text))]


def parse_date(text: str) -> date | None:
    """The first full date in the text ("29/12/2022", "ngày 29 tháng 12 năm 2022",
    "29-12-2022"), or None. A date with blanks ("ngày tháng năm 2024") is None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def next_day_month(day: int, month: int, after: date) -> date | None:
    """The first date with this day and month strictly after `after` (a report due
    "trước ngày 10/11" in a document issued on 29/12/2022 is 10/11/2023)."""
    for year in (after.year, after.year + 1, after.year + 2):
        d = make_date(year, month, day)
        if d and d > after:
            return d
    return None


# A document reference ("Kế hoạch số 178/KH-UBND ngày 30/9/2022", "43/2022/QH15") names
# another document: its date is not a deadline. Works on folded text.
DOC_REF_RE = re.compile(
    r"(?<![\w/])\d+(?:/\d{4})?[/-][a-z][\w.-]*(?:/[\w.-]+)*"
    r"(?:\s+ngay\s+(?:\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?"
)


def mask_document_refs(folded: str) -> str:
    """Blank out document references in folded text, keeping every offset."""
    return DOC_REF_RE.sub(lambda m: " " * len(m.group(0)), folded)


_MONTH_YEAR_RE = re.compile(r"(?:ngay\s+cuoi\s+(?:cua\s+)?)?thang\s+(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})(?!\d)")
_DAY_MONTH_RE = re.compile(
    r"ngay\s+(\d{1,2})\s*(?:/\s*|thang\s+)(\d{1,2})(?![\d/])(?!\s*nam\s+\d)"
    r"|(?<=truoc )(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])"
)


def find_due_dates(text: str, after: date | None = None) -> list[tuple[int, date]]:
    """Every date a duty names, with its offset in the text: full dates, a month alone
    ("tháng 8 năm 2023" → its last day) and a day and month with no year (the first such
    date after `after`; skipped when `after` is None). Document references are ignored."""
    if not text:
        return []
    from nhiemvu.vn.text import fold_aligned  # local: text imports nothing from here

    folded = mask_document_refs(fold_aligned(text))
    found: list[tuple[int, date]] = []

    def blank(m: re.Match[str]) -> None:
        nonlocal folded
        folded = folded[: m.start()] + " " * (m.end() - m.start()) + folded[m.end():]

    for pos, d in _iter_dates(folded):
        found.append((pos, d))
    for m in list(_NUMERIC_RE.finditer(folded)) + list(_WORDS_RE.finditer(folded)):
        blank(m)
    for m in list(_MONTH_YEAR_RE.finditer(folded)):
        y, mo = int(m.group(2)), int(m.group(1))
        if plausible_year(y) and 1 <= mo <= 12:
            found.append((m.start(), month_end(y, mo)))
        blank(m)
    if after is not None:
        for m in _DAY_MONTH_RE.finditer(folded):
            day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if 1 <= int(month) <= 12:
                d = next_day_month(int(day), int(month), after)
                if d:
                    found.append((m.start(), d))
    found.sort(key=lambda p: p[0])
    return found
