"""Công văn đôn đốc: the Office urges one unit about its overdue tasks."""

from __future__ import annotations

from nhiemvu.reports.data import UrgingLetter, fmt_date
from nhiemvu.reports.docx_official import OfficialDocument


def render(letter: UrgingLetter) -> bytes:
    doc = OfficialDocument()
    doc.header(letter.issuer, letter.number, "", letter.issued_on)
    doc.subject_line("đôn đốc thực hiện nhiệm vụ quá hạn")
    doc.addressee([letter.unit_name])
    count = len(letter.tasks)
    doc.paragraph(
        f"Theo dõi tình hình thực hiện nhiệm vụ đến ngày {fmt_date(letter.issued_on)}, "
        f"{letter.unit_name} còn {count} nhiệm vụ được giao chủ trì đã quá thời hạn nhưng chưa báo cáo "
        "hoàn thành, cụ thể như sau:"
    )
    doc.table(
        ("STT", "Nhiệm vụ", "Văn bản giao", "Thời hạn", "Số ngày quá hạn", "Số lần đã đôn đốc"),
        [
            [
                str(i),
                f"{t.ref}. {t.content}" if t.ref else t.content,
                t.plan_reference,
                t.due_display,
                str((letter.issued_on - t.due).days) if t.due else "",
                str(t.urge_count),
            ]
            for i, t in enumerate(letter.tasks, start=1)
        ],
        (11, 60, 32, 22, 18, 22),
        center_cols=(0, 3, 4, 5),
        size=12,
    )
    doc.paragraph(
        f"{letter.issuer.name[:1].upper()}{letter.issuer.name[1:]} đề nghị {letter.unit_name} khẩn trương "
        "tập trung thực hiện, hoàn thành các nhiệm vụ nêu trên; báo cáo kết quả thực hiện, nêu rõ lý do "
        f"chậm trễ và đề xuất thời gian hoàn thành trước ngày {fmt_date(letter.reply_by)}."
    )
    doc.paragraph(
        "Trường hợp nhiệm vụ không thuộc chức năng, nhiệm vụ của đơn vị hoặc cần gia hạn, đề nghị đơn vị "
        "có văn bản báo cáo, đề xuất cụ thể để tổng hợp, trình cấp có thẩm quyền xem xét, quyết định."
    )
    doc.recipients_and_signer(["Như trên", *letter.copy_to], letter.issuer)
    return doc.to_bytes()
