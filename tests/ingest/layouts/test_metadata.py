import json

import pytest

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.layouts.metadata import extract_metadata, issuer_from_caps
from nhiemvu.ingest.readers.text import read_text


def doc_of(text: str) -> Document:
    return read_text(text.encode("utf-8"), "test.txt")


def test_every_seed_equals_gold(seeds_dir, gold_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        want = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))["document"]
        got = extract_metadata(read_text(path.read_bytes(), path.name))
        assert got == want, path.name


DECISION = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA
--------
Số: 1234/QĐ-UBND\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Khánh Hòa, ngày 05 tháng 3 năm 2024

QUYẾT ĐỊNH
Ban hành Kế hoạch thực hiện Chương trình chuyển đổi số
tỉnh Khánh Hòa giai đoạn 2024 - 2026

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.
"""


def test_decision_header_other_province():
    meta = extract_metadata(doc_of(DECISION))
    assert meta == {
        "kind": "Quyết định",
        "number": "1234/QĐ-UBND",
        "issued_on": "2024-03-05",
        "issuer": "Chủ tịch UBND tỉnh Khánh Hòa",
        "title": "Ban hành Kế hoạch thực hiện Chương trình chuyển đổi số tỉnh Khánh Hòa giai đoạn 2024 - 2026",
        "period": {"start": "2024-01-01", "due": "2026-12-31"},
    }


def test_blank_number_and_date_in_a_draft():
    text = "Số:      /KH-UBND\nĐà Nẵng, ngày     tháng 5 năm 2024\n\nKẾ HOẠCH\n\nTriển khai công tác năm 2024\n\nCăn cứ Luật;\n"
    meta = extract_metadata(doc_of(text))
    assert meta["kind"] == "Kế hoạch"
    assert meta["number"] is None
    assert meta["issued_on"] is None
    assert meta["title"] == "Triển khai công tác năm 2024"
    assert meta["period"] == {"start": "2024-01-01", "due": "2024-12-31"}


def test_appendix_takes_number_and_date_of_its_decision():
    text = (
        "PHỤ LỤC I\nDANH MỤC NHIỆM VỤ NĂM 2025\n"
        "(Kèm theo Quyết định số 77/QĐ-UBND ngày 10 tháng 01 năm 2025 của UBND huyện Mỹ Đức)\n"
    )
    meta = extract_metadata(doc_of(text))
    assert meta["kind"] == "Phụ lục"
    assert meta["number"] == "77/QĐ-UBND"
    assert meta["issued_on"] == "2025-01-10"
    assert meta["issuer"] == "UBND huyện Mỹ Đức"
    assert meta["title"] == "DANH MỤC NHIỆM VỤ NĂM 2025"


def test_period_from_the_plan_timing_line_and_open_title():
    # the plan's one timing line is more precise than its title
    text = (
        "KẾ HOẠCH\nPhát triển hạ tầng số đến năm 2030\n\nCăn cứ Luật;\n"
        "III. TỔ CHỨC THỰC HIỆN\n1. Thời gian thực hiện: giai đoạn 2025 – 2030; có thể kéo dài.\n"
    )
    assert extract_metadata(doc_of(text))["period"] == {"start": "2025-01-01", "due": "2030-12-31"}
    # the title alone: "đến năm 2030" is an open start
    text = "KẾ HOẠCH\nPhát triển hạ tầng số đến năm 2030\n\nCăn cứ Luật;\n"
    assert extract_metadata(doc_of(text))["period"] == {"start": None, "due": "2030-12-31"}
    # the timing value on the line after its label
    text = "KẾ HOẠCH\nTruyền thông năm 2025\n\nCăn cứ Luật;\n3. Thời gian thực hiện:\n\nTừ nay đến hết năm 2025.\n"
    assert extract_metadata(doc_of(text))["period"] == {"start": None, "due": "2025-12-31"}


def test_period_union_is_open_ended_when_an_item_names_no_date():
    text = (
        "KẾ HOẠCH\nChuyển đổi số\n\nCăn cứ Luật;\n1. Nền tảng\na) Nhiệm vụ: làm A.\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n2. Dữ liệu\na) Nhiệm vụ: làm B.\n"
        "c) Thời gian thực hiện: Thực hiện thường xuyên.\n"
    )
    assert extract_metadata(doc_of(text))["period"] == {"start": "2025-01-01", "due": None}


def test_official_letter_by_vv_line():
    text = "UBND TỈNH NGHỆ AN\nSỞ NỘI VỤ\nSố: 45/SNV-CCVC\nV/v triển khai đánh giá cán bộ năm 2024\nNghệ An, ngày 2/12/2024\nKính gửi: Các sở.\n"
    meta = extract_metadata(doc_of(text))
    assert meta["kind"] == "Công văn"
    assert meta["number"] == "45/SNV-CCVC"
    assert meta["issued_on"] == "2024-12-02"
    assert meta["title"] == "triển khai đánh giá cán bộ năm 2024"


def test_nothing_found_is_null():
    doc = Document(blocks=[Paragraph("Một đoạn văn không có gì.", 1)], lines=["Một đoạn văn không có gì."])
    meta = extract_metadata(doc)
    assert meta == {
        "kind": None, "number": None, "issued_on": None, "issuer": None, "title": None,
        "period": {"start": None, "due": None},
    }


@pytest.mark.parametrize(
    ("caps", "name"),
    [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI", "UBND thành phố Quảng Ngãi"),
        ("UỶ BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "UBND tỉnh Bà Rịa - Vũng Tàu"),
        ("HỘI ĐỒNG NHÂN DÂN HUYỆN CỦ CHI", "HĐND huyện Củ Chi"),
        ("BỘ TÀI CHÍNH", "Bộ Tài chính"),
        ("Ủy ban nhân dân thành phố Vũng Tàu", "Ủy ban nhân dân thành phố Vũng Tàu"),
    ],
)
def test_issuer_from_caps(caps, name):
    assert issuer_from_caps(caps) == name


def test_child_body_under_its_parent_issues():
    text = "UBND TỈNH NGHỆ AN\nSỞ NỘI VỤ\n-------\nSố: 12/KH-SNV\nNghệ An, ngày 3 tháng 2 năm 2025\n\nKẾ HOẠCH\nĐào tạo cán bộ năm 2025\n\nCăn cứ Luật;\n"
    meta = extract_metadata(doc_of(text))
    assert meta["issuer"] == "Sở Nội vụ"
    assert meta["issued_on"] == "2025-02-03"
    assert meta["period"] == {"start": "2025-01-01", "due": "2025-12-31"}


def test_preamble_issuer_without_place_loses_to_the_header():
    text = "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n--------\nSố: 5/2025/QĐ-UBND\n\nQUYẾT ĐỊNH\nBan hành Quy chế\n\nCăn cứ Luật;\nỦy ban nhân dân tỉnh ban hành Quyết định quy định.\n"
    assert extract_metadata(doc_of(text))["issuer"] == "UBND tỉnh Bắc Ninh"


def test_period_from_a_table_timing_column():
    text = (
        "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRỌNG TÂM\n\n"
        "| STT | Nội dung | Cơ quan chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| 1 | Xây dựng đề án | Sở Nội vụ | Quý II/2025 |\n"
        "| 2 | Tổng kết | Sở Tài chính | Tháng 12/2026 |\n"
    )
    assert extract_metadata(doc_of(text))["period"] == {"start": "2025-04-01", "due": "2026-12-31"}


def test_header_laid_out_in_a_table_as_word_documents_do():
    from nhiemvu.ingest.blocks import Cell, Row, Table

    header = Table(rows=[
        Row(cells=[
            Cell("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 345/KH-UBND"),
            Cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 14 tháng 3 năm 2025"),
        ], line=1),
    ])
    doc = Document(
        blocks=[
            header,
            Paragraph("KẾ HOẠCH", 2, bold=True),
            Paragraph("Triển khai Đề án 06 năm 2025", 3, bold=True),
            Paragraph("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022;", 5),
        ],
        lines=["ỦY BAN NHÂN DÂN\tCỘNG HÒA", "KẾ HOẠCH", "Triển khai Đề án 06 năm 2025", "", "Căn cứ"],
    )
    assert extract_metadata(doc) == {
        "kind": "Kế hoạch",
        "number": "345/KH-UBND",
        "issued_on": "2025-03-14",
        "issuer": "UBND tỉnh Lâm Đồng",
        "title": "Triển khai Đề án 06 năm 2025",
        "period": {"start": "2025-01-01", "due": "2025-12-31"},
    }


def test_page_reporting_on_a_document():
    text = (
        "# Công văn 4505/BVHTTDL-MTNATL kéo dài triển lãm đến hết ngày 15/9/2025\n\n"
        "Ngày 03/9/2025, Bộ Văn hóa, Thể thao và Du lịch đã có Công văn 4505/BVHTTDL-MTNATL về tổ chức triển lãm.\n"
    )
    meta = extract_metadata(doc_of(text))
    assert (meta["kind"], meta["number"], meta["issued_on"], meta["issuer"]) == (
        "Công văn", "4505/BVHTTDL-MTNATL", "2025-09-03", "Bộ Văn hóa, Thể thao và Du lịch",
    )


def test_all_caps_names_keep_proper_capitals():
    assert issuer_from_caps("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH") == "UBND Thành phố Hồ Chí Minh"
    assert issuer_from_caps("ỦY BAN THƯỜNG VỤ QUỐC HỘI") == "Ủy ban Thường vụ Quốc hội"
    assert issuer_from_caps("VĂN PHÒNG CHÍNH PHỦ") == "Văn phòng Chính phủ"
    assert issuer_from_caps("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") == "Chủ tịch UBND tỉnh"


def test_corpus_gold_documents(shared_dir):
    """The hand-made reference answers for real documents of other provinces
    (tests/ingest/corpus_gold/): every "document" field."""
    from pathlib import Path

    gold_dir = Path(__file__).resolve().parent.parent / "corpus_gold"
    corpus = shared_dir / "corpus" / "real-directives"
    checked = 0
    for gold_path in sorted(gold_dir.glob("*.json")):
        source = corpus / f"{gold_path.stem}.md"
        if not source.exists():
            continue
        want = json.loads(gold_path.read_text(encoding="utf-8"))["document"]
        assert extract_metadata(read_text(source.read_bytes(), source.name)) == want, gold_path.stem
        checked += 1
    if not checked:
        pytest.skip("no corpus gold beside the corpus")
