"""The Vietnamese helpers the task layouts use, in one place (`nhiemvu.vn`: text folding,
timeframe phrases, deadlines inside a sentence).

Folding is cached here because the layouts fold the same short strings (cell texts,
headings, names) many times per document. Pure.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from nhiemvu.vn.text import fold as _fold
from nhiemvu.vn.timeframe import find_deadline, parse_timeframe

__all__ = ["find_deadline", "fold", "fold_words", "normalize_space", "timeframe"]

fold = functools.lru_cache(maxsize=65536)(_fold)

_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")


def normalize_space(s: str) -> str:
    """Runs of white space → one space, trimmed; zero-width characters removed (the result
    of nhiemvu.vn.text.normalize_space, kept short for the hot path)."""
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


def timeframe(text: str | None, default_year: int | None = None) -> tuple[str | None, str | None, bool]:
    """(start, due, recurring) of a timing phrase, ISO dates or None."""
    if not text:
        return None, None, False
    tf = parse_timeframe(text, default_year=default_year)
    return _iso(tf.start), _iso(tf.due), bool(tf.recurring)
