"""Several server processes for `nhiemvu serve --workers N`: gunicorn's pre-fork master with
threaded workers, so requests use every core (one Python process is held to one core by the
GIL). Waitress stays the server for one process and where gunicorn cannot run (Windows)."""

from __future__ import annotations

import os
from typing import Any


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def available() -> bool:
    """gunicorn needs fork(): POSIX only."""
    if os.name != "posix":
        return False
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def run(application: Any, *, host: str, port: int, workers: int, threads: int) -> None:
    import gunicorn.http.wsgi
    from gunicorn.app.base import BaseApplication

    # Same Server header as the waitress path (ident="nhiemvu"): no version disclosed.
    gunicorn.http.wsgi.SERVER = "nhiemvu"

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # The app is loaded once in the master (after migrate, with DB connections closed)
        # and shared copy-on-write by the workers.
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 10,
        # Keep idle connections longer than a person's pause between clicks: with gunicorn's 5 s
        # a client reusing a connection the server is closing at that moment gets a read error.
        "keepalive": 75,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "nhiemvu",
    }

    class _App(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    _App().run()
