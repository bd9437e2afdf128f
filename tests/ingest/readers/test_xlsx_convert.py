"""Excel sheets (merged cells, header below a title, hidden rows/sheets/columns) and
files converted by LibreOffice (.doc, .odt, .rtf)."""

from __future__ import annotations

import io

import pytest

from nhiemvu.ingest.blocks import Paragraph, Table
from nhiemvu.ingest.read import read_bytes
from tests.fixtures import seed_docs
from tests.fixtures.small_docs import abstract, build, num, p, tbl, tc


def _workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục 1"
    ws.append(["KẾ HOẠCH NĂM 2023"])  # a title above the header
    ws.append([])
    ws.append(["STT", "Nội dung", "Chủ trì", "Ghi chú nội bộ", "Thời gian"])
    ws.append(["I", "Nhiệm vụ chung"])
    ws.merge_cells("B4:E4")
    ws["B4"].font = Font(bold=True)
    ws.append([1, "Việc một", "Phòng Tư pháp", "x", "Quý I/2023"])
    ws.append([2, "Việc hai", None, "y", "Quý II/2023"])
    ws.merge_cells("C5:C6")  # one lead agency over two rows
    ws.append([3, "Dòng đã ẩn", "Sở Ẩn", "", ""])
    ws.row_dimensions[7].hidden = True
    ws.column_dimensions["D"].hidden = True
    hidden = wb.create_sheet("Nháp")
    hidden.append(["STT", "Nội dung"])
    hidden.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_merges_hidden_and_title_rows():
    doc = read_bytes(_workbook(), "bang.xlsx")
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.sheet == "Phụ lục 1"
    texts = [r.texts for r in table.rows]
    assert texts[0] == ["KẾ HOẠCH NĂM 2023"]
    assert texts[1] == ["STT", "Nội dung", "Chủ trì", "Thời gian"]  # hidden column D dropped
    section = table.rows[2].cells
    assert section[1].text == "Nhiệm vụ chung" and section[1].bold and section[1].col_span == 3
    assert texts[3] == ["1", "Việc một", "Phòng Tư pháp", "Quý I/2023"]
    assert texts[4] == ["2", "Việc hai", "Phòng Tư pháp", "Quý II/2023"]
    assert table.rows[4].cells[2].merged_from_above
    assert "Dòng đã ẩn" not in doc.text() and "Nháp" not in doc.text()


def test_seed_tables_as_xlsx(seeds_dir):
    text = next(seeds_dir.glob("003_*.txt")).read_text(encoding="utf-8")
    doc = read_bytes(seed_docs.build_xlsx(text), "003.xlsx")
    assert "DÒNG ẨN" not in doc.text() and "TRANG ẨN" not in doc.text()
    (table,) = doc.blocks
    # The section cell merged down the first column applies to each of its rows.
    firsts = [r.cells[0] for r in table.rows if r.cells[0].merged_from_above]
    assert firsts and all(c.text.startswith(("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.")) for c in firsts)


needs_soffice = pytest.mark.skipif(not seed_docs.soffice(), reason="LibreOffice (soffice) is not installed")


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("target", ["doc", "odt", "rtf"])
def test_old_formats_are_converted(target):
    numbering = abstract(1, [("decimal", "%1.")]) + num(1, 1)
    body = p("KẾ HOẠCH", bold=True) + p("Giao Phòng Tư pháp chủ trì.", num=(1, 0)) + tbl(
        [[tc("STT"), tc("Nội dung")], [tc("1"), tc("Kiểm tra văn bản")]], 2
    )
    data = seed_docs.convert_with_soffice(build(body, numbering), ".docx", target)
    doc = read_bytes(data, f"cu.{target}")
    assert doc.kind == target
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[0].text == "KẾ HOẠCH"
    assert paras[1].label == "1." and paras[1].text == "Giao Phòng Tư pháp chủ trì."
    if target != "doc":  # LibreOffice 7.4 loses this small table when it writes .doc itself
        assert [b for b in doc.blocks if isinstance(b, Table)][0].rows[1].texts == ["1", "Kiểm tra văn bản"]
    assert "Kiểm tra văn bản" in doc.text()
