"""Vietnamese timeframe phrases → the period they name.

"Cả năm 2023" → 2023-01-01..2023-12-31, "Quý III và Quý IV năm 2023" → 2023-07-01..
2023-12-31, "Tháng 4-5/2023", "6 tháng đầu năm 2023", "Giai đoạn 2021-2025",
"Hoàn thành trước ngày 10/5/2023" (due only), "Quý IV năm 2025 và các năm tiếp theo"
(start only), "Thường xuyên" (no dates, recurring). A phrase that names no date has null
dates: nothing is guessed (a year is only borrowed from the phrase itself or from the
caller's `default_year`).

The phrase is read as a sequence of time tokens (dates, months, quarters, halves, years,
year ranges) found on the accent-folded text, plus a few words that change how they
combine ("trước", "chậm nhất" → a deadline; "từ" → a start; "các năm tiếp theo" → open end).

Pure: no I/O, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from nhiemvu.vn.dates import (
    ROMAN,
    day_before,
    make_date,
    mask_document_refs,
    month_end,
    month_span,
    plausible_year,
    quarter_span,
    year_span,
)
from nhiemvu.vn.text import fold_aligned


@dataclass(frozen=True)
class Timeframe:
    start: date | None
    due: date | None
    recurring: bool


EMPTY = Timeframe(None, None, False)

_SEP = r"\s*(?:,|-|–|—|\+|va|den|toi)\s*"
_Q = r"(?:iv|iii|ii|i|[1-4])(?![a-z0-9])"
_YEAR_TAIL = r"(?:\s*(?:/|-|–|nam|,\s*nam)\s*(\d{4})(?!\d))?"

_DATE_NUM_RE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_DATE_WORDS_RE = re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*(?:,\s*)?nam\s+(\d{4})(?!\d)")
_HALF_RE = re.compile(
    r"(?:(?:0?6|sau)\s+thang|nua)\s+(dau|cuoi)\s+nam(?:\s*/?\s*(\d{4})(?!\d))?"
)
_NINE_RE = re.compile(r"(?:0?9|chin)\s+thang\s+dau\s+nam(?:\s*/?\s*(\d{4})(?!\d))?")
_QUARTER_RE = re.compile(rf"quy\s+({_Q}(?:{_SEP}(?:quy\s+)?{_Q})*){_YEAR_TAIL}")
_MONTH_RE = re.compile(
    r"thang\s+(\d{1,2}(?!\d)(?:" + _SEP + r"(?:thang\s+)?\d{1,2}(?![\d]))*)" + _YEAR_TAIL
)
_MONTH_YEAR_RE = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_YEAR_RANGE_RE = re.compile(r"(?<![\d/.])(\d{4})\s*(?:-|–|—|den|toi)\s*(?:nam\s+)?(\d{4})(?![\d/])")
_YEAR_RE = re.compile(r"(?<![\d/.])(\d{4})(?![\d/])")
_DAY_MONTH_RE = re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")

_RECURRING_RE = re.compile(
    r"thuong xuyen|(?:hang|moi)\s+(?:nam|thang|quy|tuan|ngay|ky)|dinh ky|lien tuc|thuong nien"
)
_DEADLINE_RE = re.compile(r"\b(?:truoc|cham nhat|han chot|khong qua|khong muon hon)\b")
_OPEN_END_RE = re.compile(r"(?:cac|nhung)\s+nam\s+(?:tiep theo|sau)|tro di|tro ve sau|nam tiep theo")
_FROM_BEFORE_RE = re.compile(r"\btu\s*(?:ngay|nam|thang|quy)?\s*$")
_UNTIL_BEFORE_RE = re.compile(r"\b(?:(?:den|toi)\s*(?:het\s*)?|het\s*)(?:ngay|nam|thang|quy)?\s*$")
_LAST_DAY_RE = re.compile(r"ngay\s+cuoi")
_EVENT_RE = re.compile(r"\b(?:khi|tet|ky hop|dai hoi|hoi nghi|le|dip|mua|phien hop)\b")
_END_OF_RE = re.compile(r"\bcuoi\s*(?:nam|quy|thang)?\s*$")


@dataclass
class _Token:
    pos: int
    kind: str  # date, months, quarters, half, nine, year, years, daymonth
    year: int | None
    values: tuple[int, ...] = ()
    exact: date | None = None  # for kind == "date"


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _numbers(group: str) -> list[int]:
    out = []
    for piece in re.findall(r"iv|iii|ii|i|\d{1,2}", group.replace("quy", " ").replace("thang", " ")):
        out.append(ROMAN[piece] if piece in ROMAN else int(piece))
    return out


def _year(s: str | None) -> int | None:
    if s is None:
        return None
    y = int(s)
    return y if plausible_year(y) else None


def _tokens(folded: str) -> list[_Token]:
    # "Kế hoạch số 178/KH-UBND ngày 30/9/2022" names another document, not the time
    text = mask_document_refs(folded)
    tokens: list[_Token] = []

    def scan(regex: re.Pattern[str], make) -> None:
        nonlocal text
        for m in list(regex.finditer(text)):
            tok = make(m)
            if tok is not None:
                tokens.append(tok)
            text = _mask(text, m.start(), m.end())

    def full_date(m: re.Match[str]) -> _Token | None:
        if m.re is _DATE_NUM_RE:
            y, mo, d = _year(m.group(4)), int(m.group(3)), int(m.group(1))
        else:
            y, mo, d = _year(m.group(3)), int(m.group(2)), int(m.group(1))
        dt = make_date(y, mo, d) if y else None
        return _Token(m.start(), "date", y, exact=dt) if dt else None

    scan(_DATE_NUM_RE, full_date)
    scan(_DATE_WORDS_RE, full_date)
    scan(_HALF_RE, lambda m: _Token(m.start(), "half", _year(m.group(2)), (1 if m.group(1) == "dau" else 2,)))
    scan(_NINE_RE, lambda m: _Token(m.start(), "nine", _year(m.group(1))))

    def quarters(m: re.Match[str]) -> _Token | None:
        qs = tuple(q for q in _numbers(m.group(1)) if 1 <= q <= 4)
        return _Token(m.start(), "quarters", _year(m.group(2)), qs) if qs else None

    scan(_QUARTER_RE, quarters)

    def months(m: re.Match[str]) -> _Token | None:
        ms = tuple(x for x in _numbers(m.group(1)) if 1 <= x <= 12)
        return _Token(m.start(), "months", _year(m.group(2)), ms) if ms else None

    scan(_MONTH_RE, months)
    scan(
        _MONTH_YEAR_RE,
        lambda m: _Token(m.start(), "months", _year(m.group(2)), (int(m.group(1)),))
        if 1 <= int(m.group(1)) <= 12 and _year(m.group(2))
        else None,
    )

    def years(m: re.Match[str]) -> _Token | None:
        a, b = _year(m.group(1)), _year(m.group(2))
        if not (a and b):
            return None
        return _Token(m.start(), "years", a, (min(a, b), max(a, b)))

    scan(_YEAR_RANGE_RE, years)
    scan(_YEAR_RE, lambda m: _Token(m.start(), "year", _year(m.group(1))) if _year(m.group(1)) else None)
    scan(
        _DAY_MONTH_RE,
        lambda m: _Token(m.start(), "daymonth", None, (int(m.group(1)), int(m.group(2))))
        if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31
        else None,
    )
    tokens.sort(key=lambda t: t.pos)
    return tokens


def _fill_years(tokens: list[_Token], default_year: int | None) -> None:
    """A token written without its year takes the year written after it ("Quý III và
    Quý IV năm 2023", "Tháng 4-5/2023"), else the one before it, else the default."""
    for i, tok in enumerate(tokens):
        if tok.year is not None:
            continue
        later = next((t.year for t in tokens[i + 1:] if t.year is not None and t.kind != "years"), None)
        earlier = next((t.year for t in reversed(tokens[:i]) if t.year is not None), None)
        tok.year = later or earlier or default_year


def _span(tok: _Token) -> tuple[date, date] | None:
    y = tok.year
    if tok.kind == "date":
        return (tok.exact, tok.exact) if tok.exact else None
    if y is None:
        return None
    if tok.kind == "year":
        return year_span(y)
    if tok.kind == "years":
        return date(tok.values[0], 1, 1), date(tok.values[1], 12, 31)
    if tok.kind == "half":
        return (date(y, 1, 1), date(y, 6, 30)) if tok.values[0] == 1 else (date(y, 7, 1), date(y, 12, 31))
    if tok.kind == "nine":
        return date(y, 1, 1), date(y, 9, 30)
    if tok.kind == "quarters":
        spans = [quarter_span(y, q) for q in tok.values]
        return min(s for s, _ in spans), max(e for _, e in spans)
    if tok.kind == "months":
        ms = list(tok.values)
        # "tháng 12 đến tháng 01/2023": a month list that goes backwards crosses a year end.
        first_year = y - 1 if any(b < a for a, b in zip(ms, ms[1:], strict=False)) else y
        start = month_span(first_year, ms[0])[0]
        return start, month_end(y, ms[-1]) if month_end(y, ms[-1]) >= start else month_end(first_year, ms[-1])
    if tok.kind == "daymonth":
        d = make_date(y, tok.values[1], tok.values[0])
        return (d, d) if d else None
    return None


def is_recurring(text: str | None) -> bool:
    """True when the phrase says the work is continuous or repeated."""
    return bool(text) and bool(_RECURRING_RE.search(fold_aligned(text)))


def parse_timeframe(text: str | None, *, default_year: int | None = None) -> Timeframe:
    """The period a timeframe phrase names, as inclusive dates, and whether it recurs."""
    if not text or not text.strip():
        return EMPTY
    folded = " ".join(fold_aligned(text).split())
    recurring = bool(_RECURRING_RE.search(folded))
    # "Theo tiến độ …", "theo Kế hoạch được phê duyệt": the time is set elsewhere.
    if folded.startswith("theo "):
        return Timeframe(None, None, recurring)
    tokens = _tokens(folded)
    _fill_years(tokens, default_year)
    spans = [(tok, sp) for tok in tokens if (sp := _span(tok)) is not None]
    if not spans:
        return Timeframe(None, None, recurring)
    first_tok = spans[0][0]
    prefix = folded[: first_tok.pos]
    start = min(s for _, (s, _) in spans)
    due = max(e for _, (_, e) in spans)

    if _OPEN_END_RE.search(folded):
        return Timeframe(start, None, recurring)
    deadline = _DEADLINE_RE.search(prefix)
    if deadline and not _FROM_BEFORE_RE.search(prefix):
        last_tok, (s, e) = spans[-1]
        # "chậm nhất (trong) tháng 7/2026", "trước cuối năm 2026": by the end of the period;
        # "trước tháng 6/2023": before it begins
        # "trước Tết 2024", "trước kỳ họp HĐND tháng 12/2023": an event inside the period,
        # so the period's end is the latest the work can be due
        by_end = (
            not deadline.group(0).startswith("truoc")
            or _END_OF_RE.search(prefix)
            or _EVENT_RE.search(prefix[deadline.end():])
        )
        if last_tok.kind in ("date", "daymonth") or _LAST_DAY_RE.search(folded) or by_end:
            return Timeframe(None, e, recurring)
        return Timeframe(None, day_before(s), recurring)
    # "Năm 2026 (trước 30/6/2026)": a period, then the deadline inside it
    late = _DEADLINE_RE.search(folded, first_tok.pos)
    if late and not _FROM_BEFORE_RE.search(folded[: late.start()]):
        before = [sp for tok, sp in spans if tok.pos < late.start()]
        after = [(tok, sp) for tok, sp in spans if tok.pos > late.start()]
        if before and after and after[-1][0].kind in ("date", "daymonth"):
            deadline = after[-1][1][1]
            first = min(sp[0] for sp in before)
            return Timeframe(first if first <= deadline else None, deadline, recurring)
    if len(spans) == 1 and _FROM_BEFORE_RE.search(prefix) and not re.search(r"\b(?:den|toi)\b", folded):
        return Timeframe(start, None, recurring)
    if len(spans) >= 2 and _FROM_BEFORE_RE.search(prefix):
        # "từ ngày 01/10/2025 đến hết năm 2025": from the first named time to the end of the
        # last, even when the last (a whole year) begins before the first.
        return Timeframe(spans[0][1][0], spans[-1][1][1], recurring)
    if len(spans) == 1 and _UNTIL_BEFORE_RE.search(prefix):
        return Timeframe(None, due, recurring)
    return Timeframe(start, due, recurring)


# --- deadlines written inside a task sentence -----------------------------------------

_TIME = (
    r"(?:\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*\d{4}"  # 20/12/2025
    r"|\d{1,2}\s+thang\s+\d{1,2}\s*,?\s*nam\s+\d{4}"  # 20 tháng 12 năm 2025
    r"|(?:ngay\s+cuoi\s+)?thang\s+\d{1,2}\s*(?:/|-|nam)\s*\d{4}"  # tháng 02/2026
    r"|quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*\d{4}"  # quý II/2023
    r"|(?:0?6|0?9)\s+thang\s+(?:dau|cuoi)\s+nam\s*\d{4}"
    r"|(?:cuoi|giua|dau)\s+(?:nam\s+\d{4}|quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*\d{4}|thang\s+\d{1,2}\s*(?:/|-|nam)\s*\d{4})"
    r"|nam\s+\d{4})"
)
_MONTH = r"thang\s+\d{1,2}\s*(?:/|-|nam)\s*\d{4}"
_FULL_DATE = r"(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+thang\s+\d{1,2}\s*,?\s*nam\s+\d{4})"
_DEADLINE_PHRASE_RE = re.compile(
    r"(?<![a-z])(?:"
    r"(?:(?:hoan thanh|hoan thien)(?:\s+xong)?|thuc hien xong|xong|ket thuc|ban hanh)\s*(?:,\s*)?"
    r"(?:truoc|trong|cham nhat(?:\s+la)?(?:\s+(?:vao|truoc|trong))?|vao|den het|ngay trong|khong qua|khong muon hon)"
    r"|cham nhat(?:\s+la)?(?:\s+(?:vao|truoc|trong))?|han chot(?:\s+la)?|truoc"
    r")\s*(?:\d{1,2}\s*(?:h|gio)\s*(?:\d{2}\s*(?:phut\s*)?)?,?\s*)?(?:ngay\s+)?" + _TIME + r"(?![\d/])"
    # "vào ngày 19 tháng 12 năm 2025" (a named day), "trong tháng 11 năm 2025" (a named
    # month), "đến hết năm 2025" / "đến hết ngày 15/9/2025" (the end of a period).
    r"|(?<![a-z])vao\s+ngay\s+" + _FULL_DATE + r"(?![\d/])"
    # "từ ngày 15/9/2025 đến ngày 30/11/2025", "từ tháng 10/2025 đến hết năm 2025": a period
    # between two named times.
    r"|(?<![a-z])tu\s+(?:ngay\s+" + _FULL_DATE + r"|" + _MONTH + r")\s*(?:den|toi)\s+(?:het\s+)?"
    r"(?:(?:ngay\s+)?" + _FULL_DATE + r"|" + _MONTH + r"|nam\s+\d{4})(?![\d/])"
    # "vào kỳ chi trả tháng 12 năm 2025": the month of an event.
    r"|(?<![a-z])vao\s+(?:ky\s+[a-z ]{1,20}?\s+)?" + _MONTH + r"(?![\d/])"
    r"|(?<![a-z])trong\s+thang\s+\d{1,2}\s*(?:/|-|nam)\s*\d{4}(?![\d/])"
    r"|(?<![a-z])(?:den|toi)\s+het\s+(?:ngay\s+" + _FULL_DATE + r"|nam\s+\d{4}|thang\s+\d{1,2}\s*(?:/|-|nam)\s*\d{4}"
    r"|quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*\d{4})(?![\d/])"
    # A relative time limit ("trong thời hạn 03 ngày làm việc", "không quá 10 ngày"): a
    # deadline counted from an event, so it has no date of its own.
    r"|(?<![a-z])(?:trong\s+(?:thoi\s+han|vong)|khong\s+qua|cham\s+nhat(?:\s+la)?\s+sau)\s+\d{1,3}\s*"
    r"(?:\([^)]{1,30}\)\s*)?ngay(?:\s+lam\s+viec)?(?![a-z])"
)
_CADENCE_BEFORE_RE = re.compile(r"(?:dinh ky|hang (?:nam|thang|quy|tuan)|moi (?:nam|thang|quy))\s*,?\s*$")


def find_deadline(sentence: str) -> str | None:
    """The deadline phrase written inside a task sentence, exactly as written
    ("Hoàn thành trước ngày 20/12/2025", "hoàn thành trong tháng 02/2026"), or None.

    Only a completion word ("hoàn thành", "chậm nhất", "trước …") followed by a named
    time is a deadline: "trong năm 2023" alone describes the work, and cadence words
    ("định kỳ trước ngày …", "hằng tháng") set a reporting rhythm, not a deadline.
    """
    if not sentence:
        return None
    folded = fold_aligned(sentence)
    for m in _DEADLINE_PHRASE_RE.finditer(folded):
        word = folded[m.start(): m.start() + 5]
        before = folded[max(0, m.start() - 30): m.start()]
        if _CADENCE_BEFORE_RE.search(before):
            continue
        # A bare "trước …" needs a full date or a named month/quarter: "trước năm 2025"
        # in prose is history, not a deadline.
        if word.startswith("truoc") and re.match(r"truoc\s*(?:ngay\s+)?nam", folded[m.start():]):
            continue
        return " ".join(sentence[m.start(): m.end()].split())
    return None
