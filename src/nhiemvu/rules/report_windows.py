"""Report periods, their data windows and sending deadlines (pure: no I/O, no Django).

Default rule: Nghị định 09/2019/NĐ-CP, Điều 12 — the data of a periodic report runs
from the 15th of the month before the period to the 14th of the period's last month
(monthly: 15/(m-1) → 14/m; quarterly, 6- and 9-month: 15th of the month before the
first month → 14th of the last; annual: 15/12 of the year before → 14/12), and the
sending deadline leaves at least one working day after the cut-off.
The other option is calendar periods (1st → last day). Both are set per
jurisdiction or per plan through `ReportPolicy`; a plan's own reporting duties
(from its extraction, e.g. "trước ngày 10 hàng tháng", "báo cáo năm gửi trước ngày
10/11") override the deadline and move the cut-off to the working day before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class Cycle(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    NINEMONTH = "ninemonth"
    ANNUAL = "annual"


CYCLE_LABELS = {
    Cycle.MONTHLY: "tháng",
    Cycle.QUARTERLY: "quý",
    Cycle.SEMIANNUAL: "6 tháng",
    Cycle.NINEMONTH: "9 tháng",
    Cycle.ANNUAL: "năm",
}

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodError(ValueError):
    """A period code that cannot be read; the message is Vietnamese."""


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. `index` is the month (monthly), the quarter (quarterly),
    and 1 for the cumulative 6-month, 9-month and annual periods."""

    year: int
    cycle: Cycle
    index: int = 1

    @property
    def first_month(self) -> int:
        if self.cycle is Cycle.MONTHLY:
            return self.index
        if self.cycle is Cycle.QUARTERLY:
            return 3 * self.index - 2
        return 1  # 6-month, 9-month and annual reports are cumulative from January

    @property
    def last_month(self) -> int:
        return {
            Cycle.MONTHLY: self.index,
            Cycle.QUARTERLY: 3 * self.index,
            Cycle.SEMIANNUAL: 6,
            Cycle.NINEMONTH: 9,
            Cycle.ANNUAL: 12,
        }[self.cycle]

    @property
    def calendar_start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def calendar_end(self) -> dt.date:
        return _month_end(self.year, self.last_month)

    @property
    def code(self) -> str:
        return {
            Cycle.MONTHLY: f"{self.year}-{self.index:02d}",
            Cycle.QUARTERLY: f"{self.year}-Q{self.index}",
            Cycle.SEMIANNUAL: f"{self.year}-H1",
            Cycle.NINEMONTH: f"{self.year}-9M",
            Cycle.ANNUAL: f"{self.year}",
        }[self.cycle]

    @property
    def label(self) -> str:
        """As an official report names it: "Quý II năm 2023", "6 tháng đầu năm 2023"."""
        if self.cycle is Cycle.MONTHLY:
            return f"tháng {self.index:02d} năm {self.year}"
        if self.cycle is Cycle.QUARTERLY:
            return f"quý {ROMAN[self.index]} năm {self.year}"
        return {
            Cycle.SEMIANNUAL: f"6 tháng đầu năm {self.year}",
            Cycle.NINEMONTH: f"9 tháng đầu năm {self.year}",
            Cycle.ANNUAL: f"năm {self.year}",
        }[self.cycle]

    def next(self) -> Period:
        if self.cycle is Cycle.MONTHLY:
            return Period(self.year + self.index // 12, self.cycle, self.index % 12 + 1)
        if self.cycle is Cycle.QUARTERLY:
            return Period(self.year + self.index // 4, self.cycle, self.index % 4 + 1)
        return Period(self.year + 1, self.cycle, 1)

    def previous(self) -> Period:
        if self.cycle is Cycle.MONTHLY:
            return Period(self.year - (self.index == 1), self.cycle, (self.index - 2) % 12 + 1)
        if self.cycle is Cycle.QUARTERLY:
            return Period(self.year - (self.index == 1), self.cycle, (self.index - 2) % 4 + 1)
        return Period(self.year - 1, self.cycle, 1)


_CODE_PATTERNS: tuple[tuple[re.Pattern[str], Cycle], ...] = (
    (re.compile(r"^(\d{4})-(\d{1,2})$"), Cycle.MONTHLY),
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.I), Cycle.QUARTERLY),
    (re.compile(r"^(\d{4})-?(?:H1|6M|S1)$", re.I), Cycle.SEMIANNUAL),
    (re.compile(r"^(\d{4})-?9M$", re.I), Cycle.NINEMONTH),
    (re.compile(r"^(\d{4})(?:-?(?:Y|N|FY))?$", re.I), Cycle.ANNUAL),
)


def parse_period(code: str) -> Period:
    """Read "2023-05", "2023-Q2", "2023-H1", "2023-9M", "2023"."""
    text = (code or "").strip()
    for pattern, cycle in _CODE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        index = int(match.group(2)) if cycle in (Cycle.MONTHLY, Cycle.QUARTERLY) else 1
        if cycle is Cycle.MONTHLY and not 1 <= index <= 12:
            break
        return Period(year, cycle, index)
    raise PeriodError(
        f"Kỳ báo cáo không hợp lệ: {code!r}. Dùng dạng 2023-05 (tháng), 2023-Q2 (quý), "
        "2023-H1 (6 tháng), 2023-9M (9 tháng) hoặc 2023 (năm)."
    )


def period_containing(day: dt.date, cycle: Cycle) -> Period:
    """The calendar period of `cycle` that contains `day` (for 6/9-month: that year's)."""
    if cycle is Cycle.MONTHLY:
        return Period(day.year, cycle, day.month)
    if cycle is Cycle.QUARTERLY:
        return Period(day.year, cycle, (day.month - 1) // 3 + 1)
    return Period(day.year, cycle, 1)


# --- working days -------------------------------------------------------------------

# Fixed solar public holidays (Bộ luật Lao động 2019, Điều 112). Tết and Giỗ Tổ follow the
# lunar calendar and 2/9 has a movable second day: a deployment passes those as `holidays`.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))


def is_working_day(day: dt.date, holidays: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS and day not in holidays


def add_working_days(day: dt.date, count: int, holidays: frozenset[dt.date] = frozenset()) -> dt.date:
    """The date `count` working days after (count > 0) or before (count < 0) `day`."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining:
        current += dt.timedelta(days=step)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


# --- policy and windows -------------------------------------------------------------


class WindowMode(StrEnum):
    DECREE_09 = "nd09"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class ReportPolicy:
    """How a jurisdiction (or one plan) cuts its report periods.

    `send_day`: the day of month the report is due, the first such day after the
    cut-off; None means `send_working_days` working days after the cut-off.
    """

    mode: WindowMode = WindowMode.DECREE_09
    cutoff_day: int = 14
    send_day: int | None = None
    send_working_days: int = 1
    holidays: frozenset[dt.date] = frozenset()

    @classmethod
    def from_dict(cls, data: dict | None) -> ReportPolicy:
        """From stored settings (JSON on a jurisdiction or plan); unknown keys ignored."""
        data = data or {}
        holidays = frozenset(dt.date.fromisoformat(d) for d in data.get("holidays", ()))
        return cls(
            mode=WindowMode(data.get("mode", WindowMode.DECREE_09)),
            cutoff_day=int(data.get("cutoff_day", 14)),
            send_day=int(data["send_day"]) if data.get("send_day") else None,
            send_working_days=max(1, int(data.get("send_working_days", 1))),
            holidays=holidays,
        )


@dataclass(frozen=True)
class PlanDuty:
    """A plan's own reporting duty for one cycle: a day of month in the period's last
    month ("trước ngày 10 hàng tháng"), a fixed day and month each year ("trước ngày
    10/11"), and/or explicit dates (one-off or irregular)."""

    cycle: Cycle | None  # None: a one-off report ("once")
    day: int | None = None
    month_day: tuple[int, int] | None = None
    dates: tuple[dt.date, ...] = ()
    text: str = ""
    sender: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportWindow:
    period: Period
    start: dt.date  # first day of data, inclusive
    cutoff: dt.date  # last day of data (ngày chốt số liệu), inclusive
    deadline: dt.date  # sending deadline (thời hạn gửi báo cáo)
    source: str  # "nd09" | "calendar" | "plan"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.cutoff


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + delta
    return total // 12, total % 12 + 1


def _default_cutoff(period: Period, policy: ReportPolicy) -> dt.date:
    if policy.mode is WindowMode.CALENDAR:
        return period.calendar_end
    return _safe_date(period.year, period.last_month, policy.cutoff_day)


def _default_start(period: Period, policy: ReportPolicy) -> dt.date:
    if policy.mode is WindowMode.CALENDAR:
        return period.calendar_start
    year, month = _shift_month(period.year, period.first_month, -1)
    return _safe_date(year, month, policy.cutoff_day) + dt.timedelta(days=1)


def _earliest_deadline(cutoff: dt.date, policy: ReportPolicy) -> dt.date:
    return add_working_days(cutoff, policy.send_working_days, policy.holidays)


def _policy_deadline(cutoff: dt.date, policy: ReportPolicy) -> dt.date:
    earliest = _earliest_deadline(cutoff, policy)
    if policy.send_day is None:
        return earliest
    nominal = _safe_date(cutoff.year, cutoff.month, policy.send_day)
    if nominal <= cutoff:
        year, month = _shift_month(cutoff.year, cutoff.month, 1)
        nominal = _safe_date(year, month, policy.send_day)
    # Never less than the decree's one working day after the cut-off.
    return max(nominal, earliest)


def _duty_deadline(period: Period, duty: PlanDuty) -> dt.date | None:
    for day in duty.dates:
        if period_containing(day, period.cycle) == period or (
            period.cycle in (Cycle.SEMIANNUAL, Cycle.NINEMONTH, Cycle.ANNUAL) and day.year == period.year
        ):
            return day
    if duty.month_day is not None:
        month, day = duty.month_day
        return _safe_date(period.year, month, day)
    if duty.day is not None:
        return _safe_date(period.year, period.last_month, duty.day)
    return None


def _pick_duty(period: Period, duties: Iterable[PlanDuty]) -> tuple[PlanDuty, dt.date] | None:
    for duty in duties:
        if duty.cycle is period.cycle:
            deadline = _duty_deadline(period, duty)
            if deadline is not None:
                return duty, deadline
    return None


def _cutoff_before(deadline: dt.date, policy: ReportPolicy) -> dt.date:
    # The cut-off is the day before the last `send_working_days` working days up to the
    # deadline, so the unit always has that many working days to send.
    last = deadline
    while not is_working_day(last, policy.holidays):
        last -= dt.timedelta(days=1)
    if policy.send_working_days > 1:
        last = add_working_days(last, -(policy.send_working_days - 1), policy.holidays)
    return last - dt.timedelta(days=1)


def _cutoff(period: Period, policy: ReportPolicy, duties: Sequence[PlanDuty]) -> tuple[dt.date, dt.date, str]:
    picked = _pick_duty(period, duties)
    if picked is not None:
        _, deadline = picked
        return _cutoff_before(deadline, policy), deadline, "plan"
    cutoff = _default_cutoff(period, policy)
    return cutoff, _policy_deadline(cutoff, policy), policy.mode.value


def window_for(
    period: Period, policy: ReportPolicy | None = None, duties: Sequence[PlanDuty] = ()
) -> ReportWindow:
    """The data window and sending deadline of `period`."""
    policy = policy or ReportPolicy()
    cutoff, deadline, source = _cutoff(period, policy, duties)
    if source == "plan":
        # Data continues from the previous report's cut-off; the cumulative periods
        # (6-month, 9-month, annual) start where the previous year's annual stopped.
        anchor = period.previous() if period.cycle in (Cycle.MONTHLY, Cycle.QUARTERLY) else Period(
            period.year - 1, Cycle.ANNUAL
        )
        prev_cutoff, _, _ = _cutoff(anchor, policy, duties)
        start = prev_cutoff + dt.timedelta(days=1)
    elif period.cycle in (Cycle.SEMIANNUAL, Cycle.NINEMONTH) and policy.mode is WindowMode.DECREE_09:
        start = _default_start(Period(period.year, Cycle.ANNUAL), policy)
    else:
        start = _default_start(period, policy)
    return ReportWindow(period=period, start=start, cutoff=cutoff, deadline=deadline, source=source)


def periods_overlapping(start: dt.date, end: dt.date, cycle: Cycle) -> list[Period]:
    """Every calendar period of `cycle` that touches [start, end]."""
    out: list[Period] = []
    current = period_containing(start, cycle)
    while current.calendar_start <= end:
        out.append(current)
        current = current.next()
    return out


@dataclass(frozen=True)
class UpcomingDeadline:
    deadline: dt.date
    cycle: Cycle | None
    period: Period | None
    text: str
    window: ReportWindow | None = None
    recipients: tuple[str, ...] = field(default=())


def upcoming_deadlines(
    today: dt.date,
    horizon_days: int,
    cycles: Iterable[Cycle] = tuple(Cycle),
    policy: ReportPolicy | None = None,
    duties: Sequence[PlanDuty] = (),
) -> list[UpcomingDeadline]:
    """Report deadlines from `today` to `today + horizon_days`, soonest first: the
    periodic ones for `cycles`, plus every one-off duty date in that range."""
    policy = policy or ReportPolicy()
    end = today + dt.timedelta(days=horizon_days)
    found: dict[tuple, UpcomingDeadline] = {}
    for cycle in cycles:
        # A deadline may fall in the month after the period (calendar mode), so look
        # one period back as well.
        first = period_containing(today, cycle).previous()
        for period in [first, *periods_overlapping(today, end + dt.timedelta(days=366), cycle)]:
            window = window_for(period, policy, duties)
            if today <= window.deadline <= end:
                duty = _pick_duty(period, duties)
                found[(window.deadline, cycle, period)] = UpcomingDeadline(
                    deadline=window.deadline,
                    cycle=cycle,
                    period=period,
                    text=f"Báo cáo {period.label}",
                    window=window,
                    recipients=duty[0].recipients if duty else (),
                )
            if window.deadline > end and period.calendar_start > end:
                break
    for duty in duties:
        if duty.cycle is None:
            for day in duty.dates:
                if today <= day <= end:
                    found[(day, None, None)] = UpcomingDeadline(
                        deadline=day, cycle=None, period=None, text=duty.text or "Báo cáo",
                        recipients=duty.recipients,
                    )
    order = list(Cycle)
    return sorted(
        found.values(), key=lambda d: (d.deadline, order.index(d.cycle) if d.cycle else len(order), d.text)
    )


# --- reading a plan's reporting duties from its extraction --------------------------

_MONTHLY_DAY = re.compile(r"ngay\s+(\d{1,2})\s+hang\s+thang")
_LAST_MONTH_DAY = re.compile(r"ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+cuoi")
_ANNUAL_DAY_MONTH = re.compile(r"(?:bao\s+cao\s+)?nam\b[^.;()]*?ngay\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d)")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def duties_from_extraction(reports: Iterable[dict]) -> list[PlanDuty]:
    """Turn the `reports` list of a plan extraction (EXTRACTION_FORMAT.md) into duties.

    The day of month comes from the duty's own sentence: "trước ngày N hàng tháng"
    for monthly reports, "ngày N của tháng cuối quý" for quarterly, 6- and 9-month,
    "báo cáo năm … ngày D/M" for the annual one.
    """
    duties: list[PlanDuty] = []
    for item in reports:
        raw_cycle = (item.get("cycle") or "").strip()
        cycle = None if raw_cycle in ("", "once", "weekly") else Cycle(raw_cycle)
        if raw_cycle == "weekly":
            continue  # weekly reports are outside the periodic report calendar
        text = item.get("text") or ""
        folded = _fold(text)
        dates = tuple(sorted(dt.date.fromisoformat(d) for d in item.get("due") or () if d))
        day: int | None = None
        month_day: tuple[int, int] | None = None
        day_pattern = _MONTHLY_DAY if cycle is Cycle.MONTHLY else _LAST_MONTH_DAY
        if cycle not in (None, Cycle.ANNUAL) and (m := day_pattern.search(folded)):
            day = int(m.group(1))
        elif cycle is Cycle.ANNUAL and (m := _ANNUAL_DAY_MONTH.search(folded)):
            month_day = (int(m.group(2)), int(m.group(1)))
        if cycle is not None and day is None and month_day is None and not dates:
            continue  # "đúng thời gian quy định" with no date: the policy decides
        duties.append(
            PlanDuty(
                cycle=cycle,
                day=day,
                month_day=month_day,
                dates=dates,
                text=text,
                sender=tuple(item.get("from") or ()),
                recipients=tuple(item.get("to") or ()),
            )
        )
    return duties
