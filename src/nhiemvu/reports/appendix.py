"""The per-task appendix (Phụ lục): one row per task, on A4 landscape pages."""

from __future__ import annotations

from collections.abc import Sequence

from nhiemvu.reports.data import TaskRow, fmt_date
from nhiemvu.reports.docx_official import OfficialDocument

HEADERS = (
    "STT",
    "Nội dung nhiệm vụ",
    "Văn bản giao",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời hạn",
    "Tình trạng",
    "Ngày hoàn thành / kết quả",
    "Số lần đôn đốc",
    "Lý do / ghi chú",
)
WIDTHS_MM = (11, 70, 25, 25, 25, 20, 20, 31, 13, 22)


def row_cells(index: int, task: TaskRow) -> list[str]:
    content = f"{task.ref}. {task.content}" if task.ref else task.content
    due = fmt_date(task.due) if task.due else (task.due_text or "Không thời hạn")
    if task.due and task.due_text and task.due_text != fmt_date(task.due):
        due = f"{due}\n({task.due_text})"
    return [
        str(index),
        content,
        task.plan_reference,
        task.lead,
        task.support,
        due,
        task.status_label,
        task.done_display,
        str(task.urge_count) if task.urge_count else "",
        task.note,
    ]


def add_appendix(doc: OfficialDocument, title: str, subtitle: str, tasks: Sequence[TaskRow]) -> None:
    """A new landscape section with the appendix heading and the task table."""
    doc.landscape_section()
    doc.centered("PHỤ LỤC", bold=True)
    doc.centered(title, bold=True)
    if subtitle:
        doc.centered(subtitle, italic=True, size=13)
    doc.centered("")
    doc.table(
        HEADERS,
        [row_cells(i, t) for i, t in enumerate(tasks, start=1)],
        WIDTHS_MM,
        size=11,
        center_cols=(0, 5, 8),
    )
