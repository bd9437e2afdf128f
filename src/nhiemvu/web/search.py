"""Search across tasks ignoring accents and case ("tai chinh" finds "Tài chính"), in the
database on SQLite (a registered function) and PostgreSQL (translate + lower), so it
filters and pages like any other query."""

from __future__ import annotations

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, Q, QuerySet, TextField
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


def fold(text: str | None) -> str:
    """Accent- and case-folded, whitespace-collapsed text (pure)."""
    text = unicodedata.normalize("NFC", text or "")
    return " ".join(text.translate(str.maketrans(_ACCENTED, _PLAIN)).lower().split())


class Fold(Func):
    """fold(expr) in SQL: the same result as `fold` for letters."""

    function = "nv_fold"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({sql}, %s, %s))", [*params, _ACCENTED, _PLAIN]


@receiver(connection_created)
def _register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("nv_fold", 1, lambda s: fold(s) if s is not None else None,
                                              deterministic=True)


def search_tasks(qs: QuerySet, words: str) -> QuerySet:
    """Tasks whose number, content or timing phrase contains every word, accents and case ignored."""
    terms = fold(words).split()[:10]
    if not terms:
        return qs
    qs = qs.annotate(_folded=Fold("content"), _folded_ref=Fold("ref"))
    for term in terms:
        qs = qs.filter(Q(_folded__contains=term) | Q(_folded_ref__contains=term))
    return qs
