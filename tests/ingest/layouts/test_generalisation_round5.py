"""Failure types found on the held-out sets (round 5), each shown on a small document written
for the purpose, in a form different from any corpus document."""

from __future__ import annotations

from nhiemvu.ingest.blocks import Cell, Row
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.layouts.tables import header_roles
from nhiemvu.ingest.readers.text import read_text


def tasks(text: str, name: str = "kh.md") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


def _vertical(rows: list[list[str]], empty_after: frozenset[int] = frozenset()) -> str:
    """A web table copied one cell per line: a bar between cells, two bars end a row; a row
    whose index is in `empty_after` ends with one empty cell (one more bar)."""
    lines = ["|"]
    for i, row in enumerate(rows):
        for cell in row:
            lines += [cell, "|"]
        lines += ["|"] + (["|"] if i in empty_after else [])
    return "\n".join(lines) + "\n"


_HEAD = """KẾ HOẠCH
Số: 31/KH-UBND
Phát triển thương mại điện tử huyện Bình Sơn năm 2027

**PHỤ LỤC**

"""

_HEADER = ["**STT**", "**Nội dung nhiệm vụ**", "**Đơn vị chủ trì**", "**Đơn vị phối hợp**",
           "**Thời hạn**", "**Sản phẩm đầu ra**", "**Nguồn vốn**"]


# --- 1. merged (rowspan) cells of an appendix table: dropped by the crawl, carried down -----

def test_merged_funding_and_product_cells_reach_the_rows_below_within_their_group() -> None:
    table = _vertical([
        _HEADER,
        ["**A**", "**Hạ tầng bán hàng trực tuyến**"],
        ["1", "Mở gian hàng của hợp tác xã trên sàn thương mại điện tử", "Phòng Kinh tế",
         "UBND các xã", "Quý I/2027", "Gian hàng hoạt động", "Ngân sách huyện"],
        ["2", "Tập huấn livestream bán nông sản cho thanh niên", "Huyện đoàn", "Phòng Kinh tế",
         "Quý II/2027", "Lớp tập huấn"],
        ["3", "Xây dựng mã QR truy xuất nguồn gốc cho sản phẩm OCOP", "Phòng Nông nghiệp", "Phòng Kinh tế",
         "Quý III/2027"],
        ["**B**", "**Thanh toán không dùng tiền mặt**"],
        ["1", "Vận động tiểu thương chợ trung tâm nhận thanh toán bằng mã QR", "Ban Quản lý chợ",
         "Ngân hàng Chính sách xã hội huyện", "Quý IV/2027"],
    ])
    got = {t["ref"]: t for t in tasks(_HEAD + table)}
    assert list(got) == ["A.1", "A.2", "A.3", "B.1"]
    assert got["A.2"]["funding"] == "Ngân sách huyện"  # the Nguồn vốn cell spans rows 1–2
    assert got["A.2"]["product"] == "Lớp tập huấn"
    assert got["A.3"]["product"] == "Lớp tập huấn" and got["A.3"]["funding"] == "Ngân sách huyện"
    # A group row ends every span: the next group's short row takes nothing from above.
    assert got["B.1"]["funding"] is None and got["B.1"]["product"] is None


def test_an_empty_last_cell_is_not_a_merged_one() -> None:
    # Three bars after a row: its last cell was written, empty; nothing to carry into it.
    table = _vertical([
        _HEADER,
        ["1", "Khảo sát nhu cầu bán hàng trực tuyến của hộ kinh doanh", "Phòng Kinh tế", "UBND các xã",
         "Quý I/2027", "Báo cáo khảo sát", "Ngân sách huyện"],
        ["2", "Công bố danh sách điểm giao nhận hàng tại các xã", "Bưu điện huyện", "UBND các xã",
         "Quý II/2027", "Danh sách"],
    ], empty_after=frozenset({2}))
    got = tasks(_HEAD + table)
    assert got[1]["product"] == "Danh sách" and got[1]["funding"] is None


def test_a_row_under_a_spanning_number_cell_with_its_own_task_and_agency_is_a_sub_task() -> None:
    table = _vertical([
        _HEADER,
        ["1", "Nâng cấp cổng thông tin xúc tiến thương mại của huyện", "Văn phòng HĐND và UBND huyện",
         "Phòng Kinh tế, Trung tâm Văn hóa - Thông tin", "Quý II/2027", "Cổng thông tin", "Ngân sách huyện"],
        ["Đăng tải danh mục sản phẩm OCOP lên cổng thông tin", "Phòng Nông nghiệp"],
        ["2", "Tổng kết mô hình chợ 4.0 tại thị trấn", "Phòng Kinh tế", "Ban Quản lý chợ", "Quý IV/2027",
         "Báo cáo tổng kết", "Ngân sách huyện"],
    ])
    got = tasks(_HEAD + table)
    assert [t["ref"] for t in got] == ["1", "1.2", "2"]
    assert got[0]["content"] == "Nâng cấp cổng thông tin xúc tiến thương mại của huyện"
    assert got[0]["lead"] == ["Văn phòng HĐND và UBND huyện"]
    sub = got[1]
    assert sub["content"] == "Đăng tải danh mục sản phẩm OCOP lên cổng thông tin"
    assert sub["lead"] == ["Phòng Nông nghiệp"]
    # The merged cells after its agency are the parent's.
    assert sub["support"] == got[0]["support"] and sub["due_text"] == "Quý II/2027"
    assert sub["product"] == "Cổng thông tin" and sub["funding"] == "Ngân sách huyện"


def test_a_page_break_continuation_still_joins_the_row_above() -> None:
    # The rest of a cut row opens in lower case (mid-sentence): one task, not a sub-task.
    table = _vertical([
        _HEADER,
        ["1", "Hỗ trợ hộ kinh doanh đăng ký chữ ký số và", "Phòng Kinh tế", "Chi cục Thuế khu vực",
         "Quý II/2027", "Hộ được hỗ trợ", "Ngân sách huyện"],
        ["hóa đơn điện tử khởi tạo từ máy tính tiền", "cùng UBND các xã"],
    ])
    got = tasks(_HEAD + table)
    assert len(got) == 1
    assert got[0]["content"].endswith("và hóa đơn điện tử khởi tạo từ máy tính tiền")


def test_more_names_of_product_and_funding_columns() -> None:
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", "Dự kiến sản phẩm", "Tổng kinh phí (triệu đồng)"]
    table = "\n".join("| " + " | ".join(r) + " |" for r in [
        header, ["---"] * 6,
        ["1", "Số hóa hồ sơ địa chính xã Tân Mỹ", "Văn phòng đăng ký đất đai", "Năm 2027", "Cơ sở dữ liệu", "850"],
    ]) + "\n"
    got = tasks(_HEAD + table)
    assert got[0]["product"] == "Cơ sở dữ liệu" and got[0]["funding"] == "850"


def test_a_short_row_of_tab_separated_text_carries_nothing() -> None:
    # Text copied out of Word or Excel keeps merged cells filled or empty: a short row there
    # is a row whose last cells are empty.
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Sản phẩm đầu ra", "Nguồn vốn"],
        ["1", "Khảo sát nhu cầu bán hàng trực tuyến", "Phòng Kinh tế", "Quý I/2027", "Báo cáo", "Ngân sách huyện"],
        ["2", "Công bố danh sách điểm giao nhận hàng", "Bưu điện huyện", "Quý II/2027"],
    ]
    got = tasks(_HEAD + "\n".join("\t".join(r) for r in rows) + "\n", "kh.txt")
    assert got[1]["product"] is None and got[1]["funding"] is None


def test_the_steps_of_a_procedure_named_ten_buoc_are_not_an_assignment_table() -> None:
    # "Tên bước | Người thực hiện | Nội dung công việc | Thời hạn": the internal procedure of
    # an administrative service, not work assigned to agencies.
    header = Row(cells=[Cell(text=t) for t in (
        "Tên bước", "Người thực hiện", "Nội dung công việc", "Thời hạn giải quyết", "Kết quả")], line=1)
    assert header_roles(header) is None
    assert header_roles(Row(cells=[Cell(text="Bước thực hiện"), *header.cells[1:]], line=1)) is None


# --- 1b. a heading naming two agencies over "X chủ trì, phối hợp với Y …" -------------------

_TWO_AGENCY_HEADINGS = """KẾ HOẠCH
Số: 77/KH-UBND
Phòng, chống sạt lở bờ sông năm 2027

III. TỔ CHỨC THỰC HIỆN

**1. Phòng Nông nghiệp và Môi trường, Ban Chỉ huy quân sự huyện**

Phòng Nông nghiệp và Môi trường chủ trì, phối hợp với Ban Chỉ huy quân sự huyện rà soát các điểm sạt lở
và lập phương án di dời hộ dân trước mùa mưa.

**2. Trung tâm Y tế huyện**

Trung tâm Y tế huyện chủ trì, phối hợp với Hội Chữ thập đỏ huyện chuẩn bị cơ số thuốc tại các điểm sơ tán.

**3. Phòng Kinh tế, Hạt Quản lý giao thông**

Công an huyện chủ trì bảo đảm an ninh trật tự tại các điểm sơ tán dân.
"""


def test_the_other_agency_of_the_heading_supports_the_lead_its_paragraph_names() -> None:
    got = tasks(_TWO_AGENCY_HEADINGS)
    assert got[0]["lead"] == ["Phòng Nông nghiệp và Môi trường"]
    assert got[0]["support"] == ["Ban Chỉ huy quân sự huyện"]
    # One agency in the heading: the helper named in the sentence stays in the text.
    assert got[1]["lead"] == ["Trung tâm Y tế huyện"] and got[1]["support"] == []
    # A lead the heading does not name: the heading's agencies are not its helpers.
    assert got[2]["lead"] == ["Công an huyện"] and got[2]["support"] == []


# --- 2. a page quoting a directive: agency items, "Chỉ đạo X:" bullets, "Đối với X:" ---------

_QUOTED_DIRECTIVE = """# Nội dung Công điện 88/CĐ-TTg về ứng phó rét đậm, rét hại

Ngày 3/1/2027, Thủ tướng ký Công điện 88/CĐ-TTg. Theo đó, Thủ tướng yêu cầu:

**(1) Bộ Nông nghiệp và Môi trường:**

- Theo dõi chặt chẽ diễn biến rét đậm, rét hại, cảnh báo kịp thời cho người dân.

**- Chỉ đạo Cục Chăn nuôi và Thú y:**

**+ Hướng dẫn** che chắn chuồng trại, dự trữ thức ăn cho gia súc vùng núi.

+ Phối hợp với địa phương kiểm tra việc tiêm phòng đàn trâu bò, hoàn thành trước ngày 20 tháng 01 năm 2027.

**(2) Bộ Y tế:**

- Chỉ đạo các bệnh viện tuyến tỉnh sẵn sàng thu dung bệnh nhân do rét, từ ngày 05 tháng 01 năm 2027 đến ngày 28 tháng 02 năm 2027.

**(3) Đối với Ủy ban nhân dân các tỉnh miền núi phía Bắc:**

- Cho học sinh mầm non, tiểu học nghỉ học khi nhiệt độ dưới 7 độ C.

- Hỗ trợ gạo, chăn ấm cho hộ nghèo trước Tết Nguyên đán.

**(4) **Đề nghị các doanh nghiệp vận tải hành khách khi nhận khách đi vùng núi kiểm tra xích chống trượt cho xe.

(5) Đài Truyền hình Việt Nam tăng cường bản tin thời tiết vào khung giờ sáng.

Bạn đọc có thể gửi câu hỏi tại đây.
"""


def test_a_chi_dao_bullet_over_plus_lines_is_one_task_of_the_heading_agency() -> None:
    got = tasks(_QUOTED_DIRECTIVE, "tin.md")
    directing = [t for t in got if t["content"].startswith("Chỉ đạo Cục Chăn nuôi")]
    assert len(directing) == 1
    task = directing[0]
    assert task["lead"] == ["Bộ Nông nghiệp và Môi trường"] and task["directed_by"] is None
    assert "dự trữ thức ăn" in task["content"] and "kiểm tra việc tiêm phòng" in task["content"]
    assert task["due_text"] == "hoàn thành trước ngày 20 tháng 01 năm 2027"
    assert not any(t["content"].startswith(("Hướng dẫn che chắn", "Phối hợp với địa phương")) for t in got)


def test_a_period_between_two_named_days_is_the_due_text() -> None:
    got = {t["content"][:30]: t for t in tasks(_QUOTED_DIRECTIVE, "tin.md")}
    task = got["Chỉ đạo các bệnh viện tuyến tỉ"]
    assert task["due_text"] == "từ ngày 05 tháng 01 năm 2027 đến ngày 28 tháng 02 năm 2027"
    assert (task["start"], task["due"]) == ("2027-01-05", "2027-02-28")


def test_doi_voi_agency_heading_leads_its_bullets() -> None:
    got = tasks(_QUOTED_DIRECTIVE, "tin.md")
    north = [t for t in got if t["lead"] == ["Ủy ban nhân dân các tỉnh miền núi phía Bắc"]]
    assert [t["content"][:20] for t in north] == ["Cho học sinh mầm non", "Hỗ trợ gạo, chăn ấm "]


def test_numbered_items_opening_with_their_agency_beside_agency_headings_are_tasks() -> None:
    got = {t["ref"]: t for t in tasks(_QUOTED_DIRECTIVE, "tin.md")}
    # "khi …" ends the addressees: a clause of the duty, not part of the name.
    assert got["(4)"]["lead"] == ["các doanh nghiệp vận tải hành khách"]
    assert got["(5)"]["lead"] == ["Đài Truyền hình Việt Nam"]


def test_an_agency_item_alone_on_a_news_page_stays_out() -> None:
    # Without agency headings beside it, one item opening with an agency is the article's
    # own text, as before.
    page = """# Tin văn hóa

Ngày 3/1/2027, tỉnh tổ chức lễ hội hoa đào.

(1) Đài Truyền hình Việt Nam tăng thời lượng bản tin thời tiết vào khung giờ sáng.

(2) Nhiều du khách đến tham quan vườn đào trong dịp cuối tuần.
"""
    from nhiemvu.ingest.errors import NoTasks
    try:
        got = tasks(page, "tin.md")
    except NoTasks:
        got = []
    assert got == []


# --- 3. a news page reporting a meeting's conclusions: paragraphs that assign -------------

_MEETING_NEWS = """# Phó Thủ tướng chủ trì họp về phòng cháy rừng mùa khô

Chiều 12/3, Phó Thủ tướng chủ trì cuộc họp trực tuyến với 20 địa phương có rừng.

Mùa khô năm nay đến sớm, nguy cơ cháy rừng ở cấp cực kỳ nguy hiểm. Phó Thủ tướng yêu cầu các bộ, ngành, địa phương tổ chức trực 24/24 giờ tại các vùng trọng điểm, hoàn thành trước ngày 30 tháng 4 năm 2027.

Ngoài ra, tăng cường tuần tra, kiểm soát người vào rừng trong những ngày nắng nóng.

Đối với Thủ trưởng các đơn vị kiểm lâm quán triệt cán bộ không để xảy ra cháy lớn do chậm phát hiện.

Các đồng chí Chủ tịch Ủy ban nhân dân các tỉnh vùng rừng tràm (Kiên Giang, Cà Mau, Long An) trực tiếp chỉ đạo việc phát dọn thực bì quanh các khu dân cư.

Phó Thủ tướng cũng giao Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam tăng cường tin cảnh báo cháy rừng hằng ngày.

Bài: Minh Anh
"""


def test_meeting_news_paragraphs_each_assign_to_the_agency_they_name() -> None:
    got = tasks(_MEETING_NEWS, "tin.md")
    assert [t["lead"] for t in got] == [
        ["các bộ, ngành, địa phương"],
        ["Thủ trưởng các đơn vị kiểm lâm"],
        ["Các đồng chí Chủ tịch Ủy ban nhân dân các tỉnh vùng rừng tràm"],
        ["Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"],
    ]
    # The speaker's sentence starts the task; the comment before it is not part of it, and
    # "Ngoài ra, …" goes on with it.
    first = got[0]["content"]
    assert first.startswith("Phó Thủ tướng yêu cầu các bộ, ngành") and first.endswith("trong những ngày nắng nóng.")
    assert got[0]["due_text"] == "hoàn thành trước ngày 30 tháng 4 năm 2027"


def test_a_lead_in_paragraph_over_items_is_not_a_news_task() -> None:
    page = _MEETING_NEWS.replace(
        "Bài: Minh Anh",
        "Phó Thủ tướng giao Bộ Nông nghiệp và Môi trường chủ trì thực hiện các nhiệm vụ:\n\nBài: Minh Anh")
    assert not any(t["content"].endswith("các nhiệm vụ:") for t in tasks(page, "tin.md"))


def test_a_deadline_with_an_hour_of_the_day() -> None:
    page = _MEETING_NEWS.replace("hoàn thành trước ngày 30 tháng 4 năm 2027", "báo cáo trước 16h00 ngày 30/4/2027")
    got = tasks(page, "tin.md")
    assert got[0]["due_text"] == "trước 16h00 ngày 30/4/2027" and got[0]["due"] == "2027-04-30"


# --- A. a plan's topics each ending "*Trọng tâm:*" over lettered items with no agency --------

_KEY_TASKS_PLAN = """ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH

Số: 215/KH-UBND

KẾ HOẠCH
Phát triển du lịch cộng đồng giai đoạn 2026 - 2030

I. MỤC TIÊU

Đến năm 2030 có 40 bản du lịch cộng đồng đạt chuẩn.

II. PHÁT TRIỂN SẢN PHẨM VÀ THỊ TRƯỜNG

1. Hạ tầng du lịch

Hạ tầng là điều kiện tiên quyết để phát triển du lịch
cộng đồng ở vùng cao.

*Trọng tâm:*

a) Rà soát quy hoạch các điểm du lịch cộng đồng gắn với bản sắc văn hóa dân tộc Mường.

b) Đầu tư đường giao thông đến các bản du lịch, bãi đỗ xe và nhà vệ sinh công cộng.

2. Nguồn nhân lực

*Nhiệm vụ trọng tâm:*

a) Tập huấn kỹ năng đón tiếp khách cho hộ làm du lịch homestay.

III. TỔ CHỨC THỰC HIỆN

1. Sở Văn hóa, Thể thao và Du lịch:

- Chủ trì theo dõi, đôn đốc thực hiện Kế hoạch.

2. Báo và Phát thanh, Truyền hình tỉnh

Chủ trì tuyên truyền về các bản du lịch cộng đồng trên sóng phát thanh, truyền hình.
"""


def test_lettered_items_under_a_trong_tam_line_are_tasks_with_no_lead() -> None:
    got = {t["ref"]: t for t in tasks(_KEY_TASKS_PLAN)}
    assert [r for r in got if r.startswith("II.")] == ["II.1.a", "II.1.b", "II.2.a"]
    assert got["II.1.a"]["lead"] == [] and got["II.1.a"]["section"] == "Hạ tầng du lịch"
    assert got["III.2.1"]["lead"] == ["Báo và Phát thanh, Truyền hình tỉnh"]


def test_lettered_items_under_a_topic_without_such_a_line_stay_out() -> None:
    # A topic heading that does not say it lists tasks, and no "Trọng tâm:" line: its
    # lettered points describe, they assign nothing.
    plan = _KEY_TASKS_PLAN.replace("*Trọng tâm:*", "Cụ thể:").replace("*Nhiệm vụ trọng tâm:*", "Cụ thể:")
    assert not any(t["ref"].startswith("II.") for t in tasks(plan))


# --- B. an appendix assigning each target (chỉ tiêu) to an agency ---------------------------

def test_a_table_assigning_targets_gives_one_task_per_target_row() -> None:
    table = _vertical([
        ["**TT**", "**Chỉ tiêu**", "**Chủ trì**"],
        ["", "**I. Du lịch**", ""],
        ["1", "Đón 1,2 triệu lượt khách du lịch vào năm 2030.", "Sở Văn hóa, Thể thao và Du lịch"],
        ["2", "Tỷ lệ cơ sở lưu trú thanh toán không dùng tiền mặt đạt 90%.",
         "Ngân hàng Nhà nước khu vực X theo dõi, báo cáo chỉ tiêu"],
        ["3", "Mỗi bản du lịch có ít nhất 05 hộ homestay đạt chuẩn.",
         "Sở Văn hóa, Thể thao và Du lịch chủ trì hướng dẫn; UBND cấp xã thực hiện"],
    ])
    got = tasks(_HEAD.replace("**PHỤ LỤC**", "**PHỤ LỤC**\n\nPHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU") + table)
    assert [t["ref"] for t in got] == ["I.1", "I.2", "I.3"]
    assert got[0]["content"] == "Đón 1,2 triệu lượt khách du lịch vào năm 2030."
    assert got[0]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    # What the agency does after its name in the cell is not part of the name.
    assert got[1]["lead"] == ["Ngân hàng Nhà nước khu vực X"]
    assert got[2]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"] and got[2]["support"] == ["UBND cấp xã"]


# --- C. "(1) Nội dung:" / "(2) Tổ chức thực hiện:" / "(3) Kết quả:" blocks under headings --------

_CONTENT_BLOCKS = """# Sở Nông nghiệp giao nhiệm vụ chuyển đổi số năm 2027

Theo Kế hoạch 45/KH-SNN, Sở giao các nhiệm vụ sau.

## Số hóa hồ sơ giống cây trồng

**(1) Nội dung: **

- Số hóa hồ sơ công nhận giống cây trồng từ năm 2015 đến nay.

- Kết nối dữ liệu giống với Cổng dịch vụ công của tỉnh.

**(2) Tổ chức thực hiện: **

- Đơn vị thực hiện: Chi cục Trồng trọt và Bảo vệ thực vật.

- Đơn vị phối hợp: Văn phòng Sở, Trung tâm Khuyến nông.

- Thời gian thực hiện: Quý III/2027

**(3) Kết quả/Sản phẩm: **Cơ sở dữ liệu giống cây trồng

Việc thực hiện cần bảo đảm an toàn thông tin.

## Cấp mã vùng trồng trực tuyến

**(1) Nội dung thực hiện: **Xây dựng quy trình cấp mã vùng trồng trên môi trường điện tử.

**(2) Tổ chức thực hiện: **

- Đơn vị thực hiện: Chi cục Trồng trọt và Bảo vệ thực vật;

Thời gian thực hiện: Quý IV/2027.
"""


def test_content_and_organisation_blocks_under_headings_are_one_task_each() -> None:
    got = tasks(_CONTENT_BLOCKS, "tin.md")
    assert len(got) == 2
    first, second = got
    assert first["content"] == ("Số hóa hồ sơ công nhận giống cây trồng từ năm 2015 đến nay. - Kết nối dữ liệu "
                                "giống với Cổng dịch vụ công của tỉnh.")
    assert first["lead"] == ["Chi cục Trồng trọt và Bảo vệ thực vật"]
    assert first["support"] == ["Văn phòng Sở", "Trung tâm Khuyến nông"]
    assert first["due_text"] == "Quý III/2027" and first["product"] == "Cơ sở dữ liệu giống cây trồng"
    assert second["content"] == "Xây dựng quy trình cấp mã vùng trồng trên môi trường điện tử."
    assert second["lead"] == ["Chi cục Trồng trọt và Bảo vệ thực vật"] and second["due_text"] == "Quý IV/2027"


# --- D. "N. Về <chủ đề>: Giao Bộ X …" conclusions, hard-wrapped; "Các Bộ, cơ quan: A, B" ------

_TOPIC_CONCLUSIONS = """VĂN PHÒNG CHÍNH PHỦ

Số: 612/TB-VPCP

THÔNG BÁO
Kết luận của Phó Thủ tướng tại cuộc họp về dự án đường sắt Lào Cai - Hà Nội

Sau khi nghe báo cáo, Phó Thủ tướng kết luận như sau:

1. Về cơ chế tài chính cho dự án: Giao Bộ Tài chính chủ trì, phối hợp với Bộ Xây
dựng nghiên cứu, đề xuất cơ chế huy động vốn, báo cáo Thủ tướng Chính phủ trong
tháng 12 năm 2025.

2. Về giải phóng mặt bằng: Tỉnh Lào Cai, tỉnh Phú Thọ khẩn trương hoàn thành
giải phóng mặt bằng các đoạn tuyến qua địa bàn trước ngày 30 tháng 6 năm 2026.

3. Về vật liệu xây dựng: Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường
theo chức năng hướng dẫn địa phương cấp phép mỏ vật liệu phục vụ dự án.

4. Các Bộ, cơ quan: Công an, Quốc phòng:

- Bảo đảm an ninh trật tự trên công trường.

Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.
"""


def test_a_topic_before_the_colon_does_not_hide_who_acts() -> None:
    got = {t["ref"]: t for t in tasks(_TOPIC_CONCLUSIONS)}
    assert got["1"]["lead"] == ["Bộ Tài chính"] and got["1"]["due_text"] == "trong tháng 12 năm 2025"
    assert got["1"]["content"].startswith("Về cơ chế tài chính cho dự án: Giao Bộ Tài chính")
    assert got["2"]["lead"] == ["Tỉnh Lào Cai", "tỉnh Phú Thọ"]
    # The names listed after a group's colon are part of the lead, not cut at the colon.
    assert got["3"]["lead"] == ["Các Bộ, cơ quan: Tài chính, Xây dựng, Nông nghiệp và Môi trường"]
    assert got["4.1"]["lead"] == ["Các Bộ, cơ quan: Công an, Quốc phòng"]


# --- E. a conclusion: milestones under a lead-in, a closing "Giao X …", names in the lead ----

_CONCLUSION = """BAN CHẤP HÀNH TRUNG ƯƠNG

Số: 45-KL/TW

KẾT LUẬN
của Bộ Chính trị về sắp xếp đơn vị sự nghiệp

Bộ Chính trị yêu cầu:

1. Đảng ủy Chính phủ lãnh đạo, chỉ đạo Chính phủ khẩn trương triển khai các nhiệm vụ, bảo đảm tiến độ cụ thể như sau:

+ Hoàn thành xây dựng đề án sắp xếp trước ngày 15 tháng 4 năm 2027.

+ Trình Quốc hội nghị quyết trước ngày 30 tháng 6 năm 2027.

2. Giao Ban Tổ chức Trung ương (theo phạm vi, lĩnh vực) theo dõi, đôn đốc việc thực hiện Kết luận này.

3. **Giao Ban Tuyên giáo Trung ương **xây dựng kế hoạch tuyên truyền về sắp xếp đơn vị sự nghiệp.

4. Giao các đoàn kiểm tra của Bộ Chính trị kiểm tra việc thực hiện tại các địa phương.

5. Giao các cấp uỷ, tổ chức đảng; các cơ quan, đơn vị quán triệt và tổ chức thực hiện Kết luận này.

Giao Văn phòng Trung ương Đảng theo dõi, tổng hợp tình hình thực hiện, báo cáo Bộ Chính trị.
"""


def test_dated_milestones_under_a_lead_in_are_one_task() -> None:
    got = tasks(_CONCLUSION)
    first = got[0]
    assert first["lead"] == ["Đảng ủy Chính phủ"]
    assert first["content"].startswith("Đảng ủy Chính phủ lãnh đạo") and "+ Trình Quốc hội" in first["content"]
    assert first["due_text"] == "trước ngày 15 tháng 4 năm 2027"
    assert not any(t["content"].startswith("Hoàn thành xây dựng đề án") for t in got)


def test_names_in_a_lead_after_giao() -> None:
    got = {t["ref"]: t for t in tasks(_CONCLUSION)}
    assert got["2"]["lead"] == ["Ban Tổ chức Trung ương"]  # "(theo phạm vi, lĩnh vực)" is not the name
    assert got["3"]["lead"] == ["Ban Tuyên giáo Trung ương"]  # the bold ended before the verb
    assert got["4"]["lead"] == ["các đoàn kiểm tra của Bộ Chính trị"]
    assert got["5"]["lead"] == ["các cấp uỷ, tổ chức đảng", "các cơ quan, đơn vị"]


def test_a_paragraph_handing_work_over_after_the_last_item_is_its_own_task() -> None:
    got = tasks(_CONCLUSION)
    assert got[-2]["content"].endswith("tổ chức thực hiện Kết luận này.")
    assert got[-1]["lead"] == ["Văn phòng Trung ương Đảng"]
    assert got[-1]["content"].startswith("Giao Văn phòng Trung ương Đảng theo dõi")


# --- F, G, H. a directive: "Đề nghị X" over bullets, a group heading, the implementation part ---

_DIRECTIVE = """THỦ TƯỚNG CHÍNH PHỦ

Số: 12/CT-TTg

CHỈ THỊ
Về tăng cường phòng chống dịch sốt xuất huyết

I. TÌNH HÌNH

Dịch sốt xuất huyết tăng mạnh tại các tỉnh phía Nam.

II. NHIỆM VỤ

1. Xây dựng kế hoạch phòng chống dịch năm 2026.

+ Cơ quan chủ trì: Sở Y tế.

+ Thời gian hoàn thành: Quý I/2026.

2. Các bộ, ngành:

a) Bộ Y tế chủ trì hướng dẫn các địa phương giám sát ca bệnh.

b) Bộ Tài chính bố trí kinh phí mua hóa chất diệt muỗi.

c) Đề nghị Trung ương Hội Chữ thập đỏ Việt Nam

- Chỉ đạo hội các cấp vận động người dân diệt lăng quăng.

- Chỉ đạo hội các cấp hỗ trợ hộ nghèo mua màn.

III. TỔ CHỨC THỰC HIỆN

a) Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Chỉ thị này.

b) Bộ Y tế chủ trì tổng hợp, báo cáo Thủ tướng Chính phủ trước ngày 15 tháng 12 năm 2026.

c) Khuyến khích các địa phương huy động doanh nghiệp, các tổ chức khác phổ biến cách diệt muỗi.

d) Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam vận động nhân dân tham gia vào kỳ cao điểm tháng 7 năm 2026.
"""


def test_an_item_naming_one_of_its_groups_agencies_leads_itself() -> None:
    got = {t["ref"]: t for t in tasks(_DIRECTIVE)}
    assert got["II.2.b"]["lead"] == ["Bộ Tài chính"]


def test_de_nghi_heading_over_bullets_gives_one_task_per_bullet() -> None:
    got = {t["ref"]: t for t in tasks(_DIRECTIVE)}
    assert [got[r]["lead"] for r in ("II.2.c.1", "II.2.c.2")] == [["Trung ương Hội Chữ thập đỏ Việt Nam"]] * 2


def test_dated_work_in_the_implementation_part_beside_items_with_responsibility_lines() -> None:
    got = {t["ref"]: t for t in tasks(_DIRECTIVE)}
    assert got["II.1"]["lead"] == ["Sở Y tế"]
    assert got["III.b"]["lead"] == ["Bộ Y tế"] and got["III.b"]["due"] == "2026-12-15"
    assert "III.a" not in got  # follow-up with no date of its own restates the duties above


def test_khuyen_khich_and_a_speaker_before_de_nghi_name_who_acts() -> None:
    got = tasks(_DIRECTIVE.replace("III. TỔ CHỨC THỰC HIỆN", "III. NHIỆM VỤ KHÁC"))
    by_ref = {t["ref"]: t for t in got}
    assert by_ref["III.c"]["lead"] == ["các địa phương"]
    assert by_ref["III.d"]["lead"] == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    assert by_ref["III.d"]["due_text"] == "vào kỳ cao điểm tháng 7 năm 2026"
    assert (by_ref["III.d"]["start"], by_ref["III.d"]["due"]) == ("2026-07-01", "2026-07-31")


def test_a_period_from_a_day_to_the_end_of_a_year_keeps_its_start() -> None:
    from nhiemvu.ingest.layouts.vn_compat import timeframe
    assert timeframe("từ ngày 01/10/2025 đến hết năm 2025")[:2] == ("2025-10-01", "2025-12-31")
    assert timeframe("từ tháng 10/2025 đến hết tháng 12/2025")[:2] == ("2025-10-01", "2025-12-31")


# --- 4. the enacting formula of a regulation is no task -------------------------------------

_ENACTING = """ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN

Số: 27/2026/QĐ-UBND

QUYẾT ĐỊNH
Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh

*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15; *

*Theo đề nghị của Giám đốc Sở Công Thương tại Tờ trình số 15/TTr-SCT; *

*Ủy ban nhân dân ban hành Quyết định Ban hành Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh. *

**Điều 1.** Ban hành kèm theo Quyết định này Quy chế quản lý cụm công nghiệp trên địa bàn tỉnh.

**Điều 2.** Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2026.

**Điều 3.** Chánh Văn phòng UBND tỉnh, Giám đốc Sở Công Thương và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này./.
"""


def test_the_enacting_formula_after_the_legal_bases_is_refused() -> None:
    from nhiemvu.ingest.errors import NoTasks
    try:
        got = tasks(_ENACTING)
    except NoTasks:
        got = []
    assert got == []


def test_a_decision_with_an_assignment_after_its_enacting_formula_still_gives_it() -> None:
    text = _ENACTING.replace(
        "**Điều 2.** Quyết định này",
        "**Điều 2.** Giao Sở Công Thương chủ trì hướng dẫn thực hiện Quy chế, hoàn thành trước ngày 30/6/2026.\n\n"
        "**Điều 4.** Quyết định này")
    got = tasks(text)
    assert [t["lead"] for t in got] == [["Sở Công Thương"]]


# --- an event plan: "- Địa điểm:" is where, "- Nội dung:" is what -----------------------------

_EVENTS = """ỦY BAN NHÂN DÂN TỈNH GIA LAI

Số: 88/KH-UBND

KẾ HOẠCH
Tổ chức Ngày hội văn hóa các dân tộc năm 2026

II. NỘI DUNG THỰC HIỆN

1. Lễ khai mạc Ngày hội:

- Thời gian: 19h30, ngày 12/4/2026.

- Địa điểm: Quảng trường Đại Đoàn Kết, phường Pleiku.

- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch.

- Nội dung: Có kịch bản chi tiết riêng.
"""


def test_an_events_place_is_not_its_content_and_its_noi_dung_label_is_dropped() -> None:
    got = tasks(_EVENTS)
    assert got[0]["content"] == "Lễ khai mạc Ngày hội: Có kịch bản chi tiết riêng."
    assert got[0]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]


# --- a chairman's directive: a long addressee lead-in, "… có trách nhiệm" headings --------------

_CHAIRMAN = """ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ

Số: 09/CT-UBND

CHỈ THỊ
Về tăng cường quản lý rác thải nhựa

Chủ tịch Ủy ban nhân dân thành phố yêu cầu Giám đốc, Thủ trưởng các sở, ban ngành, Chủ tịch Ủy ban nhân dân xã, phường và các đơn vị liên quan trong phạm vi chức năng, quyền hạn của mình tập trung thực hiện các nhiệm vụ trọng tâm, cụ thể như sau:

1. Hạn chế sử dụng túi ni lông khó phân hủy tại các chợ, siêu thị.

2. Sở Nông nghiệp và Môi trường:

a) Giao Ban Quản lý các khu công nghiệp chỉ đạo các doanh nghiệp trong khu công nghiệp có trách nhiệm:

- Phân loại rác thải nhựa tại nguồn.

- Báo cáo khối lượng rác thải nhựa hằng quý.

3. Các hộ kinh doanh, cơ sở sản xuất trên địa bàn thành phố có trách nhiệm

a) Không sử dụng sản phẩm nhựa dùng một lần trong hoạt động kinh doanh.
"""


def test_a_long_lead_in_names_its_addressees_without_their_qualifier() -> None:
    got = tasks(_CHAIRMAN)
    assert got[0]["lead"] == ["Giám đốc", "Thủ trưởng các sở, ban ngành", "Chủ tịch Ủy ban nhân dân xã, phường",
                              "các đơn vị liên quan"]


def test_giao_x_chi_dao_others_over_bullets_is_one_task() -> None:
    got = {t["ref"]: t for t in tasks(_CHAIRMAN)}
    assert got["2.a"]["lead"] == ["Ban Quản lý các khu công nghiệp"]
    assert "Báo cáo khối lượng rác thải nhựa" in got["2.a"]["content"] and "2.a.1" not in got


def test_a_heading_ending_co_trach_nhiem_is_an_agency_heading() -> None:
    got = {t["ref"]: t for t in tasks(_CHAIRMAN)}
    assert got["3.a"]["lead"] == ["Các hộ kinh doanh, cơ sở sản xuất trên địa bàn thành phố"]


# --- an emulation campaign: "Nội dung thi đua" items, an agency sentence over bullets ---------

_CAMPAIGN = """ỦY BAN NHÂN DÂN TỈNH NINH THUẬN

Số: 301/KH-UBND

KẾ HOẠCH
Phát động thi đua chào mừng Đại hội Đảng bộ tỉnh

II. NỘI DUNG THI ĐUA

1. Chủ đề thi đua: “Đoàn kết, sáng tạo, về đích sớm”.

2. Thời gian thực hiện: Từ tháng 3/2026 đến tháng 9/2026.

3. Nội dung thi đua

a) Thi đua hoàn thành vượt mức các chỉ tiêu thu ngân sách năm 2026.

b) Thi đua đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính.

IV. TỔ CHỨC THỰC HIỆN

1. Các sở, ban, ngành, địa phương căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch hưởng ứng phong trào thi đua phù hợp với tình hình thực tế của cơ quan, đơn vị.

- Biểu dương điển hình tiên tiến trên các phương tiện thông tin đại chúng.

- Báo cáo kết quả thi đua về Sở Nội vụ khi tổng kết.

2. Sở Nội vụ

- Hướng dẫn, đôn đốc việc tổ chức phong trào thi đua.
"""


def test_emulation_contents_are_tasks_and_plan_details_are_not() -> None:
    got = {t["ref"]: t for t in tasks(_CAMPAIGN)}
    assert [r for r in got if r.startswith("II.")] == ["II.3.a", "II.3.b"]
    assert got["II.3.a"]["lead"] == []


def test_an_agency_sentence_over_plain_bullets_is_one_task() -> None:
    got = {t["ref"]: t for t in tasks(_CAMPAIGN)}
    assert got["IV.1"]["lead"] == ["Các sở, ban, ngành, địa phương"]
    assert got["IV.1"]["content"].endswith("- Báo cáo kết quả thi đua về Sở Nội vụ khi tổng kết.")
    assert got["IV.2.1"]["lead"] == ["Sở Nội vụ"]


# --- a short lettered topic over bullets; a long group name as an agency heading ------------

_TOPICS = """ỦY BAN NHÂN DÂN TỈNH VĨNH LONG

Số: 140/KH-UBND

KẾ HOẠCH
Chuyển đổi số ngành giao thông năm 2026

III. NHIỆM VỤ, GIẢI PHÁP

1. Về nguồn nhân lực

**a) Đào tạo và bồi dưỡng:**

- Tổ chức tập huấn kỹ năng số cho công chức ngành giao thông.

- Cử cán bộ tham gia khóa đào tạo về mô hình thông tin công trình (BIM).

**b) Triển khai nền tảng học trực tuyến, gồm:**

- Kho bài giảng điện tử.

- Hệ thống thi trắc nghiệm.

V. TỔ CHỨC THỰC HIỆN

**1. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics và công nghệ thông tin trên địa bàn tỉnh**

- Ứng dụng mô hình BIM trong quản lý công trình theo hướng dẫn của cơ quan quản lý nhà nước.
"""


def test_bullets_under_a_short_topic_title_are_tasks_but_a_task_that_lists_stays_one() -> None:
    got = {t["ref"]: t for t in tasks(_TOPICS)}
    assert "III.1.a.1" in got and "III.1.a.2" in got and "III.1.a" not in got
    assert "III.1.b" in got and got["III.1.b"]["content"].endswith("- Hệ thống thi trắc nghiệm.")


def test_a_long_group_name_without_a_verb_heads_its_bullets() -> None:
    got = {t["ref"]: t for t in tasks(_TOPICS)}
    assert got["V.1.1"]["lead"] == ["Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, "
                                    "logistics và công nghệ thông tin trên địa bàn tỉnh"]


# --- a training notice: the last bullet, then a contact note --------------------------------

_TRAINING = """# Toàn văn Công văn 512-CV/VPTU về tập huấn phần mềm quản lý văn bản

**(5) Tổ chức triển khai **

- Văn phòng Tỉnh ủy chủ trì chuẩn bị tài liệu, giảng viên phục vụ khóa tập huấn.

- Văn phòng các huyện ủy chuẩn bị phòng họp trực tuyến để học viên thực hành.

- Các cán bộ tham dự (theo hình thức trực tiếp và trực tuyến) chuẩn bị máy tính xách tay để thực hành.

Đầu mối liên hệ đăng ký danh sách học viên: Đồng chí Nguyễn Văn A, Phòng Cơ yếu, số điện thoại 0912.000.000.
"""


def test_a_contact_note_after_the_last_bullet_is_not_part_of_it() -> None:
    got = tasks(_TRAINING, "tin.md")
    assert got[-1]["content"].endswith("chuẩn bị máy tính xách tay để thực hành.")
    assert got[-1]["lead"] == ["Các cán bộ tham dự"]  # a verb in brackets does not end the name


# --- B'. goals for a year over their targets ------------------------------------------------

_GOALS = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN

Số: 77/KH-UBND

KẾ HOẠCH
Phát triển kinh tế số đến năm 2030

I. MỤC TIÊU

1. Phát triển kinh tế số đến năm 2030

- Kinh tế số chiếm 25% GRDP tỉnh.

- Tỷ lệ doanh nghiệp nhỏ ứng dụng
công nghệ số đạt 50%.

2. Mục tiêu cụ thể

**a) Phát triển xã hội số đến năm 2030**

- Tỷ lệ phủ sóng 5G đạt 100% dân số.

II. NHIỆM VỤ

1. Phát triển hạ tầng số đến năm 2030

- Sở Khoa học và Công nghệ chủ trì phủ sóng 5G tại các xã vùng cao.
"""


def test_year_goals_under_a_goals_part_head_their_targets() -> None:
    from nhiemvu.ingest.extract import extract_document
    result = extract_document(read_text(_GOALS.encode("utf-8"), "kh.md"))
    got = [(i["section"], i["targets"][0]["value"]) for i in result["indicators"]]
    assert got == [("Phát triển kinh tế số đến năm 2030", 25), ("Phát triển kinh tế số đến năm 2030", 50),
                   ("Phát triển xã hội số đến năm 2030", 100)]
    # The same kind of title in the tasks part is no goal: its bullet stays a task.
    assert [t["lead"] for t in result["tasks"]] == [["Sở Khoa học và Công nghệ"]]


# --- I. a preamble in italics is not a bullet that holds the whole document -------------------

def test_italic_legal_bases_do_not_prefix_the_refs() -> None:
    text = """CHÍNH PHỦ

Số: 410/NQ-CP

NGHỊ QUYẾT
Về khắc phục hậu quả mưa lũ

*Căn cứ Luật Tổ chức Chính phủ
số 63/2025/QH15; *

*Xét đề nghị của Bộ trưởng Bộ Tài chính tại Tờ trình số 844/TTr-BTC; *

**QUYẾT NGHỊ:**

**I. NHIỆM VỤ, GIẢI PHÁP**

1. Bộ Tài chính chủ trì bố trí kinh phí hỗ trợ khẩn cấp cho các tỉnh bị thiệt hại.
"""
    assert [t["ref"] for t in tasks(text)] == ["I.1"]


# --- H. a name cut by a line break before a capitalised word ---------------------------------

def test_a_name_cut_by_a_line_break_is_joined_before_it_is_read() -> None:
    text = """KẾ HOẠCH
Số: 12/KH-UBND

III. TỔ CHỨC THỰC HIỆN

1. Liên minh Hợp tác xã Việt
Nam chủ trì vận động các hợp tác xã tham gia chương trình.

2. Sở Tài chính
Chủ trì bố trí kinh phí thực hiện Kế hoạch.
"""
    got = tasks(text)
    assert got[0]["lead"] == ["Liên minh Hợp tác xã Việt Nam"]
    assert got[0]["content"].startswith("Liên minh Hợp tác xã Việt Nam chủ trì")
    # A heading that is a whole name keeps reading its body as the task.
    assert got[1]["lead"] == ["Sở Tài chính"] and got[1]["content"] == "Chủ trì bố trí kinh phí thực hiện Kế hoạch."


def test_unnumbered_giao_paragraphs_of_a_part_are_tasks() -> None:
    text = """BAN CHẤP HÀNH TRUNG ƯƠNG

Số: 46-KL/TW

KẾT LUẬN
của Bộ Chính trị về công tác phòng chống lãng phí

I. ĐÁNH GIÁ

Công tác phòng chống lãng phí có chuyển biến.

II. NHIỆM VỤ

1. Các cấp uỷ, tổ chức đảng tăng cường lãnh đạo công tác phòng chống lãng phí.

III. TỔ CHỨC THỰC HIỆN

Giao Ủy ban Kiểm tra Trung ương theo dõi, giám sát việc thực hiện Kết luận này.

Giao Văn phòng Trung ương Đảng tổng hợp, báo cáo Bộ Chính trị kết quả thực hiện trước ngày 15/12/2026.

IV. KINH PHÍ

Giao Ban Tài chính - Quản trị Trung ương bảo đảm kinh phí.
"""
    got = {t["ref"]: t for t in tasks(text)}
    assert got["III.1"]["lead"] == ["Ủy ban Kiểm tra Trung ương"]
    assert got["III.2"]["lead"] == ["Văn phòng Trung ương Đảng"] and got["III.2"]["due"] == "2026-12-15"
    assert not any(r.startswith("IV") for r in got)  # a part that assigns nothing stays out


def test_a_letter_a_crawl_moved_after_lien_quan_does_not_join_the_next_words() -> None:
    from nhiemvu.ingest.layouts.agencies import lead_and_support
    assert lead_and_support("Ban Quản lý dự án chủ trì, phối hợp với các đơn vị liên quant ham mưu UBND huyện") == (
        ["Ban Quản lý dự án"], ["các đơn vị liên quan"])


def test_an_advising_bullet_over_plus_lines_is_one_task() -> None:
    text = """BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH

Số: 88/KH-BVHTTDL

KẾ HOẠCH
Cải cách hành chính năm 2026

1. Vụ Pháp chế

- Nghiên cứu, tham mưu Lãnh đạo Bộ:

+ Các chính sách về bảo tồn di sản phi vật thể.

+ Cắt giảm thủ tục hành chính trong lĩnh vực nghệ thuật biểu diễn.

- Rà soát văn bản quy phạm pháp luật hết hiệu lực.
"""
    got = tasks(text)
    assert [t["ref"] for t in got] == ["1.1", "1.2"]
    assert got[0]["content"].startswith("Nghiên cứu, tham mưu Lãnh đạo Bộ: + Các chính sách")
    assert got[0]["lead"] == ["Vụ Pháp chế"]


def test_a_long_semicolon_list_after_giao_is_the_lead() -> None:
    from nhiemvu.ingest.layouts.agencies import opening_agency
    text = ("Giao Ban Tổ chức Tỉnh ủy; Ủy ban Kiểm tra Tỉnh ủy; Văn phòng Tỉnh ủy; Đảng ủy Ủy ban nhân dân tỉnh; "
            "Đảng ủy các cơ quan Đảng tỉnh và các cơ quan liên quan trong quá trình chuẩn bị đề án, chủ động rà soát "
            "các quy định có liên quan.")
    lead, _ = opening_agency(text)
    assert lead[0] == "Ban Tổ chức Tỉnh ủy" and lead[-1] == "các cơ quan liên quan" and len(lead) == 6


def test_numbered_markdown_headings_keep_their_numbers_in_the_refs() -> None:
    text = """# KẾ HOẠCH

Số: 5/KH-UBND

### II. NHIỆM VỤ

#### 1. Sở Tài chính

- Bố trí kinh phí thực hiện Kế hoạch.

#### 2. Sở Nội vụ

- Hướng dẫn thi đua, khen thưởng.
"""
    assert [t["ref"] for t in tasks(text)] == ["II.1.1", "II.2.1"]


def test_trung_uong_organisations_and_more_duty_verbs_end_names() -> None:
    from nhiemvu.ingest.layouts.agencies import agency_heading, opening_agency
    assert agency_heading("Đề nghị Trung ương Mặt trận Tổ quốc Việt Nam") == (
        ["Trung ương Mặt trận Tổ quốc Việt Nam"], [])
    assert opening_agency("Sở Giáo dục và Đào tạo và các trường học lồng ghép nội dung phòng chống đuối nước")[0] == [
        "Sở Giáo dục và Đào tạo", "các trường học"]


def test_a_speed_unit_keeps_its_per_second() -> None:
    from nhiemvu.vn.numbers import parse_targets
    got = parse_targets("Tốc độ truy cập băng rộng di động đạt 100 Mb/s.")
    assert [(t["value"], t["unit"], t["scope"]) for t in got] == [(100, "Mb/s", None)]
