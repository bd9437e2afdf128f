"""Dashboard figures: counts by status, completion rates, the table by unit, overdue ageing.
Everything is computed in the database over the user's visible tasks (an agency officer gets
its own unit's figures)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from nhiemvu.rules import status as S
from nhiemvu.tracking import permissions as perm
from nhiemvu.web.api.common import ERRORS, is_staff_role, require, unit, user_of
from nhiemvu.web.api.tasks import TaskFilters, filter_tasks

router = Router()


class StatsFilters(Schema):
    plan: int | None = None
    section: int | None = None
    unit: int | None = Field(None, description="Đơn vị (chủ trì hoặc phối hợp)")
    role: str | None = Field(None, pattern="^(lead|support)$")
    period: str | None = Field(None, max_length=16, description="Kỳ: 2023, 2023-Q2, 2023-05, 2023-H1, 2023-9M")


class Rate(Schema):
    code: str = Field(description="done_of_due | done_of_assigned | on_time_of_done")
    label: str
    numerator: int
    denominator: int
    value: float | None = Field(description="Tỷ lệ % (null khi mẫu số bằng 0)")


class Dashboard(Schema):
    today: dt.date
    period: str | None
    total: int
    counts: dict[str, int] = Field(description="Số nhiệm vụ theo mã trạng thái")
    labels: dict[str, str]
    totals: dict[str, int] = Field(description="Được giao, đến hạn, hoàn thành, đúng hạn, trễ hạn, quá hạn (trong kỳ)")
    rates: dict[str, Rate]
    ageing: dict[str, int] = Field(description="Nhiệm vụ quá hạn theo số ngày: le_30, 31_120, gt_120")
    stale: int = Field(description="Nhiệm vụ đang mở không cập nhật quá số ngày quy định")
    escalated: int = Field(description="Nhiệm vụ quá hạn đã đôn đốc từ số lần quy định trở lên")


class UnitRow(Schema):
    unit_id: int
    unit: str
    short_name: str
    assigned: int
    due: int
    done_due: int
    completed: int
    on_time: int
    late: int
    overdue: int
    rates: dict[str, Rate]


def _queries():
    from nhiemvu.tracking import queries

    return queries


def _scoped(request: HttpRequest, f: StatsFilters):
    qs = perm.visible_tasks(user_of(request))
    return filter_tasks(qs, TaskFilters(plan=f.plan, section=f.section, unit=f.unit, role=f.role))


def _period(text: str | None):
    if not text:
        return None
    from nhiemvu.rules.periods import parse_period

    try:
        return parse_period(text)
    except (ValueError, TypeError) as exc:
        raise ValidationError(f"Kỳ không hợp lệ: {text!r} (ví dụ 2023, 2023-Q2, 2023-05, 2023-H1).") from exc


def _counts(qs, today: dt.date) -> dict[str, int]:
    """Status counts, overdue ageing, stale and escalated in ONE aggregate query (the
    dashboard's hot path: one scan of the user's tasks instead of four)."""
    q = _queries()
    overdue = q.status_q(S.OVERDUE, today)
    stale_days = int(getattr(settings, "NHIEMVU_STALE_DAYS", S.DEFAULT_STALE_DAYS))
    escalate = int(getattr(settings, "NHIEMVU_ESCALATE_AFTER_URGES", S.DEFAULT_ESCALATE_AFTER))
    open_ = Q(cancelled=False, completed_on__isnull=True)
    # Prefixed names: "recurring" and "cancelled" are also Task fields.
    aggs = {f"s_{code}": Count("pk", filter=q.status_q(code, today)) for code in S.STATUSES}
    aggs.update({
        "age_le_30": Count("pk", filter=overdue & Q(eff_due__gte=today - dt.timedelta(days=30))),
        "age_31_120": Count("pk", filter=overdue & Q(eff_due__lt=today - dt.timedelta(days=30),
                                                     eff_due__gte=today - dt.timedelta(days=120))),
        "age_gt_120": Count("pk", filter=overdue & Q(eff_due__lt=today - dt.timedelta(days=120))),
        "stale": Count("pk", filter=open_ & Q(last_activity_on__lt=today - dt.timedelta(days=stale_days))),
        "escalated": Count("pk", filter=overdue & Q(urge_count__gte=escalate)),
    })
    return {k: int(v or 0) for k, v in q.with_eff_due(qs).aggregate(**aggs).items()}


# Dashboard figures are two full scans of the user's tasks; leaders and the Office reload the
# page often while the data changes a few times a minute. Every change writes an audit event,
# so the newest event id is a version number: the cached figures are exact, never stale.
CACHE_SECONDS = 300


def data_version() -> int:
    from django.db.models import Max

    from nhiemvu.audit.models import AuditEvent

    return AuditEvent.objects.aggregate(v=Max("id"))["v"] or 0


def _scope_key(request: HttpRequest) -> str:
    """Users who see the same tasks share cached figures: the Office, leaders and admins of a
    jurisdiction (visible_tasks depends only on it), or the officers of one unit."""
    if is_staff_role(request):
        membership = getattr(user_of(request), "membership", None)
        return f"j{membership.jurisdiction_id if membership else None}"
    own = unit(request)
    return f"u{own.pk}" if own is not None else f"user{user_of(request).pk}"


@router.get("/dashboard", response={200: Dashboard, **ERRORS}, summary="Tổng hợp cho bảng điều khiển")
def dashboard(request: HttpRequest, filters: Query[StatsFilters]):
    today = timezone.localdate()
    period = _period(filters.period)
    key = "nv:api:dashboard:" + ":".join(str(x) for x in (
        _scope_key(request), today, data_version(), filters.plan, filters.section, filters.unit, filters.role,
        filters.period))
    cached = cache.get(key)
    if cached is not None:
        return cached
    body = _dashboard(request, filters, today, period)
    cache.set(key, body, CACHE_SECONDS)
    return body


def _dashboard(request: HttpRequest, filters: StatsFilters, today: dt.date, period) -> dict:
    qs = _scoped(request, filters)
    c = _counts(qs, today)
    totals = _queries().totals(qs, period, today)
    rates = totals.pop("rates")
    counts = {s: c[f"s_{s}"] for s in S.STATUSES}
    return {
        "today": today, "period": filters.period, "total": sum(counts.values()), "counts": counts,
        "labels": S.LABELS, "totals": totals, "rates": {k: r.as_dict() for k, r in rates.items()},
        "ageing": {"le_30": c["age_le_30"], "31_120": c["age_31_120"], "gt_120": c["age_gt_120"]},
        "stale": c["stale"], "escalated": c["escalated"],
    }


@router.get("/units", response={200: list[UnitRow], **ERRORS},
            summary="Bảng theo đơn vị: được giao, đến hạn, hoàn thành, quá hạn, tỷ lệ")
def units(request: HttpRequest, filters: Query[StatsFilters]):
    # The table compares units with each other: for the Office, leaders and admins only.
    require(is_staff_role(request))
    rows = _queries().unit_table(_scoped(request, filters), period=_period(filters.period))
    return [{**r, "rates": {k: v.as_dict() for k, v in r["rates"].items()}} for r in rows]
