"""Small builders for tracking tests: a jurisdiction, units, users of each role, plans, tasks."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

_seq = itertools.count(1)


@pytest.fixture
def world(db):
    return World()


class World:
    """A jurisdiction with four units, and helpers to add plans, tasks and users."""

    def __init__(self) -> None:
        from nhiemvu.directory.models import Jurisdiction, Unit

        n = next(_seq)
        self.jurisdiction = Jurisdiction.objects.create(slug=f"tp-thu-{n}", name=f"Thành phố Thử {n}")
        j = self.jurisdiction
        self.finance = Unit.objects.create(jurisdiction=j, name="Phòng Tài chính – Kế hoạch", short_name="P.TCKH")
        self.culture = Unit.objects.create(jurisdiction=j, name="Phòng Văn hoá và Thông tin", short_name="PVHTT")
        self.police = Unit.objects.create(jurisdiction=j, name="Công an thành phố", short_name="CATP",
                                          kind=Unit.Kind.POLICE)
        self.ward = Unit.objects.create(jurisdiction=j, name="UBND phường 1", kind=Unit.Kind.WARD)
        self.units = [self.finance, self.culture, self.police, self.ward]

    def user(self, role: str, unit=None, *, jurisdiction=True):
        from django.contrib.auth.models import User

        from nhiemvu.accounts.models import Membership

        # No password: hashing with argon2 would make every test slow.
        user = User.objects.create_user(f"u{next(_seq)}", password=None)
        Membership.objects.create(user=user, role=role, unit=unit,
                                  jurisdiction=self.jurisdiction if jurisdiction else None)
        return user

    def plan(self, status: str = "published", **kw):
        from nhiemvu.tracking.models import Plan

        kw.setdefault("title", f"Kế hoạch thử {next(_seq)}")
        kw.setdefault("period_start", dt.date(2023, 1, 1))
        return Plan.objects.create(jurisdiction=self.jurisdiction, status=status, **kw)

    def task(self, plan=None, *, lead=(), support=(), **kw):
        from nhiemvu.tracking.models import Assignment, Task

        plan = plan or self.plan()
        kw.setdefault("content", f"Nhiệm vụ thử {next(_seq)}")
        task = Task.objects.create(plan=plan, **kw)
        for i, unit in enumerate(lead):
            Assignment.objects.create(task=task, unit=unit, role="lead", name_as_written=unit.name, order=i)
        for i, unit in enumerate(support):
            Assignment.objects.create(task=task, unit=unit, role="support", name_as_written=unit.name, order=i)
        return task
