"""Task layouts on small documents written for the purpose: the variants real documents
from other provinces use (column orders, missing columns, pipe tables, split rows, Arabic
and Roman sections, lettered items, shared blocks, agency headings, lead-in lines, Word
labels), so that extraction is known to generalise beyond the seeds."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text

HEAD = "UỶ BAN NHÂN DÂN TỈNH AN GIANG\nSố: 15/KH-UBND\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\n\n"


def tasks(text: str, name: str = "kh.txt") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


def brief(t: dict) -> tuple:
    return (t["ref"], t["content"], t["lead"], t["support"], t["due_text"])


# --- assignment tables ------------------------------------------------------------------


def test_table_columns_in_another_order_with_other_names() -> None:
    text = HEAD + (
        "TT\tThời hạn hoàn thành\tĐơn vị phối hợp\tNội dung công việc\tĐơn vị chủ trì\tGhi chú\n"
        "1\tQuý II/2025\tSở Tài chính\tRà soát quy hoạch sử dụng đất\tSở Nông nghiệp và Môi trường\t\n"
        "2\tTrước 30/9/2025\t\tXây dựng đề án chuyển đổi số\tSở Khoa học và Công nghệ\tMới\n"
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("1", "Rà soát quy hoạch sử dụng đất", ["Sở Nông nghiệp và Môi trường"], ["Sở Tài chính"], "Quý II/2025"),
        ("2", "Xây dựng đề án chuyển đổi số", ["Sở Khoa học và Công nghệ"], [], "Trước 30/9/2025"),
    ]
    assert got[0]["start"] == "2025-04-01" and got[0]["due"] == "2025-06-30"
    assert got[1]["due"] == "2025-09-30"
    assert got[0]["source"] == {"lines": [7, 7], "layout": "table", "row": 7}


def test_table_with_missing_columns_and_no_number_column() -> None:
    text = HEAD + (
        "Nhiệm vụ\tCơ quan thực hiện\n"
        "Tổ chức hội nghị tổng kết năm\tVăn phòng UBND tỉnh\n"
        "Kiểm tra việc thực hiện quy chế dân chủ\tSở Nội vụ, Thanh tra tỉnh\n"
    )
    got = tasks(text)
    assert [(t["content"], t["lead"], t["due_text"]) for t in got] == [
        ("Tổ chức hội nghị tổng kết năm", ["Văn phòng UBND tỉnh"], None),
        ("Kiểm tra việc thực hiện quy chế dân chủ", ["Sở Nội vụ", "Thanh tra tỉnh"], None),
    ]


def test_pipe_table_with_roman_section_rows_and_multilevel_numbers() -> None:
    text = HEAD + (
        "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |\n"
        "|---|---|---|---|---|---|\n"
        "| **I** | **Lĩnh vực kinh tế** | | | | |\n"
        "| 1.1 | Hỗ trợ doanh nghiệp nhỏ và vừa | Sở Tài chính | Các sở, ngành | Cả năm 2025 | Báo cáo |\n"
        "| 1.2 | Phát triển hợp tác xã | Liên minh Hợp tác xã tỉnh | | Thường xuyên | |\n"
        "| **II** | **Lĩnh vực xã hội** | | | | |\n"
        "| 2.1 | Giảm nghèo bền vững | Sở Y tế | UBND các huyện, thị xã, thành phố | Tháng 10/2025 | Kế hoạch |\n"
    )
    got = tasks(text, "kh.md")
    assert [(t["ref"], t["section"], t["product"]) for t in got] == [
        ("I.1.1", "Lĩnh vực kinh tế", "Báo cáo"),
        ("I.1.2", "Lĩnh vực kinh tế", None),
        ("II.2.1", "Lĩnh vực xã hội", "Kế hoạch"),
    ]
    assert got[1]["recurring"] is True and got[1]["due"] is None
    assert got[2]["support"] == ["UBND các huyện, thị xã, thành phố"]
    assert got[2]["start"] == "2025-10-01" and got[2]["due"] == "2025-10-31"


def test_rows_split_by_a_page_break_are_merged_and_repeated_headers_skipped() -> None:
    header = "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
    text = HEAD + header + (
        "1\tTriển khai các giải pháp bảo đảm hoàn thành chỉ tiêu thu ngân sách để có nguồn\t"
        "Sở Tài chính, Chi cục\tCác sở, ngành\tCả năm 2025\n"
        "\n" + header +
        "\ttăng chi cho đầu tư phát triển\tthuế khu vực I\tliên quan\t\n"
        "2\tQuản lý tài sản công\tSở Tài chính\t\tCả năm 2025\n"
    )
    got = tasks(text)
    assert len(got) == 2
    first = got[0]
    assert first["content"] == (
        "Triển khai các giải pháp bảo đảm hoàn thành chỉ tiêu thu ngân sách để có nguồn tăng chi cho đầu tư phát triển"
    )
    assert first["lead"] == ["Sở Tài chính", "Chi cục thuế khu vực I"]
    assert " ".join(first["support"]) == "Các sở, ngành liên quan"
    assert first["source"]["lines"] == [7, 10]


def test_number_glued_to_the_content_cell_is_split_off() -> None:
    text = HEAD + (
        "Nhóm nhiệm vụ\tNhiệm vụ cụ thể\tCơ quan chủ trì\tThời gian thực hiện\n"
        "I. Cải cách thể chế\t1\tRà soát văn bản quy phạm pháp luật\tSở Tư pháp\tQuý I năm 2025\n"
        "\t2 Theo dõi thi hành pháp luật\tSở Tư pháp\tQuý III năm 2025\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["section"], t["content"], t["lead"], t["due_text"]) for t in got] == [
        ("I.1", "Cải cách thể chế", "Rà soát văn bản quy phạm pháp luật", ["Sở Tư pháp"], "Quý I năm 2025"),
        ("I.2", "Cải cách thể chế", "Theo dõi thi hành pháp luật", ["Sở Tư pháp"], "Quý III năm 2025"),
    ]


def test_bold_section_row_without_number() -> None:
    text = HEAD + (
        "| STT | Tên nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n"
        "| | **Nhiệm vụ trọng tâm** | | |\n"
        "| 1 | Xây dựng Nghị quyết về phát triển đô thị | Sở Xây dựng | Tháng 6/2025 |\n"
    )
    [t] = tasks(text, "p.md")
    assert (t["section"], t["ref"], t["lead"]) == ("Nhiệm vụ trọng tâm", "1", ["Sở Xây dựng"])


def test_a_table_without_assignment_columns_is_not_read_as_tasks() -> None:
    text = "| Viết tắt | Việt Cách |\n|---|---|\n| Thành lập | 1942 |\n\nBài viết về lịch sử.\n"
    with pytest.raises(NoTasks):
        tasks(text, "wiki.md")


# --- numbered items with responsibility lines ------------------------------------------------


def test_items_with_responsibility_lines_any_marker() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Nâng cao chất lượng giáo dục phổ thông.\n"
        "- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n"
        "- Cơ quan phối hợp: Sở Nội vụ; UBND các huyện.\n"
        "- Thời gian hoàn thành: Quý IV năm 2025.\n"
        "2. Phát triển mạng lưới y tế cơ sở.\n"
        "• Đơn vị chủ trì: Sở Y tế\n"
        "• Tiến độ thực hiện: Thường xuyên\n"
        "3. Đẩy mạnh chuyển đổi số.\n"
        "Cơ quan tham mưu: Sở Khoa học và Công nghệ\n"
        "Sản phẩm: Kế hoạch của UBND tỉnh\n"
        "Kinh phí: Ngân sách tỉnh\n"
        "Chỉ đạo thực hiện: UBND tỉnh\n"
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("II.1", "Nâng cao chất lượng giáo dục phổ thông.", ["Sở Giáo dục và Đào tạo"], ["Sở Nội vụ", "UBND các huyện"],
         "Quý IV năm 2025"),
        ("II.2", "Phát triển mạng lưới y tế cơ sở.", ["Sở Y tế"], [], "Thường xuyên"),
        ("II.3", "Đẩy mạnh chuyển đổi số.", ["Sở Khoa học và Công nghệ"], [], None),
    ]
    assert (got[2]["product"], got[2]["funding"], got[2]["directed_by"]) == (
        "Kế hoạch của UBND tỉnh", "Ngân sách tỉnh", "UBND tỉnh")
    assert got[0]["source"]["lines"] == [7, 10]


def test_a_block_after_several_items_applies_to_each() -> None:
    text = HEAD + (
        "III. GIẢI PHÁP\n"
        "1. Về đầu tư công\n"
        "1.1. Đẩy nhanh giải ngân vốn đầu tư công.\n"
        "1.2. Tăng cường giám sát các dự án trọng điểm.\n"
        "+ Cơ quan chủ trì: Sở Tài chính\n"
        "+ Thời gian: Cả năm 2025\n"
        "1.3. Rà soát các dự án chậm tiến độ.\n"
        "+ Cơ quan chủ trì: Sở Xây dựng\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"], t["due_text"], t["section"]) for t in got] == [
        ("III.1.1", ["Sở Tài chính"], "Cả năm 2025", "Về đầu tư công"),
        ("III.1.2", ["Sở Tài chính"], "Cả năm 2025", "Về đầu tư công"),
        ("III.1.3", ["Sở Xây dựng"], None, "Về đầu tư công"),
    ]


def test_sub_bullets_are_part_of_the_item_and_sentence_form_responsibility() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ CỤ THỂ\n"
        "1. Phát triển thương mại, dịch vụ:\n"
        "- Tổ chức các phiên chợ nông sản;\n"
        "- Kết nối tiêu thụ sản phẩm OCOP.\n"
        "* Cơ quan thực hiện: Sở Công Thương chủ trì, phối hợp với Sở Tài chính và UBND các huyện.\n"
        "* Thời gian thực hiện: Năm 2025\n"
    )
    [t] = tasks(text)
    assert t["content"] == (
        "Phát triển thương mại, dịch vụ: - Tổ chức các phiên chợ nông sản; - Kết nối tiêu thụ sản phẩm OCOP."
    )
    assert t["lead"] == ["Sở Công Thương"]
    assert t["support"] == ["Sở Tài chính", "UBND các huyện"]
    assert (t["start"], t["due"]) == ("2025-01-01", "2025-12-31")


# --- agency headings, lead-in lines, prose lists ------------------------------------------------


def test_agency_headings_make_their_bullets_that_agencys_tasks() -> None:
    text = HEAD + (
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "- Bảo đảm sự thống nhất trong chỉ đạo, điều hành.\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        "1. Công tác tuyên truyền\n"
        "- Tuyên truyền sâu rộng các chủ trương của Đảng.\n"
        "- Biểu dương các điển hình tiên tiến.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Thời gian thực hiện: năm 2025.\n"
        "2. Phân công nhiệm vụ\n"
        "a) Giao Sở Nội vụ:\n"
        "- Theo dõi, tổng hợp kết quả thực hiện kế hoạch.\n"
        "- Tham mưu khen thưởng các tập thể, cá nhân có thành tích.\n"
        "b) Sở Văn hóa, Thể thao và Du lịch\n"
        "- Tổ chức các hoạt động văn hóa chào mừng.\n"
        "đ) UBND các huyện, thị xã, thành phố chủ trì, phối hợp với Công an tỉnh:\n"
        "- Bảo đảm an ninh trật tự trên địa bàn.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"], t["support"]) for t in got] == [
        ("II.1.1", [], []),
        ("II.1.2", [], []),
        ("III.2.a.1", ["Sở Nội vụ"], []),
        ("III.2.a.2", ["Sở Nội vụ"], []),
        ("III.2.b.1", ["Sở Văn hóa, Thể thao và Du lịch"], []),
        ("III.2.đ.1", ["UBND các huyện, thị xã, thành phố"], ["Công an tỉnh"]),
    ]
    assert got[0]["content"] == "Tuyên truyền sâu rộng các chủ trương của Đảng."
    assert got[2]["section"] == "Giao Sở Nội vụ:"


def test_implementation_part_restating_duties_is_dropped_when_tasks_name_agencies() -> None:
    text = HEAD + (
        "II. NỘI DUNG\n"
        "1. Đánh giá kết quả thực hiện chương trình.\n"
        "* Đơn vị thực hiện: Sở Tài chính\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Các sở, ban, ngành:\n"
        "- Báo cáo kết quả về Sở Tài chính trước ngày 15/12/2025.\n"
    )
    got = tasks(text)
    assert [t["ref"] for t in got] == ["II.1"]


def test_lead_in_line_gives_lead_and_support_to_each_item_unless_it_names_its_own() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ:\n"
        "a) Rà soát định mức chi thường xuyên;\n"
        "b) Đề xuất phương án tiết kiệm chi;\n"
        "2. Nhiệm vụ khác\n"
        "a) Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh nâng tỷ lệ bao phủ bảo hiểm y tế;\n"
        "b) Hoàn thiện hồ sơ sức khỏe điện tử cho người dân, hoàn thành trước ngày 20/12/2025.\n"
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("II.1.a", "Rà soát định mức chi thường xuyên;", ["Sở Tài chính"], ["Sở Nội vụ"], None),
        ("II.1.b", "Đề xuất phương án tiết kiệm chi;", ["Sở Tài chính"], ["Sở Nội vụ"], None),
        ("II.2.a", "Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh nâng tỷ lệ bao phủ bảo hiểm y tế;",
         ["Sở Y tế"], [], None),
        ("II.2.b", "Hoàn thiện hồ sơ sức khỏe điện tử cho người dân, hoàn thành trước ngày 20/12/2025.", [], [],
         "hoàn thành trước ngày 20/12/2025"),
    ]
    assert got[3]["due"] == "2025-12-20"


def test_prose_task_list_with_parenthesised_numbers_and_restarting_numbering() -> None:
    text = HEAD + (
        "I. QUAN ĐIỂM\n"
        "(1) Phát triển nhanh và bền vững.\n"
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "(1) Hoàn thiện thể chế, chính sách về đất đai.\n"
        "(2) Cải thiện môi trường đầu tư kinh doanh.\n"
        "(5) Đẩy mạnh chuyển đổi số trong cơ quan nhà nước.\n"
        "III. GIẢI PHÁP\n"
        "1. Tăng cường kỷ luật, kỷ cương hành chính.\n"
        "2. Đổi mới phương thức chỉ đạo, điều hành.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("II.(1)", []), ("II.(2)", []), ("II.(5)", []), ("III.1", []), ("III.2", []),
    ]


def test_arabic_and_roman_sections_give_the_same_tasks() -> None:
    body = (
        "{a} Về kinh tế\n"
        "{b} Thu hút đầu tư vào khu công nghiệp.\n"
        "- Cơ quan chủ trì: Ban Quản lý các khu công nghiệp\n"
        "{c} Về xã hội\n"
        "{d} Nâng cao chất lượng khám chữa bệnh.\n"
        "- Cơ quan chủ trì: Sở Y tế\n"
    )
    roman = tasks(HEAD + "II. NHIỆM VỤ\n" + body.format(a="1.", b="a)", c="2.", d="a)"))
    arabic = tasks(HEAD + "2. NHIỆM VỤ\n" + body.format(a="2.1.", b="2.1.1.", c="2.2.", d="2.2.1."))
    assert [(t["content"], t["lead"], t["section"]) for t in roman] == [
        (t["content"], t["lead"], t["section"]) for t in arabic
    ]
    assert [t["ref"] for t in roman] == ["II.1.a", "II.2.a"]
    assert [t["ref"] for t in arabic] == ["2.1.1", "2.2.1"]


def test_word_labels_from_automatic_numbering() -> None:
    # A .docx reader gives the numbering as Paragraph.label, the text without it.
    paras = [
        Paragraph("KẾ HOẠCH", 1, bold=True),
        Paragraph("NHIỆM VỤ CỤ THỂ", 2, label="II.", bold=True),
        Paragraph("Xây dựng cơ sở dữ liệu đất đai.", 3, label="1."),
        Paragraph("Cơ quan chủ trì: Sở Nông nghiệp và Môi trường", 4, label="-"),
        Paragraph("Thời gian hoàn thành: Quý III/2025", 5, label="-"),
        Paragraph("Số hóa hồ sơ địa chính.", 6, label="2."),
        Paragraph("Cơ quan chủ trì: Văn phòng Đăng ký đất đai", 7, label="-"),
    ]
    doc = Document(blocks=paras, lines=[p.text for p in paras], name="kh.docx", kind="docx")
    got = extract_document(doc)["tasks"]
    assert [brief(t) for t in got] == [
        ("II.1", "Xây dựng cơ sở dữ liệu đất đai.", ["Sở Nông nghiệp và Môi trường"], [], "Quý III/2025"),
        ("II.2", "Số hóa hồ sơ địa chính.", ["Văn phòng Đăng ký đất đai"], [], None),
    ]


def test_signature_and_distribution_list_are_not_tasks() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Tổ chức sơ kết 6 tháng.\n"
        "Nơi nhận:\n"
        "- Như trên;\n"
        "- Lưu: VT.\n"
    )
    assert [t["content"] for t in tasks(text)] == ["Tổ chức sơ kết 6 tháng."]


@pytest.mark.parametrize(
    "text",
    [
        "Bài viết về lịch sử Việt Nam.\n\n## Nhiệm vụ\n- Lãnh đạo nhân dân đấu tranh.\n",
        HEAD + "I. MỤC ĐÍCH\n- Nâng cao nhận thức.\nII. YÊU CẦU\n- Bảo đảm thiết thực.\n",
        HEAD + "Điều 1. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.\n",
    ],
    ids=["article", "purpose-only", "execution-clauses"],
)
def test_documents_that_assign_nothing_are_refused(text: str) -> None:
    with pytest.raises(NoTasks) as err:
        tasks(text, "x.md")
    assert "x.md" in str(err.value)


def test_lettered_fields_of_one_item() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Xây dựng cơ sở dữ liệu dân cư\n"
        "a) Nhiệm vụ: Rà soát, làm sạch dữ liệu dân cư của tỉnh.\n"
        "b) Cơ quan thực hiện:\n"
        "- Cơ quan chủ trì: Công an tỉnh\n"
        "- Cơ quan phối hợp: Sở Tư pháp\n"
        "c) Thời gian thực hiện: Hoàn thành trong năm 2025.\n"
        "2. Tổ chức sơ kết\n"
        "a) Nhiệm vụ: Sơ kết 6 tháng.\n"
        "b) Thời gian thực hiện: Tháng 7/2025.\n"
    )
    got = tasks(text)
    assert [brief(t) for t in got] == [
        ("II.1", "Xây dựng cơ sở dữ liệu dân cư Rà soát, làm sạch dữ liệu dân cư của tỉnh.", ["Công an tỉnh"],
         ["Sở Tư pháp"], "Hoàn thành trong năm 2025"),
        ("II.2", "Tổ chức sơ kết Sơ kết 6 tháng.", [], [], "Tháng 7/2025"),
    ]


def test_item_opening_with_its_agency_and_a_verb() -> None:
    text = HEAD + (
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "a) Bộ Tài chính tiếp tục xuất cấp hàng dự trữ quốc gia hỗ trợ các địa phương.\n"
        "b) Yêu cầu các bộ, ngành, địa phương khẩn trương báo cáo kết quả.\n"
        "c) Tăng cường công tác kiểm tra, giám sát.\n"
    )
    assert [t["lead"] for t in tasks(text)] == [["Bộ Tài chính"], ["các bộ, ngành, địa phương"], []]


def test_plan_attached_after_the_signature_is_read() -> None:
    text = HEAD.replace("KẾ HOẠCH", "QUYẾT ĐỊNH") + (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện năm 2025.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nCHỦ TỊCH\nNguyễn Văn A\n\n"
        "KẾ HOẠCH\nThực hiện năm 2025\n"
        "I. NHIỆM VỤ\n"
        "1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế.\n"
    )
    [t] = tasks(text)
    assert (t["ref"], t["lead"], t["support"]) == ("I.1", ["Sở Nội vụ"], [])


def test_procedure_step_tables_are_not_tasks() -> None:
    text = HEAD + (
        "TT\tCơ quan, bộ phận, người thực hiện\tNội dung công việc\tThời gian\n"
        "1\tBộ phận một cửa\tTiếp nhận hồ sơ, ghi biên nhận\t0,5 ngày\n"
        "2\tPhòng chuyên môn\tThẩm định hồ sơ\t10 ngày làm việc\n"
    )
    with pytest.raises(NoTasks):
        tasks(text)


def test_two_row_header_with_a_spanning_agency_column() -> None:
    text = HEAD + (
        "STT\tNội dung công việc\tCơ quan thực hiện\t\tThời gian hoàn thành\n"
        "\t\tChủ trì\tPhối hợp\t\n"
        "1\tXây dựng quy chế phối hợp\tSở Tư pháp\tSở Nội vụ\tQuý III/2025\n"
    )
    [t] = tasks(text)
    assert (t["lead"], t["support"], t["due_text"]) == (["Sở Tư pháp"], ["Sở Nội vụ"], "Quý III/2025")


def test_table_with_lettered_rows_under_numbered_sub_sections() -> None:
    text = HEAD + (
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời hạn |\n|---|---|---|---|\n"
        "| **A** | **CÔNG TÁC CHỈ ĐẠO** | | |\n"
        "| 1 | **Ban hành văn bản** | | |\n"
        "| a) | Ban hành kế hoạch thực hiện | Văn phòng UBND tỉnh | Tháng 3/2025 |\n"
        "| b) | Ban hành quy chế phối hợp | Sở Nội vụ | Tháng 5/2025 |\n"
    )
    got = tasks(text, "p.md")
    assert [(t["ref"], t["section"], t["lead"]) for t in got] == [
        ("A.1.a", "Ban hành văn bản", ["Văn phòng UBND tỉnh"]),
        ("A.1.b", "Ban hành văn bản", ["Sở Nội vụ"]),
    ]


def test_closing_formula_is_not_part_of_the_last_task() -> None:
    text = HEAD.replace("KẾ HOẠCH", "CHỈ THỊ") + (
        "1. Sở Tư pháp:\n"
        "- Rà soát văn bản quy phạm pháp luật của tỉnh.\n"
        "Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ngành nghiêm túc thực hiện Chỉ thị này./.\n"
    )
    [t] = tasks(text)
    assert t["content"] == "Rà soát văn bản quy phạm pháp luật của tỉnh."


def test_section_row_in_one_plain_cell() -> None:
    text = HEAD + (
        "STT\tNội dung\tĐơn vị chủ trì\tThời gian\n"
        "II. Lĩnh vực văn hóa - xã hội\n"
        "1\tTổ chức lễ hội truyền thống\tSở Văn hóa, Thể thao và Du lịch\tQuý I/2025\n"
    ).replace("II. Lĩnh vực văn hóa - xã hội\n", "II. Lĩnh vực văn hóa - xã hội\t\t\t\n")
    [t] = tasks(text)
    assert (t["ref"], t["section"]) == ("II.1", "Lĩnh vực văn hóa - xã hội")


def test_bold_agency_heading_without_a_number() -> None:
    text = HEAD + (
        "III. TỔ CHỨC THỰC HIỆN\n"
        "**Sở Y tế**\n"
        "- Chỉ đạo các cơ sở khám bệnh bảo đảm thuốc, vật tư.\n"
        "- Tăng cường kiểm tra an toàn thực phẩm.\n"
        "**Công an tỉnh**\n"
        "- Bảo đảm an ninh trật tự.\n"
    )
    got = tasks(text, "kh.md")
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("III.1", ["Sở Y tế"]), ("III.2", ["Sở Y tế"]), ("III.1", ["Công an tỉnh"]),
    ]


def test_one_agency_cell_naming_lead_and_support() -> None:
    text = HEAD + (
        "STT\tNhiệm vụ\tCơ quan thực hiện\tThời gian\n"
        "1\tRà soát thủ tục hành chính\tChủ trì: Văn phòng UBND tỉnh. Phối hợp: Sở Tư pháp, Sở Nội vụ\tQuý II/2025\n"
    )
    [t] = tasks(text)
    assert (t["lead"], t["support"]) == (["Văn phòng UBND tỉnh"], ["Sở Tư pháp", "Sở Nội vụ"])


def test_agency_list_as_bullets_under_a_responsibility_name() -> None:
    text = HEAD + (
        "II. NHIỆM VỤ\n"
        "1. Tổ chức tập huấn chuyển đổi số cho cán bộ.\n"
        "- Đơn vị thực hiện:\n"
        "+ Sở Khoa học và Công nghệ;\n"
        "+ UBND các xã, phường.\n"
        "- Thời gian: Quý III/2025.\n"
    )
    [t] = tasks(text)
    assert (t["lead"], t["due_text"]) == (["Sở Khoa học và Công nghệ", "UBND các xã, phường"], "Quý III/2025")
