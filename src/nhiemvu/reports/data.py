"""What a report says, apart from how it looks (pure: no I/O, no Django).

`build.py` fills these from the database; `period_report.py`, `appendix.py`,
`xlsx_export.py`, `unit_report.py` and `urging_letter.py` turn them into files.
Statuses are the codes of `nhiemvu.rules.status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from nhiemvu.rules import status as st


def fmt_date(day: dt.date | None, empty: str = "") -> str:
    return day.strftime("%d/%m/%Y") if day else empty


def fmt_percent(value: float | None) -> str:
    """Vietnamese decimal comma: 66,7%."""
    if value is None:
        return "-"
    return f"{value:.1f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return 100.0 * self.numerator / self.denominator if self.denominator else None

    @property
    def text(self) -> str:
        return f"{self.numerator}/{self.denominator} ({fmt_percent(self.value)})"


@dataclass
class StatusCounts:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(st.STATUSES, 0))

    def add(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1

    def __getitem__(self, status: str) -> int:
        return self.counts.get(status, 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def completed(self) -> int:
        return self[st.COMPLETED_ON_TIME] + self[st.COMPLETED_LATE]

    @property
    def open_on_time(self) -> int:
        return self[st.NOT_YET_DUE] + self[st.IN_PROGRESS] + self[st.DUE_SOON]


@dataclass
class Issuer:
    """The body that issues the document, in the Nghị định 30/2020 header and signature."""

    parent: str  # "UBND THÀNH PHỐ VŨNG TÀU"
    name: str  # "VĂN PHÒNG HĐND VÀ UBND"
    code: str = "VP"  # the body's abbreviation in the number: …/BC-VP
    place: str = ""  # the place name before the date: "Vũng Tàu"
    signer_authority: str = ""  # "KT. CHÁNH VĂN PHÒNG" (empty when the head signs)
    signer_title: str = "CHÁNH VĂN PHÒNG"
    signer_name: str = ""


@dataclass
class PlanInfo:
    pk: int | None
    kind: str
    number: str
    issued_on: dt.date | None
    issuer: str
    title: str

    @property
    def reference(self) -> str:
        """"Kế hoạch số 14/KH-UBND ngày 10/01/2023 của UBND thành phố"."""
        parts = [self.kind or "Văn bản"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.issued_on:
            parts.append(f"ngày {fmt_date(self.issued_on)}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


@dataclass
class PeriodInfo:
    code: str  # "2023-Q2"
    label: str  # "quý II năm 2023"
    start: dt.date  # data window
    cutoff: dt.date
    deadline: dt.date
    next_label: str = ""
    next_start: dt.date | None = None
    next_cutoff: dt.date | None = None


@dataclass
class TaskRow:
    """One task as reports show it; the appendix prints every field."""

    pk: int | None
    ref: str
    section: str
    content: str
    plan_reference: str  # văn bản giao: number and date
    lead: str
    support: str
    due: dt.date | None
    due_text: str
    status: str
    completed_on: dt.date | None = None
    result: str = ""  # the latest accepted/submitted progress text
    percent: int | None = None
    urge_count: int = 0
    note: str = ""  # the unit's stated reason / obstacles, or the cancellation reason
    lead_units: tuple[int, ...] = ()
    lead_names: tuple[str, ...] = ()  # one per lead, for grouping by unit
    product: str = ""  # the plan's own appendix columns, when it has them
    funding: str = ""
    directed_by: str = ""

    @property
    def status_label(self) -> str:
        return st.LABELS.get(self.status, self.status)

    @property
    def due_display(self) -> str:
        if self.due:
            return fmt_date(self.due)
        return self.due_text or "Không thời hạn"

    @property
    def done_display(self) -> str:
        parts = [fmt_date(self.completed_on)] if self.completed_on else []
        if self.result:
            parts.append(self.result)
        return " – ".join(parts)


@dataclass
class GroupRow:
    """Counts for one unit or one section."""

    name: str
    counts: StatusCounts
    due_in_period: int = 0
    on_time_in_period: int = 0

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time_in_period, self.due_in_period)


@dataclass
class IndicatorRow:
    ref: str
    text: str
    target: str  # "≥ 96 %"
    actual: str  # "95,2 %" or "" when nobody reported
    achievement: str  # "99,2%", "Đạt", "Chưa đạt", "Chưa có số liệu"
    achieved: bool | None = None


@dataclass
class Obstacle:
    unit: str
    text: str


@dataclass
class PeriodReport:
    issuer: Issuer
    plan: PlanInfo
    period: PeriodInfo
    issued_on: dt.date
    counts: StatusCounts
    due_in_period: Rate  # completed on time ÷ tasks due in the period window
    cumulative: Rate  # completed on time ÷ tasks due up to the cut-off
    units: list[GroupRow]
    sections: list[GroupRow]
    overdue: list[TaskRow]
    indicators: list[IndicatorRow]
    next_period: list[TaskRow]
    tasks: list[TaskRow]  # every task, the appendix
    obstacles: list[Obstacle] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    number: str = ""  # "…/BC-VP" left blank for the clerk (văn thư) to fill


@dataclass
class UnitReportText:
    """The parts of a unit's report the unit writes or edits before sending."""

    results: str = ""
    obstacles: str = ""
    proposals: str = ""


@dataclass
class UnitReport:
    issuer: Issuer  # the unit itself
    unit_name: str
    recipient: str  # the Office
    period: PeriodInfo
    issued_on: dt.date
    counts: StatusCounts
    due_in_period: Rate
    tasks: list[TaskRow]
    overdue: list[TaskRow]
    next_period: list[TaskRow]
    text: UnitReportText = field(default_factory=UnitReportText)


@dataclass
class UrgingLetter:
    issuer: Issuer
    unit_name: str
    issued_on: dt.date
    tasks: list[TaskRow]  # the unit's overdue tasks
    reply_by: dt.date
    number: str = ""
    copy_to: list[str] = field(default_factory=list)
