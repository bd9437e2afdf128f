"""Numbering labels at the start of a paragraph: `Điều 2.`, `Phần I`, `I.`, `1.`, `1.1.`,
`2.3.1`, `1)`, `a)`, `đ)`, `(1)`, `(a)`, and bullets `- + * • –`.

`split_label(text)` returns a `Label` (its style, the label as written and the text after
it) or None. The style is what the outline compares: two paragraphs with the same style
are siblings; multi-level numbers (`1.2`) carry their depth. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# Order matters: the most specific forms first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?:PHẦN|Phần|phần)\s+(thứ\s+\w+|[IVXLC]+|\d+)\s*[.:\-–]?\s*", re.UNICODE)),
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)\s*[.:\-–]?\s*")),
    ("article", re.compile(r"^(?:ĐIỀU|Điều)\s+(\d+)\s*[.:\-–]\s*")),
    ("roman", re.compile(r"^([IVXLC]{1,7})\s*[.)/:\-–]\s*(?=\S)")),
    ("arabic", re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,4})\.?(?:\s+|(?=[^\d\s.,/%]))")),
    ("arabic", re.compile(r"^(\d{1,3})\s*\.(?:\s+|(?=[^\d\s.,/%)]))")),
    ("arabic)", re.compile(r"^(\d{1,3})\s*\)\s*")),
    ("letter", re.compile(r"^([a-zđ])\s*\)\s*")),
    ("letter.", re.compile(r"^([a-zđ])\s*\.\s+(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,3})\)\s*")),
    ("paren-letter", re.compile(r"^\(([a-zđ])\)\s*")),
    ("upper", re.compile(r"^([A-Z])\s*[.)]\s+(?=[A-ZĐÀ-Ỹ])")),
    ("bullet", re.compile(r"^([-+*•–—·▪►❖✓➢→])(?:\s+|(?=[^\s\d-]))")),
]


@dataclass(frozen=True)
class Label:
    style: str  # part, chapter, article, roman, arabic, arabic), letter, paren, bullet...
    text: str  # the label as written, without its punctuation: "II", "1.2", "a", "(1)", "-"
    rest: str  # the paragraph text after the label
    depth: int = 1  # components of a multi-level number (1.2.3 → 3)

    @property
    def key(self) -> tuple[str, int | str]:
        """What makes two labels siblings: same style (and same depth for 1.2-numbers;
        the marker itself for bullets, so `-` and `+` nest)."""
        if self.style == "bullet":
            return ("bullet", self.text)
        return (self.style, self.depth)

    @property
    def is_bullet(self) -> bool:
        return self.style == "bullet"

    @property
    def is_heading_style(self) -> bool:
        """Headings that carry no ref of their own: Phần, Chương, Điều, an unnumbered bold line."""
        return self.style in ("part", "chapter", "article", "bold")


def is_roman(s: str) -> bool:
    s = s.upper()
    if not s or any(c not in _ROMAN_VALUES for c in s):
        return False
    return bool(re.fullmatch(r"C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", s))


def roman_value(s: str) -> int:
    total, prev = 0, 0
    for c in reversed(s.upper()):
        v = _ROMAN_VALUES[c]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


# A label starts with one of these characters; anything else is plain text (fast path).
_FIRST = set("0123456789IVXLCABDEFGHJKMNOPQRSTUWYZĐabcdefghijklmnopqrstuvwxyzđ(-+*•–—·▪►❖✓➢→ĐPĐ")


# "Một là, …", "Thứ hai, …": ordinal words that number a news page's or a speech's items
# (not a weekday: "Thứ hai, ngày 5/3").
_ORDINALS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_ORDINAL_RE = re.compile(
    r"^(?:(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là|Thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))"
    r"\s*[,:]\s*(?!ngày\b|\d)(?=\S)"
)


def _ordinal(s: str) -> Label | None:
    m = _ORDINAL_RE.match(s)
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    value = 1 if word == "nhất" else 4 if word == "tư" else _ORDINALS.index(word) + 1
    rest = s[m.end():].strip()
    return Label(style="ordinal", text=str(value), rest=rest[:1].upper() + rest[1:])  # the word was its start


_ITALIC_END_RE = re.compile(r"\S\s*\*\s*[;.,:]?\s*$")


def split_label(text: str) -> Label | None:
    s = text.lstrip()
    if not s or s[0] not in _FIRST:
        return None
    if s[0] in "MHBNSTC":
        ordinal = _ordinal(s)
        if ordinal is not None:
            return ordinal
    if s[0].isalpha() and s[0] not in "IVXLCPĐ" and not (len(s) > 1 and s[1] in ".) "):
        return None  # an ordinary word: "Tăng cường …", "Các …"
    for style, pattern in _PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        label = m.group(1)
        rest = s[m.end():].strip()
        if style == "roman" and not is_roman(label):
            continue
        if style == "upper" and label in "IVXLC":
            continue
        if style == "bullet" and label in "*" and rest.startswith("*"):
            continue
        if style == "bullet" and label == "*" and not s[1:2].isspace() and _ITALIC_END_RE.search(s):
            continue  # "*Căn cứ Luật …; *": a paragraph in italics, not a bullet
        if not rest and style not in ("roman", "arabic", "upper", "article", "chapter", "part"):
            continue
        if style == "paren" or style == "paren-letter":
            label = f"({label})"
        elif style == "letter.":
            style = "letter"
        depth = label.count(".") + 1 if style == "arabic" else 1
        if style == "bullet":
            label = {"–": "-", "—": "-"}.get(label, label)
        return Label(style=style, text=label, rest=rest, depth=depth)
    return None


def paragraph_label(word_label: str | None, text: str) -> Label | None:
    """The label a paragraph shows: Word's automatic numbering when the reader saw one
    (the "1." is then not in the text), otherwise the label typed at the start of the text."""
    return label_from_word(word_label, text) if word_label else split_label(text)


def label_from_word(label: str, text: str) -> Label | None:
    """A label the reader took from Word's automatic numbering, with the paragraph text."""
    parsed = split_label(f"{label.strip()} {text}")
    if parsed is None:
        return None
    return Label(style=parsed.style, text=parsed.text, rest=text.strip(), depth=parsed.depth)
