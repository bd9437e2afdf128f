"""Vietnamese text helpers: Unicode normalisation, whitespace, markup, accent folding.

Pure: no I/O, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# HTML-ish inline tags the seed texts carry (<b>, </i>, <u>, <br/>, <span ...>).
_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|br|span|sup|sub|p|font)\b[^>]*>", re.IGNORECASE)
# Markdown emphasis: **x**, __x__, *x*, _x_ (the single forms only around words, so that
# "a * b" or snake_case names are not eaten).
_BOLD_RE = re.compile(r"\*\*|__")
_STAR_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_UNDERSCORE_RE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")


def nfc(s: str) -> str:
    """Unicode NFC (composed accents), the form every stored text is in."""
    return unicodedata.normalize("NFC", s)


_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_space(s: str) -> str:
    """Runs of white space (incl. non-breaking spaces, tabs, newlines) → one space; trimmed."""
    if not s.isascii():
        s = _INVISIBLE_RE.sub("", s)
    # str.split() splits on every Unicode space (NBSP, tab, newline …) in C
    return " ".join(s.split())


def strip_markup(s: str) -> str:
    """Remove inline markup: <b>…</b> style tags, **, __, *…*, _…_ emphasis."""
    # cheap membership tests first: most paragraphs carry no markup at all
    if "<" in s:
        s = _TAG_RE.sub("", s)
    if "**" in s or "__" in s:
        s = _BOLD_RE.sub("", s)
    if "*" in s:
        # A lone "*" is left alone: it is often a bullet marker ("* Đơn vị thực hiện: …").
        s = _STAR_RE.sub(r"\1", s)
    if "_" in s:
        s = _UNDERSCORE_RE.sub(r"\1", s)
    return s


@lru_cache(maxsize=8192)
def _clean(s: str) -> str:
    return normalize_space(strip_markup(nfc(s)))


def clean(s: str | None) -> str:
    """NFC, markup removed, whitespace normalised: the form of every text field."""
    # cached: every layout cleans the same paragraphs
    return _clean(s) if s else ""


def _fold_slow(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("Đ", "d").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.lower()


_MARKS_RE = re.compile("[\u0300-\u036f]+")


@lru_cache(maxsize=16384)
def fold(s: str) -> str:
    """Lower-case, accents removed, đ→d: for search and matching, never for display."""
    # cached: every layout folds the same paragraphs
    if s.isascii():
        return s.lower()
    # decompose and drop the accents: C-level passes, much faster than a per-char table
    return _MARKS_RE.sub("", unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))).lower()


def fold_words(s: str) -> str:
    """`fold`, then only letters and digits, one space between words (the scorer's fold)."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(s)).split())


def _aligned_table() -> dict[int, str]:
    # One entry per letter that folds to a single other character (Latin with accents,
    # upper case of Latin/Greek/Cyrillic), built with the slow, obviously right fold.
    aligned: dict[int, str] = {}
    for code in [*range(0x41, 0x2000), *range(0x1E00, 0x1F00)]:
        c = chr(code)
        f = _fold_slow(c)
        if len(f) == 1 and f != c:
            aligned[code] = f
    return aligned


_ALIGNED = _aligned_table()


@lru_cache(maxsize=16384)
def fold_aligned(s: str) -> str:
    """`fold` that keeps one output character per input character, so that a match found
    in the folded text can be cut out of the original by the same offsets."""
    if s.isascii():
        return s.lower()
    quick = fold(s)
    if len(quick) == len(s) and unicodedata.is_normalized("NFC", s):
        # every composed letter gave one base letter: offsets are unchanged
        return quick
    # str.lower() keeps the length of every character except "İ", which the table maps
    return s.translate(_ALIGNED).lower()
