"""`nhiemvu extract FILE [--out F] [--table]`: print a document's extraction."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "extract",
        help="Đọc văn bản chỉ đạo, in danh sách nhiệm vụ (JSON).",
        description="Đọc văn bản chỉ đạo (.txt, .md, .docx, .pdf, .xlsx) và in bản trích xuất nhiệm vụ.",
    )
    p.add_argument("file", metavar="TỆP", help="văn bản cần đọc")
    p.add_argument("--out", metavar="TỆP_RA", help="ghi JSON vào tệp này thay vì in ra màn hình")
    p.add_argument("--table", action="store_true", help="in bảng xem nhanh các nhiệm vụ thay vì JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from nhiemvu.ingest.errors import IngestError
    from nhiemvu.ingest.extract import extract_file

    path = Path(args.file)
    try:
        result = extract_file(path)
    except IngestError as exc:
        name = exc.name or path.name
        print(f"Lỗi: {name}: {exc.message}", file=sys.stderr)
        return 1
    text = preview(result) if args.table else json.dumps(result, ensure_ascii=False, indent=2)
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"Lỗi: không ghi được tệp {args.out}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"Đã ghi {len(result['tasks'])} nhiệm vụ vào {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text + "\n")
    return 0


def _cut(text: str | None, width: int) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def preview(result: dict) -> str:
    """A readable terminal table of the tasks."""
    doc = result.get("document") or {}
    head = " ".join(str(x) for x in (doc.get("kind"), doc.get("number"), doc.get("title")) if x)
    lines = [head, ""] if head else []
    cols = (("Số", 9), ("Nội dung", 56), ("Chủ trì", 30), ("Thời hạn", 44))
    lines.append("  ".join(name.ljust(w) for name, w in cols))
    lines.append("  ".join("-" * w for _, w in cols))
    for t in result.get("tasks", []):
        due = t.get("due_text") or ""
        if t.get("due"):
            y, m, d = t["due"].split("-")
            due = f"{due} (→{d}/{m}/{y})" if due else f"{d}/{m}/{y}"
        row = (t.get("ref") or "", t.get("content"), "; ".join(t.get("lead") or []) or "—", due)
        lines.append("  ".join(_cut(v, w).ljust(w) for v, (_, w) in zip(row, cols, strict=True)))
    lines.append("")
    lines.append(f"{len(result.get('tasks', []))} nhiệm vụ, {len(result.get('indicators', []))} chỉ tiêu, "
                 f"{len(result.get('reports', []))} yêu cầu báo cáo.")
    return "\n".join(lines)
