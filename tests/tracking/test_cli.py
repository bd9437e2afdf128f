"""The tracking commands end to end, in a fresh data directory (SQLite file), as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nhiemvu.rules.status import LABELS

SAMPLES = Path(__file__).resolve().parents[2] / "src/nhiemvu/tracking/samples"


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NHIEMVU_DATA_DIR=str(data_dir))
    env.pop("NHIEMVU_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "nhiemvu", *args], env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_demo_and_commands(tmp_path: Path) -> None:
    out = _run(tmp_path, "demo")
    assert out.returncode == 0, out.stderr[-3000:]
    status_line = next(line for line in out.stdout.splitlines() if line.startswith("Trạng thái:"))
    for code, label in LABELS.items():  # every status occurs, none with zero tasks
        assert f"{label} " in status_line and f"{label} 0;" not in status_line + ";", (code, status_line)
    for user in ("admin", "vanphong", "lanhdao", "donvi1", "donvi2"):
        assert f"  {user} " in out.stdout

    again = _run(tmp_path, "import", str(SAMPLES / "000_f0370ebaf8728bc5.txt"), "--jurisdiction", "vung-tau")
    assert again.returncode == 0 and "đã được nhập" in again.stdout

    overdue = _run(tmp_path, "tasks", "--status", "overdue", "--jurisdiction", "vung-tau")
    assert overdue.returncode == 0 and "Quá hạn" in overdue.stdout
    assert all("Quá hạn" in line for line in overdue.stdout.splitlines()[:-1])

    stats = _run(tmp_path, "stats", "--period", "2023-Q2", "--jurisdiction", "vung-tau")
    assert stats.returncode == 0 and "Quý II/2023" in stats.stdout and "Tổng cộng" in stats.stdout

    # The demo wrote through every service: the triggers kept the statistics, nothing to correct.
    rebuilt = _run(tmp_path, "db", "rebuild-stats")
    assert rebuilt.returncode == 0 and "(0 phân công được sửa)" in rebuilt.stdout, rebuilt.stderr[-2000:]

    bad = _run(tmp_path, "stats", "--period", "2023-Q5")
    assert bad.returncode == 1 and "Kỳ không hợp lệ" in bad.stderr and "Traceback" not in bad.stderr

    first_id = overdue.stdout.split()[0]
    lead = _run(tmp_path, "tasks", "--plan", "1", "--limit", "1")
    assert lead.returncode == 0
    wrong = _run(tmp_path, "progress", first_id, "--unit", "999999", "--percent", "10", "--text", "x")
    assert wrong.returncode == 1 and "Không xác định được đơn vị" in wrong.stderr


def test_db_upgrade(tmp_path: Path) -> None:
    out = _run(tmp_path, "db", "upgrade")
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "nhiemvu.sqlite3").exists()
