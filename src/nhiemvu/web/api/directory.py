"""The agency directory: list units, resolve names as written to units, teach an alias."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from nhiemvu.directory.models import Jurisdiction, Unit
from nhiemvu.tracking import permissions as perm
from nhiemvu.vn.text import fold
from nhiemvu.web.api.common import ERRORS, get_in, not_found, require, user_of

router = Router()


class UnitOut(Schema):
    id: int
    jurisdiction: str
    kind: str
    name: str
    short_name: str
    parent_id: int | None
    email: str
    is_active: bool
    uncertain: bool


class ResolveIn(Schema):
    jurisdiction: str | None = Field(None, description="Mã địa bàn; mặc định: địa bàn của người dùng")
    names: list[str] = Field(min_length=1, max_length=500, description="Tên cơ quan như viết trong văn bản")


class Candidate(Schema):
    unit_id: int
    score: float


class ResolutionOut(Schema):
    text: str
    status: str = Field(description="exact | alias | abbreviation | fuzzy | group | related | ambiguous | unresolved")
    unit_ids: list[int]
    candidates: list[Candidate]
    score: float


class AliasIn(Schema):
    jurisdiction: str | None = None
    text: str = Field(min_length=1, max_length=255, description="Cách viết trong văn bản")
    unit_id: int


class AliasOut(Schema):
    id: int
    text: str
    unit_id: int
    source: str


def _user_jurisdiction(request: HttpRequest):
    membership = getattr(user_of(request), "membership", None)
    return membership.jurisdiction if membership else None


def jurisdiction_for(request: HttpRequest, slug: str | None) -> Jurisdiction:
    """The named jurisdiction if the user may use it (404 otherwise), else the user's own."""
    own = _user_jurisdiction(request)
    if slug:
        j = Jurisdiction.objects.filter(slug=slug).first()
        if j is None or (own is not None and j.pk != own.pk):
            raise not_found()
        return j
    if own is not None:
        return own
    j = list(Jurisdiction.objects.all()[:2])
    if len(j) != 1:
        from django.core.exceptions import ValidationError

        raise ValidationError("Cần chọn địa bàn (jurisdiction).")
    return j[0]


def _unit(u: Unit) -> dict:
    return {"id": u.pk, "jurisdiction": u.jurisdiction.slug, "kind": u.kind, "name": u.name,
            "short_name": u.short_name, "parent_id": u.parent_id, "email": u.email, "is_active": u.is_active,
            "uncertain": u.uncertain}


@router.get("/units", response={200: list[UnitOut], **ERRORS}, summary="Danh bạ đơn vị")
def list_units(request: HttpRequest, jurisdiction: str | None = None, q: str | None = None,
               active: bool | None = True):
    j = jurisdiction_for(request, jurisdiction)
    qs = Unit.objects.filter(jurisdiction=j).select_related("jurisdiction")
    if active is not None:
        qs = qs.filter(is_active=active)
    units = list(qs)
    if q:
        # A directory is a few hundred rows: folding in Python is simpler than a folded column.
        needle = fold(q.strip())
        units = [u for u in units if needle in fold(u.name) or needle in fold(u.short_name)]
    return [_unit(u) for u in units]


@router.get("/units/{int:unit_id}", response={200: UnitOut, **ERRORS}, summary="Một đơn vị")
def get_unit(request: HttpRequest, unit_id: int):
    own = _user_jurisdiction(request)
    qs = Unit.objects.select_related("jurisdiction")
    if own is not None:
        qs = qs.filter(jurisdiction=own)
    return _unit(get_in(qs, pk=unit_id))


@router.post("/resolve", response={200: list[ResolutionOut], **ERRORS},
             summary="Nhận diện tên cơ quan theo danh bạ (không ghi dữ liệu)")
def resolve(request: HttpRequest, payload: ResolveIn):
    from nhiemvu.directory.services import resolve_names

    j = jurisdiction_for(request, payload.jurisdiction)
    out = []
    for r in resolve_names(j, payload.names):
        out.append({"text": r.text, "status": r.status, "unit_ids": list(r.unit_ids),
                    "candidates": [{"unit_id": uid, "score": float(s)} for uid, s in r.candidates],
                    "score": float(r.score)})
    return out


@router.post("/aliases", response={201: AliasOut, **ERRORS}, summary="Lưu cách viết khác của một đơn vị")
def learn(request: HttpRequest, payload: AliasIn):
    from nhiemvu.directory.services import learn_alias

    require(perm.can_review(user_of(request)))
    j = jurisdiction_for(request, payload.jurisdiction)
    target = get_in(Unit.objects.filter(jurisdiction=j), pk=payload.unit_id)
    alias = learn_alias(j, payload.text, target, actor=user_of(request))
    return Status(201, {"id": alias.pk, "text": alias.text, "unit_id": alias.unit_id, "source": alias.source})
