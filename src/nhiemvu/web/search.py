"""Search across tasks ignoring accents and case ("tai chinh" finds "Tài chính").

Each task's "ref content" is kept folded in a small index table (web.searchindex), so a
search is a plain LIKE scan in the database on SQLite and PostgreSQL alike."""

from __future__ import annotations

import unicodedata

from django.db.models import QuerySet


def _ascii_fold(text: str) -> str:
    # NFD then drop the combining marks (C speed); đ is a letter of its own, not a mark.
    return unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()


def fold(text: str | None) -> str:
    """Accent- and case-folded, whitespace-collapsed text (pure)."""
    text = text or ""
    if not text.isascii():
        text = _ascii_fold(text)
    return " ".join(text.lower().split())


def search_tasks(qs: QuerySet, words: str) -> QuerySet:
    """Tasks whose number or content contains every word, accents and case ignored."""
    terms = fold(words).split()[:10]
    if not terms:
        return qs
    from nhiemvu.web.searchindex.index import matching

    return matching(qs, terms)
