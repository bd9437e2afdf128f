"""A unit's own period report to the Office: a draft the unit edits before sending.

The figures and task lists come from the tracked data; the three text parts (results,
obstacles, proposals) are pre-filled from the unit's progress updates and may be
replaced by what the officer writes in the form (`UnitReportText`)."""

from __future__ import annotations

from nhiemvu.reports.data import TaskRow, UnitReport, fmt_date
from nhiemvu.reports.docx_official import OfficialDocument
from nhiemvu.rules import status as st


def _label(task: TaskRow) -> str:
    return f"{task.ref}. {task.content}" if task.ref else task.content


def render(report: UnitReport) -> bytes:
    doc = OfficialDocument()
    doc.header(report.issuer, "", "BC", report.issued_on)
    doc.title("BÁO CÁO", f"Kết quả thực hiện nhiệm vụ {report.period.label}")
    doc.addressee([report.recipient])
    c = report.counts
    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    doc.paragraph(
        f"Số liệu tính từ ngày {fmt_date(report.period.start)} đến ngày {fmt_date(report.period.cutoff)}. "
        f"{report.unit_name} chủ trì {c.total - c[st.CANCELLED]} nhiệm vụ: đã hoàn thành {c.completed} "
        f"(đúng hạn {c[st.COMPLETED_ON_TIME]}, quá hạn {c[st.COMPLETED_LATE]}); đang thực hiện trong hạn "
        f"{c.open_on_time}; thường xuyên {c[st.RECURRING]}; quá hạn chưa hoàn thành {c[st.OVERDUE]}. "
        f"Tỷ lệ hoàn thành đúng hạn các nhiệm vụ đến hạn trong kỳ: {report.due_in_period.text}."
    )
    for line in (report.text.results or "").splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    doc.table(
        ("STT", "Nhiệm vụ", "Thời hạn", "Tình trạng", "Kết quả thực hiện"),
        [[str(i), f"{t.ref}. {t.content}" if t.ref else t.content, t.due_display, t.status_label,
          t.done_display] for i, t in enumerate(report.tasks, start=1)],
        (11, 68, 22, 24, 40), center_cols=(0, 2), size=11,
    )
    doc.heading("II. KHÓ KHĂN, VƯỚNG MẮC")
    if report.overdue:
        doc.paragraph(f"Còn {len(report.overdue)} nhiệm vụ quá hạn chưa hoàn thành:")
        for t in report.overdue:
            reason = f" Lý do: {t.note}." if t.note else " Chưa nêu lý do."
            doc.paragraph(f"- {_label(t)} (thời hạn {t.due_display}).{reason}")
    obstacles = [line.strip() for line in (report.text.obstacles or "").splitlines() if line.strip()]
    for line in obstacles:
        doc.paragraph(line)
    if not report.overdue and not obstacles:
        doc.paragraph("Không có.")
    doc.heading("III. NHIỆM VỤ KỲ TỚI VÀ KIẾN NGHỊ, ĐỀ XUẤT")
    for t in report.next_period:
        doc.paragraph(f"- {_label(t)} (thời hạn {t.due_display}).")
    for line in (report.text.proposals or "").splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    doc.recipients_and_signer([report.recipient], report.issuer)
    return doc.to_bytes()
