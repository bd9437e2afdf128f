"""Import jobs: upload a document and get a job back at once (the extraction runs in the
background, jobs.imports), then poll the job. `POST /api/plans/import` stays synchronous."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from nhiemvu.jobs import imports
from nhiemvu.jobs.models import ImportJob
from nhiemvu.tracking import permissions as perm
from nhiemvu.web.api.common import ERRORS, get_in, require, user_of
from nhiemvu.web.api.plans import ImportIn, _jurisdiction

router = Router()


class ImportJobOut(Schema):
    id: int
    file: str
    jurisdiction: str
    state: str = Field(description="queued | running | done | failed")
    stage: str = Field(description="queued | read | ocr | extract | resolve | save | done | failed")
    message: str = Field(description="Bước đang làm, bằng tiếng Việt (ví dụ 'Đang nhận dạng chữ trang 3/40 (OCR)')")
    done: int = Field(description="Số trang đã xong trong bước này (khi bước đếm trang)")
    total: int | None = Field(description="Tổng số trang của bước này, nếu biết")
    percent: int = Field(description="Phần trăm ước tính của cả lượt nhập")
    error: str = Field(description="Lỗi (tiếng Việt, nêu tên tệp) khi state = failed")
    outcome: str = Field(description="created | replaced | duplicate | needs_confirmation (khi state = done)")
    plan_id: int | None
    unresolved: list[str] = Field([], description="Tên cơ quan chưa có trong danh bạ")
    warnings: list[str] = []
    diff: dict | None = Field(None, description="Khi outcome = needs_confirmation: nhiệm vụ thêm / bỏ / thay đổi")
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    page: str = Field(description="Trang theo dõi tiến độ trên giao diện web")


def _out(job: ImportJob) -> dict:
    return {
        "id": job.pk, "file": job.name, "jurisdiction": job.jurisdiction.slug, "state": job.state,
        "stage": job.stage, "message": job.message, "done": job.done, "total": job.total,
        "percent": imports.percent(job), "error": job.error, "outcome": job.outcome, "plan_id": job.plan_id,
        "unresolved": (job.result or {}).get("unresolved") or [], "warnings": (job.result or {}).get("warnings") or [],
        "diff": (job.result or {}).get("diff"), "created_at": job.created_at, "started_at": job.started_at,
        "finished_at": job.finished_at, "page": reverse("web:import_job", args=[job.pk]),
    }


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    imports.fail_stale(ids=[job_id])
    # Agencies, leaders and other jurisdictions' Offices: 404, as for any object out of scope.
    return get_in(imports.visible_jobs(user_of(request)), pk=job_id)


@router.post("", response={202: ImportJobOut, **ERRORS},
             summary="Nhập văn bản chỉ đạo ở chế độ nền: trả về lượt nhập ngay, theo dõi bằng GET")
def start_import(request: HttpRequest, payload: Form[ImportIn], file: File[UploadedFile]):
    user = user_of(request)
    require(perm.can_review(user))
    limit = getattr(settings, "NHIEMVU_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
    if file.size is not None and file.size > limit:
        raise ValidationError(f"Tệp {file.name} quá lớn ({file.size // (1024 * 1024)} MB; tối đa "
                              f"{limit // (1024 * 1024)} MB).")
    jurisdiction = _jurisdiction(request, payload.jurisdiction)
    job = imports.submit(file.read(), file.name or "tai-lieu", jurisdiction, user, replace=payload.replace)
    return Status(202, _out(get_in(imports.visible_jobs(user), pk=job.pk)))


@router.get("/{int:job_id}", response={200: ImportJobOut, **ERRORS}, summary="Tiến độ một lượt nhập văn bản")
def get_import(request: HttpRequest, job_id: int):
    return _out(_job(request, job_id))


@router.post("/{int:job_id}/retry", response={202: ImportJobOut, **ERRORS},
             summary="Thử lại lượt nhập bị lỗi (từ tệp đã lưu)")
def retry_import(request: HttpRequest, job_id: int):
    job = _job(request, job_id)
    new = imports.retry(job, user_of(request))
    return Status(202, _out(get_in(imports.visible_jobs(user_of(request)), pk=new.pk)))
