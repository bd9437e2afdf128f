"""The JSON API (django-ninja): thin routers over the tracking, directory and reports
services. Authentication: bearer tokens (integrations) or the browser session (CSRF checked
on state-changing calls). Schema at /openapi.json, docs at /api/docs (local assets)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from nhiemvu.directory.services import DirectoryError
from nhiemvu.ingest.errors import IngestError, TooLarge
from nhiemvu.web.api.common import NOT_FOUND
from nhiemvu.web.auth import SessionAuth, TokenAuth

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="nhiemvu API",
    version="1",
    description=(
        "Giao và theo dõi nhiệm vụ: kế hoạch, nhiệm vụ, tiến độ, chỉ tiêu, báo cáo.\n\n"
        "Xác thực: `Authorization: Bearer <mã truy cập>` (tích hợp hệ thống; tạo mã tại "
        "`POST /api/auth/tokens`) hoặc phiên đăng nhập trình duyệt (các lệnh thay đổi dữ liệu "
        "phải gửi kèm mã CSRF trong tiêu đề `X-CSRFToken`).\n\n"
        "Phạm vi: cán bộ đơn vị chỉ thấy và cập nhật nhiệm vụ mà đơn vị mình chủ trì hoặc "
        "phối hợp; đối tượng ngoài phạm vi trả về 404."
    ),
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


def _msg(exc: Exception) -> str:
    if isinstance(exc, DjangoValidationError):
        return " ".join(exc.messages)
    return str(exc) or "Yêu cầu không hợp lệ."


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": "Chưa đăng nhập hoặc mã truy cập không hợp lệ, đã hết hạn hay đã bị thu hồi."},
        status=401,
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(
        request, {"detail": "Dữ liệu gửi lên không hợp lệ.", "errors": exc.errors}, status=422
    )


# Business rules broken in a service (wrong state, bad value) come back as 400 with the
# service's Vietnamese message.
@api.exception_handler(DjangoValidationError)
def _rule(request, exc):
    return api.create_response(request, {"detail": _msg(exc)}, status=400)


# A document that cannot be imported: the reader's message names the file and the problem.
@api.exception_handler(IngestError)
def _unreadable(request, exc):
    status = 413 if isinstance(exc, TooLarge) else 400
    return api.create_response(request, {"detail": str(exc)}, status=status)


@api.exception_handler(DirectoryError)
def _directory(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


def _register_routers() -> None:
    from nhiemvu.web.api import auth, directory, imports, indicators, plans, reports, stats, tasks

    api.add_router("/auth", auth.router, tags=["Xác thực"])
    api.add_router("/plans/imports", imports.router, tags=["Kế hoạch"])
    api.add_router("/plans", plans.router, tags=["Kế hoạch"])
    api.add_router("/tasks", tasks.router, tags=["Nhiệm vụ"])
    api.add_router("/files", tasks.files_router, tags=["Tệp"])
    api.add_router("/indicators", indicators.router, tags=["Chỉ tiêu"])
    api.add_router("/directory", directory.router, tags=["Danh bạ"])
    api.add_router("/stats", stats.router, tags=["Thống kê"])
    api.add_router("/reports", reports.router, tags=["Báo cáo"])


_register_routers()
