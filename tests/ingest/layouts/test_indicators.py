import json
import unicodedata

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.layouts.indicators import extract_indicators, indicator_line_ranges, is_indicator_heading
from nhiemvu.ingest.readers.text import read_text


def doc_of(text: str) -> Document:
    return read_text(text.encode("utf-8"), "test.txt")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def test_seed_indicators_equal_gold(seeds_dir, gold_dir):
    checked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        want = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8")).get("indicators") or []
        got = extract_indicators(read_text(path.read_bytes(), path.name))
        assert len(got) == len(want), path.name
        for g, w in zip(got, want, strict=True):
            assert g["ref"] == w["ref"]
            assert g["section"] == nfc(w["section"])
            assert g["text"] == nfc(w["text"])
            assert g["targets"] == w["targets"], w["ref"]
            first, last = g["source"]["lines"]
            assert 1 <= first <= last
            checked += 1
    assert checked == 16


def test_seed_line_ranges_cover_the_list(seeds_dir):
    path = seeds_dir / "004_e3c05baccd56f51e.txt"
    doc = read_text(path.read_bytes(), path.name)
    ranges = indicator_line_ranges(doc)
    assert len(ranges) == 1
    first, last = ranges[0]
    lines = doc.lines[first - 1: last]
    assert "chỉ tiêu" in lines[0].lower()
    assert lines[-1].lstrip().startswith("(16)")


LETTERED = """I. MỤC TIÊU
1. Mục tiêu tổng quát
Phát triển kinh tế nhanh, bền vững; tăng trưởng 8%.
2. Mục tiêu cụ thể
a) Tốc độ tăng trưởng GRDP đạt 8,5%.
b) Thu nhập bình quân đầu người đạt 95 triệu đồng.
c) Tỷ lệ hộ nghèo giảm còn dưới 1,2%.
II. NHIỆM VỤ, GIẢI PHÁP
1. Đẩy mạnh cải cách hành chính.
"""


def test_lettered_items_under_specific_goals_not_general_goals():
    got = extract_indicators(doc_of(LETTERED))
    assert [i["ref"] for i in got] == ["a", "b", "c"]
    assert all(i["section"] == "Mục tiêu cụ thể" for i in got)
    assert got[0]["targets"] == [{"scope": None, "comparator": ">=", "value": 8.5, "unit": "%"}]
    assert got[1]["targets"] == [{"scope": None, "comparator": ">=", "value": 95, "unit": "triệu đồng"}]
    assert got[2]["targets"] == [{"scope": None, "comparator": "<", "value": 1.2, "unit": "%"}]
    assert got[0]["source"] == {"lines": [5, 5]}
    assert indicator_line_ranges(doc_of(LETTERED)) == [(4, 7)]


BULLETS = """2. Các chỉ tiêu chủ yếu năm 2024:
- Tỷ lệ trường đạt chuẩn quốc gia 85%;
- Có 12 xã đạt chuẩn nông thôn mới nâng cao;
  + trong đó 3 xã đạt chuẩn kiểu mẫu.
- Tỷ lệ bao phủ bảo hiểm y tế trên 95%.
3. Tổ chức thực hiện
- Giao Sở Nội vụ theo dõi.
"""


def test_dash_bullets_with_sub_bullets():
    got = extract_indicators(doc_of(BULLETS))
    assert [i["ref"] for i in got] == ["1", "2", "3"]
    assert got[1]["text"] == "Có 12 xã đạt chuẩn nông thôn mới nâng cao; trong đó 3 xã đạt chuẩn kiểu mẫu."
    assert [t["value"] for t in got[1]["targets"]] == [12, 3]
    assert got[2]["targets"] == [{"scope": None, "comparator": ">", "value": 95, "unit": "%"}]
    assert got[1]["source"] == {"lines": [3, 4]}


UNNUMBERED_HEADING = """1. Kết quả năm 2023
Năm 2023 tăng trưởng đạt 7%.
Các chỉ tiêu chủ yếu năm 2024:
1. Tổng vốn đầu tư toàn xã hội đạt 12.500 tỷ đồng.
2. Giải quyết việc làm cho 3.000 lao động.
2. Nhiệm vụ trọng tâm
Triển khai thực hiện.
"""


def test_unnumbered_heading_with_numbered_items():
    got = extract_indicators(doc_of(UNNUMBERED_HEADING))
    assert [(i["ref"], i["targets"][0]["value"], i["targets"][0]["unit"]) for i in got] == [
        ("1", 12500, "tỷ đồng"),
        ("2", 3000, "lao động"),
    ]


def test_task_lists_named_after_indicators_are_not_indicators():
    text = """1. Nhóm chỉ tiêu, nhiệm vụ về phát triển kinh tế.
1.1. Đánh giá kết quả thực hiện các chỉ tiêu.
* Đơn vị thực hiện: Phòng Tài chính - Kế hoạch.
2. Chỉ tiêu về môi trường
2.1. Tỷ lệ thu gom rác đạt 95%.
- Cơ quan chủ trì: Phòng Tài nguyên và Môi trường.
"""
    assert extract_indicators(doc_of(text)) == []


def test_word_numbering_labels_are_used():
    doc = Document(
        blocks=[
            Paragraph("Chỉ tiêu cụ thể", 1, label="b)"),
            Paragraph("Tỷ lệ đô thị hóa đạt 45%.", 2, label="-"),
            Paragraph("Tỷ lệ dân số dùng nước sạch đạt 99%.", 3, label="-"),
            Paragraph("Nhiệm vụ", 4, label="c)"),
            Paragraph("Làm việc.", 5, label="-"),
        ],
        lines=["Chỉ tiêu cụ thể", "Tỷ lệ đô thị hóa đạt 45%.", "Tỷ lệ dân số dùng nước sạch đạt 99%.", "Nhiệm vụ", "Làm việc."],
    )
    got = extract_indicators(doc)
    assert [i["text"] for i in got] == ["Tỷ lệ đô thị hóa đạt 45%.", "Tỷ lệ dân số dùng nước sạch đạt 99%."]


def test_heading_recognition():
    assert is_indicator_heading("Các chỉ tiêu chủ yếu")
    assert is_indicator_heading("Mục tiêu cụ thể:")
    assert is_indicator_heading("Chỉ tiêu về văn hóa - xã hội")
    assert not is_indicator_heading("Mục tiêu tổng quát")
    assert not is_indicator_heading("Mục tiêu")
    assert not is_indicator_heading("Nhóm chỉ tiêu, nhiệm vụ về phát triển kinh tế.")
    assert not is_indicator_heading(
        "Căn cứ Quyết định số 1455/QĐ-UBND ngày 16/12/2022 của UBND tỉnh về việc giao chỉ tiêu kế hoạch "
        "phát triển kinh tế - xã hội năm 2023 và các văn bản có liên quan khác."
    )


TABLE = """II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2024
| STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2023 | Kế hoạch 2024 |
|---|---|---|---|---|
| I | Chỉ tiêu kinh tế | | | |
| 1 | Tốc độ tăng trưởng GRDP | % | 7,2 | 8,0 - 8,5 |
| 2 | Tổng vốn đầu tư toàn xã hội | Tỷ đồng | 11.200 | ≥ 12.500 |
| II | Chỉ tiêu xã hội | | | |
| 3 | Tỷ lệ hộ nghèo | % | 1,8 | < 1,5 |
| 4 | Số xã đạt chuẩn nông thôn mới | xã | 40 | 45 |
"""


def test_indicator_table_any_layout():
    doc = doc_of(TABLE)
    got = extract_indicators(doc)
    assert [(i["ref"], i["section"]) for i in got] == [
        ("1", "Chỉ tiêu kinh tế"),
        ("2", "Chỉ tiêu kinh tế"),
        ("3", "Chỉ tiêu xã hội"),
        ("4", "Chỉ tiêu xã hội"),
    ]
    assert got[0]["targets"] == [
        {"scope": None, "comparator": ">=", "value": 8, "unit": "%"},
        {"scope": None, "comparator": "<=", "value": 8.5, "unit": "%"},
    ]
    assert got[1]["targets"] == [{"scope": None, "comparator": ">=", "value": 12500, "unit": "Tỷ đồng"}]
    assert got[2]["targets"] == [{"scope": None, "comparator": "<", "value": 1.5, "unit": "%"}]
    assert got[3]["text"] == "Số xã đạt chuẩn nông thôn mới: 45 xã"
    first, last = got[0]["source"]["lines"]
    assert doc.lines[first - 1].startswith("| 1 |")
    (table_range,) = [r for r in indicator_line_ranges(doc)]
    assert table_range == (2, 9)


def test_assignment_table_is_not_an_indicator_table(seeds_dir):
    path = seeds_dir / "000_f0370ebaf8728bc5.txt"
    assert extract_indicators(read_text(path.read_bytes(), path.name)) == []


GROUPED = """2. Mục tiêu cụ thể
a) Về kinh tế:
- Tốc độ tăng trưởng GRDP đạt 8%.
- Thu ngân sách đạt 5.000 tỷ đồng.
b) Về xã hội:
- Tỷ lệ hộ nghèo dưới 2%.
3. Nhiệm vụ
- Làm việc.
"""


def test_group_titles_inside_an_indicator_list_are_sections():
    got = extract_indicators(doc_of(GROUPED))
    assert [(i["ref"], i["section"], i["targets"][0]["value"]) for i in got] == [
        ("1", "Về kinh tế", 8),
        ("2", "Về kinh tế", 5000),
        ("1", "Về xã hội", 2),
    ]


def test_goals_set_for_a_year_are_indicator_lists():
    text = """II. MỤC TIÊU
Hiện nay có 180 trạm.
1. Mục tiêu đến hết năm 2026
- 100% khu công nghiệp có tối thiểu 1 trạm 5G.
- Hoàn thành quy hoạch viễn thông.
2. Mục tiêu đến năm 2030
- 100% khu công nghệ cao có mạng 5G.
III. GIẢI PHÁP
1. Rà soát quy hoạch.
"""
    got = extract_indicators(doc_of(text))
    assert [(i["section"], i["text"][:20]) for i in got] == [
        ("Mục tiêu đến hết năm 2026", "100% khu công nghiệp"),
        ("Mục tiêu đến hết năm 2026", "Hoàn thành quy hoạch"),
        ("Mục tiêu đến năm 2030", "100% khu công nghệ c"),
    ]
    assert is_indicator_heading("Mục tiêu đến năm 2030")
    assert not is_indicator_heading("Mục tiêu tổng quát đến năm 2030")
