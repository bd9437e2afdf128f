"""Report downloads for integrations and scripts (same builders as the /bao-cao/ pages):
a plan's period report (.docx / .xlsx), a unit's own period report draft (.docx), the Office's
urging letter to a unit (.docx), and the list of download links for a plan and period."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from nhiemvu.accounts.models import Role
from nhiemvu.directory.models import Unit
from nhiemvu.tracking import permissions as perm
from nhiemvu.web.api.common import ERRORS, get_in, is_staff_role, require, role, unit, user_of

router = Router()

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Link(Schema):
    label: str
    api: str = Field(description="Tải qua API (mã truy cập hoặc phiên đăng nhập)")
    page: str | None = Field(description="Tải từ giao diện web")


def _period(code: str):
    from nhiemvu.rules.report_windows import PeriodError, parse_period

    try:
        return parse_period(code)
    except (PeriodError, ValueError) as exc:
        raise ValidationError(str(exc) or f"Kỳ không hợp lệ: {code}") from exc


def _file(data: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX if fmt == "docx" else XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _unit_in_scope(request: HttpRequest, unit_id: int) -> Unit:
    """Office/admin: any unit of their jurisdiction; agency: its own unit only; else 404."""
    qs = Unit.objects.all()
    membership = getattr(user_of(request), "membership", None)
    if membership and membership.jurisdiction_id:
        qs = qs.filter(jurisdiction_id=membership.jurisdiction_id)
    if role(request) == Role.AGENCY:
        own = unit(request)
        qs = qs.filter(pk=own.pk if own else -1)
    elif not perm.can_review(user_of(request)):
        qs = qs.none()
    return get_in(qs, pk=unit_id)


@router.get("/plans/{int:plan_id}/{period}", response={200: None, **ERRORS},
            summary="Báo cáo định kỳ của kế hoạch (.docx hoặc .xlsx)")
def plan_report(request: HttpRequest, plan_id: int, period: str, format: str = "docx"):
    from nhiemvu.reports import build, period_report, xlsx_export

    plan = get_in(perm.visible_plans(user_of(request)), pk=plan_id)
    require(is_staff_role(request), "Chỉ Văn phòng và lãnh đạo được tải báo cáo tổng hợp.")
    if format not in ("docx", "xlsx"):
        raise ValidationError("Định dạng phải là docx hoặc xlsx.")
    report = build.build_period_report(plan, _period(period))
    data = xlsx_export.render(report) if format == "xlsx" else period_report.render(report)
    return _file(data, f"bao-cao-{plan.pk}-{period}", format)


@router.get("/units/{int:unit_id}/{period}", response={200: None, **ERRORS},
            summary="Dự thảo báo cáo kỳ của một đơn vị (.docx)")
def unit_report(request: HttpRequest, unit_id: int, period: str):
    from nhiemvu.reports import build
    from nhiemvu.reports import unit_report as render_unit

    target = _unit_in_scope(request, unit_id)
    p = _period(period)
    return _file(render_unit.render(build.build_unit_report(target, p)),
                 f"bao-cao-{target.short_name or target.pk}-{p.code}", "docx")


@router.get("/urging/{int:unit_id}", response={200: None, **ERRORS},
            summary="Công văn đôn đốc một đơn vị về các nhiệm vụ quá hạn (.docx)")
def urging(request: HttpRequest, unit_id: int):
    from nhiemvu.audit.services import record
    from nhiemvu.reports import build, urging_letter

    target = _unit_in_scope(request, unit_id)
    require(perm.can_review(user_of(request)), "Chỉ Văn phòng được lập công văn đôn đốc.")
    letter = build.build_urging_letter(target, today=dt.date.today())
    record("reports.urging_letter", target, actor=user_of(request), unit=target,
           note=f"Lập công văn đôn đốc {len(letter.tasks)} nhiệm vụ quá hạn (API)")
    return _file(urging_letter.render(letter), f"don-doc-{target.short_name or target.pk}", "docx")


@router.get("/links", response={200: list[Link], **ERRORS}, summary="Các đường dẫn tải báo cáo của một kỳ")
def links(request: HttpRequest, period: str, plan: int | None = None):
    p = _period(period)
    out = []
    if plan is not None and is_staff_role(request):
        target = get_in(perm.visible_plans(user_of(request)), pk=plan)
        for fmt in ("docx", "xlsx"):
            out.append({
                "label": f"Báo cáo kỳ {p.code} của kế hoạch ({fmt})",
                "api": f"/api/reports/plans/{target.pk}/{p.code}?format={fmt}",
                "page": reverse("reports:plan", kwargs={"plan_id": target.pk, "period": p.code, "fmt": fmt}),
            })
    own = unit(request)
    if own is not None:
        out.append({
            "label": f"Báo cáo kỳ {p.code} của {own.name}",
            "api": f"/api/reports/units/{own.pk}/{p.code}",
            "page": reverse("reports:unit", kwargs={"unit_id": own.pk, "period": p.code}),
        })
    return out
