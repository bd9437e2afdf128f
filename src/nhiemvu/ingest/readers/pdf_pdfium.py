"""Fast page reading for PDFs: characters and ruling lines from pypdfium2 (PDFium, C++),
tables found by pdfplumber's own grid functions from those lines.

pdfplumber parses pages with pdfminer in pure Python (≈ 7 pages/s here); PDFium gives
the same characters and line segments ~50× faster. Output: the same page items the
pdfplumber path produces (`pdf._page_items`), so everything after is shared.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata

import pypdfium2.raw as raw
from pdfplumber import table as grid

from nhiemvu.ingest.readers import pdf_layout as geo

_SKIP = {0, 0xFFFE, 0xFFFF, 0x0D, 0x0A, 0x02}


def _font_bold(textpage, i: int, cache: dict) -> bool:
    weight = raw.FPDFText_GetFontWeight(textpage, i)
    if weight > 0:
        return weight >= 600
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = raw.FPDFText_GetFontInfo(textpage, i, buf, 128, ctypes.byref(flags))
    name = buf.raw[: max(0, n - 1)].decode("utf-8", "replace") if n else ""
    if name not in cache:
        cache[name] = "bold" in name.lower() or bool(flags.value & (1 << 18))
    return cache[name]


def page_chars(page, textpage) -> list[dict]:
    """Characters with loose boxes (top-down coordinates), in content order."""
    height = page.get_height()
    count = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    cache: dict = {}
    chars = []
    for i in range(count):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in _SKIP or raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(rect)):
            continue
        raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(ox), ctypes.byref(oy))
        size = raw.FPDFText_GetFontSize(textpage, i) or (rect.top - rect.bottom)
        baseline = height - oy.value
        text = chr(code)
        # Vertical extent from the baseline and font size: the same for every letter of a
        # line, whatever its accents (glyph boxes of "Ổ" and "o" differ).
        chars.append({
            "text": text, "x0": rect.left, "x1": rect.right, "top": baseline - 0.8 * size,
            "bottom": baseline + 0.2 * size, "bold": None if text.isspace() else _font_bold(textpage, i, cache),
            "size": size,
        })
    return chars


def words_from_chars(chars: list[dict]) -> list[dict]:
    """Chars → words: a break at spaces, at a gap wider than a fraction of the font size,
    or where the baseline moves."""
    words: list[dict] = []
    cur: list[dict] = []

    def flush() -> None:
        if cur:
            text = unicodedata.normalize("NFC", "".join(c["text"] for c in cur))
            words.append({
                "text": text, "x0": min(c["x0"] for c in cur), "x1": max(c["x1"] for c in cur),
                "top": min(c["top"] for c in cur), "bottom": max(c["bottom"] for c in cur),
                "bold": all(c["bold"] for c in cur if c["bold"] is not None),
                "size": max(c["size"] for c in cur),
            })
            cur.clear()

    for c in chars:
        if c["text"].isspace():
            flush()
            continue
        if cur:
            prev = cur[-1]
            size = max(1.0, c["size"] or (c["bottom"] - c["top"]))
            if abs(c["top"] - prev["top"]) > 0.3 * size or c["x0"] - prev["x1"] > 0.25 * size or c["x0"] < prev["x0"] - 1:
                flush()
        cur.append(c)
    flush()
    return words


def _edge(x0: float, t: float, x1: float, b: float) -> dict | None:
    w, h = x1 - x0, b - t
    if h <= 3 and w > 3:
        y = (t + b) / 2
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": w, "height": 0, "orientation": "h"}
    if w <= 3 and h > 3:
        x = (x0 + x1) / 2
        return {"x0": x, "x1": x, "top": t, "bottom": b, "width": 0, "height": h, "orientation": "v"}
    return None


def _segment_edges(obj, height: float) -> list[dict]:
    """The straight segments of one path (one path may draw a whole grid)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj.raw, ctypes.byref(matrix)):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[dict] = []
    start = prev = None
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            for p0, p1 in [(prev, point)] + ([(point, start)] if raw.FPDFPathSegment_GetClose(seg) and start else []):
                edge = _edge(min(p0[0], p1[0]), min(p0[1], p1[1]), max(p0[0], p1[0]), max(p0[1], p1[1]))
                if edge:
                    edges.append(edge)
        prev = point
    return edges


def page_edges(page) -> list[dict]:
    """Ruling lines: thin path objects are edges; other paths are taken apart into their
    straight segments (a rectangle gives its four sides, a grid drawn as one path its lines)."""
    height = page.get_height()
    edges: list[dict] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        edge = _edge(left, height - top, right, height - bottom)
        if edge:
            edges.append(edge)
        elif right - left > 3 and top - bottom > 3:
            edges.extend(_segment_edges(obj, height))
    return edges


def _closing_edges(edges: list[dict]) -> list[dict]:
    """A table drawn without lines between its rows that runs on to the next page has no
    line at its foot on this page: its column rules just stop there. Where two or more
    vertical rules end at the same height with no horizontal rule across them, one is
    added, so the rows above still make cells."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    out = []
    for key in ("top", "bottom"):
        ends: dict[int, list[dict]] = {}
        for e in vertical:
            ends.setdefault(round(e[key] / 3), []).append(e)
        for group in ends.values():
            if len(group) < 2:
                continue
            y = sum(e[key] for e in group) / len(group)
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            if any(abs(h["top"] - y) <= 3 and h["x0"] <= x0 + 3 and h["x1"] >= x1 - 3 for h in horizontal):
                continue
            out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "orientation": "h"})
    return out


def find_tables(edges: list[dict]):
    """pdfplumber's "lines" strategy on our edges (snap/join 3 pt, intersections 3 pt)."""
    if not edges:
        return []
    merged = grid.merge_edges(edges, 3, 3, 3, 3)
    merged = [e for e in merged if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    merged += _closing_edges(merged)
    cells = grid.intersections_to_cells(grid.edges_to_intersections(merged, 3, 3))
    tables = [grid.Table(None, cell_group) for cell_group in grid.cells_to_tables(cells)]
    return [t for t in tables if len(t.cells) > 1]


def _cell_text(chars: list[dict]) -> tuple[str, bool]:
    words = words_from_chars(chars)
    lines = geo.group_lines(words)
    text = geo.join_wrapped([ln.text for ln in lines])
    visible = [w for w in words if w["text"].strip()]
    return text, bool(visible) and all(w["bold"] for w in visible)


_ROW_LABEL = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)[.)]?")


def _increasing_labels(texts: list[str]) -> bool:
    """Row numbers going up ("1", "2", "3" or "2.1", "2.2"): a stray mark or a wrapped
    word in a number cell is not a row."""
    values = []
    for text in texts:
        m = _ROW_LABEL.fullmatch(text)
        if not m:
            return False
        values.append(tuple(int(x) for x in m.group(1).split(".")))
    return all(a < b for a, b in zip(values, values[1:], strict=False))


def _char_lines(chars: list[dict]) -> list[geo.Line]:
    return geo.group_lines(words_from_chars(chars))


def split_unruled(cells: list, chars_by_cell: list[list[dict] | None], lines_of=_char_lines) -> list[tuple[list, list]]:
    """One ruled row holding several rows of a table drawn without lines between its rows
    (only the column rules): cut it above each number in its first cell ("1", "2", …)
    where another cell starts a line at the same height. Returns (cell boxes, chars per
    cell) for each row; a row with one number or none stays whole. `lines_of` groups a
    cell's chars (or OCR words) into lines."""
    own = [k for k, c in enumerate(cells) if c is not None]
    if len(own) < 2:
        return [(cells, chars_by_cell)]
    first = lines_of(chars_by_cell[own[0]] or [])
    if len(first) < 2 or not _increasing_labels([ln.text for ln in first]):
        return [(cells, chars_by_cell)]
    others = [ln.top for k in own[1:] for ln in lines_of(chars_by_cell[k] or [])]
    if not all(any(abs(top - ln.top) <= max(2.0, 0.5 * ln.size) for top in others) for ln in first):
        return [(cells, chars_by_cell)]
    cuts = [cells[own[0]][1], *[ln.top - 1 for ln in first[1:]], max(c[3] for c in cells if c is not None)]
    out = []
    for top, bottom in zip(cuts, cuts[1:], strict=False):
        boxes = [None if c is None else (c[0], top, c[2], bottom) for c in cells]
        parts = [None if mine is None else [ch for ch in mine if top <= (ch["top"] + ch["bottom"]) / 2 < bottom]
                 for mine in chars_by_cell]
        out.append((boxes, parts))
    return out


def page_items(page, n: int) -> list[tuple]:
    textpage = page.get_textpage()
    try:
        chars = page_chars(page, textpage)
    finally:
        textpage.close()
    items: list[tuple] = []
    used: set[int] = set()
    for t in find_tables(page_edges(page)):
        x0, top, x1, bottom = t.bbox
        inside = [k for k, c in enumerate(chars) if x0 - 1 <= (c["x0"] + c["x1"]) / 2 <= x1 + 1
                  and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1]
        rows_out, bolds, boxes = [], [], []
        for row in t.rows:
            mine_by_cell = [
                None if cell is None else
                [chars[k] for k in inside if cell[0] <= (chars[k]["x0"] + chars[k]["x1"]) / 2 <= cell[2]
                 and cell[1] <= (chars[k]["top"] + chars[k]["bottom"]) / 2 <= cell[3]]
                for cell in row.cells
            ]
            for cells, mine_cells in split_unruled(list(row.cells), mine_by_cell):
                texts, flags = [], []
                for mine in mine_cells:
                    if mine is None:
                        texts.append(None)
                        flags.append(False)
                        continue
                    text, bold = _cell_text(mine)
                    texts.append(" ".join(text.split()))
                    flags.append(bold and bool(text))
                rows_out.append(texts)
                bolds.append(flags)
                boxes.append(cells)
        keep = [k for k, r in enumerate(rows_out) if any(c for c in r)]
        if not keep:
            continue
        used.update(inside)
        centers = [(c.bbox[0] + c.bbox[2]) / 2 for c in t.columns]
        items.append(("table", rows_out, top, bottom, max(len(r) for r in rows_out), bolds, boxes, centers))
    rest = [c for k, c in enumerate(chars) if k not in used]
    for line in geo.group_lines(words_from_chars(rest), page=n):
        items.append(("line", line))
    items.sort(key=lambda it: it[2] if it[0] == "table" else it[1].top)
    return items


def has_image(page) -> bool:
    return any(True for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3))
