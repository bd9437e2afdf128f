"""A small tracked plan with every task status at the 2023-Q2 cut-off (14/06/2023)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

D = dt.date


@dataclass
class World:
    jurisdiction: object
    plan: object
    units: dict
    tasks: dict


@pytest.fixture
def world(db) -> World:
    from nhiemvu.directory.models import Jurisdiction, Unit
    from nhiemvu.tracking.models import (
        Actual,
        Assignment,
        Indicator,
        Plan,
        ProgressUpdate,
        ReportingDuty,
        Section,
        Target,
        Task,
    )

    jur = Jurisdiction.objects.create(slug="tp-thu", name="thành phố Thử Nghiệm")
    units = {
        key: Unit.objects.create(jurisdiction=jur, name=name, short_name=short, email=f"{short.lower()}@example.vn")
        for key, name, short in (
            ("tckh", "Phòng Tài chính – Kế hoạch", "TCKH"),
            ("vhtt", "Phòng Văn hóa và Thông tin", "VHTT"),
            ("p1", "UBND Phường 1", "P1"),
        )
    }
    plan = Plan.objects.create(
        jurisdiction=jur, kind="Kế hoạch", number="14/KH-UBND", issued_on=D(2023, 1, 10),
        issuer="UBND thành phố Thử Nghiệm", title="Thực hiện nhiệm vụ kinh tế - xã hội năm 2023",
        status=Plan.Status.PUBLISHED,
    )
    econ = Section.objects.create(plan=plan, title="Về kinh tế", order=1)
    social = Section.objects.create(plan=plan, title="Về văn hóa - xã hội", order=2)
    spec = [
        # key, section, lead, support, due, completed, extra
        ("on_time", econ, "tckh", None, D(2023, 4, 30), D(2023, 4, 20), {}),
        ("late", econ, "tckh", None, D(2023, 5, 31), D(2023, 6, 5), {}),
        ("overdue", social, "vhtt", "p1", D(2023, 5, 15), None, {"urge_count": 2}),
        ("next", social, "vhtt", "p1", D(2023, 8, 31), None, {}),
        ("recurring", social, "p1", None, None, None, {"recurring": True, "due_text": "Thường xuyên"}),
        ("cancelled", econ, "tckh", None, D(2023, 6, 10), None,
         {"cancelled": True, "cancelled_on": D(2023, 6, 1), "cancel_reason": "Không còn phù hợp"}),
        ("due_soon", econ, "p1", None, D(2023, 6, 20), D(2023, 6, 18), {}),
        ("unresolved", social, None, None, D(2023, 12, 31), None, {"due_text": "Cả năm 2023"}),
    ]
    tasks = {}
    for order, (key, section, lead, support, due, done, extra) in enumerate(spec, start=1):
        task = Task.objects.create(
            plan=plan, section=section, ref=f"{order}", order=order, content=f"Nhiệm vụ thử {key}",
            due=due, completed_on=done, **extra,
        )
        if lead:
            Assignment.objects.create(task=task, unit=units[lead], role=Assignment.Role.LEAD)
        else:
            Assignment.objects.create(task=task, role=Assignment.Role.LEAD, kind=Assignment.Kind.RELATED,
                                      name_as_written="Các cơ quan, đơn vị liên quan")
        if support:
            Assignment.objects.create(task=task, unit=units[support], role=Assignment.Role.SUPPORT)
        tasks[key] = task
    ProgressUpdate.objects.create(
        task=tasks["overdue"], unit=units["vhtt"], reported_on=D(2023, 6, 1), percent=40,
        text="Chưa bố trí được kinh phí thực hiện", state=ProgressUpdate.State.SUBMITTED,
    )
    ProgressUpdate.objects.create(
        task=tasks["on_time"], unit=units["tckh"], reported_on=D(2023, 4, 20), percent=100,
        text="Đã ban hành Quyết định số 55/QĐ-UBND", completion=True, state=ProgressUpdate.State.ACCEPTED,
    )
    indicator = Indicator.objects.create(plan=plan, ref="(1)", order=1,
                                         text="Tỷ lệ bao phủ bảo hiểm y tế đạt 96%")
    target = Target.objects.create(indicator=indicator, comparator=">=", value=Decimal("96"), unit="%")
    Actual.objects.create(target=target, period="2023-Q2", value=Decimal("95.2"))
    ReportingDuty.objects.create(
        plan=plan, cycle="quarterly", text="Báo cáo quý gửi Văn phòng HĐND và UBND thành phố.",
        to_names=["Văn phòng HĐND và UBND thành phố", "Sở Kế hoạch và Đầu tư"],
    )
    return World(jur, plan, units, tasks)
