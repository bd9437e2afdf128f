"""The agency directory (admin and Office): units and the names documents use for them;
import/export through nhiemvu.directory (validation and audit there)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nhiemvu.accounts.decorators import REVIEWERS, role_required
from nhiemvu.directory.models import Jurisdiction, Unit
from nhiemvu.web.views.tasks import _error_text


def _jurisdictions(user):
    membership = getattr(user, "membership", None)
    if membership and membership.jurisdiction_id:
        return Jurisdiction.objects.filter(pk=membership.jurisdiction_id)
    return Jurisdiction.objects.all()


def _jurisdiction(request):
    options = _jurisdictions(request.user)
    slug = request.GET.get("dia_ban") or request.POST.get("dia_ban")
    chosen = options.filter(slug=slug).first() if slug else options.first()
    if slug and chosen is None:
        raise Http404("Không tìm thấy địa bàn.")
    return options, chosen


@role_required(*REVIEWERS)
def directory(request):
    options, j = _jurisdiction(request)
    units = (Unit.objects.filter(jurisdiction=j).prefetch_related("aliases").select_related("parent")
             if j else Unit.objects.none())
    return render(request, "web/directory.html", {"options": options, "j": j, "units": units})


@role_required(*REVIEWERS)
@require_POST
def add_alias(request):
    _, j = _jurisdiction(request)
    unit = Unit.objects.filter(pk=request.POST.get("unit") or 0, jurisdiction=j).first()
    text = (request.POST.get("text") or "").strip()
    if unit is None or not text:
        messages.error(request, "Chọn đơn vị và nhập cách viết.")
    else:
        from nhiemvu.directory.services import learn_alias

        try:
            learn_alias(j, text, unit, actor=request.user)
        except (ValueError, ValidationError, PermissionDenied) as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, f"“{text}” → {unit.name}.")
    return redirect(f"/danh-ba/?dia_ban={j.slug}" if j else "/danh-ba/")


@role_required(*REVIEWERS)
@require_POST
def import_units(request):
    _, j = _jurisdiction(request)
    upload = request.FILES.get("file")
    if j is None or upload is None:
        messages.error(request, "Chọn tệp danh bạ (.xlsx hoặc .csv).")
        return redirect("web:directory")
    from nhiemvu.directory import io
    from nhiemvu.directory.services import import_rows

    try:
        rows = io.read_bytes(upload.read(), upload.name)
        result = import_rows(j, rows, upload.name, actor=request.user)
    except (ValueError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"Đã nhập {upload.name}: thêm {len(result.created)}, sửa {len(result.updated)} đơn vị.")
    return redirect(f"/danh-ba/?dia_ban={j.slug}")


@role_required(*REVIEWERS)
def export_units(request):
    _, j = _jurisdiction(request)
    if j is None:
        raise Http404
    from nhiemvu.directory import io
    from nhiemvu.directory.services import export_rows

    data = io.write_xlsx(export_rows(j))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="danh-ba-{j.slug}.xlsx"'
    return response
