"""`nhiemvu report` and `nhiemvu urge`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("report", help="Lập báo cáo định kỳ (.docx, .xlsx, .pdf)")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--plan", help="mã (id) hoặc số hiệu kế hoạch: báo cáo tổng hợp của Văn phòng")
    who.add_argument("--unit", help="mã (id), tên viết tắt hoặc tên đơn vị: báo cáo của đơn vị")
    p.add_argument("--period", required=True, help="kỳ báo cáo: 2023-05, 2023-Q2, 2023-H1, 2023-9M, 2023")
    p.add_argument("--format", choices=("docx", "xlsx", "pdf"), default="docx")
    p.add_argument("--out", required=True, help="tệp kết quả")
    p.add_argument("--date", help="ngày ký báo cáo (YYYY-MM-DD), mặc định hôm nay")
    p.add_argument("--no-appendix", action="store_true", help="không kèm Phụ lục từng nhiệm vụ")
    p.set_defaults(func=cmd_report)

    u = sub.add_parser("urge", help="Lập công văn đôn đốc các nhiệm vụ quá hạn của một đơn vị")
    u.add_argument("--unit", required=True, help="mã (id), tên viết tắt hoặc tên đơn vị")
    u.add_argument("--out", required=True)
    u.add_argument("--date", help="ngày công văn (YYYY-MM-DD), mặc định hôm nay")
    u.add_argument("--format", choices=("docx", "pdf"), default="docx")
    u.add_argument("--record", action="store_true",
                   help="ghi nhận một lần đôn đốc cho từng nhiệm vụ trong công văn (tăng số lần đôn đốc)")
    u.set_defaults(func=cmd_urge)

    c = sub.add_parser("deadlines", help="Lịch hạn gửi báo cáo sắp tới của một đơn vị")
    c.add_argument("--unit", required=True, help="mã (id), tên viết tắt hoặc tên đơn vị")
    c.add_argument("--days", type=int, default=60, help="số ngày tới (mặc định 60)")
    c.add_argument("--date", help="tính từ ngày (YYYY-MM-DD), mặc định hôm nay")
    c.set_defaults(func=cmd_deadlines)


def _die(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _date(text: str | None) -> dt.date:
    return dt.date.fromisoformat(text) if text else dt.date.today()


def find_plan(key: str):
    from nhiemvu.tracking.models import Plan

    if key.isdigit() and Plan.objects.filter(pk=int(key)).exists():
        return Plan.objects.get(pk=int(key))
    matches = list(Plan.objects.filter(number__iexact=key)[:2])
    return matches[0] if len(matches) == 1 else None


def find_unit(key: str):
    from nhiemvu.directory.models import Unit

    if key.isdigit() and Unit.objects.filter(pk=int(key)).exists():
        return Unit.objects.get(pk=int(key))
    for field in ("short_name__iexact", "name__iexact"):
        matches = list(Unit.objects.filter(**{field: key})[:2])
        if len(matches) == 1:
            return matches[0]
    return None


def _write(data: bytes, out: str, fmt: str) -> None:
    if fmt == "pdf":
        from nhiemvu.reports.pdf import to_pdf

        data = to_pdf(data, ".docx")
    Path(out).write_bytes(data)


def cmd_report(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.reports import build, period_report, unit_report, xlsx_export
    from nhiemvu.reports.pdf import PdfUnavailable
    from nhiemvu.rules.report_windows import PeriodError, parse_period

    try:
        period = parse_period(args.period)
        day = _date(args.date)
    except (PeriodError, ValueError) as exc:
        return _die(str(exc))
    try:
        if args.plan:
            plan = find_plan(args.plan)
            if plan is None:
                return _die(f"Không tìm thấy kế hoạch {args.plan!r}.")
            report = build.build_period_report(plan, period, today=day)
            if args.format == "xlsx":
                data = xlsx_export.render(report)
            else:
                data = period_report.render(report, with_appendix=not args.no_appendix)
            summary = f"{report.counts.total} nhiệm vụ, quá hạn {len(report.overdue)}"
        else:
            unit = find_unit(args.unit)
            if unit is None:
                return _die(f"Không tìm thấy đơn vị {args.unit!r}.")
            if args.format == "xlsx":
                return _die("Báo cáo của đơn vị chỉ xuất .docx hoặc .pdf.")
            report = build.build_unit_report(unit, period, today=day)
            data = unit_report.render(report)
            summary = f"{len(report.tasks)} nhiệm vụ chủ trì, quá hạn {len(report.overdue)}"
        _write(data, args.out, args.format)
    except PdfUnavailable as exc:
        return _die(str(exc))
    print(f"Đã lập báo cáo {period.label} ({summary}): {args.out}")
    return 0


def cmd_urge(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.reports import build, urging_letter
    from nhiemvu.reports.pdf import PdfUnavailable

    unit = find_unit(args.unit)
    if unit is None:
        return _die(f"Không tìm thấy đơn vị {args.unit!r}.")
    try:
        letter = build.build_urging_letter(unit, today=_date(args.date))
    except ValueError as exc:
        return _die(str(exc))
    if not letter.tasks:
        print(f"{unit.name} không có nhiệm vụ quá hạn; không lập công văn đôn đốc.")
        return 0
    try:
        _write(urging_letter.render(letter), args.out, args.format)
    except PdfUnavailable as exc:
        return _die(str(exc))
    if args.record:
        from django.db import transaction

        from nhiemvu.tracking.models import Task
        from nhiemvu.tracking.services import urge

        with transaction.atomic():
            for task in Task.objects.filter(pk__in=[t.pk for t in letter.tasks]):
                urge(task, None, note=f"Công văn đôn đốc ngày {letter.issued_on:%d/%m/%Y}", unit=unit,
                     sent_on=letter.issued_on)
    print(f"Đã lập công văn đôn đốc {len(letter.tasks)} nhiệm vụ quá hạn của {unit.name}: {args.out}")
    return 0


def cmd_deadlines(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.reports.build import unit_deadlines
    from nhiemvu.reports.data import fmt_date

    unit = find_unit(args.unit)
    if unit is None:
        return _die(f"Không tìm thấy đơn vị {args.unit!r}.")
    try:
        day = _date(args.date)
    except ValueError as exc:
        return _die(str(exc))
    items = unit_deadlines(unit, day, args.days)
    if not items:
        print(f"{unit.name}: không có hạn gửi báo cáo trong {args.days} ngày tới.")
        return 0
    print(f"Lịch gửi báo cáo của {unit.name} từ {fmt_date(day)} ({args.days} ngày):")
    for plan, item in items:
        window = item.window
        data = f"; số liệu {fmt_date(window.start)}–{fmt_date(window.cutoff)}" if window else ""
        to = f"; gửi {', '.join(item.recipients)}" if item.recipients else ""
        print(f"  {fmt_date(item.deadline)}  {item.text} – {plan.number or plan.title[:60]}{data}{to}")
    return 0
