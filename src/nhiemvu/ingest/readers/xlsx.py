""".xlsx → Document: each visible sheet that holds a table becomes a Table block.

openpyxl reads the cells; merged ranges are expanded as in Word (the top-left text
copied to the cells it covers: across a row as a span with empty placeholders,
down a column as `merged_from_above`). Hidden sheets, rows and columns are skipped:
people hide what is not meant to be read. Rows above the header (titles) stay rows;
the layouts find the header by its column names.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings

from nhiemvu.ingest.blocks import Cell, Document, Row, Table
from nhiemvu.ingest.errors import IngestError, UnreadableFile
from nhiemvu.ingest.legacy import convert, looks_legacy
from nhiemvu.ingest.limits import Limits, default_limits, open_zip

_SPACES = re.compile(r"[ \t\u00a0]+")
MAX_CELLS = 2_000_000


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")  # dates as Vietnamese documents write them
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(_SPACES.sub(" ", part).strip() for part in text.split("\n")).strip()


def read_xlsx(data: bytes, name: str, limits: Limits | None = None) -> Document:
    limits = limits or default_limits()
    open_zip(data, name, limits)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unknown extensions
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except IngestError:
        raise
    except Exception as exc:  # InvalidFileException, KeyError, XML errors...: damaged file
        raise UnreadableFile(f"tệp Excel bị hỏng hoặc không đúng định dạng ({type(exc).__name__}).", name) from exc

    blocks: list[Table] = []
    lines: list[str] = []
    total = 0
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        total += (ws.max_row or 0) * (ws.max_column or 0)
        if total > MAX_CELLS:
            raise UnreadableFile("bảng tính quá lớn để nhập (quá nhiều ô).", name)
        table = _sheet_table(ws, lines)
        if table is not None:
            blocks.append(table)
    doc = Document(blocks=list(blocks), lines=lines, name=name, kind="xlsx")
    encoding = looks_legacy("\n".join(lines[:300]))
    if encoding:
        for table in blocks:
            for row in table.rows:
                for cell in row.cells:
                    cell.text = convert(cell.text, encoding)
        doc.lines[:] = [convert(line, encoding) for line in lines]
        doc.warnings.append("Bảng tính có vẻ gõ bằng bảng mã cũ (TCVN3/VNI); đã chuyển sang Unicode, cần rà soát.")
    return doc


def _sheet_table(ws, lines: list[str]) -> Table | None:
    hidden_cols = {
        key for key, dim in ws.column_dimensions.items() if dim.hidden
    }
    from openpyxl.utils import column_index_from_string

    hidden_idx = set()
    for key in hidden_cols:
        try:
            dim = ws.column_dimensions[key]
            lo = dim.min or column_index_from_string(key)
            hi = dim.max or lo
            hidden_idx.update(range(lo, hi + 1))
        except ValueError:
            continue
    # Merged ranges: where each covered cell takes its text from.
    origin: dict[tuple[int, int], tuple[int, int, int]] = {}  # (r, c) → (r0, c0, width)
    for rng in ws.merged_cells.ranges:
        width = rng.max_col - rng.min_col + 1
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                origin[(r, c)] = (rng.min_row, rng.min_col, width)
    max_col = ws.max_column or 0
    columns = [c for c in range(1, max_col + 1) if c not in hidden_idx]
    rows: list[Row] = []
    values: dict[tuple[int, int], tuple[str, bool]] = {}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row or 0):
        for cell in row:
            if cell.value is not None:
                values[(cell.row, cell.column)] = (_text(cell.value), bool(cell.font and cell.font.b))
    for r in range(1, (ws.max_row or 0) + 1):
        dim = ws.row_dimensions.get(r)
        if dim is not None and dim.hidden:
            continue
        cells: list[Cell] = []
        for c in columns:
            o = origin.get((r, c))
            if o is None:
                text, bold = values.get((r, c), ("", False))
                cells.append(Cell(text=text, bold=bold))
                continue
            r0, c0, width = o
            text, bold = values.get((r0, c0), ("", False))
            if c != c0:
                cells.append(Cell(text="", col_span=0))
            else:
                visible_span = sum(1 for k in range(c0, c0 + width) if k not in hidden_idx)
                cells.append(Cell(text=text, bold=bold, col_span=max(1, visible_span), merged_from_above=r != r0))
        while cells and not cells[-1].text and cells[-1].col_span == 1:
            cells.pop()
        if not any(cell.text for cell in cells):
            continue
        shown = "\t".join("" if (x.merged_from_above or not x.col_span) else x.text.replace("\n", " ") for x in cells)
        lines.append(shown)
        rows.append(Row(cells=cells, line=len(lines)))
    if not rows:
        return None
    return Table(rows=rows, sheet=ws.title)
