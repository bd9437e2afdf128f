"""The import progress page in a real browser: the bar and the stage move while the import
runs in its thread (htmx polling), then the review screen opens by itself; without
JavaScript the page reloads itself until the draft is ready."""

from __future__ import annotations

import re
import threading

import pytest
from django.contrib.auth import get_user_model

from nhiemvu.accounts.models import Membership, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PW = "van-phong-thu-nghiem"


@pytest.fixture
def office():
    from nhiemvu.directory.models import Jurisdiction, Unit

    j = Jurisdiction.objects.create(slug="thu-nghiem", name="Thành phố Thử Nghiệm")
    Unit.objects.create(jurisdiction=j, name="Phòng Tư pháp")
    user = get_user_model().objects.create_user("vanphong", password=PW, first_name="Văn Phòng")
    Membership.objects.create(user=user, role=Role.OFFICE, jurisdiction=j)
    return user


def _login(page, base):
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "vanphong")
    page.fill("#id_password", PW)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def _pdf(pages: int) -> bytes:
    from tests.fixtures import pdf_draw

    if not pdf_draw.fonts_available():
        pytest.skip("DejaVu fonts are not installed")
    from reportlab.platypus import PageBreak, Paragraph

    body, _ = pdf_draw._styles()
    flow = [Paragraph("Số: 21/KH-UBND", body), Paragraph("KẾ HOẠCH", body), Paragraph("II. NHIỆM VỤ", body)]
    works = ("Rà soát thủ tục hành chính", "Tổng kết công tác cải cách", "Kiểm tra văn bản quy phạm",
             "Cập nhật cơ sở dữ liệu hộ tịch")
    n = 0
    for p in range(pages):
        # Pages laid out differently: lines repeated at the same height on every page are
        # running heads to the reader.
        for _ in range(p + 1):
            n += 1
            flow += [Paragraph(f"{n}. {works[n % len(works)]} năm {2020 + n}.", body),
                     Paragraph("+ Cơ quan chủ trì: Phòng Tư pháp", body)]
        flow.append(PageBreak())
    return pdf_draw.build_pdf(flow[:-1], running_head=False)


def test_the_bar_moves_then_the_review_opens(page, live_server, office, import_threads, artifacts_dir, tmp_path,
                                             monkeypatch):
    from nhiemvu.jobs import imports

    # Hold the import once it starts looking for tasks, so the page shows that stage.
    at_extract, resume = threading.Event(), threading.Event()
    report = imports.Reporter.__call__

    def held(self, stage, done=None, total=None):
        report(self, stage, done, total)
        if stage == "extract":
            at_extract.set()
            resume.wait(30)

    monkeypatch.setattr(imports.Reporter, "__call__", held)
    pdf = tmp_path / "ke-hoach-21.pdf"
    pdf.write_bytes(_pdf(3))
    base = live_server.url
    _login(page, base)
    page.goto(f"{base}/nhap-van-ban/")
    page.set_input_files("#id_file", str(pdf))
    page.click("button:has-text('Tải lên và trích xuất')")
    page.wait_for_url(re.compile(r".*/nhap-van-ban/\d+/$"))
    assert page.get_attribute("#import-progress progress", "value") == "0"
    import_threads.set()
    assert at_extract.wait(30)
    # htmx swaps the polled fragment in: no reload, the bar and the stage move.
    page.wait_for_selector("[data-stage=extract]", timeout=10_000)
    assert page.get_attribute("#import-progress progress", "value") == "88"
    assert "Đang tìm nhiệm vụ" in page.inner_text("#import-progress")
    page.screenshot(path=artifacts_dir / "import_progress_extract.png")
    resume.set()
    page.wait_for_url(re.compile(r".*/ke-hoach/\d+/"), timeout=30_000)
    from nhiemvu.tracking.models import Plan

    assert f"Đã đọc ke-hoach-21.pdf: {Plan.objects.get().tasks.count()} nhiệm vụ" in page.inner_text(".messages")
    assert Plan.objects.get().tasks.count() == 6  # 1 + 2 + 3 items on the three pages
    assert not page.problems, "\n".join(page.problems)


def test_without_javascript_the_page_reloads_itself(browser, live_server, office, import_threads, tmp_path):
    ctx = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = ctx.new_page()
    try:
        txt = tmp_path / "kh22.txt"
        txt.write_text("Số: 22/KH-UBND\nKẾ HOẠCH\nII. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n"
                       "+ Cơ quan chủ trì: Phòng Tư pháp\n", encoding="utf-8")
        base = live_server.url
        _login(page, base)
        page.goto(f"{base}/nhap-van-ban/")
        page.set_input_files("#id_file", str(txt))
        page.click("button:has-text('Tải lên và trích xuất')")
        page.wait_for_url(re.compile(r".*/nhap-van-ban/\d+/$"))
        assert "Đang chờ xử lý" in page.inner_text("#import-progress")
        import_threads.set()
        # The <noscript> refresh brings the page back every few seconds until it goes on.
        page.wait_for_url(re.compile(r".*/ke-hoach/\d+/"), timeout=20_000)
        assert "Đã đọc kh22.txt: 1 nhiệm vụ" in page.inner_text(".messages")
    finally:
        ctx.close()
