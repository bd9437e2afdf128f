"""Word automatic numbering: numbering.xml levels → the label Word shows ("1.", "1.1.", "a)", "I.", "-").

In a real .docx the "1." of a numbered paragraph is not in its text: Word draws it
from the list definition (w:abstractNum levels: format, level text such as "%1.%2.",
start value) and counts paragraphs as it goes. This module replays that count in
document order. Pure: works on lxml elements, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Bullets drawn from symbol fonts are stored in the private use area.
_SYMBOL_BULLETS = {
    "\uf0b7": "•", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢", "\uf0fc": "✓", "\uf0e0": "→",
    "\uf02d": "-", "\uf0be": "—", "\uf0a8": "□", "\uf06c": "●", "\uf06e": "■", "\uf0f0": "⇒",
}


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return None if child is None else child.get(W + "val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: show every level as decimal
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


@dataclass
class NumInstance:
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


def _parse_level(lvl) -> Level:
    text_el = lvl.find(W + "lvlText")
    restart = _val(lvl, "lvlRestart")
    return Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=text_el.get(W + "val", "") if text_el is not None else "",
        start=_int(_val(lvl, "start"), 1),
        restart=_int(restart, 0) if restart is not None else None,
        legal=lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false", "off"),
        style=_val(lvl, "pStyle"),
    )


def to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, digits in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def to_letters(n: int) -> str:
    # Word's lowerLetter: a..z, then aa..zz, aaa..zzz.
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("upperRoman",):
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and the many decorative formats Vietnamese documents rarely use


class Numbering:
    """Definitions from numbering.xml plus the running counters of one document pass."""

    def __init__(self, numbering_el=None, style_num: dict[str, tuple[str, int | None]] | None = None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, NumInstance] = {}
        self.style_num = style_num or {}  # style id → (numId, ilvl) from styles.xml
        self.counters: dict[object, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering_el is not None:
            self._load(numbering_el)

    def _load(self, root) -> None:
        for absn in root.iter(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId")
            self.abstracts[aid] = {_int(lvl.get(W + "ilvl"), 0): _parse_level(lvl) for lvl in absn.iter(W + "lvl")}
            link = _val(absn, "numStyleLink")
            if link:
                self.abstract_style_link[aid] = link
        for num in root.iter(W + "num"):
            inst = NumInstance(abstract=_val(num, "abstractNumId") or "")
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                start = _val(ov, "startOverride")
                if start is not None:
                    inst.start_overrides[ilvl] = _int(start, 1)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    inst.level_overrides[ilvl] = _parse_level(lvl)
            self.nums[num.get(W + "numId")] = inst

    def _abstract_id(self, num_id: str, depth: int = 0) -> str | None:
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        aid = inst.abstract
        link = self.abstract_style_link.get(aid)
        if link and depth < 3 and link in self.style_num:
            # A list style: the real definition is on the numbering the style points at.
            linked = self.style_num[link][0]
            if linked != num_id:
                return self._abstract_id(linked, depth + 1) or aid
        return aid

    def level(self, num_id: str, ilvl: int) -> Level | None:
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        if ilvl in inst.level_overrides:
            return inst.level_overrides[ilvl]
        aid = self._abstract_id(num_id)
        levels = self.abstracts.get(aid or "", {})
        return levels.get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level bound to a paragraph style (w:lvl/w:pStyle), for style-driven lists."""
        aid = self._abstract_id(num_id)
        for ilvl, lvl in self.abstracts.get(aid or "", {}).items():
            if lvl.style == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Count one more paragraph of list `num_id` at level `ilvl`; return its label.

        Word counts per list definition, so two w:num that share an abstractNum and do
        not restart continue one sequence; a w:num with a startOverride starts its own.
        """
        inst = self.nums.get(num_id)
        if inst is None or num_id == "0":
            return None
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return None
        key: object = ("num", num_id) if inst.start_overrides else ("abs", self._abstract_id(num_id))
        counters = self.counters.setdefault(key, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for o_lvl in inst.start_overrides:
                counters.pop(o_lvl, None)
        start = inst.start_overrides.get(ilvl, lvl.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        # A higher level moving on restarts the deeper ones (unless lvlRestart says otherwise).
        for deeper in [k for k in counters if k > ilvl]:
            deeper_lvl = self.level(num_id, deeper)
            if deeper_lvl is not None and deeper_lvl.restart == 0:
                continue
            if deeper_lvl is not None and deeper_lvl.restart is not None and deeper_lvl.restart - 1 < ilvl:
                continue
            del counters[deeper]
        return self._render(num_id, ilvl, lvl, counters)

    def _render(self, num_id: str, ilvl: int, lvl: Level, counters: dict[int, int]) -> str:
        if lvl.fmt == "bullet":
            text = lvl.text
            return "".join(_SYMBOL_BULLETS.get(c, c) if "\uf000" <= c <= "\uf0ff" else c for c in text)
        out = lvl.text
        for ref in range(9, 0, -1):  # %10 does not exist; go down so %1 does not eat %1x
            token = f"%{ref}"
            if token not in out:
                continue
            ref_lvl = self.level(num_id, ref - 1) or lvl
            inst = self.nums.get(num_id)
            start = inst.start_overrides.get(ref - 1, ref_lvl.start) if inst else ref_lvl.start
            value = counters.get(ref - 1, start)
            fmt = "decimal" if lvl.legal else ref_lvl.fmt
            out = out.replace(token, format_number(value, fmt))
        return out
