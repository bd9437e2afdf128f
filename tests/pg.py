"""A throw-away PostgreSQL server for tests and benchmarks.

    .venv/bin/python tests/pg.py [pytest args...]     # start, run pytest against it, stop

starts PostgreSQL (initdb + pg_ctl from PATH) in a temporary directory on a free local
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


def available() -> bool:
    return shutil.which("initdb") is not None and shutil.which("pg_ctl") is not None


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
    _run(["initdb", "-D", str(data), "-U", "nhiemvu", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], user)
    conf = {
        "listen_addresses": "'127.0.0.1'", "port": str(port), "unix_socket_directories": f"'{root}'",
        # Disposable data: durability is not needed, speed is.
        "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
        "max_connections": "50", "shared_buffers": "256MB",
    }
    conf.update(settings or {})
    with open(data / "postgresql.conf", "a") as fh:
        fh.writelines(f"{k} = {v}\n" for k, v in conf.items())
    _run(["pg_ctl", "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start"], user)
    try:
        _wait(port)
        import psycopg

        with psycopg.connect(f"postgresql://nhiemvu@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE nhiemvu")
        yield f"postgresql://nhiemvu@127.0.0.1:{port}/nhiemvu"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            _run(["pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"], user)
        shutil.rmtree(root, ignore_errors=True)


def _wait(port: int, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError("PostgreSQL không khởi động được.")


def main(argv: list[str]) -> int:
    if not available():
        print("PostgreSQL (initdb/pg_ctl) không có: bỏ qua lượt chạy trên PostgreSQL.", file=sys.stderr)
        return 0
    with server() as url:
        env = dict(os.environ, NHIEMVU_DATABASE_URL=url)
        print(f"PostgreSQL tạm: {url}", flush=True)
        return subprocess.call([str(REPO / ".venv/bin/pytest"), *argv], env=env, cwd=REPO)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
