"""Keep the folded copies complete and search them."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from nhiemvu.web.search import fold

BATCH = 2000


def text_of(ref: str | None, content: str | None) -> str:
    return fold(f"{ref or ''} {content or ''}")


def fill_missing() -> int:
    """Index tasks that have no folded copy yet (created by bulk_create); returns how many."""
    from nhiemvu.tracking.models import Task
    from nhiemvu.web.searchindex.models import TaskText

    if Task.objects.count() == TaskText.objects.count():  # cascade deletes keep the two in step
        return 0
    missing = Task.objects.filter(~Exists(TaskText.objects.filter(task_id=OuterRef("pk")))).order_by("pk")
    done, last = 0, 0
    while True:
        # Walk forward by id so each batch's anti-join starts where the last one ended.
        rows = list(missing.filter(pk__gt=last).values_list("pk", "ref", "content")[:BATCH])
        if not rows:
            return done
        with transaction.atomic():
            TaskText.objects.bulk_create([TaskText(task_id=pk, folded=text_of(ref, content)) for pk, ref, content in rows],
                                         ignore_conflicts=True)
        done += len(rows)
        last = rows[-1][0]


def matching(qs: QuerySet, terms: list[str]) -> QuerySet:
    """Tasks of `qs` whose folded text contains every term."""
    from nhiemvu.web.searchindex.models import TaskText

    fill_missing()
    hits = TaskText.objects.all()
    for term in terms:
        hits = hits.filter(folded__contains=term)
    # IN (subquery): the database scans the small folded table once, then picks tasks by id.
    return qs.filter(pk__in=hits.values("task_id"))
