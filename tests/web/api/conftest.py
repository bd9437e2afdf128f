"""httpx clients against the Django WSGI app, one per role, authenticated by session (with
or without CSRF) or by bearer token."""

from __future__ import annotations

import datetime as dt
import secrets

import httpx
import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.wsgi import get_wsgi_application

from nhiemvu.accounts.models import Membership, Role
from nhiemvu.directory.models import Jurisdiction, Unit

BASE = "http://127.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Ids repeat across rolled-back tests, so cached dashboards must not leak between them.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def wsgi_app():
    return get_wsgi_application()


def _session_cookie(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


@pytest.fixture
def make_client(wsgi_app):
    """make_client(user=None, *, csrf=True, token=None) → httpx.Client."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    # As Django's test client does: the test's transaction holds the connection, so the
    # handler must not close it between requests (PostgreSQL would lose the test data).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    clients: list[httpx.Client] = []

    def make(user=None, *, csrf: bool = True, token: str | None = None) -> httpx.Client:
        headers = {}
        cookies = {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if user is not None:
            cookies[settings.SESSION_COOKIE_NAME] = _session_cookie(user)
            if csrf:
                # Django accepts an unmasked 32-character secret in the header when it equals
                # the cookie: what a page's JavaScript sends after reading the cookie.
                secret = secrets.token_hex(16)
                cookies[settings.CSRF_COOKIE_NAME] = secret
                headers["X-CSRFToken"] = secret
        client = httpx.Client(transport=httpx.WSGITransport(app=wsgi_app), base_url=BASE,
                              headers=headers, cookies=cookies)
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _user(name: str, role_: str, jurisdiction, unit=None):
    # No password: argon2 hashing would cost ~0.1 s per user per test; sessions are made directly.
    user = get_user_model().objects.create(username=name)
    user.set_unusable_password()
    user.save()
    Membership.objects.create(user=user, role=role_, jurisdiction=jurisdiction, unit=unit)
    return user


@pytest.fixture
def world(db, settings, tmp_path):
    """One jurisdiction with two agency units and a user for every role; a published plan per
    unit (a task led by that unit, with a progress report carrying a file, a pending extension
    request, an indicator the unit follows), and a draft plan."""
    from nhiemvu.tracking import services
    from nhiemvu.tracking.documents import store
    from nhiemvu.tracking.models import Assignment, Indicator, Plan, Target, Task

    settings.MEDIA_ROOT = tmp_path / "files"
    j = Jurisdiction.objects.create(slug="tp-thu", name="Thành phố Thử")
    own = Unit.objects.create(jurisdiction=j, name="Phòng Tài chính – Kế hoạch", short_name="TCKH")
    other = Unit.objects.create(jurisdiction=j, name="Phòng Y tế", short_name="YT")
    users = {
        "admin": _user("admin", Role.ADMIN, j), "office": _user("office", Role.OFFICE, j),
        "leader": _user("leader", Role.LEADER, j), "agency": _user("agency", Role.AGENCY, j, own),
        "other": _user("other", Role.AGENCY, j, other),
    }
    today = dt.date.today()
    objs: dict[str, dict] = {}
    for key, unit in (("own", own), ("other", other)):
        document = store(f"Kế hoạch của {unit.name}".encode(), f"ke-hoach-{key}.txt")
        plan = Plan.objects.create(jurisdiction=j, kind="Kế hoạch", number=f"{key}/KH-UBND", document=document,
                                   source_name=f"ke-hoach-{key}.txt", title=f"Kế hoạch {unit.name}",
                                   status=Plan.Status.PUBLISHED)
        task = Task.objects.create(plan=plan, ref="1", content=f"Rà soát ngân sách của {unit.name}",
                                   due=today + dt.timedelta(days=60))
        Assignment.objects.create(task=task, unit=unit, role=Assignment.Role.LEAD, name_as_written=unit.name)
        update = services.submit_progress(task, unit, None, percent=40, text="Đang thực hiện",
                                          files=[("bao-cao.txt", f"minh chứng {key}".encode())])
        ext = services.request_extension(task, unit, None, new_due=today + dt.timedelta(days=90),
                                         reason="Chờ số liệu")
        removal = services.request_removal(task, unit, None, reason="Không thuộc chức năng")
        indicator = Indicator.objects.create(plan=plan, text=f"Tỷ lệ giải ngân của {unit.name}", unit=unit)
        target = Target.objects.create(indicator=indicator, value=95, unit="%")
        objs[key] = {"unit": unit, "plan": plan, "task": task, "update": update, "extension": ext,
                     "evidence": update.evidence.get(), "removal": removal, "indicator": indicator, "target": target}
    draft = Plan.objects.create(jurisdiction=j, kind="Kế hoạch", number="nhap/KH", title="Bản nháp")
    return {"jurisdiction": j, "own": own, "other": other, "users": users, "objs": objs, "draft": draft}
