"""The Office's period report: the figures equal the database at the cut-off, and the
.docx has the Nghị định 30/2020 layout elements."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from collections import Counter

import pytest
from docx import Document
from docx.shared import Pt

from nhiemvu.reports import build, period_report
from nhiemvu.reports.docx_official import QUOC_HIEU, TIEU_NGU
from nhiemvu.rules import status as st
from nhiemvu.rules.report_windows import parse_period, window_for

DAY = dt.date(2023, 6, 16)
CUTOFF = dt.date(2023, 6, 14)  # Nghị định 09: quý II = 15/03 → 14/06


def _db_statuses(world) -> dict[int, str]:
    """The status of every task at the cut-off, straight from the rows."""
    from nhiemvu.tracking.models import Task

    out = {}
    for task in Task.objects.filter(plan=world.plan):
        facts = st.TaskFacts(due=task.due, extended_due=task.extended_due, start=task.start,
                             completed_on=task.completed_on, recurring=task.recurring, cancelled=task.cancelled)
        out[task.pk] = st.compute_status(facts, CUTOFF)
    return out


def _lead_counts(world) -> dict[str, Counter]:
    from nhiemvu.tracking.models import Assignment

    statuses = _db_statuses(world)
    out: dict[str, Counter] = {}
    for a in Assignment.objects.filter(task__plan=world.plan, role="lead", unit__isnull=False).select_related("unit"):
        out.setdefault(a.unit.name, Counter())[statuses[a.task_id]] += 1
    return out


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def report(world):
    return build.build_period_report(world.plan, "2023-Q2", today=DAY)


def test_window_and_counts_equal_the_database(world, report):
    assert (report.period.start, report.period.cutoff) == (dt.date(2023, 3, 15), CUTOFF)
    assert report.period.next_label == "quý III năm 2023"
    expected = Counter(_db_statuses(world).values())
    assert {k: v for k, v in report.counts.counts.items() if v} == dict(expected)
    assert report.counts[st.OVERDUE] == 1 and report.counts[st.DUE_SOON] == 1
    # Due in the window 15/03–14/06 (cancelled excluded): on_time, late, overdue.
    assert (report.due_in_period.numerator, report.due_in_period.denominator) == (1, 3)
    assert [t.content for t in report.overdue] == ["Nhiệm vụ thử overdue"]
    assert report.overdue[0].note == "Chưa bố trí được kinh phí thực hiện"
    assert {t.content for t in report.next_period} == {"Nhiệm vụ thử next", "Nhiệm vụ thử due_soon"}
    units = {g.name: g for g in report.units}
    for name, counter in _lead_counts(world).items():
        assert {k: v for k, v in units[name].counts.counts.items() if v} == dict(counter)
    assert units["Chưa xác định đơn vị chủ trì"].counts.total == 1
    [indicator] = report.indicators
    assert (indicator.target, indicator.actual, indicator.achieved) == ("≥ 96 %", "95,2 %", False)


def test_docx_official_layout(report):
    doc = Document(io.BytesIO(period_report.render(report)))
    text = _text(doc)
    for element in (QUOC_HIEU, TIEU_NGU, "VĂN PHÒNG HĐND VÀ UBND", "UBND THÀNH PHỐ THỬ NGHIỆM", "Số:",
                    "/BC-VP", "Thử Nghiệm, ngày 16 tháng 6 năm 2023", "BÁO CÁO", "quý II năm 2023",
                    "Nơi nhận:", "Lưu: VT, VP.", "CHÁNH VĂN PHÒNG", "PHỤ LỤC", "Sở Kế hoạch và Đầu tư"):
        assert element in text, element
    first = doc.sections[0]
    mm = [round(x.mm) for x in (first.page_width, first.page_height, first.top_margin, first.bottom_margin,
                                first.left_margin, first.right_margin)]
    assert mm == [210, 297, 20, 20, 30, 15]  # A4, the decree's margins
    appendix = doc.sections[-1]
    assert appendix.page_width > appendix.page_height  # landscape
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))


def test_docx_tables_equal_the_database(world, report):
    doc = Document(io.BytesIO(period_report.render(report)))
    by_header = {}
    for table in doc.tables:
        head = tuple(c.text for c in table.rows[0].cells)
        by_header.setdefault(head[1] if len(head) > 1 else head[0], table)
    unit_table = by_header["Đơn vị"]
    lead_counts = _lead_counts(world)
    seen = set()
    for row in unit_table.rows[1:]:
        cells = [c.text for c in row.cells]
        if cells[1] not in lead_counts:
            continue
        c = lead_counts[cells[1]]
        assert int(cells[2]) == sum(v for k, v in c.items() if k != st.CANCELLED)
        assert int(cells[3]) == c[st.COMPLETED_ON_TIME]
        assert int(cells[6]) == c[st.OVERDUE]
        seen.add(cells[1])
    assert seen == set(lead_counts)
    appendix = by_header["Nội dung nhiệm vụ"]
    statuses = _db_statuses(world)
    from nhiemvu.tracking.models import Task

    tasks = list(Task.objects.filter(plan=world.plan).order_by("order"))
    rows = appendix.rows[1:]
    assert len(rows) == len(tasks)
    for task, row in zip(tasks, rows, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[1].endswith(task.content)
        assert cells[6] == st.LABELS[statuses[task.pk]]
        assert cells[2] == "14/KH-UBND ngày 10/01/2023"
    recurring = next(r for r in rows if "recurring" in r.cells[1].text)
    assert recurring.cells[5].text == "Thường xuyên"


def test_plan_duty_sets_the_window(world):
    from nhiemvu.tracking.models import ReportingDuty

    ReportingDuty.objects.create(plan=world.plan, cycle="quarterly", order=2,
                                 text="Báo cáo trước ngày 10 của tháng cuối quý.")
    report = build.build_period_report(world.plan, "2023-Q2", today=DAY)
    assert report.period.deadline == dt.date(2023, 6, 10)
    assert report.period.cutoff == dt.date(2023, 6, 8)


def test_calendar_setting_per_jurisdiction(world):
    from nhiemvu.reports.models import ReportSetting

    ReportSetting.objects.create(jurisdiction=world.jurisdiction, mode="calendar", send_day=5,
                                 signer_authority="KT. Chánh Văn phòng", signer_title="Phó Chánh Văn phòng",
                                 signer_name="Nguyễn Văn A")
    report = build.build_period_report(world.plan, "2023-Q2", today=DAY)
    assert (report.period.start, report.period.cutoff) == (dt.date(2023, 4, 1), dt.date(2023, 6, 30))
    assert report.period.deadline == window_for(parse_period("2023-Q2")).deadline.replace(month=7, day=5)
    text = _text(Document(io.BytesIO(period_report.render(report))))
    assert "KT. CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text and "Nguyễn Văn A" in text


@pytest.mark.slow
def test_rendered_page_image(report, artifacts_dir, tmp_path):
    """LibreOffice → PDF → PNG of the first pages, kept for people to look at."""
    from nhiemvu.reports.pdf import available, to_pdf

    if not available() or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (soffice) or pdftoppm (poppler-utils) is not installed")
    pdf = to_pdf(period_report.render(report))
    assert pdf.startswith(b"%PDF")
    (artifacts_dir / "period-report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(artifacts_dir / "period-report.pdf"),
                    str(artifacts_dir / "period-report")], check=True, timeout=60)
    pages = sorted(artifacts_dir.glob("period-report-*.png"))
    assert len(pages) >= 2 and pages[0].stat().st_size > 10_000
    if shutil.which("pdftotext"):  # no blank page (e.g. before the landscape appendix)
        text = subprocess.run(["pdftotext", str(artifacts_dir / "period-report.pdf"), "-"], check=True,
                              capture_output=True, text=True, timeout=60).stdout
        for number, page in enumerate(text.split("\f")[: len(pages)], start=1):
            assert page.strip().strip(str(number)).strip(), f"page {number} is blank"


def test_group_phrase_shown_once_but_counted_per_member(world):
    from nhiemvu.tracking.models import Assignment, Task

    task = Task.objects.create(plan=world.plan, ref="9", order=9, content="Nhiệm vụ nhóm", due=dt.date(2023, 12, 31))
    for key in ("p1", "tckh"):
        Assignment.objects.create(task=task, unit=world.units[key], role="lead", via_group="Các phòng, ban, đơn vị")
    report = build.build_period_report(world.plan, "2023-Q2", today=DAY)
    row = next(r for r in report.tasks if r.pk == task.pk)
    assert row.lead == "Các phòng, ban, đơn vị"
    assert set(row.lead_names) == {"UBND Phường 1", "Phòng Tài chính – Kế hoạch"}
    units = {g.name: g.counts.total for g in report.units}
    assert units["UBND Phường 1"] == 3 and units["Phòng Tài chính – Kế hoạch"] == 4
