"""Search across tasks ignoring accents and case ("tai chinh" finds "Tài chính").

The folded text of each task is stored on the task itself (`Task.search_text`, kept in
step on every write), so a search is a plain LIKE scan on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.db.models import QuerySet

from nhiemvu.vn.text import fold_words


def search_tasks(qs: QuerySet, words: str) -> QuerySet:
    """Tasks whose number, content or product contain every word, accents and case ignored."""
    for term in fold_words(words or "").split()[:10]:
        qs = qs.filter(search_text__contains=term)
    return qs
