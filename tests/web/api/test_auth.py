import datetime as dt

import pytest
from django.utils import timezone

from nhiemvu.audit.models import AuditEvent
from nhiemvu.web.models import ApiToken, hash_token

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_in_vietnamese(make_client, world):
    r = make_client().get("/api/auth/me")
    assert r.status_code == 401
    assert "đăng nhập" in r.json()["detail"]


def test_me_by_session(make_client, world):
    r = make_client(world["users"]["agency"]).get("/api/auth/me")
    assert r.status_code == 200
    body = r.json()
    assert body["role"] == "agency" and body["unit_id"] == world["own"].pk


def test_token_lifecycle_create_use_revoke(make_client, world):
    user = world["users"]["office"]
    r = make_client(user).post("/api/auth/tokens", json={"name": "Hệ thống tích hợp", "days": 30})
    assert r.status_code == 201, r.text
    raw = r.json()["token"]
    assert raw.startswith("nv_")
    row = ApiToken.objects.get(pk=r.json()["id"])
    # Only the hash is stored.
    assert row.key_hash == hash_token(raw) and raw not in row.key_hash
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(row.pk)).exists()

    bearer = make_client(token=raw)
    me = bearer.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["username"] == "office"
    row.refresh_from_db()
    assert row.last_used is not None

    listed = bearer.get("/api/auth/tokens").json()
    assert [t["id"] for t in listed] == [row.pk] and "token" not in listed[0]

    assert bearer.delete(f"/api/auth/tokens/{row.pk}").status_code == 200
    assert bearer.get("/api/auth/me").status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", object_id=str(row.pk)).exists()


def test_expired_and_wrong_tokens_are_refused(make_client, world):
    user = world["users"]["leader"]
    token, raw = ApiToken.issue(user, "cũ", expires=timezone.now() - dt.timedelta(seconds=1))
    assert make_client(token=raw).get("/api/auth/me").status_code == 401
    assert make_client(token=raw + "x").get("/api/auth/me").status_code == 401
    assert make_client(token="").get("/api/auth/me").status_code == 401


def test_inactive_user_token_is_refused(make_client, world):
    user = world["users"]["agency"]
    _, raw = ApiToken.issue(user, "t")
    user.is_active = False
    user.save()
    assert make_client(token=raw).get("/api/auth/me").status_code == 401


def test_token_cannot_mint_tokens(make_client, world):
    _, raw = ApiToken.issue(world["users"]["admin"], "t")
    r = make_client(token=raw).post("/api/auth/tokens", json={"name": "thêm"})
    assert r.status_code == 401


def test_cannot_revoke_someone_elses_token_404(make_client, world):
    token, _ = ApiToken.issue(world["users"]["other"], "t")
    r = make_client(world["users"]["agency"]).delete(f"/api/auth/tokens/{token.pk}")
    assert r.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_session_post_without_csrf_is_refused(make_client, world):
    r = make_client(world["users"]["office"], csrf=False).post("/api/auth/tokens", json={"name": "x"})
    assert r.status_code == 403
    assert "CSRF" in r.json()["detail"]
    assert not ApiToken.objects.exists()


def test_session_get_without_csrf_is_fine(make_client, world):
    assert make_client(world["users"]["office"], csrf=False).get("/api/auth/me").status_code == 200


def test_validation_error_is_422_in_vietnamese(make_client, world):
    r = make_client(world["users"]["office"]).post("/api/auth/tokens", json={"name": ""})
    assert r.status_code == 422
    assert r.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."


def test_openapi_schema_and_local_docs(make_client, world):
    schema = make_client().get("/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/auth/tokens" in paths
    docs = make_client().get("/api/docs")
    assert docs.status_code == 200
    # The intranet has no internet: every asset the docs page loads is ours.
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text
    assert "/static/ninja/swagger-ui-bundle.js" in docs.text
