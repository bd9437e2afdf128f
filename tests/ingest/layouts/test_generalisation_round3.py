"""Failure types found on a second held-out set of real documents, each shown on a small
document written for the purpose (in a form different from any corpus document): short
decisions and letters whose body a crawl put inside its header table, relative deadlines,
"là cơ quan đầu mối" after the lead agency."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text


def extract(text: str, name: str = "vb.md") -> dict:
    return extract_document(read_text(text.encode("utf-8"), name))


def tasks(text: str, name: str = "vb.md") -> list[dict]:
    return extract(text, name)["tasks"]


def _crawled(body: str) -> str:
    """A crawl's header table: one cell per run of lines, a bar line between cells, the
    document's body in a cell of its own, then the distribution list and the signature."""
    head = ["|", "**Số hiệu:**", "|", "77/QĐ-UBND", "|", "|", "**Loại văn bản:**", "|", "Quyết định", "|", "|",
            "**ỦY BAN NHÂN DÂN**", "HUYỆN MẪU", "|", "Số: 77/QĐ-UBND", "|", "|"]
    tail = ["|", "Nơi nhận:", "- Như Điều 4;", "- Lưu: VT.", "|", "**TM. ỦY BAN NHÂN DÂN**", "CHỦ TỊCH", "|", ""]
    return "\n".join([*head, *body.strip("\n").split("\n"), *tail])


# --- 1. a short decision's articles inside the crawl's header table ----------------------------

_ARTICLES = """**QUYẾT ĐỊNH**
Về việc phê duyệt danh mục dịch vụ công trực tuyến
**ỦY BAN NHÂN DÂN HUYỆN MẪU**
*Căn cứ Luật Tổ chức chính quyền địa phương;*
**QUYẾT ĐỊNH:**
**Điều 1. **Phê duyệt danh mục
dịch vụ công trực tuyến kèm theo Quyết định này.
**Điều 2. **Quyết định này có hiệu
lực kể từ ngày ký.
**Điều 3. **Tổ chức thực hiện
1. Phòng Văn hóa và Thông tin chủ trì, phối
hợp với Trung tâm Phục vụ hành chính công cập nhật danh mục lên cổng thông tin điện tử.
2. Văn phòng HĐND và UBND huyện là cơ quan đầu mối, chủ trì theo dõi, đôn đốc
việc cung cấp dịch vụ công trực tuyến của các xã.
**Điều 4. **Chánh Văn phòng HĐND và UBND huyện, Thủ trưởng các
phòng, ban chịu trách nhiệm thi hành Quyết định này./."""


def test_articles_in_a_crawled_header_cell_give_their_tasks() -> None:
    got = tasks(_crawled(_ARTICLES))
    assert [t["lead"] for t in got] == [["Phòng Văn hóa và Thông tin"], ["Văn phòng HĐND và UBND huyện"]]
    assert got[0]["content"].startswith("Phòng Văn hóa và Thông tin chủ trì")


def test_a_crawled_header_cell_without_articles_stays_a_table() -> None:
    # A header table whose cells are short names and dates, no body: nothing to assign.
    with pytest.raises(NoTasks):
        tasks(_crawled("**QUYẾT ĐỊNH**\nVề việc công bố danh mục"))


_LEAD_IN_ARTICLE = """**QUYẾT ĐỊNH:**
**Điều 1. **Công bố kèm theo Quyết định này danh mục thủ tục.
**Điều 2. **Giao Sở Xây dựng chủ trì, phối
hợp với các cơ quan, đơn vị có liên quan có trách nhiệm:
1. Niêm yết công khai thủ tục hành chính tại nơi tiếp nhận hồ sơ.
2. Cập nhật quy trình nội bộ giải quyết thủ tục hành chính.
**Điều 3. **Quyết định này có hiệu lực kể từ ngày ký./."""


def test_a_lead_in_article_hands_its_items_to_its_agency() -> None:
    got = tasks(_crawled(_LEAD_IN_ARTICLE))
    assert len(got) == 2
    assert all(t["lead"] == ["Sở Xây dựng"] for t in got)
    assert got[0]["support"] == ["các cơ quan, đơn vị có liên quan"]


_ONE_ARTICLE = """**QUYẾT ĐỊNH:**
**Điều 1. **Bãi bỏ 04 thủ tục hành chính trong lĩnh vực đất đai.
**Điều 2. **Giao Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các đơn vị liên quan, trong
thời hạn 05 ngày làm việc thực hiện bãi bỏ thủ tục trên cơ sở dữ liệu quốc gia.
**Điều 3. **Quyết định này có hiệu lực kể từ ngày ký./."""


def test_a_one_paragraph_article_is_one_task_with_a_relative_deadline() -> None:
    got = tasks(_crawled(_ONE_ARTICLE))
    assert len(got) == 1
    assert got[0]["lead"] == ["Sở Nông nghiệp và Môi trường"]
    assert got[0]["due_text"] == "trong thời hạn 05 ngày làm việc"
    assert got[0]["start"] is None and got[0]["due"] is None


_LETTER = """**Kính gửi:** Ủy ban nhân dân các xã.
Thực hiện Kế hoạch số 20/KH-UBND ngày 05 tháng 3 năm 2026 của Ủy ban nhân dân
tỉnh về phát triển thị trường tiêu thụ nông sản và xét đề nghị của Phòng Kinh
tế tại Tờ trình số 10/TTr-KT ngày 12 tháng 3 năm 2026 về việc tổ chức hội chợ
nông sản cuối năm trên địa bàn huyện, Chủ tịch Ủy ban nhân dân huyện chỉ đạo như sau:
**1.** Thống nhất chủ trương tổ chức hội chợ nông sản cuối năm tại trung tâm
văn hóa huyện, quy mô khoảng 100 gian hàng của các hợp tác xã và hộ kinh doanh
trên địa bàn huyện và các huyện lân cận.
**2.****
**Giao Phòng Kinh tế, Phòng Tài chính - Kế hoạch, Phòng
Văn hóa và Thông tin khẩn trương xây dựng phương án tổ chức hội chợ, bố trí mặt bằng và
lựa chọn đơn vị cung cấp dịch vụ theo đúng quy định của pháp luật hiện hành.
Trong quá trình thực hiện, nếu có khó khăn kịp thời báo cáo.
**3.****
**Giao Ủy ban nhân dân các xã tuyên truyền, vận động hộ kinh doanh tham gia./."""


def test_a_crawled_letter_body_with_split_bold_numbers_gives_its_assignments() -> None:
    got = tasks(_crawled(_LETTER))
    assert [t["lead"] for t in got] == [
        ["Phòng Kinh tế", "Phòng Tài chính - Kế hoạch", "Phòng Văn hóa và Thông tin"],
        ["Ủy ban nhân dân các xã"],
    ]
    assert "Văn hóa và Thông tin khẩn trương xây dựng" in got[0]["content"]


# --- 1d. the assignment sentence inside the effect article ------------------------------------

_EFFECT_THEN_ASSIGNMENT = """ỦY BAN NHÂN DÂN HUYỆN MẪU
Số: 15/QĐ-UBND
QUYẾT ĐỊNH
Về việc công bố danh mục thủ tục hành chính
QUYẾT ĐỊNH:
Điều 1. Công bố kèm theo Quyết định này danh mục 03 thủ tục hành chính lĩnh vực hộ tịch.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Giao Phòng Tư pháp chủ trì, phối hợp với
Bộ phận một cửa huyện niêm yết công khai danh mục tại nơi tiếp nhận hồ sơ. Việc niêm yết
hoàn thành trước ngày 30/6/2026.
Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Tư pháp chịu trách nhiệm thi hành
Quyết định này./.
"""


def test_the_assignment_sentence_of_the_effect_article_is_a_task() -> None:
    got = tasks(_EFFECT_THEN_ASSIGNMENT)
    assert len(got) == 1
    assert got[0]["lead"] == ["Phòng Tư pháp"]
    assert got[0]["content"].startswith("Giao Phòng Tư pháp chủ trì")
    assert "có hiệu lực" not in got[0]["content"]
    assert got[0]["due"] == "2026-06-30"


def test_an_effect_article_without_an_assignment_gives_nothing() -> None:
    text = _EFFECT_THEN_ASSIGNMENT.replace(
        "Giao Phòng Tư pháp chủ trì, phối hợp với\nBộ phận một cửa huyện niêm yết công khai danh mục tại nơi tiếp nhận "
        "hồ sơ. Việc niêm yết\nhoàn thành trước ngày 30/6/2026.", "Bãi bỏ Quyết định số 02/QĐ-UBND.")
    assert "Giao" not in text
    with pytest.raises(NoTasks):
        tasks(text)


# --- 2, 5. agency headings split by the crawl; an agency bullet under another heading -------------

_PLAN_WITH_TABLE = """ỦY BAN NHÂN DÂN TỈNH MẪU
Số: 31/KH-UBND
KẾ HOẠCH
Số hóa hồ sơ đất đai

II. NHIỆM VỤ CỤ THỂ
| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| 1 | Số hóa bản đồ địa chính các xã | Sở Nông nghiệp và Môi trường | Năm 2026 |
| 2 | Đào tạo cán bộ vận hành cơ sở dữ liệu | Sở Nội vụ | Năm 2026 |

III. TỔ CHỨC THỰC HIỆN

**1. Sở
Nông nghiệp và Môi trường **(cơ quan chủ trì)

- Hướng dẫn các xã cập nhật dữ liệu đất đai lên hệ thống.

- Tổng hợp kết quả thực hiện kế hoạch.

**2. Các phòng
chuyên môn liên quan, Trung tâm Nghiên cứu phát triển nông thôn**

- Cung cấp dữ liệu chuyên ngành thuộc phạm vi quản lý.

**3. Chế độ
thông tin báo cáo**

- Sở Tài chính định kỳ hằng quý tổng hợp nhu cầu kinh phí số hóa.

- Các cơ quan, đơn vị được phân công nhiệm vụ có trách nhiệm thực hiện đúng tiến độ.
"""


def test_split_headings_with_a_marked_lead_and_a_capitalised_name_lead_their_bullets() -> None:
    got = [t for t in tasks(_PLAN_WITH_TABLE) if t["source"]["layout"] != "table"]
    by_content = {t["content"]: t["lead"] for t in got}
    assert by_content["Hướng dẫn các xã cập nhật dữ liệu đất đai lên hệ thống."] == ["Sở Nông nghiệp và Môi trường"]
    assert by_content["Tổng hợp kết quả thực hiện kế hoạch."] == ["Sở Nông nghiệp và Môi trường"]
    assert by_content["Cung cấp dữ liệu chuyên ngành thuộc phạm vi quản lý."] == [
        "Các phòng chuyên môn liên quan", "Trung tâm Nghiên cứu phát triển nông thôn"]


def test_an_agency_bullet_under_another_heading_is_that_agencys_task() -> None:
    got = [t for t in tasks(_PLAN_WITH_TABLE) if t["source"]["layout"] != "table"]
    own = [t for t in got if t["content"].startswith("Sở Tài chính định kỳ")]
    assert len(own) == 1 and own[0]["lead"] == ["Sở Tài chính"]
    # The table's addressees restated in general terms assign nothing new.
    assert not [t for t in got if "được phân công" in t["content"]]


# --- 3. timing in a trailing parenthesis -------------------------------------------------------------

_ROADMAP = """ỦY BAN NHÂN DÂN HUYỆN MẪU
Số: 09/KH-UBND
KẾ HOẠCH
Phát triển du lịch cộng đồng

II. NHIỆM VỤ
1. Khảo sát, lựa chọn các làng nghề đủ điều kiện đón khách (2026 - 2027).
2. Xây dựng sản phẩm du lịch trải nghiệm tại các làng nghề (2027 trở đi).
3. Quảng bá hình ảnh du lịch của huyện trên các nền tảng số (xuyên suốt 2026 - 2030).
4. Hoàn thiện hồ sơ theo mẫu tại Phụ lục (kèm theo Quyết định số 12/QĐ-UBND năm 2025).
"""


def test_a_closing_parenthesis_with_a_year_is_the_items_timing() -> None:
    got = tasks(_ROADMAP)
    assert [(t["due_text"], t["start"], t["due"]) for t in got] == [
        ("2026 - 2027", "2026-01-01", "2027-12-31"),
        ("2027 trở đi", "2027-01-01", None),
        ("xuyên suốt 2026 - 2030", "2026-01-01", "2030-12-31"),
        (None, None, None),
    ]


# --- 6. a funding part is never a task -------------------------------------------------------------

_FUNDING_PART = """ỦY BAN NHÂN DÂN HUYỆN MẪU
Số: 41/KH-UBND
KẾ HOẠCH
Chuyển đổi số trong trường học

II. NHIỆM VỤ
1. Phòng Giáo dục và Đào tạo triển khai sổ điểm điện tử tại các trường trung học cơ sở.

III. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện gồm: ngân sách huyện và nguồn xã hội hóa hợp pháp, trong đó:
1. Ngân sách huyện bố trí theo phân cấp hiện hành.
2. Vận động doanh nghiệp tài trợ thiết bị cho các trường.
"""


def test_a_funding_part_opening_like_a_field_gives_no_task() -> None:
    got = tasks(_FUNDING_PART)
    assert [t["lead"] for t in got] == [["Phòng Giáo dục và Đào tạo"]]


# --- 6b. "… như:" over a list of systems is one task ----------------------------------------------

_SUCH_AS = """ỦY BAN NHÂN DÂN TỈNH MẪU
Số: 52/KH-UBND
KẾ HOẠCH
Y tế số

II. NHIỆM VỤ
1. Nền tảng quản lý khám chữa bệnh
Triển khai đồng bộ các phần mềm quản lý tại bệnh viện tuyến tỉnh như:
- Bệnh án điện tử.
- Hệ thống lưu trữ và truyền tải hình ảnh.
- Phần mềm quản lý xét nghiệm.
2. Kết nối dữ liệu tiêm chủng với hồ sơ sức khỏe điện tử của người dân.
"""


def test_a_such_as_list_is_the_content_of_one_task() -> None:
    got = tasks(_SUCH_AS)
    assert len(got) == 2
    assert got[0]["content"].startswith("Triển khai đồng bộ các phần mềm quản lý tại bệnh viện tuyến tỉnh như:")
    assert "Phần mềm quản lý xét nghiệm" in got[0]["content"]


# --- 4. a paragraph that is only its agencies, over bullets ------------------------------------------

_AGENCY_PARAGRAPH = """ỦY BAN NHÂN DÂN TỈNH MẪU
Số: 60/KH-UBND
KẾ HOẠCH
Phòng chống thiên tai

II. NHIỆM VỤ
1. Nhiệm vụ trọng tâm
a) Nâng cao năng lực ứng phó thiên tai tại cơ sở
Sở Nông nghiệp và Môi trường, Bộ Chỉ huy Quân sự tỉnh:
- Tổ chức diễn tập ứng phó bão lũ tại các xã ven biển.
- Rà soát phương án sơ tán dân khỏi vùng nguy hiểm.
"""


def test_bullets_under_a_paragraph_naming_agencies_are_their_tasks() -> None:
    got = tasks(_AGENCY_PARAGRAPH)
    assert [t["content"] for t in got] == [
        "Tổ chức diễn tập ứng phó bão lũ tại các xã ven biển.", "Rà soát phương án sơ tán dân khỏi vùng nguy hiểm."]
    assert all(t["lead"] == ["Sở Nông nghiệp và Môi trường", "Bộ Chỉ huy Quân sự tỉnh"] for t in got)
