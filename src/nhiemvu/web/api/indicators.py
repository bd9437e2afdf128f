"""Indicators (chỉ tiêu): targets, recorded actuals and achievement; units record actuals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from nhiemvu.accounts.models import Role
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.models import Actual, Indicator, Plan, Target
from nhiemvu.web.api.common import ERRORS, get_in, require, role, unit, user_of

router = Router()


class ActualOut(Schema):
    id: int
    period: str
    value: Decimal
    note: str
    recorded_at: dt.datetime


class TargetOut(Schema):
    id: int
    scope: str
    comparator: str
    value: Decimal
    unit: str = Field(description="Đơn vị tính")
    latest: ActualOut | None
    achieved: bool | None = Field(description="Kết quả mới nhất đạt chỉ tiêu chưa")
    achievement_percent: float | None = Field(description="Kết quả mới nhất ÷ chỉ tiêu × 100")
    actuals: list[ActualOut]


class IndicatorOut(Schema):
    id: int
    plan_id: int
    ref: str
    text: str
    unit_id: int | None = Field(description="Đơn vị theo dõi")
    targets: list[TargetOut]


class ActualIn(Schema):
    period: str = Field(min_length=4, max_length=16, pattern=r"^\d{4}(-[A-Za-z0-9]{1,3})?$",
                        description="Kỳ: 2023, 2023-Q2, 2023-05, 2023-H1, 2023-9M")
    value: Decimal
    note: str = Field("", max_length=5000)


def visible_indicators(request: HttpRequest):
    user = user_of(request)
    qs = Indicator.objects.select_related("plan")
    plans = perm.visible_plans(user)
    if role(request) == Role.AGENCY:
        own = unit(request)
        live = [Plan.Status.PUBLISHED, Plan.Status.CLOSED]
        # Its plans' indicators, and those it is named to follow in any published plan.
        return qs.filter(Q(plan__in=plans) | Q(unit=own, plan__status__in=live)) if own else qs.none()
    return qs.filter(plan__in=plans)


def _compare(comparator: str, actual: Decimal, target: Decimal) -> bool:
    return {">=": actual >= target, ">": actual > target, "<=": actual <= target, "<": actual < target,
            "=": actual == target}.get(comparator, actual >= target)


def _actual(a: Actual) -> dict:
    return {"id": a.pk, "period": a.period, "value": a.value, "note": a.note, "recorded_at": a.recorded_at}


def _period_end(code: str) -> dt.date:
    from nhiemvu.rules.periods import parse_period

    try:
        return parse_period(code).end
    except ValueError:
        return dt.date.min


def _target(t: Target) -> dict:
    # "Latest" is the period that ends last (2023 after 2023-Q2), then the latest recording.
    actuals = sorted(t.actuals.all(), key=lambda a: (_period_end(a.period), a.recorded_at))
    latest = actuals[-1] if actuals else None
    achieved = percent = None
    if latest is not None:
        achieved = _compare(t.comparator, latest.value, t.value)
        # For "at most" targets (≤ 5% poor households) a ratio reads backwards; leave it out.
        if t.value and t.comparator in (">=", ">", "="):
            percent = round(float(latest.value / t.value * 100), 1)
    return {"id": t.pk, "scope": t.scope, "comparator": t.comparator, "value": t.value, "unit": t.unit,
            "latest": _actual(latest) if latest else None, "achieved": achieved,
            "achievement_percent": percent, "actuals": [_actual(a) for a in actuals]}


def _indicator(i: Indicator) -> dict:
    return {"id": i.pk, "plan_id": i.plan_id, "ref": i.ref, "text": i.text, "unit_id": i.unit_id,
            "targets": [_target(t) for t in i.targets.all()]}


_PREFETCH = Prefetch("targets", queryset=Target.objects.prefetch_related("actuals"))


@router.get("", response={200: list[IndicatorOut], **ERRORS}, summary="Chỉ tiêu: mục tiêu và kết quả")
def list_indicators(request: HttpRequest, plan: int | None = None):
    qs = visible_indicators(request).prefetch_related(_PREFETCH)
    if plan is not None:
        qs = qs.filter(plan_id=plan)
    return [_indicator(i) for i in qs[:1000]]


@router.get("/{int:indicator_id}", response={200: IndicatorOut, **ERRORS}, summary="Một chỉ tiêu")
def get_indicator(request: HttpRequest, indicator_id: int):
    return _indicator(get_in(visible_indicators(request).prefetch_related(_PREFETCH), pk=indicator_id))


@router.post("/targets/{int:target_id}/actuals", response={201: ActualOut, **ERRORS},
             summary="Ghi kết quả đạt được của một kỳ")
def record_actual(request: HttpRequest, target_id: int, payload: ActualIn):
    from nhiemvu.tracking import services

    target = get_in(Target.objects.select_related("indicator__plan").filter(
        indicator__in=visible_indicators(request)), pk=target_id)
    user = user_of(request)
    own = unit(request)
    require(perm.can_review(user) or (own is not None and target.indicator.unit_id == own.pk))
    actual = services.record_actual(target, user, period=payload.period, value=payload.value,
                                    note=payload.note, unit=own or target.indicator.unit)
    return Status(201, _actual(actual))
