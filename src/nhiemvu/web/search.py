"""Search across tasks ignoring accents and case ("tai chinh" finds "Tài chính").

The folded text of each task is stored on the task itself (`Task.search_text`, kept in step on
every write) and indexed for substring search (web/search_index.py): on SQLite the FTS5 trigram
table answers, on PostgreSQL the pg_trgm index serves the plain LIKE. Terms shorter than three
characters have no trigram: they are matched with LIKE on the rows the other terms left; so are
words found in thousands of tasks (see `_frequent`)."""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet

from nhiemvu.vn.text import fold_words
from nhiemvu.web.search_index import FTS

MAX_TERMS = 10
FREQUENT = 5000  # matches from which a LIKE scan in the query's order is the cheaper way
_fts_ready: set[tuple[str, str]] = set()


def search_tasks(qs: QuerySet, words: str) -> QuerySet:
    """Tasks whose number, content or product contain every word (in any order)."""
    return _contains_all(qs, fold_words(words or "").split()[:MAX_TERMS])


def search_phrase(qs: QuerySet, text: str) -> QuerySet:
    """Tasks whose number, content or product contain the text as written (words adjacent)."""
    needle = fold_words(text or "")
    return _contains_all(qs, [needle]) if needle else qs


def _contains_all(qs: QuerySet, terms: list[str]) -> QuerySet:
    indexed = [t for t in terms if len(t) >= 3]
    if indexed and _has_fts(qs.db):
        # Terms hold only [0-9a-z ] (fold_words): quoted, each is one FTS5 string, which the
        # trigram tokenizer matches as a substring.
        match = " AND ".join(f'"{t}"' for t in indexed)
        ids = _matches(qs.db, match)
        if ids is not None:
            qs = qs.filter(pk__in=ids)
            terms = [t for t in terms if len(t) < 3]
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    return qs


def _matches(alias: str, match: str) -> list[int] | None:
    """Ids of the tasks the index matches, or None when there are FREQUENT or more: words in a
    large share of the tasks ("kế hoạch") are cheaper found by scanning tasks in the page's own
    order with LIKE, which stops at the page's end, than by listing every match. Both ways give
    the same tasks; the list is read once and handed to the query (no second index lookup)."""
    with connections[alias].cursor() as c:
        c.execute(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s", [match, FREQUENT])  # noqa: S608
        ids = [row[0] for row in c.fetchall()]
    return None if len(ids) >= FREQUENT else ids


def _has_fts(alias: str) -> bool:
    connection = connections[alias]
    if connection.vendor != "sqlite":
        return False
    key = (alias, str(connection.settings_dict["NAME"]))
    if key not in _fts_ready:
        with connection.cursor() as c:
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [FTS])
            if c.fetchone() is None:
                return False
        _fts_ready.add(key)
    return True
