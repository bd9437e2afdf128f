"""The Vietnamese helpers the layouts use, from `nhiemvu.vn` and the metadata /
indicator / report layouts (written in parallel by another part of the project).

Each import falls back to a small local version while the real module is missing, so
that extraction keeps working; the fallbacks are deliberately minimal. Pure.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from datetime import date
from typing import Any

try:  # pragma: no cover - depends on which modules exist
    from nhiemvu.vn.text import fold as _fold
except ImportError:  # pragma: no cover

    def _fold(s: str) -> str:
        s = unicodedata.normalize("NFD", s.replace("Đ", "d").replace("đ", "d"))
        return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


# Layouts fold the same short strings (cell texts, headings, names) many times.
fold = functools.lru_cache(maxsize=65536)(_fold)

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")


def normalize_space(s: str) -> str:
    """Runs of white space → one space, trimmed; zero-width characters removed. (Same
    result as nhiemvu.vn.text.normalize_space, written for speed: it runs on every line.)"""
    if _INVISIBLE_RE.search(s):
        s = _INVISIBLE_RE.sub("", s)
    return " ".join(s.split())


@functools.lru_cache(maxsize=65536)
def fold_words(s: str) -> str:
    """Folded, letters and digits only, one space between words."""
    return " ".join(_NON_WORD_RE.sub(" ", fold(s)).split())


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


try:  # pragma: no cover
    from nhiemvu.vn.timeframe import find_deadline as _find_deadline
    from nhiemvu.vn.timeframe import parse_timeframe as _parse_timeframe
except ImportError:  # pragma: no cover
    _parse_timeframe = None
    _find_deadline = None


def timeframe(text: str | None, default_year: int | None = None) -> tuple[str | None, str | None, bool]:
    """(start, due, recurring) of a timing phrase, ISO dates or None."""
    if not text:
        return None, None, False
    if _parse_timeframe is not None:
        tf = _parse_timeframe(text, default_year=default_year)
        return _iso(tf.start), _iso(tf.due), bool(tf.recurring)
    return _fallback_timeframe(text, default_year)


def find_deadline(sentence: str) -> str | None:
    """The deadline phrase inside a task sentence, as written, or None."""
    if _find_deadline is not None:
        return _find_deadline(sentence)
    m = _DEADLINE_RE.search(sentence)
    return m.group(0).strip().rstrip(".,;") if m else None


# --- fallbacks (used only until nhiemvu.vn.timeframe exists) -----------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DEADLINE_RE = re.compile(
    r"(?:(?:[Hh]oàn thành|[Xx]ong|[Tt]hực hiện xong)\s+)?"
    r"(?:[Tt]rước|[Cc]hậm nhất(?: là)?|[Tt]rong)\s+(?:(?:ngày|tháng|quý|năm)\s+)?"
    r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+năm\s+\d{4}|[IV]+\s*/\s*\d{4}|[IV]+\s+năm\s+\d{4})"
)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _fallback_timeframe(text: str, default_year: int | None) -> tuple[str | None, str | None, bool]:
    f = fold(text)
    recurring = bool(re.search(r"thuong xuyen|hang (nam|thang|quy|tuan)|dinh ky", f))

    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    try:
        m = re.search(r"(truoc|cham nhat|han)\D{0,12}?" + _DATE, f)
        if m:
            return None, iso(date(int(m.group(4)), int(m.group(3)), int(m.group(2)))), recurring
        m = re.search(r"thang (\d{1,2})\s*(?:/|nam)\s*(\d{4}) den thang (\d{1,2})\s*(?:/|nam)\s*(\d{4})", f)
        if m:
            return (iso(date(int(m.group(2)), int(m.group(1)), 1)),
                    iso(_month_end(int(m.group(4)), int(m.group(3)))), recurring)
        quarters = re.findall(r"quy (iv|iii|ii|i|[1-4])\b", f)
        year = re.search(r"(\d{4})(?!.*\d{4})", f)
        y = int(year.group(1)) if year else default_year
        if re.search(r"(ca|trong) nam \d{4}", f) and y:
            return iso(date(y, 1, 1)), iso(date(y, 12, 31)), recurring
        if quarters and y:
            qs = [_ROMAN.get(q) or int(q) for q in quarters]
            return iso(date(y, 3 * min(qs) - 2, 1)), iso(_month_end(y, 3 * max(qs))), recurring
        m = re.search(r"thang (\d{1,2})\s*-\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})", f)
        if m:
            y2 = int(m.group(3))
            return iso(date(y2, int(m.group(1)), 1)), iso(_month_end(y2, int(m.group(2)))), recurring
        m = re.search(r"thang (\d{1,2})\s*(?:/|nam)\s*(\d{4})", f)
        if m:
            y2, mo = int(m.group(2)), int(m.group(1))
            return iso(date(y2, mo, 1)), iso(_month_end(y2, mo)), recurring
        m = re.search(r"6 thang (dau|cuoi) nam (\d{4})", f)
        if m:
            y2 = int(m.group(2))
            return (iso(date(y2, 1, 1)), iso(date(y2, 6, 30))) if m.group(1) == "dau" else (
                iso(date(y2, 7, 1)), iso(date(y2, 12, 31))), recurring
        m = re.search(r"(\d{4})\s*-\s*(\d{4})", f)
        if m:
            return iso(date(int(m.group(1)), 1, 1)), iso(date(int(m.group(2)), 12, 31)), recurring
        m = re.search(_DATE, f)
        if m:
            return None, iso(date(int(m.group(3)), int(m.group(2)), int(m.group(1)))), recurring
        if year:
            return iso(date(y, 1, 1)), iso(date(y, 12, 31)), recurring
    except ValueError:
        pass
    return None, None, recurring


# --- document-level parts written elsewhere ----------------------------------------------


def extract_metadata(doc) -> dict:
    try:
        from nhiemvu.ingest.layouts.metadata import extract_metadata as real
    except ImportError:
        return _fallback_metadata(doc)
    return real(doc)


def extract_indicators(doc) -> list[dict]:
    try:
        from nhiemvu.ingest.layouts.indicators import extract_indicators as real
    except ImportError:
        return []
    return real(doc)


def indicator_line_ranges(doc) -> list[tuple[int, int]]:
    try:
        from nhiemvu.ingest.layouts.indicators import indicator_line_ranges as real
    except ImportError:
        return []
    return list(real(doc))


def extract_reports(doc, issued_on: str | None) -> list[dict]:
    try:
        from nhiemvu.ingest.layouts.reports import extract_reports as real
    except ImportError:
        return []
    return real(doc, issued_on)


_KINDS = ("Quyết định", "Kế hoạch", "Phụ lục", "Chương trình", "Chỉ thị", "Công văn", "Thông báo", "Nghị quyết")


def _fallback_metadata(doc) -> dict:
    kind = number = None
    for line in doc.lines[:40]:
        f = fold_words(line)
        if kind is None:
            for k in _KINDS:
                if f.startswith(fold_words(k)):
                    kind = k
                    break
        m = re.search(r"Số\s*:\s*(\d+[^\s,;]*/[^\s,;]+)", line)
        if number is None and m:
            number = m.group(1)
    return {"kind": kind, "number": number, "issued_on": None, "issuer": None, "title": None,
            "period": {"start": None, "due": None}}
