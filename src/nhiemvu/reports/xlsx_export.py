"""The period report as a workbook: one sheet per plan section (laid out like the
plan's appendix, plus status, progress, result and completion date), one sheet of
counts by unit, one of indicators.

Written in openpyxl's write-only mode: a 10,000-task plan saves in about a second
instead of several."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from nhiemvu.reports.data import GroupRow, PeriodReport, TaskRow, fmt_date
from nhiemvu.rules import status as st

# (header, width, TaskRow attribute or None for a computed value, centred)
TASK_COLUMNS: tuple[tuple[str, float, str, bool], ...] = (
    ("STT", 5, "", True),
    ("Số hiệu", 7, "ref", True),
    ("Nội dung nhiệm vụ", 48, "content", False),
    ("Cơ quan chủ trì", 18, "lead", False),
    ("Cơ quan phối hợp", 18, "support", False),
    ("Chỉ đạo thực hiện", 14, "directed_by", False),
    ("Thời gian hoàn thành", 13, "", False),
    ("Hạn hoàn thành", 11, "due", True),
    ("Sản phẩm", 16, "product", False),
    ("Kinh phí", 10, "funding", False),
    ("Tình trạng", 13, "status_label", False),
    ("Tiến độ (%)", 8, "percent", True),
    ("Kết quả thực hiện", 30, "result", False),
    ("Ngày hoàn thành", 11, "completed_on", True),
    ("Số lần đôn đốc", 8, "", True),
    ("Lý do / ghi chú", 22, "note", False),
)
# Shown only when the plan's own appendix has them.
OPTIONAL_TASK_COLUMNS = frozenset({"directed_by", "product", "funding"})
GROUP_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6), ("Đơn vị chủ trì", 40), ("Tổng số", 10), ("Hoàn thành đúng hạn", 12),
    ("Hoàn thành quá hạn", 12), ("Đang thực hiện trong hạn", 12), ("Sắp đến hạn", 10), ("Quá hạn", 10),
    ("Thường xuyên", 11), ("Đã huỷ", 9), ("Đến hạn trong kỳ", 11), ("Tỷ lệ đúng hạn trong kỳ (%)", 13),
)
INDICATOR_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6), ("Số hiệu", 9), ("Chỉ tiêu", 70), ("Kế hoạch", 18), ("Thực hiện", 18), ("Mức đạt", 16),
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FONT = Font(name="Times New Roman", size=11, bold=True)
_FONT = Font(name="Times New Roman", size=11)
_TITLE_FONT = Font(name="Times New Roman", size=14, bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class _Sheet:
    """A write-only sheet: title rows, a header row frozen and repeated on every printed
    page, an auto-filter, column widths, A4 landscape fitted to the page width."""

    def __init__(self, wb: Workbook, name: str, title: str, subtitle: str, columns: Sequence[tuple[str, float]]):
        self.ws: Worksheet = wb.create_sheet(name)
        self.columns = columns
        # Characters per line of each column (Times 11 pt: about 1.3 per width unit).
        self._per_line = [max(1.0, width * 1.3) for _, width in columns]
        ws = self.ws
        for i, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header_row = 4
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddFooter.center.text = "Trang &P/&N"
        self.last_col = get_column_letter(len(columns))
        self._styled = {}
        self.rows = header_row
        ws.append([self._cell(title, _TITLE_FONT)])
        ws.append([self._cell(subtitle, Font(name="Times New Roman", size=12, italic=True))])
        ws.append([])
        self._fit_height(header_row, [h for h, _ in columns])
        ws.append([self._cell(h, _HEAD_FONT, _HEAD_ALIGN, fill=_HEAD_FILL) for h, _ in columns])

    def _cell(self, value, font=_FONT, align=None, fill=None, number_format=None):
        cell = WriteOnlyCell(self.ws, value=value)
        cell.font = font
        if align is not None:
            cell.alignment = align
            cell.border = _BORDER
        if fill is not None:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format
        return cell

    def _style(self, centered: bool, is_date: bool):
        """The style of a body cell, registered once; cells then copy its index array
        (setting font/alignment/border per cell costs seconds on a big plan)."""
        key = (centered, is_date)
        if key not in self._styled:
            template = self._cell(None, _FONT, _CENTER if centered else _WRAP,
                                  number_format="DD/MM/YYYY" if is_date else None)
            self._styled[key] = template._style
        return self._styled[key]

    def _fit_height(self, row: int, values: Sequence) -> None:
        """Set the row height from the wrapped text: neither Excel nor LibreOffice grows
        rows of a generated file by itself, and a one-line row hides the task."""
        lines = 1
        for value, per_line in zip(values, self._per_line):  # noqa: B905
            if value.__class__ is not str or (len(value) <= per_line and "\n" not in value):
                continue
            lines = max(lines, sum(math.ceil(max(1, len(part)) / per_line) for part in value.split("\n")))
        if lines > 1:
            self.ws.row_dimensions[row].height = min(409, 15 * lines)

    def append(self, values: Sequence, centered: Sequence[int] = ()) -> None:
        self._fit_height(self.rows + 1, values)
        cells = []
        for i, value in enumerate(values):
            cell = WriteOnlyCell(self.ws, value=value)
            # Shared, not copied: a write-only cell is serialised at once and never changed.
            cell._style = self._style(i in centered, isinstance(value, dt.date))
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1

    def finish(self) -> None:
        if self.rows > 4:
            self.ws.auto_filter.ref = f"A4:{self.last_col}{self.rows}"
            self.ws.print_area = f"A1:{self.last_col}{self.rows}"


def _sheet_name(text: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", text).strip()[:28] or "Nhiệm vụ"
    name, n = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {n}"
        n += 1
    used.add(name.lower())
    return name


def _task_columns(tasks: Sequence[TaskRow]) -> list[tuple[str, float, str, bool]]:
    return [
        col for col in TASK_COLUMNS
        if col[2] not in OPTIONAL_TASK_COLUMNS or any(getattr(t, col[2]) for t in tasks)
    ]


def _task_value(index: int, t: TaskRow, header: str, attr: str):
    if header == "STT":
        return index
    if header == "Thời gian hoàn thành":
        return t.due_text or ("" if t.due else "Không thời hạn")
    if header == "Số lần đôn đốc":
        return t.urge_count or None
    return getattr(t, attr)


def _group_values(index: int, g: GroupRow) -> list:
    c = g.counts
    rate = g.on_time_rate.value
    return [
        index, g.name, c.total, c[st.COMPLETED_ON_TIME], c[st.COMPLETED_LATE],
        c[st.IN_PROGRESS] + c[st.NOT_YET_DUE], c[st.DUE_SOON], c[st.OVERDUE], c[st.RECURRING],
        c[st.CANCELLED], g.due_in_period, round(rate, 1) if rate is not None else None,
    ]


def render(report: PeriodReport) -> bytes:
    wb = Workbook(write_only=True)
    used: set[str] = set()
    p = report.period
    subtitle = (
        f"{report.plan.reference} – số liệu từ {fmt_date(p.start)} đến {fmt_date(p.cutoff)}"
    )
    by_section: dict[str, list[TaskRow]] = {}
    for task in report.tasks:
        by_section.setdefault(task.section or "Nhiệm vụ", []).append(task)
    columns = _task_columns(report.tasks)
    centered = tuple(i for i, col in enumerate(columns) if col[3])
    for section, tasks in by_section.items():
        sheet = _Sheet(wb, _sheet_name(section, used), section.upper(), subtitle, [c[:2] for c in columns])
        for i, task in enumerate(tasks, start=1):
            sheet.append([_task_value(i, task, h, a) for h, _, a, _ in columns], centered=centered)
        sheet.finish()

    sheet = _Sheet(wb, _sheet_name("Theo đơn vị", used), f"KẾT QUẢ THEO ĐƠN VỊ CHỦ TRÌ {p.label.upper()}",
                   subtitle, GROUP_COLUMNS)
    for i, group in enumerate(report.units, start=1):
        sheet.append(_group_values(i, group), centered=tuple(range(2, 12)) + (0,))
    sheet.finish()

    sheet = _Sheet(wb, _sheet_name("Chỉ tiêu", used), f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU {p.label.upper()}",
                   subtitle, INDICATOR_COLUMNS)
    for i, x in enumerate(report.indicators, start=1):
        sheet.append([i, x.ref, x.text, x.target, x.actual or "Chưa có số liệu", x.achievement],
                     centered=(0, 1, 3, 4, 5))
    sheet.finish()

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
