"""The PDF reader on drawn fixtures: a ruled table over two pages with a repeated
header, a table without ruling lines, wrapped paragraphs, running heads; OCR of a scan."""

from __future__ import annotations

import io

import pytest

from nhiemvu.ingest.blocks import Paragraph, Table
from nhiemvu.ingest.read import read_bytes
from tests.fixtures import pdf_draw

pytestmark = pytest.mark.skipif(not pdf_draw.fonts_available(), reason="fonts-dejavu is not installed")

HEADER = [("STT", True), ("Nội dung nhiệm vụ", True), ("Cơ quan chủ trì", True), ("Thời gian hoàn thành", True)]
AGENCIES = ["Phòng Tư pháp", "Phòng Nội vụ", "Văn phòng HĐND và UBND thành phố", "Phòng Tài chính – Kế hoạch"]


def _rows(n: int) -> list[list[tuple[str, bool]]]:
    rows = [HEADER]
    for i in range(1, n + 1):
        content = f"Nhiệm vụ số {i}: tổ chức triển khai thực hiện kế hoạch cải cách hành chính năm 2023 của thành phố"
        rows.append([(str(i), False), (content, False), (AGENCIES[i % 4], False), (f"Quý {'I' * (i % 3 + 1)}/2023", False)])
    return rows


def _tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_ruled_table_over_pages_is_one_table_with_one_header():
    from reportlab.platypus import Paragraph as RLParagraph

    _, _cell = pdf_draw._styles()
    pdf_draw._register()
    body, _ = pdf_draw._styles()
    flow = [RLParagraph("PHỤ LỤC NHIỆM VỤ", body), pdf_draw.table_flowable(_rows(45), [40, 300, 110, 65])]
    data = pdf_draw.build_pdf(flow)
    import pdfplumber

    assert len(pdfplumber.open(io.BytesIO(data)).pages) >= 2  # the table really runs over pages
    doc = read_bytes(data, "hai-trang.pdf")
    (table,) = _tables(doc)
    assert table.rows[0].texts == [t for t, _ in HEADER]
    assert table.rows[0].cells[0].bold
    numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text]
    assert numbers == [str(i) for i in range(1, 46)]  # the header repeated on page 2 is dropped
    row7 = next(r for r in table.rows if r.cells[0].text == "7")
    # Lines wrapped inside a cell are joined with single spaces.
    assert row7.cells[1].text.startswith("Nhiệm vụ số 7: tổ chức triển khai thực hiện kế hoạch cải cách hành chính")
    assert row7.cells[2].text == AGENCIES[3]
    # Running heads and page numbers are not content.
    assert "đầu trang" not in doc.text()
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "PHỤ LỤC NHIỆM VỤ"


def test_table_without_ruling_lines():
    rows = [[("STT", True), ("Nhiệm vụ", True), ("Chủ trì", True), ("Thời gian", True)]]
    rows += [[(str(i), False), (f"Việc {i}", False), (AGENCIES[i % 4][:14], False), ("Quý I/2023", False)] for i in range(1, 6)]
    data = pdf_draw.build_pdf([pdf_draw.table_flowable(rows, [40, 200, 150, 100], ruled=False)])
    doc = read_bytes(data, "khong-ke.pdf")
    (table,) = _tables(doc)
    assert table.rows[0].texts == ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]
    assert table.rows[2].texts == ["2", "Việc 2", AGENCIES[2][:14], "Quý I/2023"]


def test_wrapped_paragraphs_and_numbered_items():
    from reportlab.platypus import Paragraph as RLParagraph

    pdf_draw._register()
    body, _ = pdf_draw._styles()
    long = "Giao Phòng Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan " * 4
    flow = [RLParagraph("<b>I. MỤC ĐÍCH, YÊU CẦU</b>", body), RLParagraph("1. " + long, body), RLParagraph("2. Việc ngắn.", body)]
    doc = read_bytes(pdf_draw.build_pdf(flow, running_head=False), "doan.pdf")
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paras] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. " + " ".join(long.split()), "2. Việc ngắn."]
    assert paras[0].bold and not paras[1].bold


@pytest.mark.slow
def test_scanned_page_is_read_by_ocr(seeds_dir, artifacts_dir, monkeypatch):
    """A seed page rendered to an image and wrapped in an image-only PDF reads back."""
    from nhiemvu.ingest.readers.ocr import tesseract_path

    if not tesseract_path():
        pytest.skip("tesseract-ocr with Vietnamese data (tesseract-ocr-vie) is not installed")
    import pypdfium2 as pdfium
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    seed = next(seeds_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    text_pdf = pdf_draw.seed_pdf(seed)
    page = pdfium.PdfDocument(text_pdf)[0]
    image = page.render(scale=200 / 72).to_pil().convert("L")
    image.save(artifacts_dir / "ocr-input-page.png")
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842))
    c.drawImage(ImageReader(image), 0, 0, width=595, height=842)
    c.save()
    monkeypatch.setenv("NHIEMVU_OCR_DPI", "200")  # enough for 10-point text, and faster
    doc = read_bytes(out.getvalue(), "scan.pdf")
    assert doc.ocr and all(p.ocr for p in doc.blocks)
    text = doc.text()
    for phrase in ("KẾ HOẠCH", "Vũng Tàu", "nhiệm kỳ 2020-2025", "MỤC ĐÍCH, YÊU CẦU"):
        assert phrase in text


@pytest.mark.slow
def test_scanned_table_is_rebuilt_from_its_ruling_lines(monkeypatch):
    from nhiemvu.ingest.readers.ocr import tesseract_path

    if not tesseract_path():
        pytest.skip("tesseract-ocr with Vietnamese data (tesseract-ocr-vie) is not installed")
    rows = [[("STT", True), ("Nội dung nhiệm vụ", True), ("Cơ quan chủ trì", True)]]
    rows += [[(str(i), False), (f"Kiểm tra văn bản quy phạm pháp luật đợt {i}", False), (AGENCIES[i % 4], False)]
             for i in range(1, 5)]
    pdf = pdf_draw.build_pdf([pdf_draw.table_flowable(rows, [40, 280, 160])], running_head=False)
    monkeypatch.setenv("NHIEMVU_OCR_DPI", "200")
    doc = read_bytes(pdf_draw.scanned(pdf), "bang-quet.pdf")
    assert doc.ocr
    (table,) = _tables(doc)
    assert [r.cells[0].text for r in table.rows] == ["STT", "1", "2", "3", "4"]
    assert table.rows[2].cells[1].text == "Kiểm tra văn bản quy phạm pháp luật đợt 2"
    assert table.rows[2].cells[2].text == AGENCIES[2]


def test_ocr_label_fixes():
    from nhiemvu.ingest.readers.ocr import fix_label

    assert fix_label("5, Nhóm chỉ tiêu về quốc phòng") == "5. Nhóm chỉ tiêu về quốc phòng"
    assert fix_label("5.9... Giảm tội phạm") == "5.9. Giảm tội phạm"
    assert fix_label("15, 16 và 17 là các tiêu chí") == "15, 16 và 17 là các tiêu chí"
    assert fix_label("5,1. Hoàn thành 100% chỉ tiêu") == "5.1. Hoàn thành 100% chỉ tiêu"
    assert fix_label("5,1 tỷ đồng. Tăng thu") == "5,1 tỷ đồng. Tăng thu"  # a decimal number stays


def test_ocr_roman_repeat_fixed():
    from nhiemvu.ingest.readers.ocr import roman_headings

    got = roman_headings(["I. Quan điểm", "II. Mục tiêu", "II. Nhiệm vụ", "IV. Tổ chức", "I. Phụ lục"])
    assert got == ["I. Quan điểm", "II. Mục tiêu", "III. Nhiệm vụ", "IV. Tổ chức", "I. Phụ lục"]


def test_ocr_misread_roman_section_numbers():
    from nhiemvu.ingest.readers.ocr import roman_headings

    # I. read as '1.', II. as 'I' without its dot, III. as 'II.': the run up to the clean IV.
    texts = ["KẾ HOẠCH", "1. Quan điểm", "Bám sát …", "I Mục tiêu", "Phục hồi …", "II. Các nhiệm vụ",
             "1. Bảo đảm nguồn lực", "- Xây dựng …", "2. Bảo đảm an sinh", "5.1. Về giáo dục",
             "IV. Tổ chức thực hiện", "1. Thời gian", "2. Cơ chế"]
    want = list(texts)
    want[1], want[3], want[5] = "I. Quan điểm", "II. Mục tiêu", "III. Các nhiệm vụ"
    assert roman_headings(texts) == want
    # Letters Tesseract confuses with I, and a comma for the dot.
    assert roman_headings(["I. Mục đích", "Il. Nhiệm vụ", "lII, Tổ chức", "IV. Kinh phí"]) == [
        "I. Mục đích", "II. Nhiệm vụ", "III. Tổ chức", "IV. Kinh phí"]
    # '11.' between I. and III. is II., unless a '12.' follows it (then it is item 11).
    assert roman_headings(["I. A", "1. x", "2. y", "11. B", "1. z", "III. C"])[3] == "II. B"
    items = ["I. A", *[f"{n}. Việc {n}" for n in range(1, 13)], "III. C"]
    assert roman_headings(items) == items


def test_ocr_roman_fix_leaves_clean_and_plain_lists_alone():
    from nhiemvu.ingest.readers.ocr import roman_headings

    clean = ["I. A", "1. x", "II. B", "1. y", "2. z", "III. C", "1. Căn cứ", "I. Phụ lục"]
    assert roman_headings(clean) == clean
    plain = ["1. Mục đích", "Nội dung …", "2. Yêu cầu", "11. Việc khác", "12. Việc nữa"]
    assert roman_headings(plain) == plain
    # Without a clean section number to anchor it, nothing is guessed.
    assert roman_headings(["1. Quan điểm", "I Mục tiêu", "Il. Nhiệm vụ"]) == ["1. Quan điểm", "I Mục tiêu", "Il. Nhiệm vụ"]


def test_ocr_text_fixes():
    from nhiemvu.ingest.readers.ocr import fix_text

    assert fix_text("Quýl năm 2023") == "Quý I năm 2023"
    assert fix_text("Quý Inăm 2023") == "Quý I năm 2023"
    assert fix_text("Quý lI, Quý lV/2024") == "Quý II, Quý IV/2024"
    assert fix_text("Các QÐ công bố") == "Các QĐ công bố"  # Icelandic Ð read for Đ
    for same in ("Quý I/2023", "Quý 1 năm 2023", "Ông Nguyễn Quý Vũ", "x\tQuý IV năm 2023\t"):
        assert fix_text(same) == same


def test_repeated_header_matched_despite_ocr_slips():
    from nhiemvu.ingest.blocks import Cell, Row
    from nhiemvu.ingest.readers.pdf import _repeated_header

    head = ["Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    table = Table(rows=[Row(cells=[Cell(text=t) for t in head], line=1),
                        Row(cells=[Cell(text=t) for t in ["", "1", "Việc", "Sở A", "Sở B", "2025"]], line=2)])
    # A cell lost and another misread on the next page's header: still the header.
    slipped = [["Nhiệm vụ chung", "Nhiệm vụ cụ thê", "Sản phâm", "Cơ quan chủ trì", "", "Thời gian"]]
    assert _repeated_header(slipped, table, ocr=True) == 1
    assert _repeated_header(slipped, table) == 0  # a text layer repeats it letter for letter
    # A data row is never taken for one, however like the row under the header it is.
    assert _repeated_header([head, ["", "2", "Việc", "Sở A", "Sở B", "2026"]], table, ocr=True) == 1


def test_scan_column_rule_one_text_line_tall_is_found():
    """The last row on a page, under a section row spanning the table, has column rules
    only one text line tall: still rules (a letter's stroke is shorter)."""
    from PIL import Image, ImageDraw

    from nhiemvu.ingest.readers.ocr import image_edges

    dpi = 200
    scale = 72 / dpi
    img = Image.new("L", (1600, 1200), 255)
    draw = ImageDraw.Draw(img)
    px = round(16 / scale)  # a row 16 pt tall
    draw.line([(300, 500), (300, 500 + px)], fill=0, width=2)  # a column rule
    draw.line([(900, 500), (900, 500 + px // 2)], fill=0, width=2)  # a letter's stroke, 8 pt
    found = [e for e in image_edges(img, scale) if e["orientation"] == "v"]
    xs = {round(e["x0"] / scale) for e in found}
    assert any(abs(x - 300) <= 2 for x in xs) and not any(abs(x - 900) <= 2 for x in xs)
