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
        text = (row.get("text") or "").strip()
        if not text or row.get("level") != "5":
            continue
        try:
            left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
            conf = float(row.get("conf") or 0)
        except (TypeError, ValueError):
            continue
        if conf < 0:
            continue
        words.append({"text": unicodedata.normalize("NFC", text), "x0": left, "x1": left + width,
                      "top": top, "bottom": top + height, "conf": conf})
    return words


def dpi() -> int:
    """Resolution pages are rendered at for OCR (NHIEMVU_OCR_DPI, default 300)."""
    try:
        return max(72, int(os.environ.get("NHIEMVU_OCR_DPI", "300")))
    except ValueError:
        return 300


def render_pages(data: bytes, name: str, max_pages: int, dpi: int = 300) -> list[bytes]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise UnreadableFile("tệp PDF bị hỏng, không hiển thị được trang để nhận dạng chữ.", name) from exc
    images = []
    try:
        for n in range(min(len(pdf), max_pages)):
            bitmap = pdf[n].render(scale=dpi / 72)
            out = io.BytesIO()
            bitmap.to_pil().convert("L").save(out, format="PNG")
            images.append(out.getvalue())
    finally:
        pdf.close()
    return images


def ocr_pdf(data: bytes, name: str, limits: Limits | None = None) -> Document:
    limits = limits or default_limits()
    exe = tesseract_path()
    if not exe:
        raise UnsupportedFile(f"tệp PDF là bản quét (không có lớp chữ) nên cần nhận dạng chữ (OCR); {INSTALL_HINT}.", name)
    blocks: list[Paragraph] = []
    lines_out: list[str] = []
    resolution = dpi()
    for n, png in enumerate(render_pages(data, name, limits.max_pages, resolution)):
        words = ocr_image(png, exe, n)
        lines = geo.group_lines(words, page=n, tolerance=resolution / 72 * 4)
        for text, _bold, _group in geo.paragraphs(lines):
            text = " ".join(text.split())
            if text:
                lines_out.append(text)
                blocks.append(Paragraph(text=text, line=len(lines_out), ocr=True))
    if not blocks:
        raise UnreadableFile("tệp PDF là bản quét nhưng nhận dạng chữ (OCR) không đọc được chữ nào.", name)
    doc = Document(blocks=list(blocks), lines=lines_out, name=name, kind="pdf", ocr=True)
    doc.warnings.append("Văn bản được đọc bằng nhận dạng chữ (OCR) từ bản quét: cần rà soát từng nhiệm vụ.")
    return doc
