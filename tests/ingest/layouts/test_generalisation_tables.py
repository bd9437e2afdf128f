"""Assignment tables in the shapes web crawls leave them in, on small documents written
for the purpose (not copied from the corpus): Markdown pipe rows cut at the line breaks
inside cells, STT cells left empty, headers sharing a row with the text above them, rows
elided with dots, several "who" columns, helpers named in brackets."""

from __future__ import annotations

from nhiemvu.ingest.blocks import Table
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text

HEAD = "UỶ BAN NHÂN DÂN TỈNH BẠC LIÊU\nSố: 41/KH-UBND\nKẾ HOẠCH\nTriển khai chương trình năm 2026\n\n"


def tasks(text: str, name: str = "kh.md") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


def brief(t: dict) -> tuple:
    return (t["ref"], t["content"], t["lead"], t["support"], t["due_text"])


# --- a pipe table broken over lines by a crawl -------------------------------------------

BROKEN_PIPES = HEAD + (
    "| STT | Nội dung công việc | Đơn vị thực hiện | Đơn vị phối hợp | Thời hạn | |\n"
    "|\n"
    "| A. Công tác chỉ đạo |\n"
    "| ||||\n"
    "| | Ban hành quy chế phối hợp | Sở Nội vụ\n"
    "| Các sở, ngành | Quý I/2026 | |\n"
    "| Kiểm tra việc thực hiện quy chế tại\n"
    "các xã | Thanh tra tỉnh |\n"
    "Sở Nội vụ\n"
    "| Tháng 10/2026 | ||\n"
    "| B. Công tác tuyên truyền | ||||\n"
    "| | Tổ chức hội nghị quán triệt | Sở Văn hóa, Thể thao và Du lịch | Báo Bạc Liêu | Năm 2026 | ||\n"
    "\n"
    "Nơi nhận: như trên.\n"
)


def test_reader_rebuilds_rows_of_a_pipe_table_broken_over_lines() -> None:
    doc = read_text(BROKEN_PIPES.encode(), "kh.md")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    texts = [[c for c in r.texts if c] for r in table.rows]
    assert texts == [
        ["STT", "Nội dung công việc", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời hạn"],
        ["A. Công tác chỉ đạo"],
        ["Ban hành quy chế phối hợp", "Sở Nội vụ", "Các sở, ngành", "Quý I/2026"],
        ["Kiểm tra việc thực hiện quy chế tại các xã", "Thanh tra tỉnh", "Sở Nội vụ", "Tháng 10/2026"],
        ["B. Công tác tuyên truyền"],
        ["Tổ chức hội nghị quán triệt", "Sở Văn hóa, Thể thao và Du lịch", "Báo Bạc Liêu", "Năm 2026"],
    ]
    # Each rebuilt row points at the lines it came from.
    assert (table.rows[3].line, table.rows[3].last_line) == (12, 15)


def test_broken_pipe_table_gives_one_task_per_row_numbered_in_its_group() -> None:
    got = tasks(BROKEN_PIPES)
    assert [brief(t) for t in got] == [
        ("A.1", "Ban hành quy chế phối hợp", ["Sở Nội vụ"], ["Các sở, ngành"], "Quý I/2026"),
        ("A.2", "Kiểm tra việc thực hiện quy chế tại các xã", ["Thanh tra tỉnh"], ["Sở Nội vụ"], "Tháng 10/2026"),
        ("B.1", "Tổ chức hội nghị quán triệt", ["Sở Văn hóa, Thể thao và Du lịch"], ["Báo Bạc Liêu"], "Năm 2026"),
    ]
    assert got[0]["section"] == "Công tác chỉ đạo"


def test_a_well_formed_pipe_table_is_read_line_by_line() -> None:
    text = HEAD + (
        "| STT | Nội dung | Chủ trì |\n"
        "|---|---|---|\n"
        "| 1 | Việc A | Sở X |\n"
        "| 2 | Việc B | Sở Y |\n"
    )
    doc = read_text(text.encode(), "kh.md")
    [table] = [b for b in doc.blocks if isinstance(b, Table)]
    assert [r.line for r in table.rows] == [6, 8, 9]


# --- several "who" columns; helpers in brackets; footnote marks --------------------------


def test_drafting_agency_leads_over_the_submitting_one_and_bracketed_helpers_support() -> None:
    text = HEAD + (
        "TT\tTên dự thảo\tCơ quan trình\tCơ quan chủ trì soạn thảo\tThời gian trình\n"
        "1\tQuyết định quy định giá dịch vụ\tUBND tỉnh\tSở Tài chính (Sở Y tế cùng phối hợp xây dựng)\tTháng 3/2026\n"
        "2\tNghị quyết về học phí\tUBND tỉnh\tSở Giáo dục và Đào tạo [2]\tTháng 6/2026\n"
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("1", "Quyết định quy định giá dịch vụ", ["Sở Tài chính"], ["Sở Y tế"], "Tháng 3/2026"),
        ("2", "Nghị quyết về học phí", ["Sở Giáo dục và Đào tạo"], [], "Tháng 6/2026"),
    ]
