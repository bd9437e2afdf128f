"""Reading, checking and writing directory files (pure: no database)."""

from __future__ import annotations

import pytest

from nhiemvu.directory import builtin
from nhiemvu.directory.io import DirectoryFileError, UnitRow, read_bytes, validate, write_csv, write_xlsx
from nhiemvu.directory.kinds import KIND_CODES

CSV = (
    "Tên đơn vị,Tên viết tắt,Loại,Trực thuộc,Tên gọi khác,Thư điện tử,Cần xác minh,Ghi chú\n"
    "Ủy ban nhân dân huyện Sông Lam,UBND huyện,ubnd,,,,,\n"
    "Phòng Nội vụ,P.NV,Phòng/Sở,,Phòng NV | Nội vụ,noivu@songlam.gov.vn,,\n"
    "UBND xã Lam Hạ,,UBND xã,Ủy ban nhân dân huyện Sông Lam,,,x,Chưa xác minh\n"
)


def test_reads_vietnamese_headers_labels_and_aliases():
    rows = read_bytes(CSV.encode("utf-8"), "songlam.csv")
    assert [r.name for r in rows] == ["Ủy ban nhân dân huyện Sông Lam", "Phòng Nội vụ", "UBND xã Lam Hạ"]
    assert rows[1].kind == "phong" and rows[2].kind == "ubnd_xa"
    assert rows[1].aliases == ["Phòng NV", "Nội vụ"]
    assert rows[2].uncertain and rows[2].parent == "Ủy ban nhân dân huyện Sông Lam"
    assert rows[2].line == 4


def test_reads_semicolon_csv_with_english_headers_and_bom():
    text = "name;kind;parent\nPhòng Tư pháp;phong;\n"
    rows = read_bytes(("\ufeff" + text).encode("utf-8"), "x.csv")
    assert rows[0].name == "Phòng Tư pháp"


def test_csv_and_xlsx_round_trip():
    rows = builtin.rows("vung-tau")
    for data, name in ((write_csv(rows), "out.csv"), (write_xlsx(rows), "out.xlsx")):
        again = read_bytes(data, name)
        assert [r.as_cells() for r in again] == [r.as_cells() for r in rows]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Tên,Loại\nPhòng A,hội đồng\n", "dòng 2: loại đơn vị"),
        ("Tên,Loại\n,phong\n", "dòng 2: thiếu tên"),
        ("Loại\nphong\n", "thiếu cột \"Tên đơn vị\""),
        ("Tên,Thư điện tử\nPhòng A,khong-phai-thu\n", "thư điện tử"),
        ("", "không có dòng nào"),
    ],
)
def test_row_errors_are_vietnamese_and_name_the_file(content: str, message: str):
    with pytest.raises(DirectoryFileError) as err:
        read_bytes(content.encode("utf-8"), "danh-ba.csv")
    assert "danh-ba.csv" in str(err.value)
    assert message in str(err.value)


def test_rejects_other_file_types():
    with pytest.raises(DirectoryFileError, match="chỉ nhận tệp .csv hoặc .xlsx"):
        read_bytes(b"x", "danh-ba.pdf")
    with pytest.raises(DirectoryFileError, match="bị hỏng"):
        read_bytes(b"not a zip", "danh-ba.xlsx")


def test_validate_duplicates_unknown_parent_and_alias_clash():
    rows = [
        UnitRow("Phòng Nội vụ", line=2),
        UnitRow("PHÒNG NỘI VỤ", line=3),  # same name, other case
        UnitRow("UBND xã Lam Hạ", kind="ubnd_xa", parent="UBND huyện Không Có", line=4),
        UnitRow("Phòng Tư pháp", short_name="P.NV", line=5),
        UnitRow("Phòng Dân tộc", aliases=["p.nv"], line=6),
    ]
    with pytest.raises(DirectoryFileError) as err:
        validate(rows, "x.csv")
    problems = err.value.problems
    assert any("dòng 3" in p and "trùng với dòng 2" in p for p in problems)
    assert any("dòng 4" in p and "không có trong tệp hay danh bạ" in p for p in problems)
    assert any("dòng 6" in p and "P.NV" in p.upper() for p in problems)


def test_validate_accepts_a_parent_already_in_the_directory():
    validate([UnitRow("UBND xã Lam Hạ", kind="ubnd_xa", parent="UBND huyện Sông Lam", line=2)], "x.csv",
             existing_names=["UBND huyện Sông Lam"])


def test_shipped_directories_are_valid():
    for j in builtin.jurisdictions():
        rows = builtin.rows(j.slug)
        validate(rows, j.units_file)
        assert {r.kind for r in rows} <= KIND_CODES
        assert any(r.kind in ("ubnd_phuong", "ubnd_xa") for r in rows)
