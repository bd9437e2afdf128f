"""Playwright on Debian's chromium (never a downloaded browser) against pytest-django's
live server. Skips with a reason when chromium or Playwright is missing."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The live server runs in a thread; Playwright's sync API runs an event loop in this one.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="vi-VN")
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    problems: list[str] = []
    # CSP violations and script errors show up on the console: the test fails on them.
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems
    yield pg
    ctx.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def import_threads(settings, monkeypatch):
    """Imports run in a real background thread (NHIEMVU_IMPORT_MODE=thread) that shares the
    live server's in-memory test database and waits for the returned event before it starts.
    Every thread is joined at the end."""
    import threading

    from django.db import connections

    from nhiemvu.jobs import imports

    settings.NHIEMVU_IMPORT_MODE = "thread"
    shared = connections["default"]  # the same shared-cache in-memory database as the live server's
    shared.inc_thread_sharing()
    go = threading.Event()
    real = imports._thread_main

    def in_test_db(job_id: int) -> None:
        connections["default"] = shared
        go.wait(60)
        real(job_id)

    monkeypatch.setattr(imports, "_thread_main", in_test_db)
    yield go
    go.set()
    assert imports.wait_for_threads(60)
    shared.dec_thread_sharing()
