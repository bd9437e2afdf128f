"""Pure geometry of the PDF/OCR readers: joining wrapped lines, paragraphs, column gaps."""

from __future__ import annotations

from nhiemvu.ingest.readers.pdf_layout import gap_rows, gap_tables, group_lines, join_wrapped, paragraphs


def test_join_wrapped_lines():
    assert join_wrapped(["Phòng Văn hoá", "và Thông tin"]) == "Phòng Văn hoá và Thông tin"
    assert join_wrapped(["dịch Covid-", "19"]) == "dịch Covid-19"  # a word broken at its hyphen
    assert join_wrapped(["kinh tế -", "xã hội"]) == "kinh tế - xã hội"  # a dash between words stays
    assert join_wrapped(["phát tri\u00ad", "ển"]) == "phát triển"  # soft hyphen
    assert join_wrapped(["Thườn", "g xuyên"]) == "Thường xuyên"  # a word too long for its cell
    assert join_wrapped(["trước ngày 10/5/20", "23"]) == "trước ngày 10/5/2023"
    assert join_wrapped(["UBND", "TP"]) == "UBND TP"


def _words(rows: list[list[tuple[float, str]]], top: float = 100, pitch: float = 15) -> list[dict]:
    out = []
    for i, row in enumerate(rows):
        for x, text in row:
            out.append({"text": text, "x0": x, "x1": x + 6 * len(text), "top": top + i * pitch,
                        "bottom": top + i * pitch + 10})
    return out


def test_paragraphs_from_lines():
    lines = group_lines(_words([
        [(50, "I."), (70, "MỤC"), (110, "ĐÍCH")],
        [(50, "1."), (70, "Giao"), (100, "Phòng"), (140, "Tư"), (160, "pháp"), (190, "chủ"), (220, "trì"), (240, "kiểm"), (400, "tra")],
        [(50, "văn"), (80, "bản.")],
        [(50, "2."), (70, "Việc"), (100, "hai.")],
    ]))
    got = [text for text, _bold, _g in paragraphs(lines)]
    assert got == ["I. MỤC ĐÍCH", "1. Giao Phòng Tư pháp chủ trì kiểm tra văn bản.", "2. Việc hai."]


def test_columns_without_rules_become_rows():
    lines = group_lines(_words([
        [(50, "STT"), (120, "Nhiệm"), (160, "vụ"), (320, "Chủ"), (350, "trì"), (450, "Thời"), (480, "gian")],
        [(50, "1"), (120, "Việc"), (150, "một"), (320, "Phòng"), (360, "Tư"), (380, "pháp"), (450, "Quý"), (475, "I")],
        [(120, "tiếp"), (150, "theo")],
        [(50, "2"), (120, "Việc"), (150, "hai"), (320, "Phòng"), (360, "Nội"), (385, "vụ"), (450, "Quý"), (475, "II")],
    ]))
    ((first, last, cols),) = gap_tables(lines)
    assert (first, last) == (0, 3)
    assert gap_rows(lines[first : last + 1], cols) == [
        ["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"],
        ["1", "Việc một tiếp theo", "Phòng Tư pháp", "Quý I"],
        ["2", "Việc hai", "Phòng Nội vụ", "Quý II"],
    ]


def test_unruled_row_cut_at_each_row_number():
    """One ruled row holding three written rows (no lines between them): cut above each
    number that starts a line level with the task beside it; a stray mark is no number."""
    from nhiemvu.ingest.readers.pdf_pdfium import split_unruled

    def word(x: float, y: float, text: str) -> dict:
        return {"text": text, "x0": x, "x1": x + 6 * len(text), "top": y, "bottom": y + 10}

    cells = [(0, 0, 30, 100), (30, 0, 300, 100)]
    numbers = [word(5, 5, "1"), word(5, 35, "2"), word(5, 65, "3")]
    tasks = [word(35, 5, "Việc"), word(35, 20, "dài"), word(35, 35, "Việc"), word(35, 65, "Việc")]

    def lines(ws):
        return group_lines(ws)

    parts = split_unruled(cells, [numbers, tasks], lines)
    assert [[w["text"] for w in p[1][1]] for p in parts] == [["Việc", "dài"], ["Việc"], ["Việc"]]
    assert [p[0][0][1] for p in parts] == [0, 34, 64]  # each row's cells start above its number
    stray = [word(5, 5, "1"), word(5, 35, "l")]  # a mark read as a letter
    assert len(split_unruled(cells, [stray, tasks], lines)) == 1
    backwards = [word(5, 5, "2"), word(5, 35, "1")]
    assert len(split_unruled(cells, [backwards, tasks], lines)) == 1
