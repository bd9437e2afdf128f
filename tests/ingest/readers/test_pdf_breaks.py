"""Tables cut by page breaks, in PDFs LibreOffice makes from Word tables built here: merged
cells (vMerge) crossing one or two breaks, number cells merged over sub-rows or left empty,
a row the break splits, columns in other orders, numbers glued to the task text, and rows
laid out unlike the row above the break. Every row's values are known; the reader must
give each row its own values, merged cells copied into every row they cover, whatever
the page a row lands on (the tests check first that the breaks fall where intended)."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.blocks import Table
from nhiemvu.ingest.read import read_bytes
from tests.fixtures import seed_docs
from tests.ingest.readers.grid_docs import Grid, grid_docx, page_of

pytestmark = pytest.mark.skipif(not seed_docs.soffice(), reason="LibreOffice (soffice) is not installed")

ROWS_PER_PAGE = 12  # one-line rows 2 cm tall on A4 with a repeated header


def _task(i: int) -> str:
    return f"Nhiệm vụ số {i}: kiểm tra việc thực hiện kế hoạch"


def _three_pages() -> Grid:
    """A lead cell merged over a whole middle page, a dense timing column merged across a
    break, a sparse funding column (one merged cell running one row onto page 3)."""
    rows = []
    for i in range(1, 35):
        lead = "Sở Nội vụ" if i <= 3 else "Sở Tài chính" if i <= 27 else "Sở Xây dựng"
        due = "Quý II năm 2025" if 10 <= i <= 15 else f"Tháng {i % 12 + 1}/2026"
        funding = "Ngân sách tỉnh" if i in (2, 5, 12) else "Nguồn xã hội hóa" if 23 <= i <= 25 else ""
        rows.append([str(i), _task(i), lead, due, funding])
    return Grid(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Kinh phí"], rows,
                [1.2, 6.5, 3.5, 3, 2.8], merge={2, 3, 4})


def _number_cells() -> Grid:
    """Number 11 merged over four sub-rows across the first break; rows with no number
    (their own empty cell) at the top of page 3, under a numbered row."""
    rows = [[str(i), _task(i), "Phòng Tư pháp", f"Tháng {i}/2026"] for i in range(1, 11)]
    rows += [["11", f"{c}) Việc con {c} của nhiệm vụ 11", f"Phòng {name}", "Quý I năm 2026"]
             for c, name in zip("abcd", ["Nội vụ", "Tài chính", "Y tế", "Giáo dục"], strict=True)]
    rows += [[str(i), _task(i), "Phòng Tư pháp", "Năm 2026"] for i in range(12, 22)]
    rows += [["", f"- Việc thêm {n}: rà soát văn bản", "Phòng Văn hóa", "Năm 2027"] for n in (1, 2, 3)]
    return Grid(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], rows, [1.2, 8, 4, 3.8], merge={0})


LONG = " ".join(f"nội dung chi tiết thứ {n} của nhiệm vụ cần thực hiện" for n in range(1, 30))


def _split_row() -> Grid:
    """Row 11 runs over the break (its cells cut in two), beside a lead cell merged from
    row 9 to row 14."""
    rows = []
    for i in range(1, 21):
        text = f"Nhiệm vụ số 11: {LONG}" if i == 11 else _task(i)
        rows.append([str(i), text, "Sở Tư pháp" if 9 <= i <= 14 else f"Sở ngành {i}", "Năm 2026"])
    return Grid(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], rows, [1.2, 8, 4, 3.8],
                merge={2}, can_split={10})


def _other_order() -> Grid:
    """No number column (the number typed in the task text), timing before the agencies,
    notes last. The lead merged over rows 11-12 (the first of them the last row of page 1)
    and over rows 20-28 (across the second break); the support column filled on page 1 but
    empty in two rows of page 2, one the first."""
    rows = []
    for i in range(1, 31):
        lead = "Sở Công Thương" if i in (11, 12) else "Sở Giao thông vận tải" if 20 <= i <= 28 else f"Sở ngành {i}"
        support = "" if i in (12, 17) else f"UBND huyện {i}"
        notes = "Trọng tâm" if i in (3, 11, 26) else ""
        rows.append([f"{i}. Tổ chức thực hiện việc số {i}: rà soát", "Năm 2026", lead, support, notes])
    return Grid(["Nội dung công việc", "Thời gian hoàn thành", "Đơn vị chủ trì", "Đơn vị phối hợp", "Ghi chú"],
                rows, [6, 2.8, 3.4, 3, 1.8], merge={2})


def _shifted() -> Grid:
    """Page 1 rows have their number in its own cell; from page 2 the number is glued to
    the task text, so every later cell sits one column left. The timing cell merged over
    rows 11-12 (page 1's foot) must not run into row 13's funding cell below it."""
    rows = []
    for i in range(1, 13):
        due = "Thường xuyên" if i >= 11 else f"Tháng {i}/2026"
        rows.append(["A. Nhóm một", str(i), _task(i), "Sở Nội vụ", due, "Ngân sách" if i == 4 else ""])
    for i in range(13, 25):
        funding = "Ngân sách" if i in (16, 20) else ""
        rows.append(["A. Nhóm một", f"{i} {_task(i)}", "Sở Tài chính", f"Quý {i % 4 + 1}/2026", funding, ""])
    return Grid(["Nhóm", "STT", "Nội dung", "Chủ trì", "Thời hạn", "Kinh phí"], rows,
                [2.2, 3.2, 4.4, 2.8, 2.4, 2], merge={0, 3, 4})


def _two_row_header() -> Grid:
    """A header in two rows ('Thời gian thực hiện' over 'Bắt đầu | Hoàn thành', the other
    titles merged down), repeated on every page, over a lead cell merged across both breaks."""
    rows = [[str(i), _task(i), "Sở Tài chính" if 5 <= i <= 30 else "Sở Nội vụ", f"Tháng {i % 12 + 1}/2025",
             f"Tháng {i % 12 + 1}/2026"] for i in range(1, 33)]
    return Grid(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Bắt đầu", "Hoàn thành"], rows,
                [1.2, 6.5, 3.5, 2.9, 2.9], merge={2},
                group_header=[("STT", 1), ("Nội dung nhiệm vụ", 1), ("Cơ quan chủ trì", 1), ("Thời gian thực hiện", 2)])


def _no_row_rules() -> Grid:
    """Only column rules (no line between rows), tasks wrapping over two lines, over two
    pages."""
    rows = [[str(i), f"{_task(i)} và báo cáo kết quả về Ủy ban nhân dân tỉnh", f"Sở ngành {i}", f"Quý {i % 4 + 1}/2026"]
            for i in range(1, 31)]
    return Grid(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"], rows, [1.2, 8, 4, 3.8],
                row_height=1.0, row_rules=False)


GRIDS = {"no_row_rules": _no_row_rules, "two_row_header": _two_row_header, "three_pages": _three_pages, "number_cells": _number_cells, "split_row": _split_row,
         "other_order": _other_order, "shifted": _shifted}


@pytest.fixture(scope="module")
def pdfs() -> dict[str, tuple[Grid, bytes]]:
    grids = {name: make() for name, make in GRIDS.items()}
    out = seed_docs.convert_many_with_soffice({n: grid_docx(g) for n, g in grids.items()}, ".docx", "pdf")
    return {n: (grids[n], out[n]) for n in grids}


def _pages(pdf: bytes, grid: Grid, marker) -> dict[int, int]:
    """Page of each row (by 1-based position), found from a text unique to it."""
    found = page_of(pdf, [marker(i, row) for i, row in enumerate(grid.rows, 1)])
    return {i: found[marker(i, row)] for i, row in enumerate(grid.rows, 1) if marker(i, row) in found}


def _table(pdf: bytes, name: str) -> Table:
    doc = read_bytes(pdf, f"{name}.pdf")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1, [len(t.rows) for t in tables]
    return tables[0]


def _check(table: Table, grid: Grid) -> None:
    head = grid.header_rows()
    # The header repeated on later pages is dropped.
    assert [r.texts for r in table.rows[:len(head)]] == head
    got = [r.texts for r in table.rows[len(head):]]
    assert len(got) == len(grid.rows), [g[:2] for g in got]
    for i, (have, want) in enumerate(zip(got, grid.rows, strict=True), 1):
        assert have == want, f"row {i}"


def test_merged_cells_over_three_pages(pdfs):
    grid, pdf = pdfs["three_pages"]
    pages = _pages(pdf, grid, lambda i, r: f"số {i}:")
    assert (pages[12], pages[13], pages[24], pages[25]) == (0, 1, 1, 2), pages
    _check(_table(pdf, "three_pages"), grid)


def test_number_cell_merged_over_sub_rows_or_empty(pdfs):
    grid, pdf = pdfs["number_cells"]
    pages = _pages(pdf, grid, lambda i, r: r[1])
    assert pages[12] == 0 and pages[13] == 1, pages  # sub-rows b) | c) across the break
    assert pages[24] == 1 and pages[25] == 2, pages  # numbered row 21 | unnumbered row
    _check(_table(pdf, "number_cells"), grid)


def test_row_split_by_the_break_is_one_row(pdfs):
    grid, pdf = pdfs["split_row"]
    found = page_of(pdf, ["thứ 1 của", "thứ 29 của", _task(10), _task(12)])
    assert found["thứ 1 của"] < found["thứ 29 của"], found  # row 11 really is cut in two
    _check(_table(pdf, "split_row"), grid)


def test_other_column_order_with_numbers_in_the_text(pdfs):
    grid, pdf = pdfs["other_order"]
    pages = _pages(pdf, grid, lambda i, r: f"việc số {i}:")
    assert (pages[11], pages[12]) == (0, 1) and pages[20] < pages[28], pages
    _check(_table(pdf, "other_order"), grid)


def test_rows_shifted_after_the_break_do_not_take_cells_from_above(pdfs):
    grid, pdf = pdfs["shifted"]
    pages = _pages(pdf, grid, lambda i, r: f"số {i}:")
    assert (pages[12], pages[13]) == (0, 1), pages
    _check(_table(pdf, "shifted"), grid)


def test_header_in_two_rows_repeated_on_every_page(pdfs):
    grid, pdf = pdfs["two_row_header"]
    pages = _pages(pdf, grid, lambda i, r: f"số {i}:")
    assert pages[5] == 0 and pages[30] == 2, pages
    _check(_table(pdf, "two_row_header"), grid)


def test_table_without_lines_between_rows(pdfs):
    grid, pdf = pdfs["no_row_rules"]
    pages = _pages(pdf, grid, lambda i, r: f"số {i}:")
    assert pages[1] == 0 and pages[30] == 1, pages
    _check(_table(pdf, "no_row_rules"), grid)
