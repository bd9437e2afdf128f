"""Splitting responsibility texts into agencies as written; agency headings."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.layouts.agencies import agency_heading, lead_and_support, opening_agency, split_agencies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phòng Y tế, TTYTTP; Ban CHQS thành phố", ["Phòng Y tế", "TTYTTP", "Ban CHQS thành phố"]),
        ("Văn phòng HĐND và UBND thành phố", ["Văn phòng HĐND và UBND thành phố"]),
        ("Phòng Lao động – Thương binh và Xã hội", ["Phòng Lao động – Thương binh và Xã hội"]),
        ("Các cơ quan, đơn vị liên quan và UBND các phường, xã.", ["Các cơ quan, đơn vị liên quan", "UBND các phường, xã"]),
        ("Sở Tài chính, Sở Nội vụ và Công an tỉnh", ["Sở Tài chính", "Sở Nội vụ", "Công an tỉnh"]),
        ("Trung tâm Văn hóa, Thông tin và Thể thao", ["Trung tâm Văn hóa, Thông tin và Thể thao"]),
        ("TTYTTTP Phòng Y tế", ["TTYTTTP", "Phòng Y tế"]),
        ("Phòng Nội vụ,", ["Phòng Nội vụ"]),
        ("", []),
    ],
)
def test_split_agencies(text: str, expected: list[str]) -> None:
    assert split_agencies(text) == expected


def test_sentence_form_gives_lead_and_support() -> None:
    assert lead_and_support("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính và UBND các huyện") == (
        ["Sở Xây dựng"], ["Sở Tài chính", "UBND các huyện"])
    # A plain name containing "chủ trì" stays one lead.
    assert lead_and_support("Các cơ quan được giao chủ trì thực hiện") == (["Các cơ quan được giao chủ trì thực hiện"], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Giao Sở Nội vụ:", (["Sở Nội vụ"], [])),
        ("Văn phòng HĐND và UBND thành phố Vũng Tàu", (["Văn phòng HĐND và UBND thành phố Vũng Tàu"], [])),
        ("Các phòng, ban, và UBND các phường, xã theo chức năng, nhiệm vụ được giao:",
         (["Các phòng, ban", "UBND các phường, xã"], [])),
        ("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:", (["Sở Tài chính"], ["Sở Nội vụ"])),
        ("Về phát triển kinh tế", None),
        ("Phòng, chống dịch bệnh", None),
        ("Ban hành kèm theo Quyết định này", None),
        ("Bổ nhiệm vào Tòa án tối cao", None),
        ("Các nhiệm vụ, giải pháp chủ yếu", None),
        ("Hội nghị tổng kết năm", None),
    ],
)
def test_agency_heading(text: str, expected) -> None:
    assert agency_heading(text) == expected


def test_opening_agency() -> None:
    # The agencies it works with stay in the task's own sentence (EXTRACTION_FORMAT: only
    # the opening agency is split out).
    assert opening_agency("Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh nâng tỷ lệ bao phủ") == (
        ["Sở Y tế"], [])
    assert opening_agency("Giao Công an tỉnh thực hiện tuần tra, kiểm soát") == (["Công an tỉnh"], [])
    assert opening_agency("Cục Di sản văn hóa: chủ trì tham mưu các giải pháp") == (["Cục Di sản văn hóa"], [])
    assert opening_agency("Tăng cường kiểm tra, giám sát") is None


def test_agency_named_before_a_colon_with_text_after() -> None:
    assert agency_heading("Sở Nội vụ: chủ trì thực hiện các nhiệm vụ sau:") == (["Sở Nội vụ"], [])


def test_lead_marked_in_a_list() -> None:
    assert lead_and_support("Sở Nội vụ, Sở Tài chính (chủ trì), UBND các huyện") == (
        ["Sở Tài chính"], ["Sở Nội vụ", "UBND các huyện"])
