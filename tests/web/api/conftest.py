"""httpx clients against the Django WSGI app, one per role, authenticated by session (with
or without CSRF) or by bearer token."""

from __future__ import annotations

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


@pytest.fixture
def world(db):
    """One jurisdiction, two agency units, and a user for every role."""
    j = Jurisdiction.objects.create(slug="tp-thu", name="Thành phố Thử")
    own = Unit.objects.create(jurisdiction=j, name="Phòng Tài chính – Kế hoạch", short_name="TCKH")
    other = Unit.objects.create(jurisdiction=j, name="Phòng Y tế", short_name="YT")
    User = get_user_model()
    users = {}
    for name, role_, unit in [
        ("admin", Role.ADMIN, None), ("office", Role.OFFICE, None), ("leader", Role.LEADER, None),
        ("agency", Role.AGENCY, own), ("other", Role.AGENCY, other),
    ]:
        user = User.objects.create_user(name, password="mat-khau-thu-1")
        Membership.objects.create(user=user, role=role_, jurisdiction=j, unit=unit)
        users[name] = user
    return {"jurisdiction": j, "own": own, "other": other, "users": users}
