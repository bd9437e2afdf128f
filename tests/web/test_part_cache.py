"""Rendered page bodies kept until the data changes (web/cache.py `cached_part`): shared only
by users of the same scope, never with another user's CSRF token, never past a change."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nhiemvu.accounts.models import Role
from nhiemvu.audit.services import record
from nhiemvu.tracking.models import Urge
from nhiemvu.web.cache import CSRF_PLACEHOLDER
from tests.web.conftest import _user

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def _csrf_client(user) -> Client:
    c = Client(enforce_csrf_checks=True)
    c.force_login(user)
    return c


def _tokens(body: str) -> set[str]:
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body))


def test_each_user_gets_own_csrf_token_in_a_shared_body(world):
    other = _user("vanphong2", Role.OFFICE, jurisdiction=world.jurisdiction)
    first = _csrf_client(world.users["office"])
    body_a = text(first.get("/tong-quan/"))
    second = _csrf_client(other)
    body_b = text(second.get("/tong-quan/"))  # the body kept from the first request
    assert CSRF_PLACEHOLDER not in body_a + body_b
    assert _tokens(body_b) and _tokens(body_a) != _tokens(body_b)
    # The second user's one-click urge works with the token of the page it was given.
    token = _tokens(body_b).pop()
    r = second.post(f"/nhiem-vu/{world.overdue.pk}/don-doc/", {"csrfmiddlewaretoken": token, "note": "x"})
    assert r.status_code == 302
    assert Urge.objects.filter(task=world.overdue, actor=other).exists()


def test_roles_of_one_jurisdiction_do_not_share_the_office_body(login, world):
    assert "Đôn đốc</button>" in text(login(world.users["office"]).get("/tong-quan/"))
    assert "Đôn đốc</button>" not in text(login(world.users["leader"]).get("/tong-quan/"))


def test_task_page_body_follows_scope_and_changes(login, world):
    task = world.overdue  # finance leads, health supports
    body = text(login(world.users["finance"]).get(f"/nhiem-vu/{task.pk}/"))
    assert task.content in body
    # A unit outside the task gets a 404, whatever another unit's visit left in the cache.
    assert login(world.users["police"]).get(f"/nhiem-vu/{task.pk}/").status_code == 404
    task.content = "Xây dựng dự toán ngân sách năm (sửa)"
    task.save()
    record("task.update", task, actor=world.users["office"])
    assert "(sửa)" in text(login(world.users["finance"]).get(f"/nhiem-vu/{task.pk}/"))


def test_api_result_follows_changes(login, world):
    c = login(world.users["office"])
    before = c.get(f"/api/tasks/{world.soon.pk}").json()
    assert before["urge_count"] == 0
    c.post(f"/api/tasks/{world.soon.pk}/urge", {"note": "Khẩn trương"}, content_type="application/json")
    assert c.get(f"/api/tasks/{world.soon.pk}").json()["urge_count"] == 1
    # Another unit never gets the office's kept result.
    assert login(world.users["police"]).get(f"/api/tasks/{world.soon.pk}").status_code == 404


def test_body_knows_the_role(login, world):
    """The task page links the plan for the Office, not for an agency (nv_role in the body)."""
    link = f'href="/ke-hoach/{world.plan.pk}/"'
    assert link in text(login(world.users["office"]).get(f"/nhiem-vu/{world.overdue.pk}/"))
    assert link not in text(login(world.users["finance"]).get(f"/nhiem-vu/{world.overdue.pk}/"))
