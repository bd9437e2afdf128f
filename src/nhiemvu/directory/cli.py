"""`nhiemvu directory …`: load, list, import, export the agency directory and resolve names."""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser("directory", help="Danh bạ đơn vị: nạp, nhập, xuất, nhận diện tên")
    sub = parser.add_subparsers(dest="directory_command", metavar="LỆNH")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    p = sub.add_parser("load", help="Nạp (hoặc cập nhật) danh bạ dựng sẵn")
    p.add_argument("slugs", nargs="*", metavar="ĐỊA_BÀN", help="mặc định: tất cả (vung-tau, quang-ngai)")
    p.set_defaults(func=_load)

    p = sub.add_parser("list", help="Liệt kê địa bàn, hoặc đơn vị của một địa bàn")
    p.add_argument("--jurisdiction", "-j", metavar="ĐỊA_BÀN")
    p.set_defaults(func=_list)

    p = sub.add_parser("import", help="Nhập đơn vị từ tệp .csv/.xlsx")
    p.add_argument("file", metavar="TỆP")
    p.add_argument("--jurisdiction", "-j", required=True, metavar="ĐỊA_BÀN")
    p.add_argument("--name", help="tên địa bàn, để tạo địa bàn mới (vd. \"thành phố Hội An\")")
    p.set_defaults(func=_import)

    p = sub.add_parser("export", help="Xuất danh bạ ra tệp .csv/.xlsx")
    p.add_argument("--jurisdiction", "-j", required=True, metavar="ĐỊA_BÀN")
    p.add_argument("--out", "-o", required=True, metavar="TỆP")
    p.set_defaults(func=_export)

    p = sub.add_parser("resolve", help="Nhận diện tên cơ quan như viết trong văn bản")
    p.add_argument("names", nargs="+", metavar="TÊN")
    p.add_argument("--jurisdiction", "-j", required=True, metavar="ĐỊA_BÀN")
    p.add_argument("--split", action="store_true", help="tách mỗi TÊN thành nhiều cơ quan trước")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.set_defaults(func=_resolve)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _load(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.directory.services import DirectoryError, builtin_slugs, load_builtin

    for slug in args.slugs or builtin_slugs():
        try:
            j = load_builtin(slug)
        except DirectoryError as exc:
            return _fail(str(exc))
        print(f"Đã nạp {j.slug}: {j.name} ({j.units.count()} đơn vị).")
    return 0


def _list(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.directory.models import Jurisdiction, Unit
    from nhiemvu.directory.services import DirectoryError, get_jurisdiction

    if not args.jurisdiction:
        for j in Jurisdiction.objects.all():
            print(f"{j.slug}\t{j.name}\t{j.units.count()} đơn vị")
        return 0
    try:
        j = get_jurisdiction(args.jurisdiction)
    except DirectoryError as exc:
        return _fail(str(exc))
    for u in Unit.objects.filter(jurisdiction=j):
        flag = " (cần xác minh)" if u.uncertain else ""
        print(f"{u.pk}\t{u.get_kind_display()}\t{u.name}\t{u.short_name}{flag}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from django.db import transaction

    from nhiemvu.directory.io import DirectoryFileError
    from nhiemvu.directory.models import Jurisdiction
    from nhiemvu.directory.services import DirectoryError, create_jurisdiction, import_file

    try:
        # A new jurisdiction and its units: both or neither.
        with transaction.atomic():
            if args.name and not Jurisdiction.objects.filter(slug=args.jurisdiction).exists():
                create_jurisdiction(args.jurisdiction, args.name)
            result = import_file(args.jurisdiction, args.file)
    except (DirectoryError, DirectoryFileError) as exc:
        return _fail(str(exc))
    print(result.summary())
    return 0


def _export(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.directory.io import DirectoryFileError
    from nhiemvu.directory.services import DirectoryError, export_file

    try:
        count = export_file(args.jurisdiction, args.out)
    except (DirectoryError, DirectoryFileError) as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"Không ghi được tệp {args.out!r}: {exc.strerror}.")
    print(f"Đã xuất {count} đơn vị ra {args.out}.")
    return 0


_STATUS_VI = {
    "exact": "khớp đúng", "alias": "tên gọi khác", "abbreviation": "viết tắt", "fuzzy": "gần đúng",
    "group": "nhóm", "related": "cơ quan liên quan (chủ trì quyết định)", "ambiguous": "chưa rõ, cần chọn",
    "unresolved": "không nhận ra",
}


def _resolve(args: argparse.Namespace) -> int:
    from nhiemvu.cli import setup_django

    setup_django()
    from nhiemvu.directory.models import Unit
    from nhiemvu.directory.services import DirectoryError, matcher_for

    try:
        matcher = matcher_for(args.jurisdiction)
    except DirectoryError as exc:
        return _fail(str(exc))
    names = [piece for n in args.names for piece in (matcher.split(n) if args.split else [n])]
    results = matcher.resolve_all(names)
    ids = {i for r in results for i in r.unit_ids} | {i for r in results for i, _ in r.candidates}
    unit_names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    if args.json:
        print(json.dumps([
            {"text": r.text, "status": r.status, "group": r.group, "score": r.score,
             "units": [{"id": i, "name": unit_names.get(i)} for i in r.unit_ids],
             "candidates": [{"id": i, "name": unit_names.get(i), "score": s} for i, s in r.candidates]}
            for r in results
        ], ensure_ascii=False, indent=2))
        return 0
    for r in results:
        label = _STATUS_VI.get(r.status, r.status)
        if r.status == "group":
            target = f"{len(r.unit_ids)} đơn vị ({r.group})"
        elif r.unit_ids:
            target = "; ".join(unit_names.get(i, str(i)) for i in r.unit_ids)
        elif r.candidates:
            target = "gợi ý: " + "; ".join(f"{unit_names.get(i, i)} ({s:.0f})" for i, s in r.candidates[:3])
        else:
            target = "—"
        print(f"{r.text}\t{label}\t{target}")
    return 0
