"""Scale benchmark: a synthetic province and the queries the Office's screens run.

    .venv/bin/python bench/scale.py                          # 1,000,000 tasks, SQLite and PostgreSQL
    .venv/bin/python bench/scale.py --tasks 100000 --backend sqlite
    .venv/bin/python bench/scale.py --backend postgresql     # a throw-away server (tests/pg.py)
    .venv/bin/python bench/scale.py --backend postgresql --keep   # ... kept running; prints its URL
    .venv/bin/python bench/scale.py --database-url URL       # reuse that database (built once)

Builds 200 units, plans over 2019..this year (older years closed, this year's published),
`--tasks` tasks (one lead, 0–2 supporting units each) and `--updates` progress updates per task
on average, then times (p50 / p95 over `--repeat` runs, after one warm-up) through the real
query functions of tracking/queries.py:

- dashboard counts by status      status_counts (live plans; and all tasks)
- dashboard counts by unit        unit_table (live plans)
- one unit's inbox                inbox (first 50)
- the overdue list                overdue_list (first 100, live plans)
- the period statistics           totals + unit_table for this quarter

Each backend runs in its own process (Django is configured once per process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _build(n_tasks: int, n_units: int, updates_per_task: float, seed: int = 9) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from nhiemvu.directory.models import Jurisdiction, Unit
    from nhiemvu.tracking.models import Assignment, Plan, ProgressUpdate, Task

    rng = random.Random(seed)
    today = timezone.localdate()
    years = list(range(today.year - 7, today.year + 1))
    j = Jurisdiction.objects.create(slug="tinh-gia-lap", name="Tỉnh Giả Lập", level="province")
    units = Unit.objects.bulk_create(
        [Unit(jurisdiction=j, name=f"Sở/ngành/địa phương {i:03d}", short_name=f"DV{i:03d}", sort_order=i)
         for i in range(n_units)])
    unit_ids = [u.pk for u in units]
    plans_per_year = max(1, n_tasks // (len(years) * 1000))
    plans = []
    for y in years:
        for k in range(plans_per_year):
            plans.append(Plan(jurisdiction=j, kind="Kế hoạch", number=f"{k + 1}/KH-UBND-{y}", title=f"Kế hoạch {k + 1} năm {y}",
                              issued_on=dt.date(y - 1, 12, 20), period_start=dt.date(y, 1, 1),
                              period_due=dt.date(y, 12, 31),
                              status="published" if y == today.year else "closed"))
    plans = Plan.objects.bulk_create(plans)
    plan_year = [(p.pk, p.period_start.year) for p in plans]

    def columns(model, values: dict) -> tuple[list[str], list]:
        cols, defaults = [], []
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            cols.append(f.column)
            d = f.get_default() if f.has_default() else (None if f.null else "")
            if isinstance(d, dict | list):
                d = json.dumps(d)
            defaults.append(d)
        return cols, defaults

    t_cols, t_defaults = columns(Task, {})
    t_index = {c: i for i, c in enumerate(t_cols)}
    now = timezone.now()

    def task_rows():
        for i in range(n_tasks):
            pid, year = plan_year[i % len(plan_year)]
            row = list(t_defaults)
            row[t_index["plan_id"]] = pid
            row[t_index["order"]] = i
            row[t_index["content"]] = f"Nhiệm vụ giả lập số {i}"
            row[t_index["ref"]] = str(i % 1000)
            row[t_index["created_at"]] = now
            if "search_text" in t_index:
                row[t_index["search_text"]] = f"nhiem vu gia lap so {i}"
            r = rng.random()
            start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
            due = start + dt.timedelta(days=rng.randint(15, 180))
            recurring = r < 0.1
            if recurring:
                due = None if rng.random() < 0.5 else due
            row[t_index["recurring"]] = recurring
            row[t_index["start"]] = start
            row[t_index["due"]] = due
            ext = due + dt.timedelta(days=rng.randint(10, 60)) if due and rng.random() < 0.05 else None
            row[t_index["extended_due"]] = ext
            eff = ext or due
            done = None
            if eff and not recurring and rng.random() < (0.95 if eff < today else 0.3):
                done = eff + dt.timedelta(days=rng.randint(-40, 25))
                if done > today:
                    done = None
            row[t_index["completed_on"]] = done
            row[t_index["cancelled"]] = rng.random() < 0.01
            row[t_index["last_activity_on"]] = min(today, start + dt.timedelta(days=rng.randint(0, 200)))
            row[t_index["urge_count"]] = rng.choice((0, 0, 0, 0, 1, 2, 3, 4)) if eff and not done and eff < today else 0
            yield row

    def copy(model, cols, rows, batch=20000):
        table = model._meta.db_table
        quoted = ", ".join(connection.ops.quote_name(c) for c in cols)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                with cur.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as cp:
                    for row in rows:
                        cp.write_row(row)
            else:
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(cols))})"
                chunk = []
                for row in rows:
                    chunk.append(row)
                    if len(chunk) >= batch:
                        cur.executemany(sql, chunk)
                        chunk = []
                if chunk:
                    cur.executemany(sql, chunk)

    from nhiemvu.tracking import stats

    # The statistics triggers are paused for the bulk load; the structure they keep is rebuilt
    # in one pass afterwards (stats.paused), as `nhiemvu db rebuild-stats` would.
    pause = stats.paused()
    pause.__enter__()
    t0 = time.monotonic()
    with transaction.atomic():
        copy(Task, t_cols, task_rows())
    first_id = Task.objects.order_by("pk").values_list("pk", flat=True).first()
    ids = range(first_id, first_id + n_tasks)
    print(f"  {n_tasks:,} nhiệm vụ: {time.monotonic() - t0:.0f} s", flush=True)

    a_cols, a_defaults = columns(Assignment, {})
    a_index = {c: i for i, c in enumerate(a_cols)}

    def assignment_rows():
        for tid in ids:
            chosen = rng.sample(unit_ids, 1 + rng.choice((0, 0, 1, 2)))
            for k, uid in enumerate(chosen):
                row = list(a_defaults)
                row[a_index["task_id"]], row[a_index["unit_id"]] = tid, uid
                row[a_index["role"]] = "lead" if k == 0 else "support"
                row[a_index["kind"]], row[a_index["order"]] = "unit", k
                yield row

    t0 = time.monotonic()
    with transaction.atomic():
        copy(Assignment, a_cols, assignment_rows())
    print(f"  phân công: {time.monotonic() - t0:.0f} s", flush=True)
    t0 = time.monotonic()
    pause.__exit__(None, None, None)
    print(f"  dựng lại số liệu duy trì (stats.rebuild): {time.monotonic() - t0:.0f} s", flush=True)

    u_cols, u_defaults = columns(ProgressUpdate, {})
    u_index = {c: i for i, c in enumerate(u_cols)}
    n_updates = int(n_tasks * updates_per_task)
    lead_of = dict(Assignment.objects.filter(role="lead").values_list("task_id", "unit_id"))

    def update_rows():
        for _ in range(n_updates):
            tid = first_id + rng.randrange(n_tasks)
            row = list(u_defaults)
            row[u_index["task_id"]], row[u_index["unit_id"]] = tid, lead_of[tid]
            row[u_index["reported_on"]] = today - dt.timedelta(days=rng.randint(0, 7 * 365))
            row[u_index["percent"]] = rng.randint(0, 100)
            row[u_index["text"]] = "Đã triển khai"
            row[u_index["state"]] = "accepted" if rng.random() < 0.97 else "submitted"
            row[u_index["created_at"]] = now
            yield row

    t0 = time.monotonic()
    with transaction.atomic():
        copy(ProgressUpdate, u_cols, update_rows())
    print(f"  {n_updates:,} báo cáo tiến độ: {time.monotonic() - t0:.0f} s", flush=True)
    t0 = time.monotonic()
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            connection.set_autocommit(True)
            cur.execute("VACUUM ANALYZE")
        else:
            cur.execute("ANALYZE")
    print(f"  ANALYZE: {time.monotonic() - t0:.0f} s", flush=True)
    return {"jurisdiction": j, "unit": units[7]}


def _existing() -> dict | None:
    """The synthetic province of an earlier run (--database-url), if the database has one."""
    from nhiemvu.directory.models import Jurisdiction, Unit

    j = Jurisdiction.objects.filter(slug="tinh-gia-lap").first()
    if j is None:
        return None
    return {"jurisdiction": j, "unit": Unit.objects.filter(jurisdiction=j).order_by("sort_order", "pk")[7]}


def _measure(ctx: dict, repeat: int, explain: bool = False) -> list[tuple[str, float, float]]:
    from django.test.utils import CaptureQueriesContext

    from nhiemvu.rules.periods import period_of
    from nhiemvu.tracking import queries
    from nhiemvu.tracking.models import Task

    j, unit = ctx["jurisdiction"], ctx["unit"]
    live = queries.live_tasks(Task.objects.filter(plan__jurisdiction=j))
    everything = Task.objects.filter(plan__jurisdiction=j)
    quarter = period_of(dt.date.today())
    cases = [
        ("đếm theo trạng thái (kế hoạch đang theo dõi)", lambda: queries.status_counts(live)),
        ("đếm theo trạng thái (toàn bộ 1 địa bàn)", lambda: queries.status_counts(everything)),
        ("bảng theo đơn vị (kế hoạch đang theo dõi)", lambda: queries.unit_table(live)),
        ("hộp việc của một đơn vị (50 đầu)", lambda: list(queries.inbox(unit, limit=50))),
        ("danh sách quá hạn (100 đầu)", lambda: list(queries.overdue_list(live, limit=100))),
        (f"thống kê kỳ {quarter.code}: tổng", lambda: queries.totals(everything, quarter)),
        (f"thống kê kỳ {quarter.code}: theo đơn vị", lambda: queries.unit_table(everything, quarter)),
    ]
    out = []
    for name, fn in cases:
        if explain:
            from django.db import connection

            with CaptureQueriesContext(connection) as ctx_q:
                fn()
            sql = max(ctx_q.captured_queries, key=lambda q: float(q["time"]))["sql"]
            with connection.cursor() as cur:
                cur.execute(("EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql)
                print(f"--- {name}\n{sql[:600]}\n" + "\n".join(str(r[-1]) for r in cur.fetchall()))
        fn()  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        out.append((name, statistics.median(times), p95))
    return out


def _run_backend(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, skip_checks=True)
    ctx = _existing()
    if ctx is None:
        print(f"[{connection.vendor}] dựng dữ liệu: {args.units} đơn vị, {args.tasks:,} nhiệm vụ, "
              f"{int(args.tasks * args.updates):,} báo cáo tiến độ", flush=True)
        ctx = _build(args.tasks, args.units, args.updates)
    else:
        # Reused database: new migrations (indexes) were just applied; refresh the statistics.
        print(f"[{connection.vendor}] dùng lại dữ liệu đã dựng", flush=True)
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # VACUUM too: a migration may have rewritten rows, and index-only scans need
                # the visibility map (autovacuum would get there later).
                connection.set_autocommit(True)
                cur.execute("VACUUM ANALYZE")
            else:
                cur.execute("ANALYZE")
    from nhiemvu.tracking.models import Task

    print(f"[{connection.vendor}] đo {args.repeat} lần mỗi truy vấn "
          f"({Task.objects.filter(plan__status='published').count():,} nhiệm vụ thuộc kế hoạch đang theo dõi)")
    print(f"{'truy vấn':<52} {'p50 ms':>9} {'p95 ms':>9}")
    for name, p50, p95 in _measure(ctx, args.repeat, args.explain):
        print(f"{name:<52} {p50:>9.1f} {p95:>9.1f}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--updates", type=float, default=5.0, help="báo cáo tiến độ trung bình mỗi nhiệm vụ")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--explain", action="store_true", help="in kế hoạch thực thi của từng truy vấn")
    parser.add_argument("--database-url", help="dùng CSDL này (giữ lại dữ liệu đã dựng nếu có) thay cho CSDL tạm")
    parser.add_argument("--keep", action="store_true",
                        help="PostgreSQL: giữ máy chủ tạm chạy sau khi đo và in URL để dùng lại (Ctrl-C để dừng)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _run_backend(args)
    if args.database_url:
        base = [sys.executable, __file__, "--child", "--tasks", str(args.tasks), "--units", str(args.units),
                "--updates", str(args.updates), "--repeat", str(args.repeat)] + (["--explain"] if args.explain else [])
        return subprocess.call(base, env=dict(os.environ, NHIEMVU_DATABASE_URL=args.database_url))
    base = [sys.executable, __file__, "--child", "--tasks", str(args.tasks), "--units", str(args.units),
            "--updates", str(args.updates), "--repeat", str(args.repeat)] + (["--explain"] if args.explain else [])
    status = 0
    for backend in (["sqlite", "postgresql"] if args.backend == "both" else [args.backend]):
        with tempfile.TemporaryDirectory(prefix="nhiemvu-bench-") as tmp:
            env = dict(os.environ, NHIEMVU_DATA_DIR=tmp)
            env.pop("NHIEMVU_DATABASE_URL", None)
            if backend == "sqlite":
                status |= subprocess.call(base, env=env)
                continue
            sys.path.insert(0, str(REPO))
            from tests.pg import server

            # A server sized like a small real one (2 cores): memory for sorts and caches.
            with server({"shared_buffers": "1GB", "work_mem": "64MB", "effective_cache_size": "4GB",
                         "max_parallel_workers_per_gather": "2", "random_page_cost": "1.1"}) as url:
                status |= subprocess.call(base, env=dict(env, NHIEMVU_DATABASE_URL=url))
                if args.keep:
                    print(f"Máy chủ vẫn chạy: --database-url {url}  (Ctrl-C hoặc kill để dừng và xoá)", flush=True)
                    # A background job ignores SIGINT: SIGTERM must also stop and remove the server.
                    signal.signal(signal.SIGTERM, signal.default_int_handler)
                    try:
                        while True:
                            time.sleep(3600)
                    except KeyboardInterrupt:
                        pass
    return status


if __name__ == "__main__":
    raise SystemExit(main())
