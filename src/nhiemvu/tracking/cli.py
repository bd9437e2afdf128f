"""`nhiemvu db upgrade | import | tasks | progress | stats | demo`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def register(subparsers) -> None:
    db = subparsers.add_parser("db", help="Cơ sở dữ liệu: cập nhật cấu trúc")
    dbsub = db.add_subparsers(dest="db_command", metavar="LỆNH")
    db.set_defaults(func=lambda args: (db.print_help(), 2)[1])
    p = dbsub.add_parser("upgrade", help="Áp dụng các thay đổi cấu trúc (migrate)")
    p.set_defaults(func=_db_upgrade)
    p = dbsub.add_parser("rebuild-stats", help="Tính lại số liệu thống kê duy trì sẵn (sửa chữa; sau khi nạp hàng loạt)")
    p.set_defaults(func=_db_rebuild_stats)

    p = subparsers.add_parser("import", help="Nhập một văn bản chỉ đạo thành kế hoạch nháp")
    p.add_argument("file", metavar="TỆP")
    p.add_argument("--jurisdiction", "-j", required=True, metavar="ĐỊA_BÀN", help="mã địa bàn, vd. vung-tau")
    p.add_argument("--publish", action="store_true", help="ban hành ngay sau khi nhập")
    p.add_argument("--replace", action="store_true", help="thay bản nháp cũ bằng bản sửa đổi (sau khi xem khác biệt)")
    p.set_defaults(func=_import)

    p = subparsers.add_parser("tasks", help="Liệt kê nhiệm vụ (lọc theo đơn vị, trạng thái, hạn, kế hoạch)")
    p.add_argument("--unit", "-u", metavar="ĐƠN_VỊ", help="mã số, tên viết tắt hoặc tên đơn vị")
    p.add_argument("--status", "-s", metavar="TRẠNG_THÁI", help="overdue, due_soon, in_progress, not_yet_due, "
                   "completed_on_time, completed_late, recurring, cancelled (nhiều giá trị cách nhau bởi dấu phẩy)")
    p.add_argument("--due-before", metavar="NGÀY", help="hạn trước ngày (dd/mm/yyyy hoặc yyyy-mm-dd)")
    p.add_argument("--plan", "-p", type=int, metavar="KẾ_HOẠCH")
    p.add_argument("--jurisdiction", "-j", metavar="ĐỊA_BÀN")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=_tasks)

    p = subparsers.add_parser("progress", help="Ghi báo cáo tiến độ của một đơn vị cho một nhiệm vụ")
    p.add_argument("task", type=int, metavar="NHIỆM_VỤ")
    p.add_argument("--unit", "-u", required=True, metavar="ĐƠN_VỊ")
    p.add_argument("--percent", type=int, required=True)
    p.add_argument("--text", required=True)
    p.add_argument("--period", metavar="KỲ", help="vd. 2023-Q2")
    p.add_argument("--completion", action="store_true", help="báo cáo hoàn thành (đơn vị chủ trì)")
    p.add_argument("--accept", action="store_true", help="Văn phòng chấp nhận luôn")
    p.set_defaults(func=_progress)

    p = subparsers.add_parser("stats", help="Thống kê tỷ lệ hoàn thành theo đơn vị, mục hoặc kế hoạch")
    p.add_argument("--period", metavar="KỲ", help="2023, 2023-Q2, 2023-05, 2023-H1, 2023-9M")
    p.add_argument("--by", choices=["unit", "section", "plan"], default="unit")
    p.add_argument("--plan", "-p", type=int, metavar="KẾ_HOẠCH")
    p.add_argument("--jurisdiction", "-j", metavar="ĐỊA_BÀN")
    p.add_argument("--original-due", action="store_true", help="tính theo hạn ban đầu (bỏ qua gia hạn)")
    p.set_defaults(func=_stats)

    p = subparsers.add_parser("demo", help="Tạo CSDL mới với dữ liệu mẫu (5 văn bản, người dùng, tiến độ 2023)")
    p.set_defaults(func=_demo)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _django() -> None:
    from nhiemvu.cli import setup_django

    setup_django()


def _migrate(verbosity: int = 1) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=verbosity, interactive=False, skip_checks=True)


def _db_upgrade(args: argparse.Namespace) -> int:
    _django()
    _migrate()
    print("Đã cập nhật cấu trúc cơ sở dữ liệu.")
    return 0


def _db_rebuild_stats(args: argparse.Namespace) -> int:
    """Reinstall the statistics triggers and recompute what they keep (tracking/stats.py)."""
    _django()
    from django.db import connection

    from nhiemvu.tracking import stats

    stats.install(connection)
    fixed = stats.rebuild(connection)
    print(f"Đã tính lại số liệu thống kê duy trì sẵn ({fixed} phân công được sửa).")
    return 0


def _jurisdiction(slug: str):
    from nhiemvu.directory.models import Jurisdiction

    try:
        return Jurisdiction.objects.get(slug=slug)
    except Jurisdiction.DoesNotExist:
        raise SystemExit(_fail(f"Chưa có địa bàn \"{slug}\". Chạy `nhiemvu directory load` hoặc nhập danh bạ.")) from None


def _unit(text: str, jurisdiction: str | None = None):
    from django.db.models import Q

    from nhiemvu.directory.models import Unit

    base = Unit.objects.filter(jurisdiction__slug=jurisdiction) if jurisdiction else Unit.objects.all()
    qs = base.filter(pk=int(text)) if text.isdigit() else base.filter(
        Q(short_name__iexact=text) | Q(name__iexact=text))
    if not qs.exists() and not text.isdigit():
        qs = base.filter(name__icontains=text)
    units = list(qs[:5])
    if len(units) != 1:
        names = ", ".join(f"{u.pk}: {u.name}" for u in units)
        hint = f" (có thể là: {names}; dùng mã số hoặc --jurisdiction)" if names else "."
        raise SystemExit(_fail(f"Không xác định được đơn vị \"{text}\"{hint}"))
    return units[0]


def _date(text: str) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise SystemExit(_fail(f"Ngày không hợp lệ: {text!r} (dùng dd/mm/yyyy)."))


def _import(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError

    from nhiemvu.ingest.errors import IngestError
    from nhiemvu.tracking import services

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"Không tìm thấy tệp {path}.")
    j = _jurisdiction(args.jurisdiction)
    try:
        res = services.import_document(path.read_bytes(), path.name, j, replace=args.replace)
    except IngestError as exc:
        return _fail(str(exc))
    plan = res.plan
    if res.needs_confirmation:
        print(f"Văn bản là bản sửa đổi của kế hoạch nháp #{plan.pk}: {res.diff.summary()}.")
        for t in res.diff.added:
            print(f"  + {t.get('ref')} {str(t.get('content'))[:90]}")
        for t in res.diff.removed:
            print(f"  - {t.get('ref')} {str(t.get('content'))[:90]}")
        for c in res.diff.changed:
            print(f"  ~ {c.ref}: {', '.join(c.fields)}")
        print("Chạy lại với --replace để thay bản nháp.")
        return 3
    if res.duplicate:
        print(f"Tệp này đã được nhập: kế hoạch #{plan.pk} ({plan.get_status_display()}).")
    else:
        verb = "Đã thay bản nháp" if res.replaced else "Đã nhập"
        print(f"{verb} kế hoạch #{plan.pk}: {plan} – {plan.tasks.count()} nhiệm vụ, "
              f"{plan.indicators.count()} chỉ tiêu, {plan.reporting_duties.count()} chế độ báo cáo.")
        if res.unresolved:
            print(f"Chưa nhận diện được {len(res.unresolved)} tên cơ quan (cần duyệt): " + "; ".join(res.unresolved))
    if args.publish and plan.status == plan.Status.DRAFT:
        try:
            services.publish_plan(plan, None)
        except ValidationError as exc:
            return _fail("; ".join(exc.messages))
        print(f"Đã ban hành kế hoạch #{plan.pk}.")
    return 0


def _scope(args: argparse.Namespace):
    from nhiemvu.tracking.models import Task

    qs = Task.objects.all()
    if getattr(args, "jurisdiction", None):
        qs = qs.filter(plan__jurisdiction=_jurisdiction(args.jurisdiction))
    if getattr(args, "plan", None):
        qs = qs.filter(plan_id=args.plan)
    return qs


def _tasks(args: argparse.Namespace) -> int:
    _django()
    from django.db.models import Exists, F, OuterRef

    from nhiemvu.rules.status import LABELS, STATUSES
    from nhiemvu.tracking import queries
    from nhiemvu.tracking.models import Assignment

    qs = _scope(args)
    if args.unit:
        unit = _unit(args.unit, args.jurisdiction)
        qs = qs.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit=unit, removed_on__isnull=True)))
    if args.status:
        codes = [c.strip() for c in args.status.split(",") if c.strip()]
        bad = [c for c in codes if c not in STATUSES]
        if bad:
            return _fail(f"Trạng thái không hợp lệ: {', '.join(bad)}. Dùng: {', '.join(STATUSES)}.")
        qs = queries.filter_status(qs, codes)
    qs = queries.with_status(qs)
    if args.due_before:
        qs = qs.filter(eff_due__lt=_date(args.due_before))
    rows = list(qs.select_related("plan").prefetch_related("assignments__unit")
                .order_by(F("eff_due").asc(nulls_last=True), "pk")[: args.limit])
    for t in rows:
        leads = ", ".join((a.unit.short_name or a.unit.name) if a.unit_id else a.name_as_written
                          for a in t.assignments.all() if a.role == "lead")
        due = t.eff_due.strftime("%d/%m/%Y") if t.eff_due else "—"
        content = t.content if len(t.content) <= 70 else t.content[:69] + "…"
        print(f"{t.pk:>7} {t.ref:<10} {LABELS[t.status]:<26} {due:<10} {leads[:40]:<40} {content}")
    print(f"({len(rows)} nhiệm vụ)")
    return 0


def _progress(args: argparse.Namespace) -> int:
    _django()
    from django.core.exceptions import ValidationError

    from nhiemvu.tracking import services
    from nhiemvu.tracking.models import Task

    try:
        task = Task.objects.select_related("plan").get(pk=args.task)
    except Task.DoesNotExist:
        return _fail(f"Không có nhiệm vụ #{args.task}.")
    unit = _unit(args.unit, task.plan.jurisdiction.slug)
    try:
        up = services.submit_progress(task, unit, None, percent=args.percent, text=args.text, period=args.period,
                                      completion=args.completion)
        if args.accept:
            services.accept_progress(up, None)
    except ValidationError as exc:
        return _fail("; ".join(exc.messages))
    print(f"Đã ghi báo cáo #{up.pk} ({up.percent}%, {up.get_state_display() if not args.accept else 'đã chấp nhận'}).")
    return 0


def _stats(args: argparse.Namespace) -> int:
    _django()
    from nhiemvu.rules.periods import PeriodError, parse_period
    from nhiemvu.tracking import queries

    try:
        period = parse_period(args.period) if args.period else None
    except PeriodError as exc:
        return _fail(str(exc))
    qs = _scope(args).filter(plan__status__in=["published", "closed"])
    rows = queries.group_table(qs, args.by, period, original_due=args.original_due)
    title = {"unit": "Đơn vị", "section": "Mục", "plan": "Kế hoạch"}[args.by]
    print(f"Thống kê {period.label if period else 'đến hôm nay'}"
          + (" (theo hạn ban đầu)" if args.original_due else ""))
    head = f"{title:<45} {'Giao':>5} {'Đến hạn':>7} {'HT':>5} {'Đúng hạn':>8} {'Quá hạn':>7}  HT/Đến hạn      HT/Giao         Đúng hạn/HT"
    print(head)
    for r in rows + [dict(queries.totals(qs, period, original_due=args.original_due), unit="Tổng cộng",
                          name="Tổng cộng")]:
        name = str(r.get("unit") or r.get("name") or "")[:45]
        rt = r["rates"]
        print(f"{name:<45} {r['assigned']:>5} {r['due']:>7} {r['completed']:>5} {r['on_time']:>8} {r['overdue']:>7}  "
              f"{rt['done_of_due'].display():<15} {rt['done_of_assigned'].display():<15} "
              f"{rt['on_time_of_done'].display()}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from nhiemvu.tracking import demo

    return demo.main()
