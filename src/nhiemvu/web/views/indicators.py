"""Indicators: target vs latest actual and achievement; the responsible unit (or the Office)
records actuals per period through tracking.services.record_actual."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nhiemvu.accounts.decorators import role_required
from nhiemvu.accounts.models import Role, role_of, unit_of
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking import services
from nhiemvu.tracking.models import Indicator, Plan, Target
from nhiemvu.web.achievement import achievement
from nhiemvu.web.views.tasks import _error_text


def _visible_indicators(user):
    plans = perm.visible_plans(user).exclude(status=Plan.Status.DRAFT)
    qs = Indicator.objects.filter(plan__in=plans)
    if role_of(user) == Role.AGENCY:
        qs = qs.filter(unit=unit_of(user))
    return qs


@role_required()
def indicator_list(request):
    indicators = (_visible_indicators(request.user).select_related("plan", "unit", "section")
                  .prefetch_related("targets__actuals").order_by("plan_id", "order"))
    can_record_all = perm.can_review(request.user)
    own = unit_of(request.user)
    rows = []
    for ind in indicators:
        targets = []
        for t in ind.targets.all():
            actuals = sorted(t.actuals.all(), key=lambda a: (a.recorded_at, a.period))
            latest = actuals[-1] if actuals else None
            pct, met = achievement(t.comparator, t.value, latest.value if latest else None)
            targets.append({"target": t, "latest": latest, "pct": pct, "met": met, "history": actuals[-6:]})
        rows.append({"ind": ind, "targets": targets,
                     "can_record": can_record_all or (own is not None and ind.unit_id == own.pk)})
    return render(request, "web/indicators.html", {"rows": rows})


@role_required(Role.ADMIN, Role.OFFICE, Role.AGENCY)
@require_POST
def record_actual(request, pk: int):
    target = Target.objects.select_related("indicator__plan").filter(pk=pk).first()
    if target is None or not _visible_indicators(request.user).filter(pk=target.indicator_id).exists():
        raise Http404("Không tìm thấy chỉ tiêu.")
    period = (request.POST.get("period") or "").strip()[:16]
    raw = (request.POST.get("value") or "").strip().replace(" ", "")
    try:
        from nhiemvu.rules.periods import parse_period

        parse_period(period)
        value = Decimal(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
    except (ValueError, InvalidOperation):
        messages.error(request, "Kỳ (ví dụ 2023, 2023-Q2, 2023-05) hoặc giá trị không hợp lệ.")
        return redirect("web:indicators")
    try:
        services.record_actual(target, request.user, period=period, value=value,
                               note=(request.POST.get("note") or "")[:2000], unit=unit_of(request.user))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"Đã ghi kết quả kỳ {period}.")
    return redirect("web:indicators")
