"""A process killed (SIGKILL) in the middle of a large import leaves no partial plan."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("import_child.py")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_killed_import_leaves_nothing(tmp_path) -> None:
    from django.db import connection

    env = dict(os.environ, NHIEMVU_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="nhiemvu.web.settings")
    if connection.vendor == "postgresql":
        # The child writes to this test's database (already migrated, committed state only).
        s = connection.settings_dict
        env["NHIEMVU_DATABASE_URL"] = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    else:
        env.pop("NHIEMVU_DATABASE_URL", None)
    marker = tmp_path / "tasks-written"
    child = subprocess.Popen([sys.executable, str(CHILD), "import", str(marker)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), child.communicate(timeout=5)[1].decode()[-2000:]
        time.sleep(0.2)
        assert int(marker.read_text()) >= 8000  # the tasks were in the database, uncommitted
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    out = subprocess.run([sys.executable, str(CHILD), "count", "-"], env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"plans": 0, "tasks": 0}
