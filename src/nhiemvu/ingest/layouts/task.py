"""One task of the extraction format, built the same way by every layout. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nhiemvu.ingest.layouts.vn_compat import find_deadline, normalize_space, timeframe

_TIMING_PREFIXES = ("thời gian", "tiến độ")


@dataclass
class Draft:
    """A task as a layout found it, before the timeframe is read."""

    ref: str | None
    section: str | None
    content: str
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    due_text: str | None = None
    product: str | None = None
    funding: str | None = None
    directed_by: str | None = None
    lines: tuple[int, int] = (0, 0)
    row: int | None = None
    layout: str = ""  # table, items, agency, prose
    implementation: bool = False  # from a "Tổ chức thực hiện" part
    under_agency: bool = False  # its lead is the agency heading (or lead-in line) above it
    agency_list: bool = False  # one of a numbered list whose every item opens with its agency
    assigned: bool = False  # under a lead-in that hands the items to a lead ("giao X chủ trì … sau:")
    bullet: bool = False  # a "-" / "+" bullet, not a numbered item

    def to_dict(self, default_year: int | None = None) -> dict:
        due_text = clean_value(self.due_text)
        if due_text is None:
            due_text = find_deadline(self.content) or trailing_time(self.content)
        start, due, recurring = timeframe(due_text, default_year)
        source: dict = {"lines": [self.lines[0], self.lines[1]], "layout": self.layout}
        if self.row is not None:
            source["row"] = self.row
        return {
            "ref": self.ref,
            "section": normalize_space(self.section) or None if self.section else None,
            "content": normalize_space(self.content),
            "lead": self.lead,
            "support": self.support,
            "due_text": due_text,
            "start": start,
            "due": due,
            "recurring": recurring,
            "product": clean_value(self.product),
            "funding": clean_value(self.funding),
            "directed_by": clean_value(self.directed_by),
            "source": source,
        }


# "… tiến tới thí điểm (2025 - 2026)." / "(2026 trở đi)" / "(xuyên suốt 2025 - 2035)": the
# item's timing in a closing parenthesis, a few words holding a year.
_TRAILING_TIME_RE = re.compile(r"\(([^()]{4,40})\)\s*[.;]?\s*$")


def trailing_time(content: str) -> str | None:
    m = _TRAILING_TIME_RE.search(content)
    if not m:
        return None
    text = normalize_space(m.group(1))
    if len(text.split()) > 7 or not re.search(r"\b(19|20)\d{2}\b", text) or re.search(r"[/-]\s*[A-ZĐ]{2,}", text):
        return None  # "(Quyết định số 12/QĐ-UBND …)" names a document, not a time
    start, due, _ = timeframe(text, None)
    return text if start or due else None


def clean_value(value: str | None) -> str | None:
    """Whitespace-normalised, without the trailing full stop or semicolon; None if empty."""
    if value is None:
        return None
    v = normalize_space(value)
    v = v.rstrip(" ;,.:")
    v = v.strip()
    return v or None
