"""Task search through the substring index (web/search.py, web/search_index.py): the same
tasks as the plain LIKE scan on the folded text, accents and case ignored, on SQLite (FTS5
trigram) and PostgreSQL (pg_trgm); run the PostgreSQL side with `tests/pg.py tests/web`."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nhiemvu.directory.models import Jurisdiction
from nhiemvu.tracking.models import Plan, Task
from nhiemvu.vn.text import fold_words
from nhiemvu.web import search_index
from nhiemvu.web.search import search_phrase, search_tasks

pytestmark = pytest.mark.django_db

WORDS = ("tài chính", "kế hoạch", "chuyển đổi số", "y tế", "an toàn thực phẩm", "Đất đai", "xã", "số 12",
         "ĐẦU TƯ CÔNG", "giáo dục", "hạ tầng", "phòng cháy", "rà soát", "tổng kết", "văn hoá", "du lịch")


def _plan():
    j = Jurisdiction.objects.create(slug="tim-kiem", name="Tỉnh Tìm Kiếm")
    return Plan.objects.create(jurisdiction=j, kind="Kế hoạch", number="1/KH", title="Kế hoạch",
                               status=Plan.Status.PUBLISHED)


def _ids(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def _like_all(terms: list[str]) -> set[int]:
    """The reference: every term a substring of the folded text (the LIKE scan it replaces)."""
    qs = Task.objects.all()
    for t in terms:
        qs = qs.filter(search_text__contains=t)
    return _ids(qs)


def test_accents_and_case_ignored_words_in_any_order():
    plan = _plan()
    t = Task.objects.create(plan=plan, ref="1", order=1, content="Rà soát Kế hoạch TÀI CHÍNH năm 2025")
    Task.objects.create(plan=plan, ref="2", order=2, content="Xây dựng kế hoạch y tế")
    assert _ids(search_tasks(Task.objects.all(), "tai chinh")) == {t.pk}
    assert _ids(search_tasks(Task.objects.all(), "TÀI CHÍNH")) == {t.pk}
    assert _ids(search_tasks(Task.objects.all(), "chính tài")) == {t.pk}  # page search: any order
    assert _ids(search_phrase(Task.objects.all(), "chính tài")) == set()  # API: as written
    assert _ids(search_phrase(Task.objects.all(), "ke hoach tai")) == {t.pk}
    assert _ids(search_tasks(Task.objects.all(), "hoach")) == _ids(Task.objects.all())


def test_short_terms_fall_back_to_like():
    plan = _plan()
    a = Task.objects.create(plan=plan, ref="1", order=1, content="Y tế xã đạt chuẩn")
    b = Task.objects.create(plan=plan, ref="2", order=2, content="Giáo dục")
    assert _ids(search_tasks(Task.objects.all(), "y")) == _like_all(["y"]) == {a.pk}
    assert _ids(search_tasks(Task.objects.all(), "xa chuan")) == {a.pk}  # one short, one indexed
    assert _ids(search_tasks(Task.objects.all(), "gd")) == set()
    assert _ids(search_tasks(Task.objects.all(), "")) == {a.pk, b.pk}


@pytest.mark.parametrize("frequent", [5000, 1], ids=["index", "scan-for-frequent-words"])
def test_same_results_as_like_on_generated_tasks(monkeypatch, frequent):
    monkeypatch.setattr("nhiemvu.web.search.FREQUENT", frequent)
    plan = _plan()
    rng = random.Random(5)
    Task.objects.bulk_create(
        Task(plan=plan, ref=str(i), order=i, content=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
             product=rng.choice(("", "Báo cáo", "Đề án số 3")))
        for i in range(300)
    )
    vocabulary = fold_words(" ".join(WORDS)).split() + ["bao cao", "de an", "so 3", "ng", "a", "tai chinh ke"]
    for _ in range(80):
        query = " ".join(rng.sample(vocabulary, rng.randint(1, 3)))
        terms = fold_words(query).split()
        assert _ids(search_tasks(Task.objects.all(), query)) == _like_all(terms), query
        assert _ids(search_phrase(Task.objects.all(), query)) == _like_all([fold_words(query)]), query


def test_index_follows_edits_and_deletes():
    plan = _plan()
    t = Task.objects.create(plan=plan, ref="1", order=1, content="Kiểm tra an toàn thực phẩm")
    assert _ids(search_tasks(Task.objects.all(), "thuc pham")) == {t.pk}
    t.content = "Kiểm tra phòng cháy chữa cháy"
    t.save()
    assert _ids(search_tasks(Task.objects.all(), "thuc pham")) == set()
    assert _ids(search_tasks(Task.objects.all(), "chua chay")) == {t.pk}
    t.delete()
    assert _ids(search_tasks(Task.objects.all(), "chua chay")) == set()


def test_search_uses_the_index():
    plan = _plan()
    Task.objects.bulk_create(Task(plan=plan, ref=str(i), order=i, content=f"Nhiệm vụ số {i}") for i in range(50))
    with CaptureQueriesContext(connection) as queries:
        qs = search_phrase(Task.objects.order_by(), "nhiem vu so")
    if connection.vendor == "sqlite":
        assert any(search_index.FTS in q["sql"] for q in queries.captured_queries)
        assert "LIKE" not in str(qs.query)
    else:
        with connection.cursor() as c:
            c.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [search_index.PG_INDEX])
            assert c.fetchone(), "pg_trgm index missing"
            c.execute("SET LOCAL enable_seqscan = off")
            sql, params = qs.query.sql_with_params()
            c.execute("EXPLAIN " + sql, params)
            plan_text = "\n".join(row[0] for row in c.fetchall())
        assert search_index.PG_INDEX in plan_text, plan_text
    assert qs.count() == 50


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
def test_lost_triggers_are_restored_and_the_index_rebuilt():
    """A migration that rebuilds tracking_task drops its triggers; ensure() (run after every
    migrate) puts them back and re-indexes what was written meanwhile."""
    plan = _plan()
    with connection.cursor() as c:
        for name in search_index.TRIGGERS:
            c.execute(f"DROP TRIGGER {name}")
    t = Task.objects.create(plan=plan, ref="1", order=1, content="Chuyển đổi số cấp xã")
    assert _ids(search_tasks(Task.objects.all(), "chuyen doi")) == set()  # stale without triggers
    assert search_index.ensure(connection) == "fts5"
    assert _ids(search_tasks(Task.objects.all(), "chuyen doi")) == {t.pk}
    t.content = "Đất đai"
    t.save()
    assert _ids(search_tasks(Task.objects.all(), "dat dai")) == {t.pk}
