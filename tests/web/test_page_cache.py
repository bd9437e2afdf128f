"""The search ids and the inbox rows are kept between requests (web/cache.py): the same page
asked again after a change (every service writes an audit event) shows the change."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nhiemvu.audit.services import record
from tests.web.conftest import _task

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_same_search_after_a_change_shows_it(login, world):
    c = login(world.users["office"])
    body = text(c.get("/tim-kiem/", {"q": "tiem chung"}))
    assert "Tiêm chủng mở rộng" in body and "Tiêm chủng cúm mùa" not in body
    task = _task(world.plan, None, 7, "Tiêm chủng cúm mùa cho người cao tuổi",
                 timezone.localdate() + dt.timedelta(days=20), [world.health])
    record("task.create", task, actor=world.users["office"])
    body = text(c.get("/tim-kiem/", {"q": "tiem chung"}))
    assert "Tiêm chủng mở rộng" in body and "Tiêm chủng cúm mùa" in body


def test_cached_search_keeps_each_unit_in_its_own_tasks(login, world):
    assert "Xây dựng dự toán" in text(login(world.users["finance"]).get("/tim-kiem/", {"q": "ngan sach"}))
    assert "Xây dựng dự toán" not in text(login(world.users["police"]).get("/tim-kiem/", {"q": "ngan sach"}))


def test_same_inbox_after_a_change_shows_it(login, world):
    c = login(world.users["health"])
    assert "Tiêm chủng cúm mùa" not in text(c.get("/hop-thu/"))
    task = _task(world.plan, None, 7, "Tiêm chủng cúm mùa cho người cao tuổi",
                 timezone.localdate() + dt.timedelta(days=20), [world.health])
    record("task.create", task, actor=world.users["office"])
    assert "Tiêm chủng cúm mùa" in text(c.get("/hop-thu/"))
    # Another unit's inbox is its own, not the one kept for health.
    assert "Tiêm chủng" not in text(login(world.users["police"]).get("/hop-thu/"))


def test_filter_options_follow_a_new_plan(login, world):
    from nhiemvu.tracking.models import Plan

    c = login(world.users["office"])
    assert "77/KH-UBND" not in text(c.get("/tong-quan/"))
    plan = Plan.objects.create(jurisdiction=world.jurisdiction, kind="Kế hoạch", number="77/KH-UBND",
                               title="Kế hoạch mới", status=Plan.Status.PUBLISHED)
    record("plan.publish", plan, actor=world.users["office"])
    assert "77/KH-UBND" in text(c.get("/tong-quan/"))
    assert "77/KH-UBND" in text(c.get("/tim-kiem/", {"q": "tiem chung"}))
