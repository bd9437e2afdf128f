"""Who am I, and API tokens (create, list, revoke). Tokens are minted only from a browser
session (a leaked token cannot mint more); any auth may list and revoke its own."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from nhiemvu.web.api.common import ERRORS, Ok, get_in, role, unit, user_of
from nhiemvu.web.auth import SessionAuth, issue_token, revoke_token
from nhiemvu.web.models import ApiToken

router = Router()


class Me(Schema):
    id: int
    username: str
    full_name: str
    role: str | None = Field(description="admin | office | leader | agency")
    unit_id: int | None
    unit_name: str | None


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100, description="Tên gợi nhớ, ví dụ hệ thống tích hợp")
    days: int | None = Field(None, ge=1, le=3650, description="Số ngày hiệu lực; bỏ trống: không hết hạn")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created: dt.datetime
    last_used: dt.datetime | None
    expires: dt.datetime | None
    revoked_at: dt.datetime | None
    is_active: bool


class TokenCreated(TokenOut):
    token: str = Field(description="Mã truy cập: chỉ hiển thị một lần, hãy lưu lại ngay")


@router.get("/me", response={200: Me, **ERRORS}, summary="Người dùng hiện tại")
def me(request: HttpRequest):
    user = user_of(request)
    u = unit(request)
    return {
        "id": user.pk, "username": user.get_username(), "full_name": user.get_full_name(),
        "role": role(request), "unit_id": u.pk if u else None, "unit_name": u.name if u else None,
    }


@router.get("/tokens", response={200: list[TokenOut], **ERRORS}, summary="Mã truy cập của tôi")
def list_tokens(request: HttpRequest):
    return list(ApiToken.objects.filter(user=user_of(request)))


@router.post("/tokens", response={201: TokenCreated, **ERRORS}, auth=SessionAuth(),
             summary="Tạo mã truy cập (chỉ từ phiên đăng nhập)")
def create_token(request: HttpRequest, payload: TokenIn):
    user = user_of(request)
    token, raw = issue_token(user, payload.name, days=payload.days, actor=user)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{int:token_id}", response={200: Ok, **ERRORS}, summary="Thu hồi mã truy cập")
def delete_token(request: HttpRequest, token_id: int):
    user = user_of(request)
    token = get_in(ApiToken.objects.filter(user=user), pk=token_id)
    revoke_token(token, actor=user)
    return {"ok": True}
