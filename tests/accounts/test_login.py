"""Sign-in: throttling, CSRF, argon2, role landing pages, user administration."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nhiemvu.accounts.models import LoginFailure, Membership, Role
from nhiemvu.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = get_user_model().objects.create_user("vanphong", password="mat-khau-dai-1")
    Membership.objects.create(user=user, role=Role.OFFICE)
    return user


def test_login_page_is_vietnamese_and_has_csrf(client):
    page = client.get("/dang-nhap/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Đăng nhập" in body and "csrfmiddlewaretoken" in body
    assert "Content-Security-Policy" in page.headers
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]


def test_login_rejects_post_without_csrf(officer):
    c = Client(enforce_csrf_checks=True)
    r = c.post("/dang-nhap/", {"username": "vanphong", "password": "mat-khau-dai-1"})
    assert r.status_code == 403


def test_password_hashed_with_argon2(officer):
    assert officer.password.startswith("argon2")


def test_login_then_office_lands_on_dashboard(client, officer):
    r = client.post("/dang-nhap/", {"username": "vanphong", "password": "mat-khau-dai-1"})
    assert r.status_code == 302
    r = client.get("/")
    assert r.status_code == 302 and r.url == "/tong-quan/"


def test_throttle_locks_after_repeated_failures(client, officer):
    for _ in range(5):
        r = client.post("/dang-nhap/", {"username": "vanphong", "password": "sai"})
        assert "không đúng" in r.content.decode()
    # Even the right password is refused while locked.
    r = client.post("/dang-nhap/", {"username": "vanphong", "password": "mat-khau-dai-1"})
    assert r.status_code == 200
    assert "quá nhiều lần" in r.content.decode()
    assert LoginFailure.objects.filter(username="vanphong").count() == 5


def test_success_clears_failures(client, officer):
    client.post("/dang-nhap/", {"username": "vanphong", "password": "sai"})
    r = client.post("/dang-nhap/", {"username": "VanPhong ", "password": "x"})
    assert r.status_code == 200
    r = client.post("/dang-nhap/", {"username": "vanphong", "password": "mat-khau-dai-1"})
    assert r.status_code == 302
    assert not LoginFailure.objects.filter(username="vanphong").exists()


def test_logout_needs_post(client, officer):
    client.force_login(officer)
    assert client.get("/dang-xuat/").status_code == 405
    assert client.post("/dang-xuat/").status_code == 302


def test_user_admin_only_for_admin(client, officer):
    client.force_login(officer)
    assert client.get("/nguoi-dung/").status_code == 403
    admin = get_user_model().objects.create_superuser("quantri", password="mat-khau-dai-2")
    client.force_login(admin)
    assert client.get("/nguoi-dung/").status_code == 200


def test_admin_creates_user_with_audit(client):
    from nhiemvu.directory.models import Jurisdiction, Unit

    j = Jurisdiction.objects.create(slug="thu", name="Thành phố Thử")
    unit = Unit.objects.create(jurisdiction=j, name="Phòng Tư pháp")
    admin = get_user_model().objects.create_superuser("quantri", password="mat-khau-dai-2")
    client.force_login(admin)
    # An agency officer without a unit is refused.
    r = client.post("/nguoi-dung/moi/", {"username": "cb1", "role": "agency", "password": "mat-khau-dai-3",
                                         "is_active": "on"})
    assert r.status_code == 200 and "phải thuộc một đơn vị" in r.content.decode()
    r = client.post("/nguoi-dung/moi/", {"username": "cb1", "role": "agency", "unit": unit.pk,
                                         "password": "mat-khau-dai-3", "is_active": "on"})
    assert r.status_code == 302
    user = get_user_model().objects.get(username="cb1")
    assert user.membership.unit == unit and user.check_password("mat-khau-dai-3")
    event = AuditEvent.objects.get(action="user.create")
    assert event.actor == admin and "password" not in (event.after or {})


def test_change_own_password(client, officer):
    client.force_login(officer)
    assert client.get("/doi-mat-khau/").status_code == 200
    r = client.post("/doi-mat-khau/", {"old_password": "mat-khau-dai-1", "new_password1": "mat-khau-moi-dai-9",
                                       "new_password2": "mat-khau-moi-dai-9"})
    assert r.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("mat-khau-moi-dai-9")
    assert AuditEvent.objects.filter(action="user.password").exists()
