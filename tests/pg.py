"""A throw-away PostgreSQL server for tests and benchmarks.

    .venv/bin/python tests/pg.py [pytest args...]     # start, run pytest against it, stop

runs the tests that use the database (marked django_db, or using the db / transactional_db /
client / live_server fixtures) against a real server. It starts PostgreSQL (initdb + pg_ctl from PATH) in a temporary directory on a free local
port, sets NHIEMVU_DATABASE_URL for the child pytest, and removes everything afterwards.
initdb refuses to run as root, so as root the server runs as an unprivileged user
(`postgres` if it exists, else `nobody`) through runuser.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("Không tìm thấy người dùng không đặc quyền để chạy PostgreSQL.")


def _run(cmd: list[str], user: str | None, **kw) -> subprocess.CompletedProcess:
    if user:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def _bin(name: str) -> str:
    """A PostgreSQL program from PATH, else from Debian's versioned directory."""
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return name


def available() -> bool:
    return all(Path(_bin(n)).is_absolute() for n in ("initdb", "pg_ctl"))


@contextlib.contextmanager
def server(settings: dict[str, str] | None = None) -> Iterator[str]:
    """Start a server; yield its URL (database `nhiemvu`, user `nhiemvu`, no password, local TCP)."""
    if not available():
        raise RuntimeError("initdb/pg_ctl không có trên PATH.")
    user = _server_user()
    root = Path(tempfile.mkdtemp(prefix="nhiemvu-pg-"))
    data = root / "data"
    port = _free_port()
    if user:
        shutil.chown(root, user=user)
    _run([_bin("initdb"), "-D", str(data), "-U", "nhiemvu", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], user)
    conf = {
        "listen_addresses": "'127.0.0.1'", "port": str(port), "unix_socket_directories": f"'{root}'",
        # Disposable data: durability is not needed, speed is.
        "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
        "max_connections": "50", "shared_buffers": "256MB",
    }
    conf.update(settings or {})
    with open(data / "postgresql.conf", "a") as fh:
        fh.writelines(f"{k} = {v}\n" for k, v in conf.items())
    _run([_bin("pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start"], user)
    try:
        _wait(port)
        import psycopg

        with psycopg.connect(f"postgresql://nhiemvu@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE nhiemvu")
        yield f"postgresql://nhiemvu@127.0.0.1:{port}/nhiemvu"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            _run([_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], user)
        shutil.rmtree(root, ignore_errors=True)


def _wait(port: int, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError("PostgreSQL không khởi động được.")


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback",
               "client", "admin_client", "admin_user", "django_user_model", "live_server"}


def pytest_configure(config) -> None:
    """Plugin hook: tests that drive the WSGI app directly (httpx) would have Django close the
    test's connection at the end of each request, which rolls back the test transaction on
    PostgreSQL (SQLite's in-memory test database ignores close). Django's own test Client
    disconnects the same handler for the same reason."""
    if os.environ.get("NHIEMVU_PG_DB_TESTS_ONLY") != "1":
        return
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)


def pytest_collection_modifyitems(config, items) -> None:
    """Plugin hook (loaded with -p tests.pg by main): keep only the database tests."""
    if os.environ.get("NHIEMVU_PG_DB_TESTS_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") or DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        (keep if uses_db else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def main(argv: list[str]) -> int:
    if not available():
        print("PostgreSQL (initdb/pg_ctl) không có: bỏ qua lượt chạy trên PostgreSQL.", file=sys.stderr)
        return 0
    with server() as url:
        path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, NHIEMVU_DATABASE_URL=url, NHIEMVU_PG_DB_TESTS_ONLY="1", PYTHONPATH=path)
        print(f"PostgreSQL tạm: {url} (chạy lại các test dùng cơ sở dữ liệu)", flush=True)
        return subprocess.call([str(REPO / ".venv/bin/pytest"), "-p", "tests.pg", *argv], env=env, cwd=REPO)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
