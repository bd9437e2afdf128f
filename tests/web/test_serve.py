"""`nhiemvu serve` runs the app behind waitress on a fresh SQLite data directory, with
static files (our CSS/JS and the vendored htmx) served locally."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as r:  # noqa: S310 - loopback only
        return r.status, dict(r.headers), r.read()


def _children(pid: int) -> list[int]:
    """Live child processes of pid (Linux /proc)."""
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])  # 1: waitress; 2: gunicorn pre-fork, two processes
def test_serve_answers_on_loopback(tmp_path, workers):
    port = _free_port()
    env = {**os.environ, "NHIEMVU_DATA_DIR": str(tmp_path)}
    env.pop("NHIEMVU_DATABASE_URL", None)
    proc = subprocess.Popen([sys.executable, "-m", "nhiemvu", "serve", "--port", str(port),
                             "--workers", str(workers)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, headers, body = _get(f"{base}/dang-nhap/")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"server did not start: {out[-2000:]}")
                time.sleep(0.3)
        assert status == 200 and "Đăng nhập".encode() in body
        assert headers["Server"] == "nhiemvu"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        for path in ("/static/nhiemvu/app.css", "/static/nhiemvu/app.js", "/static/django_htmx/htmx-2.min.js"):
            status, _, body = _get(base + path)
            assert status == 200 and body, path
        assert (tmp_path / "nhiemvu.sqlite3").exists()
        if workers > 1:
            # The master forked one process per worker, and they keep answering.
            assert len(_children(proc.pid)) == workers
            for _ in range(2 * workers):
                status, _, body = _get(f"{base}/dang-nhap/")
                assert status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
