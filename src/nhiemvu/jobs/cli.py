"""`nhiemvu remind` and `nhiemvu worker`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def register(sub) -> None:
    r = sub.add_parser("remind", help="Chạy nhắc việc một lần (thông báo và thư điện tử)")
    r.add_argument("--dry-run", action="store_true", help="chỉ in ra, không ghi, không gửi thư")
    r.add_argument("--date", help="ngày nhắc (YYYY-MM-DD), mặc định hôm nay")
    r.add_argument("--window", type=int, help="số ngày 'sắp đến hạn' (mặc định NHIEMVU_DUE_SOON_DAYS)")
    r.set_defaults(func=cmd_remind)

    w = sub.add_parser("worker", help="Tiến trình lập lịch duy nhất (chạy các tác vụ định kỳ)")
    w.add_argument("--once", action="store_true", help="chạy các tác vụ đến hạn một lần rồi thoát")
    w.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lần kiểm tra")
    w.set_defaults(func=cmd_worker)


def cmd_remind(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.jobs.reminders import run

    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"Ngày không hợp lệ: {args.date!r} (dùng YYYY-MM-DD).", file=sys.stderr)
        return 1
    outcome = run(day, dry_run=args.dry_run, window_days=args.window)
    if args.dry_run:
        for username, items in outcome.planned.items():
            print(f"{username}: {len(items)} nhắc việc")
            for item in items:
                print(f"  [{item.kind}] {item.title} — {item.body}")
        total = sum(len(v) for v in outcome.planned.values())
        print(f"(Chạy thử) {total} nhắc việc mới cho {len(outcome.planned)} người; {outcome.skipped} đã nhắc trước đó.")
        return 0
    print(
        f"Ngày {outcome.day:%d/%m/%Y}: {outcome.notifications} thông báo mới, {outcome.emails} thư đã gửi, "
        f"{outcome.skipped} nhắc việc đã có từ trước."
    )
    if outcome.failed_emails:
        print("Không gửi được thư cho: " + ", ".join(outcome.failed_emails), file=sys.stderr)
        return 1
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.jobs.worker import ensure_default_jobs, run_due_jobs, run_imports, serve

    if args.once:
        ensure_default_jobs()
        for run in run_due_jobs():
            print(f"{run.job.name}: {run.get_status_display()} {run.result or run.error}")
        print(f"Đã xử lý {run_imports()} lượt nhập văn bản đang chờ.")
        return 0
    serve(interval=args.interval)
    return 0
