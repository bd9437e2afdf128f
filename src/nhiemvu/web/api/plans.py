"""Plans: list, detail, import a directive document (→ draft plan), publish, the original file."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from nhiemvu.directory.models import Jurisdiction
from nhiemvu.tracking import permissions as perm
from nhiemvu.tracking.models import Indicator, Plan, Task
from nhiemvu.web.api.common import ERRORS, get_in, not_found, require, user_of

router = Router()


class SectionOut(Schema):
    id: int
    title: str
    order: int


class PlanOut(Schema):
    id: int
    jurisdiction: str
    kind: str
    number: str
    issued_on: dt.date | None
    issuer: str
    title: str
    period_start: dt.date | None
    period_due: dt.date | None
    status: str = Field(description="draft | published | closed")
    source_name: str
    task_count: int
    indicator_count: int
    has_document: bool
    published_at: dt.datetime | None


class PlanDetail(PlanOut):
    sections: list[SectionOut]


class ImportOut(Schema):
    plan: PlanOut | None
    created: bool = Field(description="Tạo kế hoạch mới (false: tệp đã nhập trước đó)")
    needs_confirmation: bool = Field(description="Văn bản sửa đổi: xem `diff` rồi gửi lại với replace=true")
    duplicate: bool = Field(False, description="Tệp này đã được nhập trước đó: `plan` là lần nhập ấy")
    replaced: bool = Field(False, description="Văn bản sửa đổi đã thay bản nháp")
    diff: Any = Field(None, description="Nhiệm vụ thêm / bỏ / thay đổi so với bản nháp")
    unresolved: list[str] = Field([], description="Tên cơ quan chưa có trong danh bạ: cần chọn khi duyệt")
    warnings: list[str] = []


class ImportIn(Schema):
    jurisdiction: str | None = Field(None, description="Mã địa bàn (slug); mặc định: địa bàn của người dùng")
    replace: bool = Field(False, description="Xác nhận thay bản nháp cũ bằng văn bản sửa đổi")


def _count(model):
    # A correlated COUNT per plan: joining tasks and indicators together would multiply rows.
    rows = model.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _plans(request: HttpRequest):
    return perm.visible_plans(user_of(request)).select_related("jurisdiction").annotate(
        task_count=_count(Task), indicator_count=_count(Indicator)
    )


def _plan(p: Plan) -> dict:
    return {
        "id": p.pk, "jurisdiction": p.jurisdiction.slug, "kind": p.kind, "number": p.number,
        "issued_on": p.issued_on, "issuer": p.issuer, "title": p.title, "period_start": p.period_start,
        "period_due": p.period_due, "status": p.status, "source_name": p.source_name,
        "task_count": p.task_count, "indicator_count": p.indicator_count,
        "has_document": p.document_id is not None, "published_at": p.published_at,
    }


@router.get("", response={200: list[PlanOut], **ERRORS}, summary="Danh sách kế hoạch")
def list_plans(request: HttpRequest, status: str | None = None):
    qs = _plans(request)
    if status:
        qs = qs.filter(status=status)
    return [_plan(p) for p in qs[:500]]


@router.get("/{int:plan_id}", response={200: PlanDetail, **ERRORS}, summary="Chi tiết kế hoạch")
def get_plan(request: HttpRequest, plan_id: int):
    plan = get_in(_plans(request), pk=plan_id)
    return {**_plan(plan), "sections": [{"id": s.pk, "title": s.title, "order": s.order} for s in plan.sections.all()]}


def _jurisdiction(request: HttpRequest, slug: str | None) -> Jurisdiction:
    membership = getattr(user_of(request), "membership", None)
    own = membership.jurisdiction if membership else None
    if slug is None:
        if own is not None:
            return own
        only = list(Jurisdiction.objects.all()[:2])
        if len(only) == 1:
            return only[0]
        raise ValidationError("Cần chọn địa bàn (jurisdiction).")
    j = Jurisdiction.objects.filter(slug=slug).first()
    # An Office of one jurisdiction cannot import into another: same 404 as an unknown slug.
    if j is None or (own is not None and j.pk != own.pk):
        raise not_found()
    return j


@router.post("/import", response={201: ImportOut, 200: ImportOut, **ERRORS},
             summary="Nhập văn bản chỉ đạo (.txt .md .docx .pdf .xlsx) thành kế hoạch nháp")
def import_plan(request: HttpRequest, payload: Form[ImportIn], file: File[UploadedFile]):
    from nhiemvu.tracking import services

    require(perm.can_review(user_of(request)))
    limit = getattr(settings, "NHIEMVU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
    if file.size is not None and file.size > limit:
        raise ValidationError(f"Tệp {file.name} quá lớn ({file.size // (1024 * 1024)} MB; tối đa "
                              f"{limit // (1024 * 1024)} MB).")
    jurisdiction = _jurisdiction(request, payload.jurisdiction)
    result = services.import_document(file.read(), file.name, jurisdiction, user_of(request),
                                      replace=payload.replace)
    plan = result.plan
    created = result.created
    body = {
        # Re-read through the scoped, annotated queryset (counts).
        "plan": _plan(get_in(_plans(request), pk=plan.pk)) if plan is not None else None,
        "created": created,
        "needs_confirmation": result.needs_confirmation,
        "duplicate": result.duplicate,
        "replaced": result.replaced,
        "diff": _jsonable(result.diff),
        "unresolved": list(result.unresolved),
        "warnings": [str(w) for w in result.warnings],
    }
    return Status(201 if created else 200, body)


def _jsonable(value):
    # The service's diff may be a dataclass; pydantic serialises the rest (dates, lists).
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return value


@router.post("/{int:plan_id}/publish", response={200: PlanOut, **ERRORS}, summary="Ban hành kế hoạch (bắt đầu theo dõi)")
def publish(request: HttpRequest, plan_id: int):
    from nhiemvu.tracking import services

    plan = get_in(_plans(request), pk=plan_id)
    require(perm.can_review(user_of(request)))
    services.publish_plan(plan, user_of(request))
    return _plan(get_in(_plans(request), pk=plan_id))


@router.get("/{int:plan_id}/document", response={200: None, **ERRORS}, summary="Tải văn bản gốc")
def document(request: HttpRequest, plan_id: int):
    from nhiemvu.tracking.documents import open_file

    plan = get_in(perm.visible_plans(user_of(request)).select_related("document").filter(~Q(document=None)),
                  pk=plan_id)
    stored = plan.document
    return FileResponse(open_file(stored), as_attachment=True, filename=plan.source_name or stored.name,
                        content_type=stored.content_type or "application/octet-stream")
