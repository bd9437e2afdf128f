"""The whole cycle in a real browser: the Office imports seed 000 as .docx (through the
import's progress page), fixes an agency
in review and publishes; an agency officer reports progress and completion; the Office
accepts; the dashboard counts change. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from nhiemvu.accounts.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE_PW = "van-phong-thu-nghiem"
AGENCY_PW = "don-vi-thu-nghiem-1"


def _login(page, base, username, password):
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _logout(page):
    page.click("text=Đăng xuất")
    page.wait_for_url(re.compile(r".*/dang-nhap/"))


def _counts(page) -> dict[str, int]:
    return {el.get_attribute("data-status"): int(el.inner_text())
            for el in page.query_selector_all("#status-counts [data-status]")}


def test_import_review_publish_report_accept(page, live_server, seeds_dir, artifacts_dir, tmp_path, import_threads):
    from nhiemvu.directory.services import load_builtin, resolve_names
    from nhiemvu.tracking.models import Plan, ProgressUpdate
    from tests.fixtures.seed_docs import build_docx

    j = load_builtin("vung-tau")
    unit_id = resolve_names(j, ["Phòng Văn hoá và Thông tin"])[0].unit_ids[0]
    User = get_user_model()
    office = User.objects.create_user("vanphong", password=OFFICE_PW, first_name="Nguyễn Văn Phòng")
    Membership.objects.create(user=office, role=Role.OFFICE, jurisdiction=j)
    officer = User.objects.create_user("vhtt", password=AGENCY_PW, first_name="Trần Thị Văn Hoá")
    Membership.objects.create(user=officer, role=Role.AGENCY, jurisdiction=j, unit_id=unit_id)
    docx = tmp_path / "Phu_luc_14515.docx"
    docx.write_bytes(build_docx(next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")))
    base = live_server.url

    # --- the Office imports the document
    _login(page, base, "vanphong", OFFICE_PW)
    page.goto(f"{base}/tong-quan/")
    before = _counts(page)
    page.click("text=Nhập văn bản")
    page.set_input_files("#id_file", str(docx))
    page.screenshot(path=artifacts_dir / "web_01_import.png")
    page.click("button:has-text('Tải lên và trích xuất')")
    # The upload returns at once: the progress page, polled every second, while the import
    # waits in its thread; released, the page goes on to the review screen by itself.
    page.wait_for_url(re.compile(r".*/nhap-van-ban/\d+/$"))
    page.wait_for_selector("#import-progress progress")
    assert "Đang chờ xử lý" in page.inner_text("#import-progress")
    page.screenshot(path=artifacts_dir / "web_01b_import_progress.png")
    import_threads.set()
    page.wait_for_url(re.compile(r".*/ke-hoach/\d+/"), timeout=60_000)
    assert "nhiệm vụ. Kiểm tra rồi ban hành" in page.inner_text(".messages")
    plan = Plan.objects.get()
    assert plan.status == Plan.Status.DRAFT and plan.tasks.count() > 50
    assert page.is_visible("#source")
    # Selecting a task highlights its source lines.
    page.click(".review-table tbody tr:nth-child(3) textarea")
    assert page.locator("#source .ln.hl").count() >= 1
    page.screenshot(path=artifacts_dir / "web_02_review.png")
    # Edit a row and save it in place (htmx swaps the row; the page does not reload).
    first_row = page.locator(".review-table tbody tr").first
    row_id = first_row.get_attribute("id")
    first_row.locator("details summary").click()
    first_row.locator("input[name=product]").fill("Chương trình hành động")
    first_row.locator("button:has-text('Lưu')").click()
    page.wait_for_selector(f"#{row_id} .saved")
    assert plan.tasks.get(pk=int(row_id[1:])).product == "Chương trình hành động"

    # --- fix one agency: pick the unit for a name the directory did not know
    form = page.locator("form.resolve").first
    name = form.locator("label").inner_text()
    options = form.locator("select option").all_inner_texts()
    choice = next((o for o in options if "Giáo dục" in o), options[-1])
    form.locator("select").select_option(label=choice)
    form.locator("button").click()
    page.wait_for_load_state()
    assert "đã lưu làm tên gọi khác" in page.inner_text(".messages")
    written = name.split("”")[0].lstrip("“")
    from nhiemvu.directory.models import Alias

    assert Alias.objects.filter(jurisdiction=j, text=written).exists()

    # --- publish (confirming the names left for later)
    if page.locator("input[name=confirm_unresolved]").count():
        page.check("input[name=confirm_unresolved]")
    page.click("#publish")
    page.wait_for_load_state()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED
    page.goto(f"{base}/tong-quan/")
    published = _counts(page)
    assert sum(published.values()) == plan.tasks.count() and sum(before.values()) == 0
    page.screenshot(path=artifacts_dir / "web_03_dashboard_published.png", full_page=False)
    # One-click urge from the overdue list (htmx: the cell changes, no reload).
    first_urge = page.locator("section:has(#h-overdue) button:has-text('Đôn đốc')").first
    first_urge.click()
    page.wait_for_selector("text=Đã đôn đốc (1)")
    from nhiemvu.tracking.models import Urge

    assert Urge.objects.count() == 1
    _logout(page)

    # --- the agency officer reports progress, then completion
    _login(page, base, "vhtt", AGENCY_PW)
    assert "/hop-thu/" in page.url
    page.screenshot(path=artifacts_dir / "web_04_inbox.png")
    page.locator("section[id^=g-] table a").first.click()
    page.wait_for_url(re.compile(r".*/nhiem-vu/\d+/"))
    task_url = page.url
    page.fill("#id_percent", "60")
    page.fill("#id_text", "Đã xây dựng dự thảo kế hoạch, đang lấy ý kiến các phòng.")
    evidence = tmp_path / "du-thao.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#id_files", str(evidence))
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_load_state()
    assert "Đã gửi báo cáo tiến độ" in page.inner_text(".messages")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "Đã ban hành kế hoạch, hoàn thành nhiệm vụ.")
    page.check("#id_completion")
    page.click("button:has-text('Gửi báo cáo')")
    page.wait_for_load_state()
    assert "báo cáo hoàn thành" in page.inner_text(".messages")
    page.screenshot(path=artifacts_dir / "web_05_task_reported.png", full_page=True)
    assert ProgressUpdate.objects.filter(completion=True, state="submitted").count() == 1
    _logout(page)

    # --- the Office accepts; the dashboard counts change
    _login(page, base, "vanphong", OFFICE_PW)
    page.goto(task_url)
    page.click("button:has-text('Chấp nhận hoàn thành')")
    page.wait_for_load_state()
    assert "Nhiệm vụ được ghi nhận hoàn thành" in page.inner_text(".messages")
    page.screenshot(path=artifacts_dir / "web_06_task_accepted.png", full_page=True)
    page.goto(f"{base}/tong-quan/")
    after = _counts(page)
    done = ("completed_on_time", "completed_late")
    assert sum(after[c] for c in done) == sum(published[c] for c in done) + 1
    assert sum(after.values()) == sum(published.values())
    page.screenshot(path=artifacts_dir / "web_07_dashboard_after.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=artifacts_dir / "web_08_dashboard_phone.png")
    assert not page.problems, "\n".join(page.problems)
