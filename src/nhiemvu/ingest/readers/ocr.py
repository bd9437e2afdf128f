"""OCR for scanned PDFs: pages rendered with pypdfium2, read by Tesseract (Vietnamese).

Tesseract's TSV output gives each word with its box, so the same geometry as the
text-layer reader (pdf_layout) turns words into lines and paragraphs. Everything
read this way is marked `ocr` for a person to review. Without Tesseract and its
Vietnamese data the user is told the PDF is a scan and what to install.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import unicodedata

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.errors import UnreadableFile, UnsupportedFile
from nhiemvu.ingest.limits import Limits, default_limits
from nhiemvu.ingest.readers import pdf_layout as geo

TIMEOUT_S = int(os.environ.get("NHIEMVU_OCR_TIMEOUT", "120"))
INSTALL_HINT = "hãy cài Tesseract với dữ liệu tiếng Việt (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie)"


def tesseract_path() -> str | None:
    """The tesseract binary, when it is installed with Vietnamese data."""
    if os.environ.get("NHIEMVU_OCR") == "off":
        return None
    exe = os.environ.get("NHIEMVU_TESSERACT") or shutil.which("tesseract")
    if not exe:
        return None
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return exe if "vie" in langs.split() else None


def ocr_image(png: bytes, exe: str, page: int = 0) -> list[dict]:
    """Words with boxes (in pixels) from one page image."""
    # Tesseract's OpenMP threads slow it down several times on a small shared machine.
    env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
    run = subprocess.run(
        [exe, "stdin", "stdout", "-l", "vie", "--psm", "3", "tsv"],
        input=png, capture_output=True, timeout=TIMEOUT_S, check=False, env=env,
    )
    if run.returncode != 0:
        raise UnreadableFile(f"Tesseract không đọc được trang {page + 1}: {run.stderr.decode(errors='replace')[-200:]}")
    words = []
    reader = csv.DictReader(io.StringIO(run.stdout.decode("utf-8", errors="replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        text = (row.get("text") or "").strip().strip("|").strip()  # a ruling line read as "|"
        if not text or row.get("level") != "5":
            continue
        try:
            left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
            conf = float(row.get("conf") or 0)
        except (TypeError, ValueError):
            continue
        if conf < 0:
            continue
        line_id = (row.get("block_num"), row.get("par_num"), row.get("line_num"))
        words.append({"text": unicodedata.normalize("NFC", text), "x0": left, "x1": left + width,
                      "top": top, "bottom": top + height, "conf": conf, "line": line_id})
    return words


def dpi() -> int | None:
    """Resolution to render pages at for OCR when NHIEMVU_OCR_DPI sets one; None = the
    scan's own resolution."""
    try:
        return max(72, int(os.environ["NHIEMVU_OCR_DPI"]))
    except (KeyError, ValueError):
        return None


def native_dpi(page) -> int:
    """The resolution the page was scanned at (its largest picture's pixels per inch),
    kept within 200..400: resampling a scan blurs the thin strokes of Vietnamese marks."""
    import pypdfium2.raw as raw

    best = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        left, _, right, _ = obj.get_bounds()
        width_px = obj.get_px_size()[0]
        if right - left > 72:
            best = max(best, width_px / ((right - left) / 72))
    return int(min(400, max(200, best or 300)))


def render_pages(data: bytes, name: str, max_pages: int, dpi: int | None = None) -> list[tuple[bytes, object, float, int]]:
    """(PNG bytes, grey image, page width in points, resolution) of each page."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise UnreadableFile("tệp PDF bị hỏng, không hiển thị được trang để nhận dạng chữ.", name) from exc
    pages = []
    try:
        for n in range(min(len(pdf), max_pages)):
            page = pdf[n]
            resolution = dpi or native_dpi(page)
            image = page.render(scale=resolution / 72).to_pil().convert("L")
            out = io.BytesIO()
            image.save(out, format="PNG")
            pages.append((out.getvalue(), image, page.get_width(), resolution))
    finally:
        pdf.close()
    return pages


def image_edges(image, scale: float) -> list[dict]:
    """Ruling lines of a scanned page: long runs of dark pixels along rows (horizontal)
    and along columns (vertical), found with a bytes regex (no image library needed),
    in PDF points (× `scale`)."""
    from PIL import Image

    bw = image.point(lambda v: 0 if v < 150 else 255)
    edges: list[dict] = []
    for orientation, img in (("h", bw), ("v", bw.transpose(Image.Transpose.TRANSPOSE))):
        width, height = img.size
        data = img.tobytes()
        shortest = max(40, width // 30)
        if orientation == "v":
            # A column rule may be one text line tall (the last row on a page, under a
            # section row spanning the table): 13 pt, longer than any letter's stroke.
            shortest = min(shortest, max(20, round(13 / scale)))
        run = re.compile(rb"\x00{%d,}" % shortest)
        for y in range(height):
            for m in run.finditer(data, y * width, (y + 1) * width):
                a, b = m.start() - y * width, m.end() - y * width
                if orientation == "h":
                    edges.append({"x0": a * scale, "x1": b * scale, "top": y * scale, "bottom": y * scale,
                                  "width": (b - a) * scale, "height": 0, "orientation": "h"})
                else:
                    edges.append({"x0": y * scale, "x1": y * scale, "top": a * scale, "bottom": b * scale,
                                  "width": 0, "height": (b - a) * scale, "orientation": "v"})
    return edges


def _lines(words: list[dict], page: int) -> list[geo.Line]:
    """Tesseract's own lines (a dash or a comma stays on its line, whatever its height)."""
    by_id: dict[object, list[dict]] = {}
    for w in words:
        by_id.setdefault(w["line"], []).append(w)
    lines = []
    for group in by_id.values():
        group.sort(key=lambda w: w["x0"])
        heights = sorted(w["bottom"] - w["top"] for w in group)
        size = max(1.0, heights[len(heights) // 2])
        line = geo.Line(words=group, top=min(w["top"] for w in group), bottom=max(w["bottom"] for w in group),
                        x0=group[0]["x0"], x1=max(w["x1"] for w in group), page=page, size=size)
        line.segments = geo.split_segments(group, size)
        lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


MAX_CELL_RETRIES = 60  # per page: each is one more Tesseract run (~0.1 s)


def cell_reader(image, exe: str, scale: float):
    """Read one cell again on its own: Tesseract reading a whole page often drops a lone
    number ("1") or a short phrase in a narrow cell (the number column is what rows are
    told apart by). Cells with no ink are not read."""
    left = [MAX_CELL_RETRIES]

    def read(box, block: bool = False) -> str:
        if left[0] <= 0:
            return ""
        left[0] -= 1
        x0, top, x1, bottom = (v / scale for v in box)
        crop = image.crop((int(x0) + 3, int(top) + 3, int(x1) - 3, int(bottom) - 3))
        if crop.size[0] < 5 or crop.size[1] < 5 or crop.getextrema()[0] > 150:
            return ""  # nothing dark in it: really empty
        out = io.BytesIO()
        crop.save(out, format="PNG")
        env = {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}
        # One line (a number) or a block (an agency name wrapped over lines).
        psm = "6" if block else "7"
        run = subprocess.run([exe, "stdin", "stdout", "-l", "vie", "--psm", psm], input=out.getvalue(),
                             capture_output=True, timeout=TIMEOUT_S, check=False, env=env)
        text = run.stdout.decode("utf-8", "replace").replace("|", " ")
        return unicodedata.normalize("NFC", " ".join(text.split()))

    return read


def page_items(words: list[dict], edges: list[dict], page: int, reread=None) -> list[tuple]:
    """The page items the PDF assembler takes (see pdf._page_items): tables found from
    the ruling lines, with the words inside each cell; lines of the words outside.
    `reread(box)` reads again a cell that came out empty but has ink in it."""
    from nhiemvu.ingest.readers.pdf_pdfium import find_tables, split_unruled

    items: list[tuple] = []
    used: set[int] = set()
    for t in find_tables(edges):
        x0, top, x1, bottom = t.bbox
        inside = [k for k, w in enumerate(words) if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
                  and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
        rows, bolds, boxes = [], [], []
        for row in t.rows:
            mine_by_cell = [
                None if cell is None else
                [words[k] for k in inside if cell[0] <= (words[k]["x0"] + words[k]["x1"]) / 2 <= cell[2]
                 and cell[1] <= (words[k]["top"] + words[k]["bottom"]) / 2 <= cell[3]]
                for cell in row.cells
            ]
            # A table drawn without lines between its rows: one ruled row per written row.
            for cells, parts in split_unruled(list(row.cells), mine_by_cell, lambda ws: _lines(ws, page)):
                texts = [None if mine is None else geo.join_wrapped([ln.text for ln in _lines(mine, page)])
                         for mine in parts]
                for k, cell in enumerate(cells):
                    if cell is not None and not texts[k] and reread and any(texts):
                        texts[k] = reread(cell, k >= 2)
                rows.append(texts)
                bolds.append([False] * len(texts))
                boxes.append(cells)
        if not any(c for r in rows for c in r):
            continue
        used.update(inside)
        centers = [(c.bbox[0] + c.bbox[2]) / 2 for c in t.columns]
        items.append(("table", rows, top, bottom, max(len(r) for r in rows), bolds, boxes, centers))
    rest = [w for k, w in enumerate(words) if k not in used]
    items.extend(("line", line) for line in _lines(rest, page))
    items.sort(key=lambda it: it[2] if it[0] == "table" else it[1].top)
    return items


_COMMA_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[,;:]\s+(?=[A-ZĐÀ-Ỹ])")
_DOTS_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.{2,}\s*")
# "5,1. Hoàn thành": a comma for the inner dot of a label (a decimal "5,1" has no dot after it).
_INNER_COMMA = re.compile(r"^(\d{1,2}),(\d{1,2})\.\s+(?=[A-ZĐÀ-Ỹ*])")


def fix_label(text: str) -> str:
    """Numbering labels Tesseract commonly misreads: "5, Nhóm" → "5. Nhóm", "5.9... Giảm" → "5.9. Giảm",
    "5,1. Hoàn" → "5.1. Hoàn"."""
    text = _INNER_COMMA.sub(r"\1.\2. ", text)
    text = _COMMA_LABEL.sub(r"\1. ", text)
    return _DOTS_LABEL.sub(r"\1. ", text)


# "Quýl năm 2023", "Quý Inăm 2023": a quarter's Roman number misread or glued to "năm".
_QUARTER = re.compile(r"\bQuý ?([IVl|]{1,3})(?=[ \t/,.;)]|năm|$) ?")
_QUARTERS = {"I", "II", "III", "IV"}


def fix_text(text: str) -> str:
    """Letters Tesseract gets wrong in Vietnamese text: the Icelandic Ð for Đ, and the
    Roman number of a quarter ("Quýl năm" → "Quý I năm")."""
    text = text.replace("Ð", "Đ").replace("ð", "đ")

    def quarter(m: re.Match) -> str:
        roman = re.sub(r"[l|]", "I", m.group(1))
        if roman not in _QUARTERS:
            return m.group(0)
        rest = m.string[m.end():]
        glued = not rest or rest[:1] in "/,.;)\t"
        return f"Quý {roman}" + ("" if glued else " ")

    return _QUARTER.sub(quarter, text) if "Quý" in text else text


# A section number as Tesseract reads it: I as l, 1, | or !, the dot as a comma or lost.
_ROMAN_LIKE = re.compile(r"^([IVXl1|!íì]{1,6})([.,:]?)\s+(?=[A-ZĐÀ-Ỹ\"“(])")
_DECIMAL_LABEL = re.compile(r"^(\d{1,2})\.\s")
_GAP, _SKIP_ANCHOR = 10, 20  # costs: a section number missing from the run; a clean one left out


def _roman_readings(token: str, sep: str) -> list[tuple[int, int]]:
    """(value, cost) readings of a label token: as written (0 for clean 'II.', 1 for letters
    Tesseract confuses or a lost dot, 2 for digits '11.'), and, for letters, one I more
    (a dropped stroke: 'II.' for III), at one more."""
    from nhiemvu.ingest.readers.docx_numbering import to_roman

    values = {to_roman(n): n for n in range(1, 40)}
    mapped = re.sub(r"[l1|!íì]", "I", token)
    value = values.get(mapped)
    if value is None:
        return []
    digits = any(c.isdigit() for c in token)
    cost = 2 if digits else 0 if (mapped == token and sep == ".") else 1
    out = [(value, cost)]
    longer = to_roman(value + 1)
    if not digits and any(longer == mapped[:k] + "I" + mapped[k:] for k in range(len(mapped) + 1)):
        out.append((value + 1, cost + 1))
    return out


def roman_headings(texts: list[str]) -> list[str]:
    """Section numbers of OCR'd headings put right ('1. Quan điểm', 'I Mục tiêu',
    'II. Các nhiệm vụ', 'IV. Tổ chức' → I., II., III., IV.). The clean numbers ('II.',
    'IV.') are trusted; a misread one ('1.', 'Il', 'I' for II) is taken as a section
    number only where it fills a gap in their run, in order; numbers may restart at I
    (an appendix). Chosen by least cost: a missing number costs more than a misreading.
    A '1.' followed by a '2.' is a list item, never a section number."""
    cands: list[tuple[int, str, list[tuple[int, int]]]] = []
    for i, text in enumerate(texts):
        m = _ROMAN_LIKE.match(text)
        if not m or len(text) > 250:
            continue
        readings = _roman_readings(m.group(1), m.group(2))
        if m.group(1).isdigit() and _continued_as_list(texts, i, int(m.group(1))):
            readings = []
        if readings:
            cands.append((i, m.group(0), readings))
    if not cands:
        return texts
    # best[v] = (cost, choices) with v the last section number taken so far (0: none yet).
    best: dict[int, tuple[float, list[tuple[int, str, int]]]] = {0: (0.0, [])}
    for i, label, readings in cands:
        clean = any(c == 0 for _, c in readings)
        nxt: dict[int, tuple[float, list[tuple[int, str, int]]]] = {}

        def offer(v: int, cost: float, picks: list, nxt=nxt) -> None:
            if v not in nxt or cost < nxt[v][0]:
                nxt[v] = (cost, picks)

        for v, (cost, picks) in best.items():
            offer(v, cost + (_SKIP_ANCHOR if clean else 0), picks)  # not a section number
            for value, c in readings:
                if value > v:
                    offer(value, cost + c + _GAP * (value - v - 1), [*picks, (i, label, value)])
                elif value == 1:  # numbering restarts (an appendix)
                    offer(value, cost + c, [*picks, (i, label, value)])
        best = nxt
    from nhiemvu.ingest.readers.docx_numbering import to_roman

    _, picks = min(best.values(), key=lambda x: x[0])
    out = list(texts)
    for i, label, value in picks:
        out[i] = f"{to_roman(value)}. {texts[i][len(label):]}"
    return out


def _continued_as_list(texts: list[str], i: int, n: int) -> bool:
    """The next numbered paragraph after texts[i] is 'n+1.': texts[i] is item n of a list."""
    for text in texts[i + 1:]:
        m = _DECIMAL_LABEL.match(text)
        if m:
            return int(m.group(1)) == n + 1
        if _ROMAN_LIKE.match(text):
            return False
    return False


def ocr_pdf(data: bytes, name: str, limits: Limits | None = None, progress=None) -> Document:
    limits = limits or default_limits()
    exe = tesseract_path()
    if not exe:
        raise UnsupportedFile(f"tệp PDF là bản quét (không có lớp chữ) nên cần nhận dạng chữ (OCR); {INSTALL_HINT}.", name)
    from nhiemvu.ingest.readers.pdf import assemble

    all_items, widths = [], []
    if progress:
        progress("ocr")
    pages = render_pages(data, name, limits.max_pages, dpi())
    for n, (png, image, width, resolution) in enumerate(pages):
        if progress:  # progress("ocr", pages done, pages): seconds per page, the import job shows it
            progress("ocr", n, len(pages))
        scale = 72 / resolution  # pixels → points, so the assembler's thresholds hold
        words = ocr_image(png, exe, n)
        for w in words:
            for key in ("x0", "x1", "top", "bottom"):
                w[key] *= scale
        all_items.append(page_items(words, image_edges(image, scale), n, cell_reader(image, exe, scale)))
        widths.append(width)
    if progress:
        progress("ocr", len(pages), len(pages))
    doc = assemble(all_items, widths, name, ocr=True)
    if not doc.blocks:
        raise UnreadableFile("tệp PDF là bản quét nhưng nhận dạng chữ (OCR) không đọc được chữ nào.", name)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.text = fix_text(block.text)
        else:
            for row in block.rows:
                for cell in row.cells:
                    cell.text = fix_text(cell.text)
    doc.lines[:] = [fix_text(line) for line in doc.lines]
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    texts = roman_headings([fix_label(b.text) for b in paragraphs])
    for block, fixed in zip(paragraphs, texts, strict=True):
        block.ocr = True
        if fixed != block.text:
            doc.lines[block.line - 1] = doc.lines[block.line - 1].replace(block.text, fixed, 1)
            block.text = fixed
    doc.ocr = True
    doc.warnings.append("Văn bản được đọc bằng nhận dạng chữ (OCR) từ bản quét: cần rà soát từng nhiệm vụ.")
    return doc
