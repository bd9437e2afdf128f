"""Import → review → publish through the pages, on seed 000 (Vũng Tàu) as a .docx built at
test time, and on small documents written here."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from nhiemvu.accounts.models import Membership, Role
from nhiemvu.audit.models import AuditEvent
from nhiemvu.directory.models import Alias
from nhiemvu.tracking.models import Assignment, Plan

pytestmark = pytest.mark.django_db

SMALL = """ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ NGHIỆM
Số: 15/KH-UBND
KẾ HOẠCH
Triển khai nhiệm vụ năm 2025

II. NHIỆM VỤ CỤ THỂ
1. Rà soát danh mục thủ tục hành chính.
+ Cơ quan chủ trì: Phòng Tư pháp
+ Thời gian hoàn thành: Quý II/2025
2. Tổng kết công tác cải cách hành chính.
+ Cơ quan chủ trì: Ban Quản Lý Chợ Đêm
+ Thời gian hoàn thành: Hoàn thành trước ngày 15/12/2025
"""


@pytest.fixture
def office(db):
    from nhiemvu.directory.models import Jurisdiction, Unit

    j = Jurisdiction.objects.create(slug="thu-nghiem", name="Thành phố Thử Nghiệm")
    Unit.objects.create(jurisdiction=j, name="Phòng Tư pháp")
    Unit.objects.create(jurisdiction=j, name="Ban Quản lý chợ", short_name="BQLC")
    user = get_user_model().objects.create_user("vanphong", password="mat-khau-thu-nghiem")
    Membership.objects.create(user=user, role=Role.OFFICE, jurisdiction=j)
    return user


def _upload(client, name: str, data: bytes):
    f = io.BytesIO(data)
    f.name = name
    return client.post("/nhap-van-ban/", {"file": f})


def test_import_review_fix_agency_publish(client, office):
    client.force_login(office)
    r = _upload(client, "kh15.txt", SMALL.encode())
    assert r.status_code == 302, r.content.decode()[:2000]
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAFT
    page = client.get(r.url).content.decode()
    assert "Rà soát danh mục thủ tục hành chính" in page
    assert "Văn bản gốc" in page and 'id="L1"' in page  # the source beside the table
    bad = Assignment.objects.get(task__plan=plan, kind=Assignment.Kind.UNRESOLVED)
    assert bad.name_as_written == "Ban Quản Lý Chợ Đêm"
    assert f"/duyet/don-vi/{bad.pk}/" in page
    # Publishing with an unresolved name asks for confirmation first.
    client.post(f"/ke-hoach/{plan.pk}/ban-hanh/")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    # Pick the unit: the choice is stored as an alias for the next import.
    from nhiemvu.directory.models import Unit

    market = Unit.objects.get(short_name="BQLC")
    r = client.post(f"/duyet/don-vi/{bad.pk}/", {"unit": market.pk})
    assert r.status_code == 302
    bad.refresh_from_db()
    assert bad.unit == market and bad.kind == Assignment.Kind.UNIT
    assert Alias.objects.filter(unit=market, text="Ban Quản Lý Chợ Đêm").exists()
    r = client.post(f"/ke-hoach/{plan.pk}/ban-hanh/")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED
    assert AuditEvent.objects.filter(action="plan.publish").exists()
    # Published plans are read-only on this screen.
    assert "/duyet/nhiem-vu/" not in client.get(f"/ke-hoach/{plan.pk}/").content.decode()


def test_edit_split_merge_add_remove(client, office):
    client.force_login(office)
    _upload(client, "kh15.txt", SMALL.encode())
    plan = Plan.objects.get()
    first, second = list(plan.tasks.order_by("order"))
    r = client.post(f"/duyet/nhiem-vu/{first.pk}/", {
        "ref": "1", "content": "Rà soát thủ tục. Công bố danh mục.", "lead": "Phòng Tư pháp",
        "support": "BQLC", "due_text": "Quý II/2025", "start": "01/04/2025", "due": "30/06/2025"})
    assert r.status_code == 302
    first.refresh_from_db()
    assert first.content == "Rà soát thủ tục. Công bố danh mục."
    assert first.assignments.filter(role="support", unit__short_name="BQLC").exists()
    client.post(f"/duyet/nhiem-vu/{first.pk}/tach/")
    assert plan.tasks.count() == 3
    client.post(f"/duyet/nhiem-vu/{first.pk}/gop/")
    first.refresh_from_db()
    assert plan.tasks.count() == 2 and "Công bố danh mục" in first.content
    client.post(f"/duyet/nhiem-vu/{second.pk}/them/")
    assert plan.tasks.count() == 3
    client.post(f"/duyet/nhiem-vu/{second.pk}/xoa/")
    assert plan.tasks.count() == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"task.update", "assignments.set", "task.split", "task.merge", "task.create", "task.delete"} <= actions


def test_bad_file_gets_vietnamese_error_naming_it(client, office):
    client.force_login(office)
    r = _upload(client, "hong.docx", b"PK\x03\x04 not really a docx")
    body = r.content.decode()
    assert r.status_code == 200 and "hong.docx" in body
    assert not Plan.objects.exists()


def test_seed_000_as_docx(client, office, seeds_dir):
    from nhiemvu.directory.services import load_builtin
    from tests.fixtures.seed_docs import build_docx

    j = load_builtin("vung-tau")
    office.membership.jurisdiction = j
    office.membership.save()
    data = build_docx(next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8"))
    client.force_login(office)
    r = _upload(client, "000.docx", data)
    assert r.status_code == 302, r.content.decode()[-3000:]
    plan = Plan.objects.get()
    assert plan.tasks.count() > 10
    page = client.get(r.url).content.decode()
    assert "Phòng Văn hoá và Thông tin" in page
    assert 'data-line="' in page


def test_indicators_and_duties_reviewed(client, office):
    from nhiemvu.directory.models import Jurisdiction
    from nhiemvu.tracking.models import Indicator, Plan, ReportingDuty, Target

    j = Jurisdiction.objects.get()
    plan = Plan.objects.create(jurisdiction=j, kind="Kế hoạch", number="7/KH-UBND", title="Thử")
    ind = Indicator.objects.create(plan=plan, ref="(1)", text="Tỷ lệ hộ nghèo giảm", order=0)
    Target.objects.create(indicator=ind, comparator="<", value=2, unit="%")
    duty = ReportingDuty.objects.create(plan=plan, text="Báo cáo trước ngày 10 hằng tháng", cycle="monthly")
    client.force_login(office)
    page = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    assert "Tỷ lệ hộ nghèo giảm" in page and "&lt; 2 %" in page
    client.post(f"/duyet/chi-tieu/{ind.pk}/", {"text": "Tỷ lệ hộ nghèo dưới 1,5%",
                                               "targets": "phường | < 1,5 %\nxã | <= 3 %"})
    ind.refresh_from_db()
    assert [(t.scope, t.comparator, float(t.value)) for t in ind.targets.all()] == [("phường", "<", 1.5), ("xã", "<=", 3.0)]
    r = client.post(f"/duyet/chi-tieu/{ind.pk}/", {"text": "x", "targets": "không có số"})
    assert "không đọc được" in client.get(r.url).content.decode()
    client.post(f"/duyet/bao-cao/{duty.pk}/", {"text": duty.text, "cycle": "quarterly", "due_dates": "10/4/2025, 10/7/2025"})
    duty.refresh_from_db()
    assert duty.cycle == "quarterly" and duty.due_dates == ["2025-04-10", "2025-07-10"]
    client.post(f"/duyet/bao-cao/{duty.pk}/", {"action": "xoa"})
    assert not ReportingDuty.objects.exists()


def test_revised_document_shows_diff_then_replaces(client, office):
    client.force_login(office)
    _upload(client, "kh15.txt", SMALL.encode())
    plan = Plan.objects.get()
    revised = SMALL.replace("2. Tổng kết công tác cải cách hành chính.", "2. Sơ kết công tác chuyển đổi số.")
    r = _upload(client, "kh15-sua.txt", revised.encode())
    assert r.status_code == 200 and "Văn bản sửa đổi" in r.content.decode()
    assert "Sơ kết" not in "".join(plan.tasks.values_list("content", flat=True))
    r = client.post("/nhap-van-ban/xac-nhan/")
    assert r.status_code == 302
    assert Plan.objects.count() == 1
    assert "Sơ kết công tác chuyển đổi số." in "".join(Plan.objects.get().tasks.values_list("content", flat=True))


def test_row_saved_in_place_with_htmx(client, office):
    client.force_login(office)
    _upload(client, "kh15.txt", SMALL.encode())
    task = Plan.objects.get().tasks.order_by("order").first()
    r = client.post(f"/duyet/nhiem-vu/{task.pk}/", {"ref": "1", "content": "Nội dung đã sửa", "lead": "BQLC"},
                    HTTP_HX_REQUEST="true")
    body = r.content.decode()
    assert r.status_code == 200 and body.lstrip().startswith(f'<tr id="t{task.pk}"')
    assert "Đã lưu" in body and "Ban Quản lý chợ" in body  # the typed abbreviation resolved
    r = client.post(f"/duyet/nhiem-vu/{task.pk}/", {"ref": "1", "content": "x", "start": "01/12/2025",
                                                    "due": "01/01/2025"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "Ngày bắt đầu phải trước" in r.content.decode()
