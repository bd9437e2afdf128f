""".pdf → Document, from the text layer, or by OCR for a scan.

Per page (PDFium by default, pdf_pdfium; pdfplumber with NHIEMVU_PDF_ENGINE=pdfplumber):
ruled tables are found from their lines, the words outside them are grouped into
lines and paragraphs (pdf_layout), and lines laid out in columns without rules
become borderless tables. A table that runs onto the next page is continued: its
repeated header (one row or more) is dropped, the row a page break split is joined back
into one row, and a merged cell cut by the break keeps its text in every row it covers
(an empty cell at the top of the page is the merged cell going on only when the row
lines up with the row above and its column is not one that leaves cells empty).
Running heads and page numbers (the same line at the same height at the top or
bottom of most pages) are dropped. A PDF with no text layer whose pages are pictures
is a scan: OCR'd when Tesseract is installed (ocr.py), else a clear error.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from collections import Counter

from nhiemvu.ingest.blocks import Cell, Document, Paragraph, Row, Table
from nhiemvu.ingest.errors import IngestError, UnreadableFile
from nhiemvu.ingest.legacy import convert, looks_legacy
from nhiemvu.ingest.limits import Limits, default_limits
from nhiemvu.ingest.readers import pdf_layout as geo

_SPACES = re.compile(r"[ \t\u00a0]+")


def _nfc(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _open(data: bytes, name: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # parses the page tree: damaged files fail here
    except PDFPasswordIncorrect as exc:
        raise UnreadableFile("tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.", name) from exc
    except Exception as exc:
        chain = [exc, *(a for a in exc.args if isinstance(a, BaseException)), exc.__cause__, exc.__context__]
        if any(isinstance(e, PDFPasswordIncorrect) for e in chain) or b"/Encrypt" in data[-4096:] + data[:4096]:
            raise UnreadableFile("tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.", name) from exc
        raise UnreadableFile(f"tệp PDF bị hỏng, không đọc được ({type(exc).__name__}).", name) from exc
    return pdf


def read_pdf(data: bytes, name: str, limits: Limits | None = None, progress=None) -> Document:
    """Read a PDF with PDFium (fast); NHIEMVU_PDF_ENGINE=pdfplumber reads every page
    with pdfplumber instead (slower, pure Python)."""
    limits = limits or default_limits()
    if os.environ.get("NHIEMVU_PDF_ENGINE") == "pdfplumber":
        page_items, widths, images = _read_pdfplumber(data, name, limits)
    else:
        page_items, widths, images = _read_pdfium(data, name, limits, progress)
    chars = sum(len(geo.join_words(it[1].words)) for items in page_items for it in items if it[0] == "line")
    chars += sum(len(c or "") for items in page_items for it in items if it[0] == "table" for r in it[1] for c in r)
    if chars < 10 * len(page_items):
        # No text layer. Pages that are pictures are a scan; blank pages are nothing.
        if not any(images):
            raise UnreadableFile("tệp PDF không có chữ và không có hình ảnh trang nào để đọc.", name)
        from nhiemvu.ingest.readers.ocr import ocr_pdf

        return ocr_pdf(data, name, limits, progress=progress)
    return assemble(page_items, widths, name)


def _check_pages(count: int, name: str, limits: Limits) -> None:
    if not count:
        raise UnreadableFile("tệp PDF không có trang nào.", name)
    if count > limits.max_pages:
        raise UnreadableFile(f"tệp PDF có {count} trang, vượt giới hạn {limits.max_pages} trang.", name)


def _read_pdfium(data: bytes, name: str, limits: Limits, progress=None):
    import pypdfium2 as pdfium

    from nhiemvu.ingest.readers import pdf_pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile("tệp PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.", name) from exc
        raise UnreadableFile(f"tệp PDF bị hỏng, không đọc được ({exc}).", name) from exc
    try:
        _check_pages(len(pdf), name, limits)
        items, widths, images = [], [], []
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                items.append(pdf_pdfium.page_items(page, n))
                widths.append(page.get_width())
                images.append(pdf_pdfium.has_image(page))
            finally:
                page.close()
            if progress:  # progress("read", pages done, pages): the import job's bar
                progress("read", n + 1, len(pdf))
        return items, widths, images
    except IngestError:
        raise
    except Exception as exc:  # a damaged page or content stream
        raise UnreadableFile(f"tệp PDF bị hỏng, không đọc được nội dung ({type(exc).__name__}).", name) from exc
    finally:
        pdf.close()


def _read_pdfplumber(data: bytes, name: str, limits: Limits):
    pdf = _open(data, name)
    try:
        pages = pdf.pages
        _check_pages(len(pages), name, limits)
        try:
            items = [_page_items(page, n) for n, page in enumerate(pages)]
        except IngestError:
            raise
        except Exception as exc:  # pdfminer on a damaged content stream
            raise UnreadableFile(f"tệp PDF bị hỏng, không đọc được nội dung ({type(exc).__name__}).", name) from exc
        return items, [float(p.width) for p in pages], [bool(p.images) for p in pages]
    finally:
        pdf.close()


def _words(page) -> list[dict]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["fontname", "size"])
    for w in words:
        w["text"] = unicodedata.normalize("NFC", w["text"])
        w["bold"] = "bold" in (w.get("fontname") or "").lower()
    return words


def _page_items(page, n: int) -> list[tuple]:
    """('table', rows, top, bottom, ncols) and ('line', Line) items of one page, top to bottom."""
    items: list[tuple] = []
    tables = page.find_tables()
    boxes = []
    for t in tables:
        rows = t.extract() or []
        rows = [[_nfc(geo.join_wrapped((c or "").split("\n"))) if c is not None else None for c in r] for r in rows]
        if not rows or not any(c for r in rows for c in r):  # rows stay aligned with t.rows below
            continue
        x0, top, x1, bottom = t.bbox
        boxes.append(t.bbox)
        cells = [list(r.cells) for r in t.rows]
        centers = [(c.bbox[0] + c.bbox[2]) / 2 for c in t.columns]
        items.append(("table", rows, top, bottom, max(len(r) for r in rows), _bold_rows(page, t), cells, centers))

    def outside(obj) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    words = [w for w in _words(page) if outside(w)] if boxes else _words(page)
    for line in geo.group_lines(words, page=n):
        items.append(("line", line))
    items.sort(key=lambda it: it[2] if it[0] == "table" else it[1].top)
    return items


def _bold_rows(page, table) -> list[list[bool]]:
    """Whether each cell's text is all bold (section rows, headers)."""
    chars = [c for c in page.chars if c["text"].strip()]
    x0, top, x1, bottom = table.bbox
    chars = [c for c in chars if top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1]
    out = []
    for row in table.rows:
        _, rtop, _, rbottom = row.bbox
        in_row = [c for c in chars if rtop <= (c["top"] + c["bottom"]) / 2 <= rbottom]
        flags = []
        for cell in row.cells:
            if cell is None:
                flags.append(False)
                continue
            cx0, _, cx1, _ = cell
            mine = [c for c in in_row if cx0 <= (c["x0"] + c["x1"]) / 2 <= cx1]
            flags.append(bool(mine) and all("bold" in c["fontname"].lower() for c in mine))
        out.append(flags)
    return out


def _table_cells(rows, bolds, boxes, centers, ncols, carry, fill=None):
    """Cells of one page's table. pdfplumber gives None where a merged cell covers the
    grid: covered from the left → a span placeholder; from above → the text of the cell
    above copied down (merged_from_above), as the .docx reader does. A merged cell that
    began on the previous page shows here as an empty cell taller than its row: it takes
    the text from `carry` (the previous page's last row). Returns the rows and the texts
    of this table's last row (the next page's carry)."""
    out: list[list[Cell]] = []
    fill = fill or {}
    sparse = _sparse_columns(rows, boxes) if carry else set()
    # The first row laid out unlike the row above (its number glued to its text, or the
    # other way round): its cells do not line up with the cells above, so only a merged
    # cell drawn taller than the row goes on into it.
    shifted = bool(carry) and bool(rows) and _shifted(rows[0], carry)
    region: dict[int, tuple[str, bool, float]] = {}  # column → (text, bold, bottom) of the cell over it
    for r, row in enumerate(rows):
        flags = bolds[r] if r < len(bolds) else []
        row_boxes = boxes[r] if r < len(boxes) else []
        real = [b for b in row_boxes if b is not None]
        top = min((b[1] for b in real), default=None)
        row_bottom = min((b[3] for b in real), default=None)
        split_row = r == 0 and bool(carry) and _is_split(rows, boxes, carry)
        cells: list[Cell] = []
        for k in range(ncols):
            text = row[k] if k < len(row) else ""
            box = row_boxes[k] if k < len(row_boxes) else None
            if text is not None:
                bold = k < len(flags) and flags[k] and bool(text)
                if box is not None:
                    region[k] = (text, bold, box[3])
                taller = box is not None and row_bottom is not None and box[3] > row_bottom + 1
                continues = taller and (split_row or not text)  # a cell with its own text starts anew
                # An empty one-row cell under a merged cell, or in a column that is never
                # empty (unless the same column has empty cells of its own on this page),
                # is the merged cell going on past the page break.
                likely = not text and not shifted and (
                    carry.get(k, ("", False, False))[2] or fill.get(k, 0.0) >= 0.9 and k not in sparse
                )
                if r == 0 and k in carry and box is not None and (continues or likely):
                    # The merged cell goes on from the previous page: its text starts there.
                    before, before_bold, _ = carry[k]
                    region[k] = ((before + " " + text).strip(), before_bold, box[3])
                    if not text and not split_row:  # a split row's text is already in the row above
                        cells.append(Cell(text=before, bold=before_bold, merged_from_above=True))
                        continue
                cells.append(Cell(text=text, bold=bold))
                continue
            left = next((j for j in range(k - 1, -1, -1) if j < len(row_boxes) and row_boxes[j] is not None), None)
            if left is not None and k < len(centers) and row_boxes[left][2] > centers[k]:
                cells.append(Cell(text="", col_span=0))
                if cells[left].col_span:
                    cells[left].col_span += 1
                continue
            above = region.get(k)
            if above is not None and (top is None or above[2] > top + 1):
                cells.append(Cell(text=above[0], bold=above[1], merged_from_above=True))
            else:
                cells.append(Cell(text=""))
        out.append(cells)
    # The last row's texts, and whether each belongs to a merged cell begun higher up.
    last = out[-1] if out else []
    open_now = {k: (c.text, c.bold, c.merged_from_above) for k, c in enumerate(last) if c.text and c.col_span}
    return out, open_now, bool(out) and bool(carry) and _is_split(rows, boxes, carry)


def _shifted(first: list[str | None], carry: dict[int, tuple[str, bool, bool]]) -> bool:
    """The number column of the row above holds a bare number ("29") and this row's the
    number with its task ("30 Triển khai …"), or the other way round."""
    for k, (above, _bold, _merged) in carry.items():
        here = first[k] if k < len(first) else None
        if not here:
            continue
        bare_above, bare_here = bool(_NUMBER_CELL.fullmatch(above)), bool(_NUMBER_CELL.fullmatch(here))
        if bare_above != bare_here and _NUMBERED.match(above) and _NUMBERED.match(here):
            return True
    return False


def _sparse_columns(rows, boxes) -> set[int]:
    """Columns that hold an empty cell of their own (one row high, not covered by a merged
    cell) in a filled row below the first on this page. Such a column leaves cells empty
    (funding, notes), so an empty cell at the top of the page is empty too, not the merged
    cell above going on: the page's own rows tell, where the whole table's fill may not
    (its rows before the break can hold other things in that column)."""
    out: set[int] = set()
    for r in range(1, min(len(rows), len(boxes))):
        row, row_boxes = rows[r], boxes[r]
        own = [k for k, b in enumerate(row_boxes) if b is not None and k < len(row)]
        if not own:
            continue
        bottom = min(row_boxes[k][3] for k in own)
        filled = sum(1 for k in own if row[k])
        if filled < 2 or 2 * filled < len(own):
            continue  # a section title row or a stub: its empty cells say nothing
        out.update(k for k in own if not row[k] and row_boxes[k][3] <= bottom + 1)
    return out


def _fill(table: Table) -> dict[int, float]:
    """Share of the data rows (header excluded) that have text in each column."""
    rows = table.rows[1:]
    if len(rows) < 5:
        return {}
    width = max(len(r.cells) for r in rows)
    return {k: sum(1 for r in rows if k < len(r.cells) and r.cells[k].text) / len(rows) for k in range(width)}


_NUMBERED = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})[.)]?(?:\s|$)")
_NUMBER_CELL = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?")


def _is_split(rows, boxes, carry) -> bool:
    """The first row is the tail of a row a page break split: its first own cell (not a
    merged cell running down from above) that the row above filled is empty, like the
    number cell of a split row, or lacks the number the row above started it with
    ("38 Xây dựng…" over "hành chính"). Not so a row of its own without a number
    ("- Việc thêm …" | agency | date): it fills two or more of the other cells the row
    above filled, all of them, none going on in lower case; a tail leaves the short cells
    (agency, date) that ended on the page before empty, or goes on mid-sentence."""
    if not rows or not boxes:
        return False
    real = [b for b in boxes[0] if b is not None]
    row_bottom = min((b[3] for b in real), default=None)
    own = [k for k, b in enumerate(boxes[0]) if b is not None and (row_bottom is None or b[3] <= row_bottom + 1)]
    if not own or not any(rows[0][k] for k in own):
        return False
    # The number column: where the row above has just a number ("14"), else where it
    # starts with one ("38 Xây dựng…"), else the first own column it filled.
    filled = [k for k in own if k in carry]
    col = next((k for k in filled if _NUMBER_CELL.fullmatch(carry[k][0])), None)
    col = col if col is not None else next((k for k in filled if _NUMBERED.match(carry[k][0])), None)
    col = col if col is not None else (filled[0] if filled else None)
    if col is None:
        return False
    first = rows[0][col] or ""
    others = [rows[0][k] or "" for k in filled if k != col]
    if len(others) >= 2 and all(others) and not any(t[:1].islower() for t in others):
        return False
    if not first:
        return True
    return bool(_NUMBERED.match(carry[col][0])) and not _NUMBERED.match(first)


def _join_split_row(table: Table, tail: list[Cell], lines_out: list[str]) -> None:
    """Join the tail of a split row to the row above it: one task stays one row. A merged
    cell the break cut in two gets its whole text in every row it covers."""
    last = table.rows[-1]
    for k, cell in enumerate(tail):
        if k >= len(last.cells) or not cell.text or not cell.col_span:
            continue
        old = last.cells[k].text
        if cell.merged_from_above and cell.text == old:
            continue
        new = geo.join_wrapped([old, cell.text])
        # Up the merged cell: every row that shows the same text takes the joined one.
        for row in reversed(table.rows):
            c = row.cells[k] if k < len(row.cells) else None
            if c is None or c.text != old:
                break
            c.text = new
            if not c.merged_from_above:
                break
    for row in table.rows[-8:]:
        lines_out[row.line - 1] = "\t".join(
            "" if (c.merged_from_above or not c.col_span) else c.text for c in row.cells
        )


def _repeated_header(rows: list[list[str | None]], table: Table, ocr: bool = False) -> int:
    """How many rows at the top of a page repeat the first rows of the table it continues:
    the header, drawn again on each page, in one row or in two or three (a title merged
    over "Bắt đầu | Hoàn thành" below it). Compared as drawn: a cell merged from above
    shows no text of its own."""
    k = 0
    while k < min(3, len(rows), len(table.rows) - 1):
        drawn = ["" if (c.merged_from_above or not c.col_span) else c.text for c in table.rows[k].cells]
        if not _same_row([c or "" for c in rows[k]], drawn, ocr):
            break
        k += 1
    return k


def _same_row(here: list[str], there: list[str], ocr: bool = False) -> bool:
    """The same header row, letter for letter in a text PDF; in a scan, close enough for
    OCR's slips: every cell read on both sides alike ('phôi hợp' for 'phối hợp'), at most
    one in four of them lost on one side. Only rows without digits: data rows have
    numbers and dates, and rows of one template can be as close as that."""
    if here == there:
        return True
    if not ocr or len(here) != len(there) or any(c.isdigit() for c in "".join(here + there)):
        return False
    from rapidfuzz import fuzz

    alike = lost = 0
    for a, b in zip(here, there, strict=True):
        if a and b:
            if fuzz.ratio(a.lower(), b.lower()) < 80:
                return False
            alike += 1
        elif a or b:
            lost += 1
    return alike >= 2 and lost * 4 <= alike + lost


def _running_key(line: geo.Line) -> tuple[str, int]:
    # A running head repeats with the same words (page numbers aside) at the same height.
    return re.sub(r"\d+", "#", line.text), round(line.top / 4)


def _running_lines(page_items: list[list[tuple]]) -> set[tuple[str, int]]:
    """Lines repeated at the top or bottom of most pages (running heads, page numbers)."""
    if len(page_items) < 2:
        return set()
    counts: Counter[tuple[str, int]] = Counter()
    for items in page_items:
        lines = [it[1] for it in items if it[0] == "line"]
        counts.update({_running_key(ln) for ln in lines[:2] + lines[-2:]})
    return {k for k, c in counts.items() if c >= max(2, len(page_items) // 2)}


def assemble(page_items: list[list[tuple]], widths: list[float], name: str, ocr: bool = False) -> Document:
    """Page items of every page → one Document (shared with OCR: `ocr` allows for its
    misreadings where pages repeat the same text)."""
    running = _running_lines(page_items)
    blocks: list[Paragraph | Table] = []
    lines_out: list[str] = []
    pending: list[geo.Line] = []
    right_edge = 0.0
    for items in page_items:
        for it in items:
            if it[0] == "line":
                right_edge = max(right_edge, it[1].x1)

    def emit_lines() -> None:
        if not pending:
            return
        runs = geo.gap_tables(pending)
        k = 0
        for first, last, cols in runs:
            emit_paragraphs(pending[k:first])
            rows = geo.gap_rows(pending[first : last + 1], cols)
            add_table([[Cell(text=_nfc(c)) for c in r] for r in rows], len(cols), continued=False)
            k = last + 1
        emit_paragraphs(pending[k:])
        pending.clear()

    def emit_paragraphs(lines: list[geo.Line]) -> None:
        for text, bold, group in geo.paragraphs(lines):
            text = _nfc(text)
            if not text:
                continue
            lines_out.append(text)
            blocks.append(Paragraph(text=text, line=len(lines_out), bold=bold and bool(text)))
            del group

    def add_table(rows: list[list[Cell]], ncols: int, continued: bool) -> None:
        last = blocks[-1] if blocks else None
        start = 0
        if continued and isinstance(last, Table) and len(last.rows[0].cells) == ncols:
            header = [c.text for c in last.rows[0].cells]
            if rows and [c.text for c in rows[0]] == header:
                start = 1  # the header row repeated on the new page
            target = last
        else:
            target = Table(rows=[])
            blocks.append(target)
        for cells in rows[start:]:
            if not any(c.text for c in cells):
                continue
            shown = "\t".join(c.text for c in cells)
            lines_out.append(shown)
            target.rows.append(Row(cells=cells, line=len(lines_out)))
        if not target.rows:
            blocks.remove(target)

    previous_was_table = False
    open_columns: dict[int, dict[int, tuple[str, bool, bool]]] = {}  # table → merged cells open at its foot
    for items in page_items:
        first_on_page = True
        for it in items:
            if it[0] == "line":
                line = it[1]
                if _running_key(line) in running or re.fullmatch(r"[-–\s]*\d{1,4}[-–\s]*", line.text):
                    continue
                pending.append(line)
                previous_was_table = False
                first_on_page = False
                continue
            _, rows, _top, _bottom, ncols, bolds, boxes, centers = it
            emit_lines()
            continued = previous_was_table and first_on_page
            last = blocks[-1] if blocks else None
            carry = open_columns.get(id(last), {}) if continued and isinstance(last, Table) else {}
            if continued and isinstance(last, Table):
                # The header repeated on the new page (one row, or two under merged titles).
                k = _repeated_header(rows, last, ocr)
                rows, bolds, boxes = rows[k:], bolds[k:], boxes[k:]
            fill = _fill(last) if carry and isinstance(last, Table) else {}
            cells_rows, open_now, split = _table_cells(rows, bolds, boxes, centers, ncols, carry, fill)
            if split and cells_rows and isinstance(last, Table) and last.rows:
                _join_split_row(last, cells_rows.pop(0), lines_out)
            add_table(cells_rows, ncols, continued=continued)
            if blocks and isinstance(blocks[-1], Table):
                open_columns[id(blocks[-1])] = open_now
            previous_was_table = True
            first_on_page = False
        # A table that ends a page may go on at the top of the next one.
        previous_was_table = previous_was_table or bool(items and items[-1][0] == "table")
    emit_lines()
    doc = Document(blocks=blocks, lines=lines_out, name=name, kind="pdf")
    encoding = looks_legacy("\n".join(lines_out[:300]))
    if encoding:
        for block in blocks:
            if isinstance(block, Paragraph):
                block.text = convert(block.text, encoding)
            else:
                for row in block.rows:
                    for cell in row.cells:
                        cell.text = convert(cell.text, encoding)
        doc.lines[:] = [convert(x, encoding) for x in lines_out]
        doc.warnings.append("PDF có vẻ gõ bằng bảng mã cũ (TCVN3/VNI); đã chuyển sang Unicode, cần rà soát.")
    return doc
