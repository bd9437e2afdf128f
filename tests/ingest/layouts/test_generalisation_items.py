"""Items, headings and agencies on small documents written for the purpose, each in a form
different from the corpus document that showed the feature (see bench/score_corpus.py):
the extractor must find tasks from structure, whatever the province or the wording."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text

DECISION = (
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 210/QĐ-UBND\nQUYẾT ĐỊNH\n"
    "Về việc ban hành Quy chế phối hợp quản lý cụm công nghiệp\n\n"
)


def tasks(text: str, name: str = "vb.txt") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


# --- regulations: standing rules, not assigned work ---------------------------------------


def test_attached_regulation_with_wrapped_article_headings_assigns_nothing() -> None:
    text = DECISION + (
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "KT. CHỦ TỊCH\n\n"
        "QUY CHẾ\nPhối hợp quản lý cụm công nghiệp\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
        "Điều\n1. Phạm vi điều chỉnh\n"
        "Quy chế này quy định việc phối hợp quản lý cụm công nghiệp.\n"
        "Chương II\nTRÁCH NHIỆM\n"
        "Điều\n5. Trách nhiệm của Sở Công Thương\n"
        "1. Chủ trì, phối hợp với các sở, ngành hướng dẫn chủ đầu tư hạ tầng cụm công nghiệp.\n"
        "2. Tổng hợp, báo cáo tình hình hoạt động các cụm công nghiệp trên địa bàn tỉnh.\n"
        "Điều\n6. Trách nhiệm của Ủy ban nhân dân cấp xã\n"
        "1. Ủy ban nhân dân cấp xã kiểm tra việc chấp hành pháp luật của doanh nghiệp trong cụm.\n"
    )
    with pytest.raises(NoTasks):
        tasks(text)


def test_decree_articles_of_responsibility_are_standing_duties() -> None:
    text = (
        "CHÍNH PHỦ\nSố: 45/2026/NĐ-CP\nNGHỊ ĐỊNH\nVề quản lý quỹ bảo trì đường bộ\n"
        "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý quỹ bảo trì đường bộ.\n"
        "Điều 20. Trách nhiệm của Bộ Xây dựng\n"
        "1. Hướng dẫn việc lập kế hoạch bảo trì đường bộ hằng năm.\n"
        "2. Kiểm tra việc sử dụng quỹ của các địa phương.\n"
        "Điều 21. Trách nhiệm của Ủy ban nhân dân cấp tỉnh\n"
        "1. Ủy ban nhân dân cấp tỉnh phê duyệt kế hoạch bảo trì đường địa phương.\n"
    )
    with pytest.raises(NoTasks):
        tasks(text)


def test_chapter_titled_general_provisions_does_not_make_a_plan_a_regulation() -> None:
    text = (
        "UBND HUYỆN MƯỜNG TÈ\nSố: 31/KH-UBND\nKẾ HOẠCH\nPhòng chống thiên tai năm 2025\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Phân công nhiệm vụ\n"
        "1. Phòng Nông nghiệp và Môi trường chủ trì rà soát các điểm sạt lở trên địa bàn huyện.\n"
        "2. Công an huyện bảo đảm an ninh trật tự tại các điểm sơ tán dân.\n"
    )
    got = tasks(text)
    assert [t["lead"] for t in got] == [["Phòng Nông nghiệp và Môi trường"], ["Công an huyện"]]


# --- articles that say whose duties follow ------------------------------------------------


def test_article_of_duties_per_agency_gives_each_lettered_item_its_agency() -> None:
    text = (
        "UBND TỈNH ĐIỆN BIÊN\nSố: 88/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc công bố danh mục dịch vụ công trực tuyến\n"
        "Điều 1. Công bố kèm theo Quyết định này danh mục 45 dịch vụ công trực tuyến.\n"
        "Điều 2. Nhiệm vụ của các cơ quan\n"
        "1. Nhiệm vụ của Sở Khoa học và Công nghệ\n"
        "a) Cập nhật danh mục lên Cổng dịch vụ công của tỉnh;\n"
        "b) Hướng dẫn cán bộ một cửa tiếp nhận hồ sơ trực tuyến.\n"
        "2. Trách nhiệm của Ủy ban nhân dân các xã\n"
        "a) Niêm yết danh mục tại bộ phận một cửa cấp xã.\n"
        "Điều 3. Tổ chức thực hiện\n"
        "1. Giao Văn phòng UBND tỉnh chủ trì, phối hợp với các sở kiểm tra việc thực hiện Quyết định này.\n"
        "2. Các sở, ngành, địa phương căn cứ Quyết định này để tổ chức triển khai thực hiện.\n"
        "Điều 4. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"], t["support"]) for t in got] == [
        ("2.1.a", ["Sở Khoa học và Công nghệ"], []),
        ("2.1.b", ["Sở Khoa học và Công nghệ"], []),
        ("2.2.a", ["Ủy ban nhân dân các xã"], []),
        ("3.1", ["Văn phòng UBND tỉnh"], []),
    ]


# --- the implementation part ("Tổ chức thực hiện") ------------------------------------------


PLAN = "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH\nSố: 140/KH-UBND\nKẾ HOẠCH\nPhát triển thương mại điện tử năm 2026\n"


def test_per_agency_duties_beside_an_assignment_table_are_tasks_but_restating_clauses_are_not() -> None:
    text = PLAN + (
        "I. NHIỆM VỤ\n"
        "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\n"
        "1\tXây dựng sàn giao dịch điện tử của tỉnh\tSở Công Thương\tSở Tài chính\tQuý II/2026\n"
        "2\tĐào tạo kỹ năng bán hàng trực tuyến\tSở Công Thương\t\tNăm 2026\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Công Thương\n"
        "- Hướng dẫn doanh nghiệp đăng ký gian hàng trên sàn giao dịch.\n"
        "- Phối hợp với Bưu điện tỉnh hỗ trợ vận chuyển hàng hóa cho hộ kinh doanh.\n"
        "2. Các doanh nghiệp, tổ chức, cá nhân có liên quan\n"
        "- Tham gia sàn giao dịch điện tử của tỉnh.\n"
        "3. Các sở, ngành, địa phương chịu trách nhiệm thực hiện Kế hoạch này.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("1", ["Sở Công Thương"]),
        ("2", ["Sở Công Thương"]),
        ("II.1.1", ["Sở Công Thương"]),
        ("II.1.2", ["Sở Công Thương"]),
        ("II.2.1", ["Các doanh nghiệp, tổ chức, cá nhân có liên quan"]),
    ]


def test_implementation_part_restates_duties_when_items_carry_their_own_blocks() -> None:
    text = PLAN + (
        "I. NHIỆM VỤ\n"
        "1. Xây dựng sàn giao dịch điện tử của tỉnh.\n"
        "- Cơ quan chủ trì: Sở Công Thương.\n- Thời gian: Quý II/2026.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Công Thương\n"
        "- Theo dõi, đôn đốc, tổng hợp báo cáo kết quả thực hiện Kế hoạch.\n"
    )
    assert [(t["ref"], t["lead"]) for t in tasks(text)] == [("I.1", ["Sở Công Thương"])]


# --- agencies named by the item itself ------------------------------------------------------


def test_items_opening_with_long_agency_lists_keep_the_whole_subject() -> None:
    text = PLAN + (
        "I. NHIỆM VỤ TRỌNG TÂM\n"
        "a) Sở Xây dựng, các địa phương, chủ đầu tư các công trình đang thi công tiếp tục bổ sung nhân lực.\n"
        "b) Sở Giao thông, Công an tỉnh các huyện Càng Long, Cầu Kè, Tiểu Cần, Trà Cú, Duyên Hải rà soát "
        "các điểm đen tai nạn giao thông.\n"
        "c) Ủy ban nhân dân các huyện: Châu Thành, Cầu Ngang, Tiểu Cần đẩy nhanh giải phóng mặt bằng.\n"
        "d) Các hợp tác xã, tổ chức, cá nhân kinh doanh tham gia chương trình bình ổn giá.\n"
        "đ) Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước tỉnh giải ngân vốn đầu tư công.\n"
    )
    got = tasks(text)
    assert [(t["lead"], t["support"]) for t in got] == [
        (["Sở Xây dựng", "các địa phương, chủ đầu tư các công trình đang thi công"], []),
        (["Sở Giao thông", "Công an tỉnh các huyện Càng Long, Cầu Kè, Tiểu Cần, Trà Cú, Duyên Hải"], []),
        (["Ủy ban nhân dân các huyện: Châu Thành, Cầu Ngang, Tiểu Cần"], []),
        (["Các hợp tác xã, tổ chức, cá nhân kinh doanh"], []),
        # the agency it works with stays in the item's own sentence
        (["Sở Tài chính"], []),
    ]


def test_qualifiers_are_not_part_of_agency_names_and_a_group_keeps_its_nouns() -> None:
    text = PLAN + (
        "I. NỘI DUNG\n"
        "1. Tuyên truyền về thương mại điện tử\n"
        "- Cơ quan thực hiện: Sở Công Thương chủ trì; Sở Văn hóa và các sở, ban, ngành tỉnh theo chức năng, "
        "nhiệm vụ được giao phối hợp thực hiện.\n"
        "2. Kiểm tra hoạt động kinh doanh trên mạng\n"
        "- Cơ quan thực hiện: Công an tỉnh, các sở, ban, ngành tỉnh trong phạm vi quyền hạn của mình và "
        "các tổ chức có liên quan.\n"
    )
    got = tasks(text)
    assert [(t["lead"], t["support"]) for t in got] == [
        (["Sở Công Thương"], ["Sở Văn hóa", "các sở, ban, ngành tỉnh"]),
        (["Công an tỉnh", "các sở, ban, ngành tỉnh", "các tổ chức có liên quan"], []),
    ]


def test_item_whose_body_names_its_agency_does_not_take_the_next_items_block() -> None:
    text = PLAN + (
        "I. NỘI DUNG\n"
        "1. Ban hành quy chế quản lý sàn giao dịch\n"
        "Sở Tư pháp có trách nhiệm thẩm định dự thảo quy chế trước khi trình UBND tỉnh.\n"
        "2. Tập huấn cho hộ kinh doanh\n"
        "- Cơ quan chủ trì: Sở Công Thương.\n"
        "- Thời gian thực hiện: Quý III/2026.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"], t["due_text"]) for t in got] == [
        ("I.1", ["Sở Tư pháp"], None),
        ("I.2", ["Sở Công Thương"], "Quý III/2026"),
    ]


# --- parts whose heading names the work and its form ----------------------------------------


def test_content_and_form_heading_makes_its_sub_parts_task_lists() -> None:
    text = PLAN + (
        "I. MỤC ĐÍCH, YÊU CẦU\n- Nâng cao nhận thức của người dân về mua bán trực tuyến.\n"
        "II. NỘI DUNG VÀ PHƯƠNG THỨC\n"
        "1. Phương thức tuyên truyền\n"
        "- Phát sóng phóng sự trên Đài Phát thanh và Truyền hình tỉnh.\n"
        "- Treo băng rôn tại các chợ, trung tâm thương mại.\n"
        "2. Hỗ trợ hộ kinh doanh\n"
        "- Tổ chức lớp hướng dẫn mở gian hàng trực tuyến.\n"
        "III. KINH PHÍ\n- Từ ngân sách tỉnh.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["section"], t["lead"]) for t in got] == [
        ("II.1.1", "Phương thức tuyên truyền", []),
        ("II.1.2", "Phương thức tuyên truyền", []),
        ("II.2.1", "Hỗ trợ hộ kinh doanh", []),
    ]


# --- conclusions: a lead-in closing the heading, deadlines inside the items -----------------


def test_lead_in_sentence_under_a_heading_gives_its_agencies_unless_an_item_names_its_own() -> None:
    text = (
        "VĂN PHÒNG UBND TỈNH\nSố: 77/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp\n"
        "I. KẾT QUẢ\nCác đơn vị đã hoàn thành phần lớn khối lượng.\n"
        "II. NHIỆM VỤ THỜI GIAN TỚI\n"
        "Thời gian còn lại không nhiều, vì vậy đề nghị các sở, ngành, địa phương liên quan:\n"
        "1. Về giải phóng mặt bằng\n"
        "a) Khẩn trương bàn giao mặt bằng sạch cho nhà thầu vào ngày 30 tháng 6 năm 2026.\n"
        "b) Sở Tài chính bố trí đủ vốn bồi thường trong tháng 5 năm 2026.\n"
        "c) Giao Phó Chủ tịch UBND tỉnh Lê Văn B trước ngày 15/5/2026 trực tiếp kiểm tra hiện trường.\n"
        "2. Về vật liệu xây dựng\n"
        "a) Bảo đảm đủ đất đắp cho công trình đến hết năm 2026.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"], t["due_text"], t["start"], t["due"]) for t in got] == [
        ("II.1.a", ["các sở, ngành, địa phương liên quan"], "vào ngày 30 tháng 6 năm 2026", "2026-06-30", "2026-06-30"),
        ("II.1.b", ["Sở Tài chính"], "trong tháng 5 năm 2026", "2026-05-01", "2026-05-31"),
        ("II.1.c", ["Phó Chủ tịch UBND tỉnh Lê Văn B"], "trước ngày 15/5/2026", None, "2026-05-15"),
        ("II.2.a", ["các sở, ngành, địa phương liên quan"], "đến hết năm 2026", None, "2026-12-31"),
    ]


# --- outside a directive: a quoted letter's list of assignments -----------------------------


def test_news_article_quoting_a_numbered_list_of_agency_assignments() -> None:
    text = (
        "# Bộ Y tế đề nghị tăng cường phòng chống sốt xuất huyết\n\n"
        "Ngày 02/10/2025, Bộ Y tế có văn bản gửi các địa phương, theo đó:\n\n"
        "a) Sở Y tế các tỉnh tổ chức giám sát chặt chẽ các ổ dịch.\n\n"
        "b) Viện Vệ sinh dịch tễ Trung ương hướng dẫn chuyên môn, hoàn thành trước ngày 30/10/2025.\n\n"
        "c) Các bệnh viện tuyến tỉnh bố trí giường bệnh điều trị người mắc bệnh.\n\n"
        "**Người dân cần làm gì để phòng bệnh?**\n\n"
        "Người dân nên ngủ màn và diệt lăng quăng quanh nhà.\n"
    )
    got = tasks(text, "bai-bao.md")
    assert [(t["ref"], t["lead"], t["due_text"]) for t in got] == [
        ("a", ["Sở Y tế các tỉnh"], None),
        ("b", ["Viện Vệ sinh dịch tễ Trung ương"], "hoàn thành trước ngày 30/10/2025"),
        ("c", ["Các bệnh viện tuyến tỉnh"], None),
    ]
    assert got[2]["content"] == "Các bệnh viện tuyến tỉnh bố trí giường bệnh điều trị người mắc bệnh."


def test_article_quoting_clauses_of_a_law_from_the_middle_assigns_nothing() -> None:
    text = (
        "# Ai lập kế hoạch phát triển nhà ở công vụ?\n\n"
        "Theo khoản 5 Điều 41 Luật Nhà ở 2023 quy định như sau:\n\n"
        "(2) Cơ quan trung ương có trách nhiệm xác định nhu cầu về nhà ở công vụ.\n\n"
        "(3) Bộ Quốc phòng, Bộ Công an lập kế hoạch phát triển nhà ở công vụ.\n\n"
        "(4) Ủy ban nhân dân cấp tỉnh lập và phê duyệt nội dung phát triển nhà ở công vụ.\n"
    )
    with pytest.raises(NoTasks):
        tasks(text, "hoi-dap.md")


def test_untitled_article_listing_agencies_and_an_article_that_is_one_assignment() -> None:
    text = (
        "HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA\nSố: 12/NQ-HĐND\nNGHỊ QUYẾT\nVề kế hoạch đầu tư công năm 2026\n"
        "Điều 1. Thông qua kế hoạch đầu tư công năm 2026 của tỉnh.\n"
        "Điều 2.\n"
        "1. Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện kế hoạch đầu tư công năm 2026.\n"
        "2. Đề nghị Chính phủ, Bộ Tài chính xem xét bổ sung vốn cho các dự án trọng điểm.\n"
        "3. Thường trực Hội đồng nhân dân tỉnh giám sát việc giải ngân vốn đầu tư công.\n"
        "4. Các cơ quan được giao lập, thẩm định, trình dự án khẩn trương hoàn thiện hồ sơ.\n"
        "Điều 3.\n"
        "Giao Ban Kinh tế - Ngân sách chủ trì theo dõi, đôn đốc việc thực hiện Nghị quyết này.\n"
        "Điều 4. Nghị quyết này có hiệu lực kể từ ngày ký.\n"
    )
    got = tasks(text)
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("2.1", ["Ủy ban nhân dân tỉnh"]),
        ("2.2", ["Chính phủ", "Bộ Tài chính"]),
        ("2.3", ["Thường trực Hội đồng nhân dân tỉnh"]),
        ("2.4", ["Các cơ quan được giao lập, thẩm định, trình dự án"]),
        ("3", ["Ban Kinh tế - Ngân sách"]),
    ]


def test_blank_form_attached_to_a_decision_gives_no_tasks() -> None:
    text = DECISION + (
        "Điều 1. Ban hành kèm theo Quyết định này mẫu văn bản đề nghị cấp phép.\n"
        "Điều 2. Giao Sở Công Thương chủ trì hướng dẫn doanh nghiệp sử dụng mẫu văn bản.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "PHỤ LỤC\nMẫu văn bản đề nghị\n"
        "1. Trách nhiệm của các cơ quan, đơn vị\n"
        "a) ....(2).... tiếp nhận hồ sơ đề nghị cấp phép của doanh nghiệp;\n"
        "b) ....(3).... thông báo kết quả cho tổ chức, cá nhân liên quan.\n"
    )
    assert [(t["ref"], t["lead"]) for t in tasks(text)] == [("2", ["Sở Công Thương"])]
