"""Indicator lists (chỉ tiêu): found from structure, each item's targets parsed.

An indicator list is the list of items under a heading that names indicators ("II. Các
chỉ tiêu chủ yếu", "b) Mục tiêu cụ thể:", "Chỉ tiêu về văn hóa - xã hội"), not general
aims ("mục tiêu tổng quát") and not a list of tasks ("Nhóm chỉ tiêu, nhiệm vụ …", or items
followed by their own "Cơ quan chủ trì: …" lines). The items are the paragraphs nested
under that heading, whatever their numbering: `(1)`, `1.`, `a)`, `-`, bullets, or none.
Sub-headings inside the list that name indicators again ("1. Chỉ tiêu về kinh tế …") set
the `section` of the items below them. Indicator tables ("Chỉ tiêu | ĐVT | Kế hoạch") are
read by `table_indicators` below.

Pure: no I/O, no Django.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from nhiemvu.ingest.blocks import Document, Paragraph, Table
from nhiemvu.ingest.layouts.numbering import Label, paragraph_label
from nhiemvu.vn.numbers import parse_number, parse_targets
from nhiemvu.vn.text import clean, fold, fold_words

# "Chỉ tiêu …", "Mục tiêu cụ thể", and goals set for a time ("Mục tiêu đến năm 2030",
# "Mục tiêu đến hết năm 2026"), which are specific goals by another name.
_INDICATOR_WORDS_RE = re.compile(
    r"\bchi tieu\b|\bmuc tieu cu the\b"
    r"|^(?:cac\s+)?muc tieu\s+(?:(?:den|toi)\s+(?:het\s+)?|trong\s+|cua\s+)?(?:nam|giai doan)\s+\d{4}"
)
_NOT_INDICATOR_RE = re.compile(
    r"\b(?:tong quat|nhiem vu|giai phap|to chuc thuc hien|phan cong|danh gia|ket qua|thuc hien cac chi tieu)\b"
)
# "Cơ quan chủ trì: …", "Đơn vị thực hiện: …": items that carry these are tasks.
_RESPONSIBILITY_RE = re.compile(
    r"^\W*(?:(?:co quan|don vi)\s+(?:chu tri|thuc hien|phoi hop|tham muu)|chu tri|phoi hop)[^:]{0,40}:"
)


@dataclass
class _Para:
    text: str  # label removed, clean
    label: Label | None
    line: int
    last_line: int
    bold: bool

    @property
    def key(self) -> tuple | None:
        return self.label.key if self.label else None


@dataclass
class _Indicator:
    ref: str | None
    section: str | None
    parts: list[str]
    first: int
    last: int
    key: tuple | None


@dataclass
class _Zone:
    depth: int  # outline depth of the heading that opened the zone
    first: int
    last: int
    section: str | None
    items: list[_Indicator] = field(default_factory=list)
    item_key: tuple | None = None
    has_tasks: bool = False
    positional: int = 0
    open_heading: bool = False  # opened by an unnumbered heading
    group_key: tuple | None = None  # numbering of group titles inside the list ("a) Về kinh tế:")


def _paragraphs(doc: Document) -> list[_Para | None]:
    """Paragraphs with their numbering label split off; None stands for a table."""
    out: list[_Para | None] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(None)
            continue
        if not isinstance(block, Paragraph):
            continue
        raw = clean(block.text)
        if not raw:
            continue
        label = paragraph_label(block.label, raw)
        text = clean(label.rest) if label else raw
        out.append(_Para(text, label, block.line, block.last_line, block.bold))
    return out


def is_indicator_heading(text: str) -> bool:
    """A heading that opens (or titles part of) an indicator list."""
    if len(text) > 240:  # cheap test first: a heading is short
        return False
    f = fold_words(text)
    words = f.split()
    if not words or len(words) > 20:
        return False
    if not _INDICATOR_WORDS_RE.search(f) or _NOT_INDICATOR_RE.search(f):
        return False
    # an item that mentions "chỉ tiêu" in a sentence is not a heading
    return not (text.rstrip().endswith(".") and len(words) > 10)


# The last document's lists and tables: the task layouts ask for the line ranges and the
# indicators of one document in turn, so each is found once.
# One immutable tuple, read once: safe when several threads extract at the same time.
_LAST: list[tuple] = [(None, [], [])]


def _found(doc: Document) -> tuple[list[_Zone], list[tuple[tuple[int, int], list[dict]]]]:
    last = _LAST[0]
    if last[0] is not doc:
        last = (doc, _find_zones(doc), table_indicators(doc))
        _LAST[0] = last
    return last[1], last[2]


def _zones(doc: Document) -> list[_Zone]:
    return _found(doc)[0]


def _find_zones(doc: Document) -> list[_Zone]:
    paras = _paragraphs(doc)
    zones: list[_Zone] = []
    stack: list[tuple] = []  # outline: label keys from the outermost down
    zone: _Zone | None = None

    def close() -> None:
        nonlocal zone
        if zone is not None and zone.items and not zone.has_tasks:
            zones.append(zone)
        zone = None

    goals = False  # inside a part titled "MỤC TIÊU" (not "mục tiêu tổng quát")
    for p in paras:
        if p is None:  # a table ends a list written in paragraphs
            close()
            continue
        depth = len(stack)
        if p.key is not None:
            if p.key in stack:
                del stack[stack.index(p.key) + 1:]
            else:
                stack.append(p.key)
            depth = len(stack)
        if p.label is not None and p.label.style in ("roman", "part", "upper"):
            goals = _GOALS_PART_RE.match(fold_words(p.text)) is not None
        heading = (is_indicator_heading(p.text) or (goals and _is_year_goal(p))) and (
            p.label is None or not p.label.is_bullet)
        if zone is not None:
            inside = p.key is None or depth > zone.depth
            if heading and (zone.item_key is None or p.key != zone.item_key):
                if inside:
                    zone.section = _section_text(p.text)
                    zone.last = p.last_line
                    continue
                close()
            elif inside and _RESPONSIBILITY_RE.match(fold(p.text)):
                zone.has_tasks = True
                continue
            elif inside and _add_item(zone, p):
                continue
            else:
                close()
        if heading:
            # an unnumbered heading ("Các chỉ tiêu chủ yếu:") may head items numbered like
            # the paragraph above it
            zone = _Zone(depth=depth if p.key is not None else max(depth - 1, 0), first=p.line,
                         last=p.last_line, section=_section_text(p.text), open_heading=p.key is None)
    close()
    return zones


_GOALS_PART_RE = re.compile(r"^(?:cac\s+)?muc tieu$")
_YEAR_GOAL_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+)?nam\s+\d{4}\b")


def _is_year_goal(p: _Para) -> bool:
    """Under a part titled "MỤC TIÊU", a numbered goal for a year ("1. Phát triển kinh tế số
    đến năm 2030") over the targets that measure it."""
    f = fold_words(p.text)
    return (p.label is not None and not p.text.rstrip().endswith(".") and len(f.split()) <= 16
            and _YEAR_GOAL_RE.search(f) is not None and "tong quat" not in f)


def _section_text(text: str) -> str | None:
    return clean(text).rstrip(":").strip() or None


def _add_item(zone: _Zone, p: _Para) -> bool:
    """Put the paragraph in the zone; False when it does not belong (ends the list)."""
    if p.key is None:
        # unnumbered paragraph: an item of an unnumbered list, or the continuation of the
        # item above when it starts in lower case; other prose after a numbered list ends it
        if zone.items and zone.item_key is not None:
            if p.text[:1].islower():
                _append(zone, p)
                return True
            return False
        zone.positional += 1
        zone.items.append(_Indicator(str(zone.positional), zone.section, [p.text], p.line, p.last_line, None))
        zone.last = p.last_line
        return True
    if zone.item_key is None:
        zone.item_key = p.key
    if p.key == zone.group_key and _is_group_title(p.text):
        # "b) Về xã hội:": the next group of indicators
        zone.section = _section_text(p.text)
        zone.last = p.last_line
        zone.positional = 0
        return True
    if (
        p.key != zone.item_key
        and zone.group_key is None
        and zone.items
        and len(zone.items[-1].parts) == 1
        and _is_group_title(zone.items[-1].parts[0])
    ):
        # "a) Về kinh tế:" followed by deeper items: it was a group title, not an indicator
        title = zone.items.pop()
        zone.section = _section_text(title.parts[0])
        zone.group_key, zone.item_key = zone.item_key, p.key
        zone.positional = 0
    if p.key == zone.item_key:
        if zone.open_heading and zone.items and _looks_like_heading(p.text):
            return False  # the next numbered part of the document, not an indicator
        ref = p.label.text if p.label and not p.label.is_bullet else None
        if ref is None:
            zone.positional += 1
            ref = str(zone.positional)
        zone.items.append(_Indicator(ref, zone.section, [p.text], p.line, p.last_line, p.key))
        zone.last = p.last_line
        return True
    if zone.items:
        # deeper numbering under an indicator belongs to its text
        _append(zone, p)
        return True
    return False


def _is_group_title(text: str) -> bool:
    """A short line ending with a colon and setting no number: "Về kinh tế:"; or a short
    title naming only a year: "Phát triển kinh tế số đến năm 2030"."""
    t = text.rstrip()
    if t.endswith(":") and len(t.split()) <= 12 and not re.search(r"\d", t):
        return True
    no_year = re.sub(r"\b(?:19|20)\d{2}\b", "", t)
    return (not t.endswith((".", ";")) and len(t.split()) <= 16 and no_year != t
            and not re.search(r"\d|%", no_year))


def _looks_like_heading(text: str) -> bool:
    return len(text.split()) <= 12 and not re.search(r"\d", text)


def _append(zone: _Zone, p: _Para) -> None:
    item = zone.items[-1]
    item.parts.append(p.text)
    item.last = zone.last = p.last_line


# --- indicator tables: "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2024" ---------------
# (any order, other columns allowed). A row with a value is an indicator whose target is
# the planned value with the row's unit; a row with no value and no unit is a section.

_T_NAME_RE = re.compile(r"^(?:cac\s+)?(?:ten\s+)?(?:noi dung\s+)?chi tieu(?:\s+chu yeu)?$|^noi dung chi tieu")
_T_UNIT_RE = re.compile(r"^(?:don vi tinh|dvt|don vi)$")
_T_NUMBER_COL_RE = re.compile(r"^(?:stt|tt|so tt|so thu tu)$")
_T_TARGET_RE = re.compile(r"\b(?:ke hoach|kh|muc tieu|phan dau|chi tieu giao|nam \d{4}|\d{4})\b")
_T_T_NOT_TARGET_RE = re.compile(r"\b(?:thuc hien|uoc|th|so sanh|ghi chu|ty le so voi|ss)\b")
_COMPARATORS = [
    (r"^(?:≥|>=|=>|từ|tối thiểu|ít nhất|không dưới)", ">="),
    (r"^(?:≤|<=|=<|tối đa|không quá|không vượt quá)", "<="),
    (r"^(?:<|dưới)", "<"),
    (r"^(?:>|trên|hơn)", ">"),
    (r"^(?:khoảng|~|≈)", "="),
]


@dataclass(frozen=True)
class _Columns:
    header_index: int
    name: int
    unit: int | None
    target: int
    number: int | None


def _columns(table: Table) -> _Columns | None:
    for i, row in enumerate(table.rows[:4]):
        heads = [fold_words(clean(t)) for t in row.texts]
        name = next((j for j, h in enumerate(heads) if _T_NAME_RE.search(h)), None)
        if name is None:
            continue
        unit = next((j for j, h in enumerate(heads) if _T_UNIT_RE.match(h)), None)
        targets = [j for j, h in enumerate(heads) if j not in (name, unit) and _T_TARGET_RE.search(h)
                   and not _T_T_NOT_TARGET_RE.search(h)]
        if not targets:
            continue
        number = next((j for j, h in enumerate(heads) if _T_NUMBER_COL_RE.match(h)), None)
        return _Columns(i, name, unit, targets[-1], number)
    return None


def _cell(row_texts: list[str], index: int | None) -> str:
    if index is None or index >= len(row_texts):
        return ""
    return clean(row_texts[index])


def table_targets(value: str, unit: str) -> list[dict]:
    """The target a table cell sets: "≥ 95" with unit "%" → [{">=", 95, "%"}]; a range
    "5 - 7" sets a lower and an upper bound."""
    v = clean(value)
    number = parse_number(v)
    if number is None:
        return []
    unit = unit or ("%" if "%" in v else "‰" if "‰" in v else "")
    comparator = next((op for pattern, op in _COMPARATORS if re.match(pattern, v, re.IGNORECASE)), ">=")
    if re.search(r"trở lên\s*$", v):
        comparator = ">="
    value_of = int(number) if number.is_integer() else number
    rng = re.match(r"^\s*(?:từ\s+)?([\d.,]+)\s*(?:-|–|đến)\s*([\d.,]+)", v)
    if rng:
        low, high = parse_number(rng.group(1)), parse_number(rng.group(2))
        if low is not None and high is not None:
            return [
                {"scope": None, "comparator": ">=", "value": int(low) if low.is_integer() else low, "unit": unit},
                {"scope": None, "comparator": "<=", "value": int(high) if high.is_integer() else high, "unit": unit},
            ]
    return [{"scope": None, "comparator": comparator, "value": value_of, "unit": unit}]


def table_indicators(doc: Document) -> list[tuple[tuple[int, int], list[dict]]]:
    """For each indicator table: its line range and its indicators."""
    out: list[tuple[tuple[int, int], list[dict]]] = []
    for block in doc.blocks:
        if not isinstance(block, Table) or len(block.rows) < 2:
            continue
        cols = _columns(block)
        if cols is None:
            continue
        section: str | None = None
        items: list[dict] = []
        for row in block.rows[cols.header_index + 1:]:
            texts = row.texts
            name = _cell(texts, cols.name)
            unit = _cell(texts, cols.unit)
            value = _cell(texts, cols.target)
            if not name or fold_words(name) == fold_words(_cell(block.rows[cols.header_index].texts, cols.name)):
                continue  # empty row or a header repeated at a page break
            if not value and not unit:
                section = name
                continue
            ref = _cell(texts, cols.number) or None
            text = f"{name}: {value} {unit}".strip(" :")
            items.append(
                {
                    "ref": ref,
                    "section": section,
                    "text": clean(text),
                    "targets": table_targets(value, unit),
                    "source": {"lines": [row.line, row.last_line]},
                }
            )
        if items:
            out.append(((block.line, block.last_line), items))
    return out


def extract_indicators(doc: Document) -> list[dict]:
    """Every item of every indicator list: ref, section, text, targets, source lines."""
    out: list[dict] = []
    for zone in _zones(doc):
        for item in zone.items:
            text = clean(" ".join(item.parts))
            out.append(
                {
                    "ref": item.ref,
                    "section": item.section,
                    "text": text,
                    "targets": parse_targets(text),
                    "source": {"lines": [item.first, item.last]},
                }
            )
    for _, items in _found(doc)[1]:
        out.extend(copy.deepcopy(items))
    out.sort(key=lambda ind: ind["source"]["lines"][0])
    return out


def indicator_line_ranges(doc: Document) -> list[tuple[int, int]]:
    """The line ranges indicator lists occupy (heading to last item), for the task
    layouts to skip."""
    ranges = [(zone.first, zone.last) for zone in _zones(doc)]
    ranges += [span for span, _ in _found(doc)[1]]
    return sorted(ranges)
