"""Failure types found on a third held-out set of real documents, each shown on a small
document written for the purpose (in a form different from any corpus document): news and
legal-news pages that report who must do what, with no directive header of their own."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text


def tasks(text: str, name: str = "tin.md") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


# --- 1a. a news page: "… giao X chủ trì, phối hợp với Y thực hiện các nội dung sau:" + bullets -

_NEWS_LEAD_IN = """# Huyện Mẫu Sơn chuẩn bị mùa khô

Tại cuộc họp chiều qua, Phó Chủ tịch UBND huyện yêu cầu Phòng Nông nghiệp và Môi trường chủ trì,
phối hợp với Hạt Kiểm lâm và UBND các xã thực hiện ngay các việc sau:

- Kiểm tra toàn bộ hồ chứa nước nhỏ trước ngày 15/12/2026.

- Lập phương án cấp nước sinh hoạt cho các thôn vùng cao.

Bài và ảnh: Thu Hà.
"""


def test_news_lead_in_with_a_lead_gives_each_bullet_as_its_task() -> None:
    got = tasks(_NEWS_LEAD_IN)
    assert [t["content"] for t in got] == [
        "Kiểm tra toàn bộ hồ chứa nước nhỏ trước ngày 15/12/2026.",
        "Lập phương án cấp nước sinh hoạt cho các thôn vùng cao.",
    ]
    assert all(t["lead"] == ["Phòng Nông nghiệp và Môi trường"] for t in got)
    assert got[0]["support"] == ["Hạt Kiểm lâm", "UBND các xã"]


def test_news_bullets_without_a_leading_agency_stay_refused() -> None:
    # Addressees with no one leading ("yêu cầu người dân:"): advice, not assigned work.
    page = _NEWS_LEAD_IN.replace(
        "yêu cầu Phòng Nông nghiệp và Môi trường chủ trì,\nphối hợp với Hạt Kiểm lâm và UBND các xã thực hiện ngay",
        "khuyến cáo người dân lưu ý")
    with pytest.raises(NoTasks):
        tasks(page)


# --- 1b. consecutive paragraphs that each open with the agency that must act -----------------

_REPORTED_CONCLUSIONS = """# Kết luận cuộc họp về phòng chống hạn mặn

Chiều 3/4, Phó Thủ tướng chủ trì cuộc họp trực tuyến với các địa phương vùng đồng bằng.

Phó Thủ tướng Lê Văn Mẫu đề nghị Ngân hàng Nhà nước Việt Nam xem xét giãn nợ cho hộ nuôi trồng bị thiệt hại.

Tổng cục Thủy lợi, Cục Trồng trọt khẩn trương hướng dẫn lịch thời vụ thích ứng với xâm nhập mặn.

**Chuẩn bị cho mùa sau**

Viện Khoa học Thủy lợi Việt Nam chủ trì, phối hợp với các trường đại học nghiên cứu giống lúa chịu mặn.

Sở Nông nghiệp tỉnh Mẫu cho biết đã có 2.000 ha lúa bị ảnh hưởng trong tuần qua.
"""


def test_a_run_of_agency_paragraphs_on_a_news_page_gives_one_task_each() -> None:
    got = tasks(_REPORTED_CONCLUSIONS)
    assert [t["lead"] for t in got] == [
        ["Ngân hàng Nhà nước Việt Nam"], ["Tổng cục Thủy lợi", "Cục Trồng trọt"], ["Viện Khoa học Thủy lợi Việt Nam"]]
    assert got[1]["content"].startswith("Tổng cục Thủy lợi, Cục Trồng trọt khẩn trương")


def test_one_agency_paragraph_alone_or_a_report_is_not_a_task() -> None:
    # One paragraph that assigns, among paragraphs reporting what agencies said or did.
    page = "\n\n".join([
        "# Tin hoạt động",
        "Bộ Tài chính cho biết đã giải ngân 60% vốn đầu tư công trong 9 tháng đầu năm nay.",
        "Thủ tướng giao Bộ Tài chính chủ trì tổng hợp tình hình giải ngân của các bộ, ngành.",
        "TP Mẫu đề xuất mở rộng đối tượng được thuê nhà ở công vụ sau sắp xếp bộ máy.",
    ])
    with pytest.raises(NoTasks):
        tasks(page)


def test_questions_naming_an_agency_are_not_tasks() -> None:
    page = "\n\n".join([
        "# Hỏi đáp pháp luật",
        "**Sở Tư pháp chủ trì thẩm định dự thảo quyết định của tỉnh trong trường hợp nào?**",
        "Sở Tư pháp chủ trì thẩm định dự thảo quyết định quy phạm pháp luật trong những trường hợp nào?",
    ])
    with pytest.raises(NoTasks):
        tasks(page)


# --- 1c. bold lead-ins "Giao Vụ X chủ trì …:" over ordinal items "Thứ nhất, …", "Một là, …" ---

_ORDINAL_ITEMS = """# Bộ Mẫu triển khai chỉ đạo mới

Theo đó, lãnh đạo Bộ đã có chỉ đạo cụ thể.

**Giao Vụ Kế hoạch - Tài chính chủ trì, phối hợp với Văn phòng Bộ thực hiện các nhiệm vụ sau:**

Thứ nhất, rà soát toàn bộ các dự án đầu tư công chậm giải ngân trước ngày 30/6/2026.

Thứ hai, đề xuất điều chuyển vốn giữa các dự án trong quý III năm 2026.

**Bộ trưởng giao Cục Công nghệ thông tin chủ trì thực hiện:**

Một là, nâng cấp hệ thống quản lý văn bản điều hành của Bộ.

Hai là, bảo đảm an toàn thông tin cho các hệ thống dùng chung.

Nguồn: Cổng thông tin điện tử Bộ Mẫu.
"""


def test_bold_lead_ins_over_ordinal_items_give_the_items_with_their_lead() -> None:
    got = tasks(_ORDINAL_ITEMS)
    assert [(t["lead"], t["support"]) for t in got] == [
        (["Vụ Kế hoạch - Tài chính"], ["Văn phòng Bộ"]), (["Vụ Kế hoạch - Tài chính"], ["Văn phòng Bộ"]),
        (["Cục Công nghệ thông tin"], []), (["Cục Công nghệ thông tin"], [])]
    # The ordinal word is the item's label, not its content.
    assert got[0]["content"].startswith("Rà soát toàn bộ")
    assert got[3]["content"] == "Bảo đảm an toàn thông tin cho các hệ thống dùng chung."


def test_a_weekday_is_not_an_ordinal_label() -> None:
    from nhiemvu.ingest.layouts.numbering import split_label

    assert split_label("Thứ hai, ngày 6/4/2026, Sở tổ chức họp giao ban.") is None
    assert split_label("Thứ ba, khẩn trương hoàn thiện hồ sơ.").text == "3"


def test_ordinal_points_of_a_speech_without_a_lead_in_are_not_tasks() -> None:
    page = "\n\n".join([
        "# Phát biểu chỉ đạo tại hội nghị",
        "Thứ nhất, các địa phương cần chủ động hơn nữa trong tháo gỡ vướng mắc về mặt bằng.",
        "Thứ hai, tinh thần là làm đến nơi đến chốn, không bàn lùi.",
    ])
    with pytest.raises(NoTasks):
        tasks(page)


# --- 3. under "Điều 3. Giao Sở X chủ trì …:", an item opening with its own agency is its own --

_ARTICLE_LEAD_IN = """ỦY BAN NHÂN DÂN TỈNH MẪU

Số: 15/QĐ-UBND

QUYẾT ĐỊNH

Về việc ban hành Quy chế quản lý kho dữ liệu dùng chung

Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý kho dữ liệu dùng chung.

Điều 2. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan liên quan thực hiện:

1. Hướng dẫn các cơ quan kết nối dữ liệu vào kho dùng chung.

2. Văn phòng UBND tỉnh tham mưu kiểm tra việc thực hiện Quy chế hằng năm.

Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.
"""


def test_an_item_naming_its_agency_under_an_article_lead_in_is_that_agencys() -> None:
    got = tasks(_ARTICLE_LEAD_IN, "qd.md")
    assert [t["lead"] for t in got] == [["Sở Khoa học và Công nghệ"], ["Văn phòng UBND tỉnh"]]
    assert got[0]["support"] == ["các cơ quan liên quan"]
