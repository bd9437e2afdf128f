"""Benchmark: the period report of a plan with 10,000 tasks, as .docx and .xlsx.

    .venv/bin/python bench/report.py [--tasks 10000]

Builds a throw-away SQLite database in a temporary directory, fills one plan (sections,
units, lead and support assignments, progress updates, indicators), then times the
database → report data step and each renderer. Goal: ≤ 2 s for each file."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from decimal import Decimal


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--period", default="2023-Q2")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="nhiemvu-bench-")
    os.environ["NHIEMVU_DATA_DIR"] = tmp
    os.environ.pop("NHIEMVU_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from nhiemvu.directory.models import Jurisdiction, Unit
    from nhiemvu.reports import build, period_report, xlsx_export
    from nhiemvu.tracking.models import (
        Actual,
        Assignment,
        Indicator,
        Plan,
        ProgressUpdate,
        Section,
        Target,
        Task,
    )

    rng = random.Random(7)
    t0 = time.perf_counter()
    jur = Jurisdiction.objects.create(slug="bench", name="thành phố Thử Nghiệm")
    units = Unit.objects.bulk_create(
        [Unit(jurisdiction=jur, name=f"Phòng chuyên môn số {i}", short_name=f"P{i}") for i in range(40)]
    )
    plan = Plan.objects.create(jurisdiction=jur, kind="Kế hoạch", number="1/KH-UBND", issued_on=dt.date(2023, 1, 5),
                               title="Kế hoạch thử 10.000 nhiệm vụ", status=Plan.Status.PUBLISHED)
    sections = Section.objects.bulk_create(
        [Section(plan=plan, title=f"Lĩnh vực số {i}: kinh tế, văn hóa, xã hội", order=i) for i in range(12)]
    )
    tasks = []
    for i in range(args.tasks):
        due = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 365)) if rng.random() > 0.1 else None
        done = due + dt.timedelta(days=rng.randrange(-40, 20)) if due and rng.random() < 0.45 else None
        tasks.append(Task(
            plan=plan, section=sections[i % len(sections)], ref=f"{i // 100 + 1}.{i % 100 + 1}", order=i,
            content=(f"Triển khai thực hiện nhiệm vụ số {i} về cải cách hành chính, chuyển đổi số và phát triển "
                     "kinh tế - xã hội trên địa bàn; báo cáo kết quả về Văn phòng."),
            due=due, recurring=due is None, completed_on=done, due_text="Quý II/2023" if due else "Thường xuyên",
            urge_count=rng.randrange(0, 3),
        ))
    Task.objects.bulk_create(tasks, batch_size=1000)
    tasks = list(Task.objects.filter(plan=plan).only("id"))
    assignments = []
    for task in tasks:
        lead, support = rng.sample(units, 2)
        assignments.append(Assignment(task=task, unit=lead, role=Assignment.Role.LEAD))
        assignments.append(Assignment(task=task, unit=support, role=Assignment.Role.SUPPORT))
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    updates = [
        ProgressUpdate(task=t, unit=units[0], reported_on=dt.date(2023, 5, rng.randrange(1, 28)), percent=50,
                       text="Đang triển khai, đã hoàn thành dự thảo; vướng mắc về kinh phí.")
        for t in rng.sample(tasks, len(tasks) // 3)
    ]
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
    for i in range(30):
        ind = Indicator.objects.create(plan=plan, ref=f"({i + 1})", order=i, text=f"Chỉ tiêu số {i + 1} đạt 95%")
        target = Target.objects.create(indicator=ind, comparator=">=", value=Decimal(95), unit="%")
        Actual.objects.create(target=target, period=args.period, value=Decimal(rng.randrange(80, 100)))
    print(f"dữ liệu: {args.tasks} nhiệm vụ, {len(assignments)} phân công, {len(updates)} báo cáo tiến độ "
          f"({time.perf_counter() - t0:.1f} s)")

    def timed(fn):
        wall, cpu = time.perf_counter(), time.process_time()
        value = fn()
        return value, time.perf_counter() - wall, time.process_time() - cpu

    report, w_build, c_build = timed(lambda: build.build_period_report(plan, args.period))
    docx, w_docx, c_docx = timed(lambda: period_report.render(report))
    xlsx, w_xlsx, c_xlsx = timed(lambda: xlsx_export.render(report))
    print(f"os.getloadavg() = {os.getloadavg()[0]:.1f} (wall time grows with other load; CPU time less so)")
    print(f"{'bước':32} {'wall':>7} {'CPU':>7}")
    print(f"{'dữ liệu báo cáo (DB → data)':32} {w_build:6.2f}s {c_build:6.2f}s")
    print(f"{'.docx kèm Phụ lục':32} {w_docx:6.2f}s {c_docx:6.2f}s  ({len(docx) / 1e6:.1f} MB)")
    print(f"{'.xlsx':32} {w_xlsx:6.2f}s {c_xlsx:6.2f}s  ({len(xlsx) / 1e6:.1f} MB)")
    print(f"tổng .docx: {w_build + w_docx:.2f} s wall / {c_build + c_docx:.2f} s CPU; "
          f"tổng .xlsx: {w_build + w_xlsx:.2f} s wall / {c_build + c_xlsx:.2f} s CPU (mục tiêu ≤ 2 s mỗi tệp)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
