"""Permission-checked report downloads (mounted under /bao-cao/ by the web app).

The Office's period report and urging letters: office, admin and leaders of the plan's
jurisdiction. A unit's own report: that unit's officers, or the Office."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from nhiemvu.accounts.models import Role, role_of, unit_of
from nhiemvu.audit.services import record
from nhiemvu.directory.models import Unit
from nhiemvu.reports import build, period_report, unit_report, urging_letter, xlsx_export
from nhiemvu.reports.data import UnitReportText
from nhiemvu.rules.report_windows import PeriodError, parse_period
from nhiemvu.tracking.permissions import visible_plans

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_OFFICE = {Role.ADMIN, Role.OFFICE}
_READERS = {Role.ADMIN, Role.OFFICE, Role.LEADER}


def _file(data: bytes, name: str, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        from nhiemvu.reports.pdf import PdfUnavailable, to_pdf

        try:
            data = to_pdf(data, ".docx")
        except PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
        content_type = "application/pdf"
    else:
        content_type = DOCX if fmt == "docx" else XLSX
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _period(code: str):
    try:
        return parse_period(code)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc


def _in_jurisdiction(user, unit: Unit) -> bool:
    membership = getattr(user, "membership", None)
    jurisdiction = membership.jurisdiction if membership else None
    return jurisdiction is None or jurisdiction.pk == unit.jurisdiction_id


@login_required
def plan_report(request, plan_id: int, period: str, fmt: str):
    if role_of(request.user) not in _READERS:
        raise PermissionDenied("Chỉ Văn phòng và lãnh đạo được tải báo cáo tổng hợp.")
    plan = get_object_or_404(visible_plans(request.user), pk=plan_id)
    report = build.build_period_report(plan, _period(period))
    if fmt == "xlsx":
        data = xlsx_export.render(report)
        return _file(data, f"bao-cao-{plan.pk}-{period}", "xlsx")
    return _file(period_report.render(report), f"bao-cao-{plan.pk}-{period}", fmt)


def _unit_allowed(user, unit: Unit) -> bool:
    role = role_of(user)
    if role in _OFFICE:
        return _in_jurisdiction(user, unit)
    own = unit_of(user)
    return role == Role.AGENCY and own is not None and own.pk == unit.pk


@login_required
@require_http_methods(["GET", "POST"])
def unit_report_view(request, unit_id: int, period: str):
    """GET: the draft's text parts in a form, pre-filled; POST: the .docx with the edits."""
    unit = get_object_or_404(Unit, pk=unit_id)
    if not _unit_allowed(request.user, unit):
        raise PermissionDenied("Bạn chỉ được lập báo cáo của đơn vị mình.")
    p = _period(period)
    if request.method == "POST":
        text = UnitReportText(
            results=request.POST.get("results", "")[:20000],
            obstacles=request.POST.get("obstacles", "")[:20000],
            proposals=request.POST.get("proposals", "")[:20000],
        )
        report = build.build_unit_report(unit, p, text=text)
        return _file(unit_report.render(report), f"bao-cao-{unit.short_name or unit.pk}-{p.code}", "docx")
    report = build.build_unit_report(unit, p)
    return render(request, "reports/unit_report_form.html", {"report": report, "unit": unit, "period": p})


@login_required
def urging_letter_view(request, unit_id: int):
    """The Office's urging letter to one unit; the download is recorded in the audit log."""
    if role_of(request.user) not in _OFFICE:
        raise PermissionDenied("Chỉ Văn phòng được lập công văn đôn đốc.")
    unit = get_object_or_404(Unit, pk=unit_id)
    if not _in_jurisdiction(request.user, unit):
        raise PermissionDenied("Đơn vị không thuộc địa bàn của bạn.")
    letter = build.build_urging_letter(unit, today=dt.date.today())
    record("reports.urging_letter", unit, actor=request.user, unit=unit,
           note=f"Lập công văn đôn đốc {len(letter.tasks)} nhiệm vụ quá hạn")
    return _file(urging_letter.render(letter), f"don-doc-{unit.short_name or unit.pk}", "docx")
