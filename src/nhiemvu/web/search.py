"""Search across tasks ignoring accents and case ("tai chinh" finds "Tài chính"), in the
database on SQLite (a registered function) and PostgreSQL (translate + lower), so it
filters and pages like any other query."""

from __future__ import annotations

import unicodedata

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Func, IntegerField, Q, QuerySet, TextField, Value
from django.dispatch import receiver


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if base.isascii() else ch.lower()


# Every precomposed Latin letter with diacritics (covers all Vietnamese letters) → ASCII.
_ACCENTED = "".join(
    chr(c) for c in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00))
    if unicodedata.category(chr(c)).startswith("L") and _fold_char(chr(c)).isascii()
    and _fold_char(chr(c)) != chr(c)
) + "đĐ"
_PLAIN = "".join(_fold_char(c) for c in _ACCENTED)


def _ascii_fold(text: str) -> str:
    # NFD then drop the combining marks: C-speed, the cost that matters when SQLite calls it per row.
    return unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()


def fold(text: str | None) -> str:
    """Accent- and case-folded, whitespace-collapsed text (pure)."""
    text = text or ""
    if not text.isascii():
        text = _ascii_fold(text)
    return " ".join(text.lower().split())


class Fold(Func):
    """fold(expr) in SQL: the same result as `fold` for letters."""

    function = "nv_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({sql}, %s, %s))", [*params, _ACCENTED, _PLAIN]


def _fold_stored(text: str | None) -> str:
    """`fold` without the whitespace pass (terms never contain spaces)."""
    if not text:
        return ""
    return (text if text.isascii() else _ascii_fold(text)).lower()


def _matches(text: str | None, terms: str) -> int:
    folded = _fold_stored(text)
    return int(all(term in folded for term in terms.split("\x1f")))


@receiver(connection_created)
def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        raw = connection.connection
        raw.create_function("nv_fold", 1, lambda s: fold(s) if s is not None else None, deterministic=True)
        # One call per row for a whole multi-word search (a Python function per LIKE is the cost on SQLite).
        raw.create_function("nv_match", 2, _matches, deterministic=True)


class Matches(Func):
    """1 when the folded text contains every term (terms joined by \x1f)."""

    function = "nv_match"
    output_field = IntegerField()


def search_tasks(qs: QuerySet, words: str) -> QuerySet:
    """Tasks whose content contains every word (or whose number is the word), accents and case ignored."""
    terms = [t for t in fold(words).split() if t][:10]
    if not terms:
        return qs
    if connection.vendor == "sqlite":
        cond = Q(_nv_match=1)
        qs = qs.alias(_nv_match=Matches("content", Value("\x1f".join(terms))))
    else:
        qs = qs.alias(_folded=Fold("content"))
        cond = Q()
        for term in terms:
            cond &= Q(_folded__contains=term)
    if len(terms) == 1:
        cond |= Q(ref__iexact=words.strip())
    return qs.filter(cond)
