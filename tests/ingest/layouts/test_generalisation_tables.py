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


# --- a table copied one cell per line ("|" between cells) --------------------------------


def vertical(*rows: list[str]) -> str:
    """A web table as such crawls write it: each cell between lines holding only "|", two
    bars in a row closing a row."""
    out = []
    for cells in rows:
        for cell in cells:
            out += ["|", cell]
        out.append("|")
    return "\n".join(out) + "\n|\n"


def test_header_in_one_row_with_the_signature_and_appendix_title_above_it() -> None:
    text = HEAD + "Nội dung kế hoạch.\n" + vertical(
        ["Nơi nhận:\n- Như trên;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "PHỤ LỤC\nDANH MỤC NHIỆM VỤ NĂM 2026",
         "**STT**", "**Nhiệm vụ**", "**Đơn vị chủ trì**", "**Thời gian hoàn thành**", "**Sản phẩm**"],
        ["**A**", "**CÔNG TÁC CHUẨN BỊ**"],
        ["1", "Xây dựng kế hoạch chi tiết", "Sở Tài chính", "Tháng 01/2026", "Kế hoạch"],
    )
    got = tasks(text)
    assert [brief(t) + (t["product"],) for t in got] == [
        ("A.1", "Xây dựng kế hoạch chi tiết", ["Sở Tài chính"], [], "Tháng 01/2026", "Kế hoạch"),
    ]
    assert got[0]["section"] == "CÔNG TÁC CHUẨN BỊ"


def test_a_row_of_dots_marks_elided_rows_and_splits_the_row_it_is_glued_to() -> None:
    table = vertical(
        ["**TT**", "**Nội dung**", "**Cơ quan chủ trì**", "**Thời hạn**"],
        ["**I**", "**TUYÊN TRUYỀN**"],
        ["1", "In tờ rơi", "Sở Y tế", "Quý I/2026"],
    ).rstrip("|\n") + "\n|\n. . . . . . . . .\n|\n2\n|\nKiểm tra cơ sở\n|\nThanh tra tỉnh\n|\nQuý II/2026\n|\n|\n"
    got = tasks(HEAD + table)
    assert [brief(t) for t in got] == [
        ("I.1", "In tờ rơi", ["Sở Y tế"], [], "Quý I/2026"),
        ("?.2", "Kiểm tra cơ sở", ["Thanh tra tỉnh"], [], "Quý II/2026"),
    ]
    assert got[1]["section"] is None  # the group of the rows after the gap is unknown


def test_repeated_header_glued_to_the_last_row_starts_a_numbered_part() -> None:
    header = ["**STT**", "**Nhiệm vụ**", "**Văn bản giao nhiệm vụ**", "**Cơ quan được giao**", "**Thời hạn**",
              "**Tiến độ**"]
    text = HEAD + vertical(
        header,
        ["1.", "Rà soát văn bản", "Kế hoạch 12/KH-UBND", "Sở Tư pháp", "30/6/2026", "Đang thực hiện",
         "2. Nhiệm vụ về chuyển đổi số", *header],
        ["1.", "Số hóa hồ sơ", "Kế hoạch 20/KH-UBND", "Sở Nội vụ", "31/8/2026", "Chưa thực hiện"],
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("1", "Rà soát văn bản", ["Sở Tư pháp"], [], "30/6/2026"),
        ("2.1", "Số hóa hồ sơ", ["Sở Nội vụ"], [], "31/8/2026"),
    ]
    assert got[1]["section"] == "Nhiệm vụ về chuyển đổi số"


def test_what_follows_the_table_in_a_crawl_is_not_glued_to_its_last_row() -> None:
    text = HEAD + vertical(
        ["**TT**", "**Nội dung**", "**Chủ trì**", "**Thời gian**"],
        ["1", "Tổng kết chương trình", "Sở Nội vụ", "Tháng 12/2026"],
        ["**Địa chỉ:**", "12 Lê Lợi", "**Điện thoại:**", "0290 123", "**Email:**", "[email protected]"],
        ["Bản quyền thuộc về trang web, mọi sao chép phải ghi nguồn"],
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [("1", "Tổng kết chương trình", ["Sở Nội vụ"], [], "Tháng 12/2026")]


def test_steps_of_an_administrative_procedure_stay_out_even_with_the_header_glued() -> None:
    text = HEAD + vertical(
        ["Nơi nhận:\n- Như trên.", "QUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC", "**Thứ tự công việc**",
         "**Nội dung công việc**", "**Trách nhiệm thực hiện**", "**Thời gian thực hiện**"],
        ["Bước 1", "Tiếp nhận hồ sơ", "Bộ phận một cửa", "0,5 ngày"],
        ["Bước 2", "Thẩm định hồ sơ", "Phòng Kinh tế", "3 ngày"],
    )
    assert not [t for t in _tasks_or_none(text) if t["source"]["layout"] == "table"]


def _tasks_or_none(text: str) -> list[dict]:
    from nhiemvu.ingest.errors import NoTasks

    try:
        return tasks(text)
    except NoTasks:
        return []


def test_an_empty_cell_in_the_middle_of_a_row_does_not_cut_the_row() -> None:
    # The empty "phối hợp" cell is written as two bars, the same as the end of a row.
    text = HEAD + vertical(
        ["**TT**", "**Nội dung**", "**Chủ trì**", "**Phối hợp**", "**Thời gian**", "**Sản phẩm**"],
        ["1", "Khảo sát nhu cầu", "Sở Công Thương"],
        ["Quý II/2026", "Báo cáo"],
        ["2", "Tổ chức hội chợ", "Sở Công Thương", "UBND các xã", "Tháng 9/2026", "Hội chợ"],
    )
    got = tasks(text)
    assert [brief(t) + (t["product"],) for t in got] == [
        ("1", "Khảo sát nhu cầu", ["Sở Công Thương"], [], "Quý II/2026", "Báo cáo"),
        ("2", "Tổ chức hội chợ", ["Sở Công Thương"], ["UBND các xã"], "Tháng 9/2026", "Hội chợ"),
    ]


def test_two_row_header_with_only_the_parts_of_the_spanning_column_on_the_second_row() -> None:
    text = HEAD + vertical(
        ["**TT**", "**Nội dung công việc**", "**Cơ quan thực hiện**", "**Thời gian hoàn thành**"],
        ["**Chủ trì**", "**Phối hợp**"],
        ["1", "Khảo sát nhu cầu", "Sở Công Thương", "Sở Tài chính", "Quý II/2026"],
        ["2", "Tổ chức hội chợ", "UBND các xã", "Sở Công Thương", "Tháng 9/2026"],
    )
    assert [brief(t) for t in tasks(text)] == [
        ("1", "Khảo sát nhu cầu", ["Sở Công Thương"], ["Sở Tài chính"], "Quý II/2026"),
        ("2", "Tổ chức hội chợ", ["UBND các xã"], ["Sở Công Thương"], "Tháng 9/2026"),
    ]


def test_broken_pipe_table_whose_header_is_cut_over_lines_too() -> None:
    text = HEAD + (
        "| TT | Nhiệm vụ | Đơn vị chủ\n"
        "trì | Thời gian thực\n"
        "hiện | |\n"
        "| 1 | Rà soát quy hoạch\n"
        "| Sở Xây dựng | Năm 2026 | |\n"
        "| 2 | Cập nhật cơ sở dữ liệu | Sở Nông nghiệp và Môi trường\n"
        "| Quý IV/2026 | |\n"
    )
    assert [brief(t) for t in tasks(text)] == [
        ("1", "Rà soát quy hoạch", ["Sở Xây dựng"], [], "Năm 2026"),
        ("2", "Cập nhật cơ sở dữ liệu", ["Sở Nông nghiệp và Môi trường"], [], "Quý IV/2026"),
    ]


def test_column_names_only_tables_use() -> None:
    text = HEAD + (
        "| STT | Tên nhiệm vụ | Đơn vị đầu mối | Năm hoàn thành | Dự kiến kinh phí (triệu đồng) "
        "| Lãnh đạo UBND tỉnh phụ trách |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | 2027 | 1.500 | Phó Chủ tịch UBND tỉnh |\n"
    )
    [t] = tasks(text)
    assert brief(t) == ("1", "Xây dựng kho dữ liệu dùng chung", ["Sở Khoa học và Công nghệ"], [], "2027")
    assert (t["start"], t["due"], t["funding"], t["directed_by"]) == (
        "2027-01-01", "2027-12-31", "1.500", "Phó Chủ tịch UBND tỉnh")


def test_a_list_naming_the_groups_of_the_appendix_table_is_not_a_list_of_tasks() -> None:
    text = HEAD + (
        "**II. NỘI DUNG**\n"
        "1. Hoàn thiện thể chế về chuyển đổi số.\n"
        "2. Phát triển hạ tầng số dùng chung.\n"
        "3. Đào tạo nhân lực số (chi tiết tại Phụ lục).\n"
        "\n"
        "| TT | Nội dung | Chủ trì | Thời hạn |\n"
        "|---|---|---|---|\n"
        "| **A** | **HOÀN THIỆN THỂ CHẾ VỀ CHUYỂN ĐỔI SỐ** | | |\n"
        "| 1 | Ban hành quy chế quản lý dữ liệu | Sở Khoa học và Công nghệ | Quý I/2026 |\n"
        "| **B** | **ĐÀO TẠO NHÂN LỰC SỐ** | | |\n"
        "| 1 | Mở lớp bồi dưỡng kỹ năng số | Sở Nội vụ | Năm 2026 |\n"
    )
    assert [brief(t) for t in tasks(text)] == [
        ("A.1", "Ban hành quy chế quản lý dữ liệu", ["Sở Khoa học và Công nghệ"], [], "Quý I/2026"),
        ("B.1", "Mở lớp bồi dưỡng kỹ năng số", ["Sở Nội vụ"], [], "Năm 2026"),
    ]


def test_a_list_of_its_own_beside_the_table_stays() -> None:
    text = HEAD + (
        "**III. GIẢI PHÁP**\n"
        "1. Tăng cường kiểm tra việc thực hiện.\n"
        "2. Bố trí đủ kinh phí cho các nhiệm vụ.\n"
        "\n"
        "| TT | Nội dung | Chủ trì | Thời hạn |\n"
        "|---|---|---|---|\n"
        "| **A** | **HOÀN THIỆN THỂ CHẾ** | | |\n"
        "| 1 | Ban hành quy chế quản lý dữ liệu | Sở Khoa học và Công nghệ | Quý I/2026 |\n"
        "| **B** | **ĐÀO TẠO NHÂN LỰC SỐ** | | |\n"
        "| 1 | Mở lớp bồi dưỡng kỹ năng số | Sở Nội vụ | Năm 2026 |\n"
    )
    assert [t["ref"] for t in tasks(text)] == ["III.1", "III.2", "A.1", "B.1"]


def test_numbered_pipe_rows_cut_inside_cells_and_a_row_numbering_the_columns() -> None:
    text = HEAD + (
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm | |\n"
        "| (1) | (2) | (3) | (4) | (5) | (6) | |\n"
        "| **I** | **NHÓM NHIỆM VỤ CẢI CÁCH** | | | | | |\n"
        "| 1 | Rà soát thủ tục hành chính\n"
        "thuộc thẩm quyền | Văn phòng UBND tỉnh | Các sở,\n"
        "ngành | Quý I/2026 | Báo cáo | |\n"
        "| 2 | Số hóa hồ sơ | Sở Nội vụ\n"
        "| | Năm 2026 | | |\n"
        "| **II** | **NHÓM NHIỆM VỤ KHÁC** | | | | | |\n"
        "| 1 | Tổng kết | Sở Nội vụ | | Tháng 12/2026 | Báo cáo tổng kết | |\n"
    )
    got = tasks(text)
    assert [brief(t) + (t["product"],) for t in got] == [
        ("I.1", "Rà soát thủ tục hành chính thuộc thẩm quyền", ["Văn phòng UBND tỉnh"], ["Các sở, ngành"],
         "Quý I/2026", "Báo cáo"),
        ("I.2", "Số hóa hồ sơ", ["Sở Nội vụ"], [], "Năm 2026", None),
        ("II.1", "Tổng kết", ["Sở Nội vụ"], [], "Tháng 12/2026", "Báo cáo tổng kết"),
    ]
    assert got[0]["section"] == "NHÓM NHIỆM VỤ CẢI CÁCH"


def test_a_totals_row_and_a_new_tables_first_rows_are_not_glued_to_a_task_above() -> None:
    text = HEAD + (
        "| STT | Nội dung | Chủ trì | Thời gian | Kinh phí (triệu đồng) |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Mua sắm thiết bị | Sở Tài chính | Quý II/2026 | 500 |\n"
        "| | **Tổng cộng** | | | 500 |\n"
        "\n"
        "Biểu 2\n"
        "\n"
        "| STT | Nội dung | Đơn vị thực hiện | Thời hạn |\n"
        "|---|---|---|---|\n"
        "| | Ghi nhận kết quả các năm trước | | |\n"
        "| 1 | Đánh giá kết quả | Sở Nội vụ | Tháng 11/2026 |\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["content"], t["funding"]) for t in got] == [
        ("1", "Mua sắm thiết bị", "500"), ("1", "Đánh giá kết quả", None),
    ]


def test_one_who_cell_written_in_the_ways_tables_write_it() -> None:
    cells = [
        "Sở Y tế chủ trì, phối hợp với Sở Tài chính",
        "Sở Y tế; phối hợp: Sở Tài chính",
        "Sở Y tế (chủ trì), Sở Tài chính",
        "Sở Y tế (phối hợp: Sở Tài chính)",
        "Chủ trì: Sở Y tế. Phối hợp: Sở Tài chính",
        "Cơ quan chủ trì: Sở Y tế; Cơ quan phối hợp: Sở Tài chính",
    ]
    rows = "".join(f"| {i} | Việc số {i} | {c} | Quý I/2026 |\n" for i, c in enumerate(cells, start=1))
    text = HEAD + "| STT | Nội dung | Cơ quan thực hiện | Thời gian |\n|---|---|---|---|\n" + rows
    assert [(t["lead"], t["support"]) for t in tasks(text)] == [(["Sở Y tế"], ["Sở Tài chính"])] * len(cells)


def test_agencies_one_per_bullet_in_a_cell() -> None:
    text = HEAD + vertical(
        ["**TT**", "**Nội dung**", "**Chủ trì**", "**Phối hợp**", "**Thời gian**"],
        ["1", "Kiểm tra an toàn thực phẩm", "- Sở Y tế;\n- Công an tỉnh", "- UBND các xã;\n- Sở Công Thương",
         "Quý III/2026"],
    )
    [t] = tasks(text)
    assert (t["lead"], t["support"]) == (["Sở Y tế", "Công an tỉnh"], ["UBND các xã", "Sở Công Thương"])
