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
        run = re.compile(rb"\x00{%d,}" % max(40, width // 30))
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

    def read(box) -> str:
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
        run = subprocess.run([exe, "stdin", "stdout", "-l", "vie", "--psm", "7"], input=out.getvalue(),
                             capture_output=True, timeout=TIMEOUT_S, check=False, env=env)
        text = run.stdout.decode("utf-8", "replace").replace("|", " ")
        return unicodedata.normalize("NFC", " ".join(text.split()))

    return read


def page_items(words: list[dict], edges: list[dict], page: int, reread=None) -> list[tuple]:
    """The page items the PDF assembler takes (see pdf._page_items): tables found from
    the ruling lines, with the words inside each cell; lines of the words outside.
    `reread(box)` reads again a cell that came out empty but has ink in it."""
    from nhiemvu.ingest.readers.pdf_pdfium import find_tables

    items: list[tuple] = []
    used: set[int] = set()
    for t in find_tables(edges):
        x0, top, x1, bottom = t.bbox
        inside = [k for k, w in enumerate(words) if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
                  and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
        rows, bolds, boxes = [], [], []
        for row in t.rows:
            texts = []
            for cell in row.cells:
                if cell is None:
                    texts.append(None)
                    continue
                cx0, ctop, cx1, cbottom = cell
                mine = [words[k] for k in inside if cx0 <= (words[k]["x0"] + words[k]["x1"]) / 2 <= cx1
                        and ctop <= (words[k]["top"] + words[k]["bottom"]) / 2 <= cbottom]
                texts.append(geo.join_wrapped([ln.text for ln in _lines(mine, page)]))
            for k, cell in enumerate(row.cells[:2]):
                if cell is not None and not texts[k] and reread and any(texts):
                    texts[k] = reread(cell)
            rows.append(texts)
            bolds.append([False] * len(texts))
            boxes.append(list(row.cells))
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


def fix_label(text: str) -> str:
    """Numbering labels Tesseract commonly misreads: "5, Nhóm" → "5. Nhóm", "5.9... Giảm" → "5.9. Giảm"."""
    text = _COMMA_LABEL.sub(r"\1. ", text)
    return _DOTS_LABEL.sub(r"\1. ", text)


_ROMAN_LABEL = re.compile(r"^([IVX]{1,5})\.\s")


def fix_roman(text: str, previous: list[int]) -> str:
    """A section number read as the one before it ("III." seen as "II.", "II." as "I."):
    Tesseract drops a stroke of a Roman numeral far more often than a document repeats a
    section number, so a repeat becomes the next number. `previous` carries the last one."""
    from nhiemvu.ingest.readers.docx_numbering import to_roman

    m = _ROMAN_LABEL.match(text)
    if not m:
        return text
    values = {to_roman(n): n for n in range(1, 40)}
    value = values.get(m.group(1))
    if value is None:
        return text
    if value == previous[0]:
        value += 1
        text = f"{to_roman(value)}.{text[m.end() - 1:]}"
    previous[0] = value
    return text


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
    doc = assemble(all_items, widths, name)
    if not doc.blocks:
        raise UnreadableFile("tệp PDF là bản quét nhưng nhận dạng chữ (OCR) không đọc được chữ nào.", name)
    previous_roman = [0]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            block.ocr = True
            fixed = fix_roman(fix_label(block.text), previous_roman)
            if fixed != block.text:
                doc.lines[block.line - 1] = doc.lines[block.line - 1].replace(block.text, fixed, 1)
                block.text = fixed
    doc.ocr = True
    doc.warnings.append("Văn bản được đọc bằng nhận dạng chữ (OCR) từ bản quét: cần rà soát từng nhiệm vụ.")
    return doc
