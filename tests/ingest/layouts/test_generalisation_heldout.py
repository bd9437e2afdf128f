"""Failure types found on a held-out set of real documents, each shown on a small document
written for the purpose (in a form different from any corpus document): crawl metadata
tables, news articles quoting assignments, detail bullets among field lines, loose timing
labels, agency headings of ministries, lead-in addressees, sub-bullets, wrapped issuers."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text


def extract(text: str, name: str = "vb.md") -> dict:
    return extract_document(read_text(text.encode("utf-8"), name))


def tasks(text: str, name: str = "vb.md") -> list[dict]:
    return extract(text, name)["tasks"]


# --- 1a. number and kind only in a crawl's metadata table ----------------------------------

_ITEMS = (
    "Điều 2. Tổ chức thực hiện\n"
    "1. Sở Giáo dục và Đào tạo chủ trì rà soát mạng lưới trường học, hoàn thành trong quý I/2026.\n"
    "2. Sở Tài chính chủ trì bố trí kinh phí sửa chữa phòng học xuống cấp.\n"
    "3. Ủy ban nhân dân các phường chủ trì vận động học sinh ra lớp đúng độ tuổi.\n"
)


def test_metadata_table_in_cells_makes_a_directive() -> None:
    text = (
        "| Số hiệu: | 45/QĐ-UBND | Loại văn bản: | Quyết định |\n"
        "|---|---|---|---|\n"
        "| Nơi ban hành: | Tỉnh Kon Tum | Ngày ban hành: | 02/03/2026 |\n\n"
        + "Nội dung văn bản đang được cập nhật.\n" * 3 + "\n" + _ITEMS
    )
    got = tasks(text)
    assert [t["lead"] for t in got] == [["Sở Giáo dục và Đào tạo"], ["Sở Tài chính"], ["Ủy ban nhân dân các phường"]]


def test_metadata_labels_on_lines_of_their_own_make_a_directive() -> None:
    text = "**Loại văn bản:**\n|\nKế hoạch\n|\n**Người ký:**\n|\nTrần Văn B\n\n" + _ITEMS
    assert len(tasks(text)) == 3


def test_metadata_kind_of_a_circular_is_not_a_directive() -> None:
    from nhiemvu.ingest.extract import looks_directive

    def directive(text: str) -> bool:
        return looks_directive(read_text(text.encode("utf-8"), "vb.md"))

    assert not directive("**Loại văn bản:**\n|\nThông tư\n|\n\nNội dung.\n")
    assert directive("**Loại văn bản:**\n|\nChỉ thị\n|\n\nNội dung.\n")
    assert directive("| Số hiệu: | 12/2026/CT-UBND |\n|---|---|\n\nNội dung.\n")
    assert not directive("| Số hiệu: | đang cập nhật |\n|---|---|\n\nNội dung.\n")


# --- 1b / 4. a news article quoting items with field lines; detail bullets ------------------

NEWS = (
    "# Tỉnh tổ chức chuỗi sự kiện chào mừng ngày hội văn hóa\n\n"
    "Ngày 3/3/2026, Ủy ban nhân dân tỉnh đã ban hành kế hoạch tổ chức các hoạt động, cụ thể như sau:\n\n"
    "1. Hội chợ sản phẩm nông nghiệp tiêu biểu:\n\n"
    "- Địa điểm: Quảng trường trung tâm tỉnh.\n\n"
    "- Thời gian: Từ ngày 10/4/2026 đến ngày 12/4/2026.\n\n"
    "- Thành phần: Các hợp tác xã, doanh nghiệp nông nghiệp.\n\n"
    "- Cơ quan chủ trì: Sở Công Thương.\n\n"
    "- Cơ quan phối hợp: Sở Nông nghiệp và Môi trường, Công an tỉnh.\n\n"
    "2. Giải chạy việt dã truyền thống:\n\n"
    "- Địa điểm: Đường ven hồ trung tâm.\n\n"
    "- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.\n\n"
    "- Thời gian: Sáng ngày 13/4/2026.\n\n"
    "[...]\n\n"
    "Theo đó, đây là năm thứ năm tỉnh tổ chức ngày hội với quy mô lớn.\n\n"
    "- Thời gian di chuyển: khoảng 2 giờ từ thành phố.\n\n"
    "- Tổng kinh phí dự kiến: 3 tỷ đồng.\n"
)


def test_news_article_quoting_items_with_field_lines_gives_them() -> None:
    got = tasks(NEWS)
    assert [t["lead"] for t in got] == [["Sở Công Thương"], ["Sở Văn hóa, Thể thao và Du lịch"]]
    assert got[0]["support"] == ["Sở Nông nghiệp và Môi trường", "Công an tỉnh"]
    assert got[0]["due_text"] == "Từ ngày 10/4/2026 đến ngày 12/4/2026"
    assert "Địa điểm: Quảng trường" in got[0]["content"]
    # the article after "[...]" is not part of the last item
    assert got[1]["due_text"] == "Sáng ngày 13/4/2026"
    assert "năm thứ năm" not in got[1]["content"]


def test_news_article_without_assignments_is_refused() -> None:
    text = NEWS.split("1. Hội chợ")[0] + "Người dân hào hứng chờ đón các hoạt động.\n"
    with pytest.raises(NoTasks):
        tasks(text)


# --- 8. timing labels ----------------------------------------------------------------------


def test_time_to_settle_a_procedure_is_not_a_deadline() -> None:
    from nhiemvu.ingest.layouts.responsibility import parse_line

    assert parse_line("- Thời gian giải quyết thủ tục hành chính: 30 ngày làm việc") is None
    assert parse_line("Thời gian di chuyển: 2 giờ") is None
    assert parse_line("- Thời gian thực hiện: Quý III/2026") == ("due_text", "Quý III/2026")
    assert parse_line("Thời gian: tháng 5/2026") == ("due_text", "tháng 5/2026")
    assert parse_line("+ Tiến độ hoàn thành: trước 30/6/2026") == ("due_text", "trước 30/6/2026")
    assert parse_line("Thời hạn hoàn thành: năm 2026") == ("due_text", "năm 2026")
