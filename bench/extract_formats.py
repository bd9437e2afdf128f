"""Reader speed per file format: ms per document and pages per second, on one core.

    .venv/bin/python bench/extract_formats.py [--repeat 3] [--extract]

Builds each seed of ../shared/seeds as .docx (real tables and Word numbering), .pdf
(from the .docx with LibreOffice when installed, else drawn with reportlab) and, for
seeds with tables, .xlsx; then times `read_bytes` (and, with --extract, the whole
extraction). Pages are the PDF's page count of the same document, so every format of
one seed counts the same pages. Also times pypdfium2's plain text extraction of the
same PDFs, for comparison with pdfplumber (which the reader uses for tables).
Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))

from tests.fixtures import pdf_draw, seed_docs  # noqa: E402


def build(seeds: Path) -> list[dict]:
    docs = []
    for seed in sorted(seeds.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        docx = seed_docs.build_docx(text)
        pdf = seed_docs.convert_with_soffice(docx, ".docx", "pdf") if seed_docs.soffice() else pdf_draw.seed_pdf(text)
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(pdf))
        docs.append({"name": seed.stem[:3], "txt": text.encode(), "docx": docx, "pdf": pdf,
                     "xlsx": seed_docs.build_xlsx(text), "pages": pages})
    return docs


def timed(fn, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t0)
    return min(best)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--extract", action="store_true", help="time the whole extraction too")
    a = ap.parse_args()
    import os

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    from nhiemvu.ingest.read import read_bytes

    docs = build(Path(a.seeds))
    print(f"{'seed':<5} {'format':<6} {'pages':>5} {'read ms':>9} {'pages/s':>8}" + ("  extract ms" if a.extract else ""))
    totals: dict[str, list[float]] = {}
    for d in docs:
        for fmt in ("txt", "docx", "pdf", "xlsx"):
            data = d[fmt]
            if not data:
                continue
            name = f"{d['name']}.{fmt}"
            secs = timed(lambda data=data, name=name: read_bytes(data, name), a.repeat)
            line = f"{d['name']:<5} {fmt:<6} {d['pages']:>5} {secs * 1000:>9.1f} {d['pages'] / secs:>8.1f}"
            if a.extract:
                from nhiemvu.ingest.extract import extract_bytes

                ex = timed(lambda data=data, name=name: extract_bytes(data, name), a.repeat)
                line += f"  {ex * 1000:>10.1f}"
            print(line)
            t = totals.setdefault(fmt, [0.0, 0.0])
            t[0] += secs
            t[1] += d["pages"]
    print()
    for fmt, (secs, pages) in totals.items():
        print(f"TOTAL {fmt:<5} {pages:>5.0f} pages  {secs * 1000:>8.1f} ms  {pages / secs:>7.1f} pages/s")
    # pdfplumber (words, tables) against pypdfium2 (plain text only) on the same PDFs.
    import pdfplumber
    import pypdfium2 as pdfium

    def plumber_words(pdf: bytes) -> None:
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            for page in doc.pages:
                page.extract_words()

    def pdfium_text(pdf: bytes) -> None:
        doc = pdfium.PdfDocument(pdf)
        for page in doc:
            page.get_textpage().get_text_range()

    pages = sum(d["pages"] for d in docs)
    for label, fn in (("pdfplumber words", plumber_words), ("pypdfium2 text", pdfium_text)):
        secs = sum(timed(lambda d=d, fn=fn: fn(d["pdf"]), a.repeat) for d in docs)
        print(f"{label:<17} {pages} pages {secs * 1000:>8.1f} ms  {pages / secs:>7.1f} pages/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
