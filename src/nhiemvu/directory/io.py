"""Directory files: reading and writing units as .csv or .xlsx, and checking them before
anything is saved. No Django here: rows in, rows (or errors) out; services.py stores them.

Columns (the header row names them; order is free, English names accepted too):
Tên đơn vị | Tên viết tắt | Loại | Trực thuộc | Tên gọi khác (separated by "|") |
Thư điện tử | Cần xác minh (x / có) | Ghi chú
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from nhiemvu.directory.kinds import KIND_CODES, UNIT_KINDS
from nhiemvu.directory.names import clean, fold, key

HEADERS = ("Tên đơn vị", "Tên viết tắt", "Loại", "Trực thuộc", "Tên gọi khác", "Thư điện tử",
           "Cần xác minh", "Ghi chú")
FIELDS = ("name", "short_name", "kind", "parent", "aliases", "email", "uncertain", "note")
_HEADER_FIELD = {fold(h): f for h, f in zip(HEADERS, FIELDS, strict=True)}
_HEADER_FIELD.update({f: f for f in FIELDS})
_HEADER_FIELD.update({"ten": "name", "loai don vi": "kind", "don vi cap tren": "parent", "email": "email"})
_KIND_BY_LABEL = {fold(label): code for code, label in UNIT_KINDS}
_TRUE = {"x", "co", "1", "true", "yes", "dung"}
ALIAS_SEPARATOR = "|"


class DirectoryFileError(ValueError):
    """A directory file that cannot be imported; the message is for the user, in Vietnamese."""

    def __init__(self, filename: str, problems: list[str]):
        self.filename = filename
        self.problems = problems
        head = f"Tệp danh bạ {filename!r} không nhập được"
        super().__init__(head + ":\n" + "\n".join(f"- {p}" for p in problems))


@dataclass
class UnitRow:
    name: str
    short_name: str = ""
    kind: str = "phong"
    parent: str = ""
    aliases: list[str] = field(default_factory=list)
    email: str = ""
    uncertain: bool = False
    note: str = ""
    line: int = 0  # row number in the file, for error messages

    def as_cells(self) -> list[str]:
        return [self.name, self.short_name, self.kind, self.parent, f" {ALIAS_SEPARATOR} ".join(self.aliases),
                self.email, "x" if self.uncertain else "", self.note]


# ---------------------------------------------------------------- reading


def read_file(path: Path | str) -> list[UnitRow]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DirectoryFileError(path.name, [f"không đọc được tệp ({exc.strerror})."]) from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, filename: str) -> list[UnitRow]:
    """Rows of a .csv or .xlsx file, checked on their own (see `validate` for the rest)."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        table = _xlsx_table(data, filename)
    elif suffix in (".csv", ".txt"):
        table = _csv_table(data, filename)
    else:
        raise DirectoryFileError(filename, ["chỉ nhận tệp .csv hoặc .xlsx."])
    return _rows(table, filename)


def _csv_table(data: bytes, filename: str) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1258", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise DirectoryFileError(filename, ["không nhận ra bảng mã của tệp (cần UTF-8)."])
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def _xlsx_table(data: bytes, filename: str) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DirectoryFileError(filename, ["tệp .xlsx bị hỏng hoặc không phải Excel."]) from exc
    ws = wb.worksheets[0]
    table = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return table


def _rows(table: list[list[str]], filename: str) -> list[UnitRow]:
    table = [r for r in table if any(str(c).strip() for c in r)]
    if not table:
        raise DirectoryFileError(filename, ["tệp không có dòng nào."])
    header = [_HEADER_FIELD.get(fold(clean(str(c))).strip(), "") for c in table[0]]
    if "name" not in header:
        raise DirectoryFileError(
            filename, [f"dòng tiêu đề thiếu cột \"{HEADERS[0]}\" (các cột: {', '.join(HEADERS)})."]
        )
    problems: list[str] = []
    rows: list[UnitRow] = []
    for number, cells in enumerate(table[1:], start=2):
        values = {f: clean(str(cells[i])) if i < len(cells) else "" for i, f in enumerate(header) if f}
        row = UnitRow(
            name=values.get("name", ""),
            short_name=values.get("short_name", ""),
            kind=values.get("kind", "") or "phong",
            parent=values.get("parent", ""),
            aliases=[a.strip() for a in values.get("aliases", "").split(ALIAS_SEPARATOR) if a.strip()],
            email=values.get("email", ""),
            uncertain=fold(values.get("uncertain", "")) in _TRUE,
            note=values.get("note", ""),
            line=number,
        )
        code = row.kind if row.kind in KIND_CODES else _KIND_BY_LABEL.get(fold(row.kind))
        if not row.name:
            problems.append(f"dòng {number}: thiếu tên đơn vị.")
        if code is None:
            problems.append(f"dòng {number}: loại đơn vị \"{row.kind}\" không hợp lệ "
                            f"(dùng một trong: {', '.join(sorted(KIND_CODES))}).")
        else:
            row.kind = code
        if row.email and "@" not in row.email:
            problems.append(f"dòng {number}: thư điện tử \"{row.email}\" không hợp lệ.")
        rows.append(row)
    if problems:
        raise DirectoryFileError(filename, problems)
    return rows


# ---------------------------------------------------------------- checking


def validate(rows: list[UnitRow], filename: str, existing_names: Iterable[str] = ()) -> None:
    """Whole-file checks: duplicate names (accents and case ignored), a parent that is
    neither in the file nor already in the directory, a name used twice as alias."""
    problems: list[str] = []
    seen: dict[str, UnitRow] = {}
    for row in rows:
        k = key(row.name)
        if k in seen:
            problems.append(f"dòng {row.line}: tên \"{row.name}\" trùng với dòng {seen[k].line}.")
        else:
            seen[k] = row
    known = set(seen) | {key(n) for n in existing_names}
    for row in rows:
        if row.parent and key(row.parent) not in known:
            problems.append(f"dòng {row.line}: đơn vị cấp trên \"{row.parent}\" không có trong tệp hay danh bạ.")
        if row.parent and key(row.parent) == key(row.name):
            problems.append(f"dòng {row.line}: đơn vị không thể trực thuộc chính nó.")
    alias_owner: dict[str, UnitRow] = {}
    for row in rows:
        for alias in [row.short_name, *row.aliases]:
            if not alias:
                continue
            k = key(alias)
            other = alias_owner.get(k)
            if other is not None and other is not row:
                problems.append(f"dòng {row.line}: tên gọi khác \"{alias}\" đã dùng cho "
                                f"\"{other.name}\" (dòng {other.line}).")
            alias_owner[k] = row
    if problems:
        raise DirectoryFileError(filename, problems)


# ---------------------------------------------------------------- writing


def write_csv(rows: Iterable[UnitRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(row.as_cells())
    # BOM so that Excel opens the Vietnamese text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[UnitRow], title: str = "Danh bạ") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row.as_cells())
    for column, width in zip("ABCDEFGH", (55, 18, 14, 40, 40, 28, 12, 50), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write(rows: Iterable[UnitRow], filename: str) -> bytes:
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(rows)
    if suffix == ".csv":
        return write_csv(rows)
    raise DirectoryFileError(filename, ["chỉ xuất được tệp .csv hoặc .xlsx."])
