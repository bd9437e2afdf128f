"""Child process for test_import_kill: `python import_child.py import|count MARKER`.

`import` builds a large extraction and imports it; once the tasks are written (inside the
import's transaction) it touches MARKER and waits to be killed. `count` prints the number of
plans and tasks as JSON. The database comes from the environment (NHIEMVU_DATA_DIR for
SQLite, NHIEMVU_DATABASE_URL for PostgreSQL).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from nhiemvu.directory.models import Jurisdiction, Unit  # noqa: E402
from nhiemvu.tracking import importing, services  # noqa: E402
from nhiemvu.tracking.models import Plan, Task  # noqa: E402

TASKS = 8000


def do_import(marker: Path) -> None:
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, skip_checks=True)
    j = Jurisdiction.objects.create(slug=f"kill-{os.getpid()}", name=f"Địa bàn {os.getpid()}")
    Unit.objects.create(jurisdiction=j, name="Phòng Tài chính – Kế hoạch")
    extraction = {
        "format": "plan-extraction/1",
        "document": {"kind": "Kế hoạch", "number": "99/KH-UBND", "title": "Kế hoạch lớn", "period": {}},
        "tasks": [{"ref": str(i), "section": f"Mục {i // 100}", "content": f"Nhiệm vụ {i}",
                   "lead": ["Phòng Tài chính – Kế hoạch"], "support": [], "due_text": "Quý II/2023",
                   "start": "2023-04-01", "due": "2023-06-30", "recurring": False} for i in range(TASKS)],
        "indicators": [], "reports": [],
    }
    real = importing.Assignment.objects.bulk_create

    def pause_after_tasks(*args, **kwargs):
        real(*args, **kwargs)
        marker.write_text(str(Task.objects.count()))  # seen inside the open transaction
        time.sleep(120)

    importing.Assignment.objects.bulk_create = pause_after_tasks
    services.import_document(json.dumps(extraction).encode(), "lon.json", j, extraction=extraction)


def do_count() -> None:
    print(json.dumps({"plans": Plan.objects.count(), "tasks": Task.objects.count()}))


if __name__ == "__main__":
    if sys.argv[1] == "import":
        do_import(Path(sys.argv[2]))
    else:
        do_count()
