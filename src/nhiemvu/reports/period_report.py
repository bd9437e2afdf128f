"""The Office's period report (.docx): figures first, then the units' obstacles,
overdue tasks, indicators, next period's work, and the per-task appendix."""

from __future__ import annotations

from nhiemvu.reports.appendix import add_appendix
from nhiemvu.reports.data import GroupRow, PeriodReport, fmt_date, fmt_percent
from nhiemvu.reports.docx_official import OfficialDocument
from nhiemvu.rules import status as st

GROUP_HEADERS = (
    "STT", "Tên", "Tổng số nhiệm vụ", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn", "Quá hạn", "Thường xuyên", "Tỷ lệ đúng hạn trong kỳ",
)
GROUP_WIDTHS = (11, 43, 15, 16, 16, 17, 14, 17, 16)


def _group_rows(groups: list[GroupRow]) -> list[list[str]]:
    rows = []
    for i, g in enumerate(groups, start=1):
        c = g.counts
        rows.append([
            str(i), g.name, str(c.total - c[st.CANCELLED]), str(c[st.COMPLETED_ON_TIME]),
            str(c[st.COMPLETED_LATE]), str(c.open_on_time), str(c[st.OVERDUE]), str(c[st.RECURRING]),
            fmt_percent(g.on_time_rate.value),
        ])
    return rows


def _summary(report: PeriodReport) -> list[str]:
    c = report.counts
    p = report.period
    active = c.total - c[st.CANCELLED]
    lines = [
        f"Số liệu tính từ ngày {fmt_date(p.start)} đến ngày {fmt_date(p.cutoff)}. "
        f"{report.plan.reference} giao tổng số {active} nhiệm vụ"
        + (f" (không tính {c[st.CANCELLED]} nhiệm vụ đã huỷ)." if c[st.CANCELLED] else "."),
        f"Đã hoàn thành {c.completed} nhiệm vụ, trong đó đúng hạn {c[st.COMPLETED_ON_TIME]}, "
        f"quá hạn {c[st.COMPLETED_LATE]}. Đang thực hiện trong hạn {c.open_on_time} nhiệm vụ "
        f"(sắp đến hạn {c[st.DUE_SOON]}, chưa đến hạn {c[st.NOT_YET_DUE]}); thường xuyên {c[st.RECURRING]}; "
        f"quá hạn chưa hoàn thành {c[st.OVERDUE]}.",
        f"Tỷ lệ hoàn thành đúng hạn của các nhiệm vụ đến hạn trong kỳ: {report.due_in_period.text}; "
        f"lũy kế các nhiệm vụ đến hạn đến ngày {fmt_date(p.cutoff)}: {report.cumulative.text}.",
    ]
    return lines


def render(report: PeriodReport, *, with_appendix: bool = True) -> bytes:
    doc = OfficialDocument()
    doc.header(report.issuer, report.number, "BC", report.issued_on)
    subject = f"Kết quả thực hiện {report.plan.reference} {report.period.label}"
    doc.title("BÁO CÁO", subject)

    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    doc.heading("1. Tình hình chung")
    for line in _summary(report):
        doc.paragraph(line)

    doc.heading("2. Kết quả theo đơn vị chủ trì")
    if report.units:
        doc.table(GROUP_HEADERS[:1] + ("Đơn vị",) + GROUP_HEADERS[2:], _group_rows(report.units), GROUP_WIDTHS,
                  center_cols=(0, 2, 3, 4, 5, 6, 7, 8))
    else:
        doc.paragraph("Chưa có nhiệm vụ nào được giao cho đơn vị cụ thể.")

    doc.heading("3. Kết quả theo lĩnh vực")
    if report.sections:
        doc.table(GROUP_HEADERS[:1] + ("Lĩnh vực",) + GROUP_HEADERS[2:], _group_rows(report.sections),
                  GROUP_WIDTHS, center_cols=(0, 2, 3, 4, 5, 6, 7, 8))
    else:
        doc.paragraph("Kế hoạch không chia theo lĩnh vực.")

    doc.heading("4. Kết quả thực hiện các chỉ tiêu")
    if report.indicators:
        doc.table(
            ("STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Mức đạt"),
            [[str(i), f"{x.ref} {x.text}".strip(), x.target, x.actual or "Chưa có số liệu", x.achievement]
             for i, x in enumerate(report.indicators, start=1)],
            (11, 83, 25, 23, 23), center_cols=(0, 2, 3, 4),
        )
    else:
        doc.paragraph("Kế hoạch không đặt chỉ tiêu định lượng.")

    doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    doc.heading(f"1. Nhiệm vụ quá hạn chưa hoàn thành ({len(report.overdue)} nhiệm vụ)")
    if report.overdue:
        doc.table(
            ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số lần đôn đốc", "Lý do đơn vị nêu"),
            [[str(i), f"{t.ref}. {t.content}" if t.ref else t.content, t.lead, t.due_display,
              str(t.urge_count), t.note or "Chưa báo cáo lý do"]
             for i, t in enumerate(report.overdue, start=1)],
            (11, 60, 30, 20, 16, 28), center_cols=(0, 3, 4), size=11,
        )
    else:
        doc.paragraph("Không có nhiệm vụ quá hạn.")
    doc.heading("2. Khó khăn, vướng mắc các đơn vị báo cáo")
    if report.obstacles:
        for item in report.obstacles:
            doc.paragraph(item.text, bold_prefix=f"{item.unit}: ")
    else:
        doc.paragraph("Các đơn vị không báo cáo khó khăn, vướng mắc trong kỳ.")

    next_label = report.period.next_label or "kỳ tới"
    doc.heading(f"III. NHIỆM VỤ ĐẾN HẠN {next_label.upper()}")
    if report.next_period:
        doc.table(
            ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng"),
            [[str(i), f"{t.ref}. {t.content}" if t.ref else t.content, t.lead, t.due_display, t.status_label]
             for i, t in enumerate(report.next_period, start=1)],
            (11, 78, 35, 20, 21), center_cols=(0, 3), size=11,
        )
    else:
        doc.paragraph(f"Không có nhiệm vụ đến hạn trong {next_label}.")
    if with_appendix:
        doc.paragraph(
            f"Chi tiết tình hình thực hiện từng nhiệm vụ tại Phụ lục kèm theo ({len(report.tasks)} nhiệm vụ).",
            italic=True,
        )
    doc.recipients_and_signer(report.recipients, report.issuer)
    if with_appendix:
        add_appendix(
            doc,
            f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ {report.period.label.upper()}",
            f"(Kèm theo Báo cáo số {report.number or '      '}/BC-{report.issuer.code} "
            f"ngày {fmt_date(report.issued_on)} của {report.issuer.name})",
            report.tasks,
        )
    return doc.to_bytes()
