"""A small world for page tests: one jurisdiction, three units, a published plan whose tasks
cover the statuses, and one user per role (plus an officer of another unit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from nhiemvu.accounts.models import Membership, Role
from nhiemvu.directory.models import Jurisdiction, Unit
from nhiemvu.tracking.models import Assignment, Indicator, Plan, Section, Target, Task


@dataclass
class World:
    jurisdiction: Jurisdiction
    finance: Unit
    health: Unit
    police: Unit
    plan: Plan
    draft: Plan
    overdue: Task  # finance leads, health supports
    soon: Task  # health leads
    later: Task  # police leads
    done: Task  # finance, completed on time
    users: dict


def _user(username: str, role: str, unit=None, jurisdiction=None):
    # Pages are reached with force_login; no password hashing (argon2 is slow by design).
    user = get_user_model().objects.create_user(username, password=None, first_name=username.title())
    Membership.objects.create(user=user, role=role, unit=unit, jurisdiction=jurisdiction)
    return user


def _task(plan, section, order, content, due, lead, support=(), **extra):
    task = Task.objects.create(plan=plan, section=section, ref=str(order), order=order, content=content, due=due,
                               due_text=f"Trước {due:%d/%m/%Y}" if due else "", last_activity_on=timezone.localdate(),
                               source={"lines": [order + 2, order + 2]}, **extra)
    for i, unit in enumerate(lead):
        Assignment.objects.create(task=task, unit=unit, role="lead", name_as_written=unit.name, order=i)
    for i, unit in enumerate(support):
        Assignment.objects.create(task=task, unit=unit, role="support", name_as_written=unit.name, order=i)
    return task


@pytest.fixture
def world(db) -> World:
    today = timezone.localdate()
    j = Jurisdiction.objects.create(slug="thu-nghiem", name="Thành phố Thử Nghiệm")
    finance = Unit.objects.create(jurisdiction=j, name="Phòng Tài chính – Kế hoạch", short_name="P.TCKH")
    health = Unit.objects.create(jurisdiction=j, name="Trung tâm Y tế thành phố", short_name="TTYT")
    police = Unit.objects.create(jurisdiction=j, name="Công an thành phố", short_name="CATP")
    plan = Plan.objects.create(jurisdiction=j, kind="Kế hoạch", number="12/KH-UBND", title="Kế hoạch thử nghiệm",
                               issued_on=today - dt.timedelta(days=200), status=Plan.Status.PUBLISHED)
    section = Section.objects.create(plan=plan, title="Về tài chính, ngân sách", order=0)
    overdue = _task(plan, section, 1, "Xây dựng dự toán ngân sách năm", today - dt.timedelta(days=40), [finance], [health])
    soon = _task(plan, section, 2, "Tiêm chủng mở rộng cho trẻ em", today + dt.timedelta(days=3), [health])
    later = _task(plan, section, 3, "Bảo đảm an ninh trật tự dịp lễ hội", today + dt.timedelta(days=90), [police])
    done = _task(plan, section, 4, "Báo cáo quyết toán", today - dt.timedelta(days=10), [finance],
                 completed_on=today - dt.timedelta(days=12))
    indicator = Indicator.objects.create(plan=plan, section=section, ref="1", order=0, unit=finance,
                                         text="Thu ngân sách đạt 100% dự toán")
    Target.objects.create(indicator=indicator, comparator=">=", value=100, unit="%")
    draft = Plan.objects.create(jurisdiction=j, kind="Quyết định", number="99/QĐ-UBND", title="Bản nháp",
                                status=Plan.Status.DRAFT)
    _task(draft, None, 1, "Nhiệm vụ trong bản nháp", today + dt.timedelta(days=30), [finance])
    users = {
        "admin": _user("quantri", Role.ADMIN),
        "office": _user("vanphong", Role.OFFICE),
        "leader": _user("lanhdao", Role.LEADER),
        "finance": _user("taichinh", Role.AGENCY, finance),
        "health": _user("yte", Role.AGENCY, health),
        "police": _user("congan", Role.AGENCY, police),
    }
    return World(j, finance, health, police, plan, draft, overdue, soon, later, done, users)


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Dashboard figures are cached by data version; test databases reuse the same ids."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _imports_in_request(settings):
    """Uploads are imported inside the request here (jobs.imports "sync" mode): no
    background thread, and the test's transaction sees the job."""
    settings.NHIEMVU_IMPORT_MODE = "sync"
