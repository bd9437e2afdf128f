"""The workbook, the urging letter, the unit's report draft, the CLI and the downloads."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from docx import Document

from nhiemvu.reports import build, unit_report, urging_letter, xlsx_export
from nhiemvu.reports.data import UnitReportText
from nhiemvu.reports.docx_official import QUOC_HIEU, TIEU_NGU
from nhiemvu.rules import status as st

DAY = dt.date(2023, 6, 16)


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_xlsx_sheets_rows_and_print_setup(world):
    from nhiemvu.tracking.models import Task

    report = build.build_period_report(world.plan, "2023-Q2", today=DAY)
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_export.render(report)))
    assert wb.sheetnames == ["Về kinh tế", "Về văn hóa - xã hội", "Theo đơn vị", "Chỉ tiêu"]
    by_content = {r.content: r for r in report.tasks}
    total = 0
    for name in wb.sheetnames[:2]:
        ws = wb[name]
        header = [c.value for c in ws[4]]
        assert header[:3] == ["STT", "Số hiệu", "Nội dung nhiệm vụ"]
        assert {"Tình trạng", "Tiến độ (%)", "Kết quả thực hiện", "Ngày hoàn thành"} <= set(header)
        for row in ws.iter_rows(min_row=5, values_only=True):
            task = Task.objects.get(plan=world.plan, content=row[2])
            assert task.section.title == name
            assert row[7] == by_content[row[2]].status_label
            total += 1
        assert ws.freeze_panes == "A5"
        assert ws.auto_filter.ref == f"A4:M{ws.max_row}"
        assert ws.print_title_rows == "$4:$4"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.column_dimensions["C"].width == 48
        assert ws["C5"].alignment.wrap_text
    assert total == Task.objects.filter(plan=world.plan).count()
    done = next(r for r in wb["Về kinh tế"].iter_rows(min_row=5, values_only=True) if r[2].endswith("on_time"))
    assert done[10] == dt.datetime(2023, 4, 20) and done[8] == 100
    units = {r[1]: r for r in wb["Theo đơn vị"].iter_rows(min_row=5, values_only=True)}
    assert units["Phòng Văn hóa và Thông tin"][7] == 1  # overdue
    assert units["Phòng Tài chính – Kế hoạch"][3] == 1 and units["Phòng Tài chính – Kế hoạch"][9] == 1
    [indicator] = list(wb["Chỉ tiêu"].iter_rows(min_row=5, values_only=True))
    assert indicator[3:5] == ("≥ 96 %", "95,2 %")


def test_xlsx_keeps_the_plans_own_columns(world):
    from nhiemvu.tracking.models import Task

    Task.objects.filter(pk=world.tasks["next"].pk).update(product="Quyết định phê duyệt", funding="NSTP")
    report = build.build_period_report(world.plan, "2023-Q2", today=DAY)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_export.render(report)))["Về văn hóa - xã hội"]
    header = [c.value for c in ws[4]]
    assert "Sản phẩm" in header and "Kinh phí" in header and "Chỉ đạo thực hiện" not in header
    row = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[2] == "Nhiệm vụ thử next")
    assert row[header.index("Sản phẩm")] == "Quyết định phê duyệt" and row[header.index("Kinh phí")] == "NSTP"


def test_urging_letter_lists_the_units_overdue_tasks(world):
    letter = build.build_urging_letter(world.units["vhtt"], today=DAY)
    assert [t.content for t in letter.tasks] == ["Nhiệm vụ thử overdue"]
    assert letter.reply_by == dt.date(2023, 6, 23)  # five working days
    text = _text(Document(io.BytesIO(urging_letter.render(letter))))
    for element in (QUOC_HIEU, TIEU_NGU, "V/v đôn đốc thực hiện nhiệm vụ quá hạn",
                    "Kính gửi: Phòng Văn hóa và Thông tin.", "Nhiệm vụ thử overdue", "15/05/2023",
                    "Nơi nhận:", "Như trên", "23/06/2023"):
        assert element in text, element
    assert "Nhiệm vụ thử next" not in text
    # Support units are not urged for the lead's task.
    assert build.build_urging_letter(world.units["p1"], today=DAY).tasks == []


def test_unit_report_draft_takes_the_edits(world):
    from nhiemvu.tracking.models import ProgressUpdate

    ProgressUpdate.objects.create(task=world.tasks["next"], unit=world.units["vhtt"], reported_on=dt.date(2023, 6, 2),
                                  percent=30, text="Đã xây dựng dự thảo kế hoạch")
    report = build.build_unit_report(world.units["vhtt"], "2023-Q2", today=DAY)
    assert [t.content for t in report.tasks] == ["Nhiệm vụ thử overdue", "Nhiệm vụ thử next"]
    # Pre-filled from the unit's updates in the window; an overdue task's update is its reason.
    assert report.text.results == "- Nhiệm vụ 4: Đã xây dựng dự thảo kế hoạch"
    assert report.overdue[0].note == "Chưa bố trí được kinh phí thực hiện"
    assert report.counts[st.OVERDUE] == 1
    report.text = UnitReportText(results="Đã tổ chức 3 hội nghị.", obstacles="Thiếu biên chế.",
                                 proposals="Đề nghị bổ sung kinh phí.")
    text = _text(Document(io.BytesIO(unit_report.render(report))))
    for element in ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "BÁO CÁO", "Đã tổ chức 3 hội nghị.", "Thiếu biên chế.",
                    "Đề nghị bổ sung kinh phí.", "Nhiệm vụ thử next", "quý II năm 2023"):
        assert element in text, element


def test_cli_report_and_urge(world, tmp_path, capsys):
    from nhiemvu.cli import main

    out = tmp_path / "q2.xlsx"
    assert main(["report", "--plan", str(world.plan.pk), "--period", "2023-Q2", "--format", "xlsx",
                 "--out", str(out), "--date", "2023-06-16"]) == 0
    assert openpyxl.load_workbook(out).sheetnames[-1] == "Chỉ tiêu"
    out = tmp_path / "q2.docx"
    assert main(["report", "--plan", "14/KH-UBND", "--period", "2023-Q2", "--out", str(out)]) == 0
    assert "BÁO CÁO" in _text(Document(out))
    assert main(["report", "--unit", "VHTT", "--period", "2023-Q2", "--out", str(tmp_path / "u.docx")]) == 0
    assert main(["urge", "--unit", "VHTT", "--out", str(tmp_path / "dd.docx"), "--date", "2023-06-16"]) == 0
    assert "Nhiệm vụ thử overdue" in _text(Document(tmp_path / "dd.docx"))
    from nhiemvu.tracking.models import Task

    before = Task.objects.get(pk=world.tasks["overdue"].pk).urge_count
    assert main(["urge", "--unit", "VHTT", "--out", str(tmp_path / "dd2.docx"), "--date", "2023-06-16",
                 "--record"]) == 0
    assert Task.objects.get(pk=world.tasks["overdue"].pk).urge_count == before + 1
    from nhiemvu.tracking.models import ReportingDuty

    ReportingDuty.objects.create(plan=world.plan, cycle="monthly", order=5, text="Báo cáo trước ngày 20 hàng tháng",
                                 to_names=["Văn phòng HĐND và UBND"])
    capsys.readouterr()
    assert main(["deadlines", "--unit", "VHTT", "--date", "2023-06-01", "--days", "50"]) == 0
    out = capsys.readouterr().out
    assert "20/06/2023  Báo cáo tháng 06 năm 2023 – 14/KH-UBND" in out and "20/07/2023" in out
    assert main(["report", "--plan", "999", "--period", "2023-Q2", "--out", str(tmp_path / "x")]) == 1
    assert main(["report", "--plan", "14/KH-UBND", "--period", "2023-Q9", "--out", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy kế hoạch" in err and "Kỳ báo cáo không hợp lệ" in err


@pytest.fixture
def users(world, django_user_model):
    from nhiemvu.accounts.models import Membership, Role

    def make(name, role, unit=None):
        user = django_user_model.objects.create_user(name, password=None)
        Membership.objects.create(user=user, role=role, jurisdiction=world.jurisdiction, unit=unit)
        return user

    return {
        "office": make("vanphong", Role.OFFICE),
        "vhtt": make("canbo_vhtt", Role.AGENCY, world.units["vhtt"]),
        "p1": make("canbo_p1", Role.AGENCY, world.units["p1"]),
    }


def test_downloads_are_permission_checked(world, users, client):
    from nhiemvu.audit.models import AuditEvent

    plan_url = f"/bao-cao/ke-hoach/{world.plan.pk}/2023-Q2.docx"
    vhtt_url = f"/bao-cao/don-vi/{world.units['vhtt'].pk}/2023-Q2/"
    urge_url = f"/bao-cao/don-doc/{world.units['vhtt'].pk}.docx"
    assert client.get(plan_url).status_code == 302  # to the login page
    client.force_login(users["vhtt"])
    assert client.get(plan_url).status_code == 403
    assert client.get(urge_url).status_code == 403
    assert client.get(vhtt_url).status_code == 200
    posted = client.post(vhtt_url, {"results": "Kết quả do đơn vị sửa", "obstacles": "", "proposals": ""})
    assert posted.status_code == 200
    assert "Kết quả do đơn vị sửa" in _text(Document(io.BytesIO(posted.content)))
    client.force_login(users["p1"])
    assert client.get(vhtt_url).status_code == 403  # another unit's report
    client.force_login(users["office"])
    response = client.get(plan_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessing")
    xlsx = client.get(plan_url.replace(".docx", ".xlsx"))
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == "Về kinh tế"
    assert client.get(f"/bao-cao/ke-hoach/{world.plan.pk}/2023-Q9.docx").status_code == 404
    assert client.get(urge_url).status_code == 200
    assert AuditEvent.objects.filter(action="reports.urging_letter").count() == 1


@pytest.mark.slow
def test_rendered_urging_letter_and_unit_report(world, artifacts_dir):
    import shutil
    import subprocess

    from nhiemvu.reports.pdf import available, to_pdf

    if not available() or not shutil.which("pdftoppm"):
        pytest.skip("LibreOffice (soffice) or pdftoppm (poppler-utils) is not installed")
    documents = {
        "urging-letter": urging_letter.render(build.build_urging_letter(world.units["vhtt"], today=DAY)),
        "unit-report": unit_report.render(build.build_unit_report(world.units["vhtt"], "2023-Q2", today=DAY)),
    }
    for name, data in documents.items():
        pdf = artifacts_dir / f"{name}.pdf"
        pdf.write_bytes(to_pdf(data))
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(artifacts_dir / name)],
                       check=True, timeout=60)
        assert any(artifacts_dir.glob(f"{name}-*.png"))
