"""Numbering labels."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.layouts.numbering import is_roman, label_from_word, split_label
from nhiemvu.ingest.layouts.responsibility import field_of, parse_line
from nhiemvu.ingest.layouts.sections import ASSIGNMENT, IMPLEMENTATION, NONE, TASKS, classify


@pytest.mark.parametrize(
    ("text", "style", "label", "rest"),
    [
        ("II. NHIỆM VỤ", "roman", "II", "NHIỆM VỤ"),
        ("IV- Tổ chức thực hiện", "roman", "IV", "Tổ chức thực hiện"),
        ("1. Mục đích", "arabic", "1", "Mục đích"),
        ("1.2. Đánh giá", "arabic", "1.2", "Đánh giá"),
        ("2.3.1 Xây dựng", "arabic", "2.3.1", "Xây dựng"),
        ("3) Rà soát", "arabic)", "3", "Rà soát"),
        ("a) Giao Sở Nội vụ:", "letter", "a", "Giao Sở Nội vụ:"),
        ("đ) Đánh giá", "letter", "đ", "Đánh giá"),
        ("(1) Tốc độ tăng trưởng", "paren", "(1)", "Tốc độ tăng trưởng"),
        ("- Việc một", "bullet", "-", "Việc một"),
        ("+ Cơ quan chủ trì: X", "bullet", "+", "Cơ quan chủ trì: X"),
        ("• Việc hai", "bullet", "•", "Việc hai"),
        ("Điều 2. Tổ chức thực hiện", "article", "2", "Tổ chức thực hiện"),
    ],
)
def test_split_label(text: str, style: str, label: str, rest: str) -> None:
    got = split_label(text)
    assert got is not None
    assert (got.style, got.text, got.rest) == (style, label, rest)


@pytest.mark.parametrize("text", ["Tăng cường kiểm tra", "2023 là năm", "100% hộ dân", "17/17 phường", "Các sở"])
def test_plain_text_has_no_label(text: str) -> None:
    assert split_label(text) is None


def test_word_label_and_roman() -> None:
    got = label_from_word("1.", "Xây dựng kế hoạch")
    assert got is not None and (got.style, got.text, got.rest) == ("arabic", "1", "Xây dựng kế hoạch")
    assert is_roman("XIV") and not is_roman("IIII") and not is_roman("VX")


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("Cơ quan chủ trì", "lead"), ("Cơ quan chủ trì tham mưu", "lead"), ("Cơ quan tham mưu", "lead"),
        ("Đơn vị thực hiện đánh giá", "lead"), ("Đơn vị chủ trì", "lead"), ("Cơ quan phối hợp", "support"),
        ("Thời gian hoàn thành", "due_text"), ("Tiến độ thực hiện", "due_text"), ("Thời hạn", "due_text"),
        ("Chỉ đạo thực hiện", "directed_by"), ("Sản phẩm", "product"), ("Kinh phí thực hiện", "funding"),
        ("Nội dung", None), ("Ghi chú", None),
    ],
)
def test_responsibility_names(name: str, field: str | None) -> None:
    assert field_of(name) == field


def test_parse_line_with_markers() -> None:
    assert parse_line("+ Cơ quan chủ trì: Sở Y tế") == ("lead", "Sở Y tế")
    assert parse_line("* Thời gian thực hiện đánh giá: Hoàn thành trước ngày 09/9/2024.") == (
        "due_text", "Hoàn thành trước ngày 09/9/2024.")
    assert parse_line("Cơ quan  tham mưu: Công an thành phố") == ("lead", "Công an thành phố")
    assert parse_line("Thực hiện các nội dung sau: a, b") is None


@pytest.mark.parametrize(
    ("heading", "cls"),
    [
        ("MỤC ĐÍCH, YÊU CẦU", NONE), ("Quan điểm", NONE), ("Các chỉ tiêu chủ yếu", NONE),
        ("Nhóm chỉ tiêu, nhiệm vụ về phát triển kinh tế.", TASKS), ("NHIỆM VỤ VÀ GIẢI PHÁP", TASKS),
        ("NỘI DUNG THỰC HIỆN", TASKS), ("TỔ CHỨC THỰC HIỆN", IMPLEMENTATION), ("Phân công nhiệm vụ", ASSIGNMENT),
        ("Nhiệm vụ và quyền hạn", NONE), ("Về phát triển kinh tế", None),
    ],
)
def test_section_classes(heading: str, cls: str | None) -> None:
    assert classify(heading) == cls


def test_several_fields_on_one_line() -> None:
    from nhiemvu.ingest.layouts.responsibility import parse_fields

    assert parse_fields("- Đơn vị thực hiện: Sở Nội vụ, Sở Tài chính; thời gian thực hiện: Quý II/2025.") == [
        ("lead", "Sở Nội vụ, Sở Tài chính"), ("due_text", "Quý II/2025.")]
    assert parse_fields("Cơ quan phối hợp: Sở Tài chính, Sở Nội vụ") == [("support", "Sở Tài chính, Sở Nội vụ")]
    assert parse_fields("Tăng cường kiểm tra") == []
