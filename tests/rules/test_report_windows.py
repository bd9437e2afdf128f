"""Report periods, data windows and sending deadlines (Nghị định 09/2019/NĐ-CP)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nhiemvu.rules.report_windows import (
    Cycle,
    Period,
    PeriodError,
    ReportPolicy,
    WindowMode,
    add_working_days,
    duties_from_extraction,
    is_working_day,
    parse_period,
    upcoming_deadlines,
    window_for,
)

D = dt.date


@pytest.mark.parametrize(
    ("code", "start", "cutoff"),
    [
        ("2023-05", D(2023, 4, 15), D(2023, 5, 14)),
        ("2023-01", D(2022, 12, 15), D(2023, 1, 14)),
        ("2023-Q2", D(2023, 3, 15), D(2023, 6, 14)),
        ("2023-H1", D(2022, 12, 15), D(2023, 6, 14)),
        ("2023-9M", D(2022, 12, 15), D(2023, 9, 14)),
        ("2023", D(2022, 12, 15), D(2023, 12, 14)),
    ],
)
def test_decree_09_windows(code, start, cutoff):
    window = window_for(parse_period(code))
    assert (window.start, window.cutoff, window.source) == (start, cutoff, "nd09")
    # At least one working day between the cut-off and the sending deadline.
    assert window.deadline > window.cutoff
    assert is_working_day(window.deadline)


def test_deadline_skips_the_weekend():
    # 14/01/2023 is a Saturday: the first working day after it is Monday 16/01.
    assert window_for(parse_period("2023-01")).deadline == D(2023, 1, 16)


def test_calendar_windows_and_send_day():
    policy = ReportPolicy(mode=WindowMode.CALENDAR, send_day=5)
    window = window_for(parse_period("2023-Q2"), policy)
    assert (window.start, window.cutoff, window.deadline) == (D(2023, 4, 1), D(2023, 6, 30), D(2023, 7, 5))
    feb = window_for(parse_period("2024-02"), policy)
    assert (feb.start, feb.cutoff) == (D(2024, 2, 1), D(2024, 2, 29))


def test_send_day_never_earlier_than_one_working_day():
    # Cut-off on the 14th with the report due "on the 15th": 15/04/2023 is a Saturday,
    # 14/04 a Friday, so the deadline moves to Monday 17/04.
    window = window_for(parse_period("2023-04"), ReportPolicy(send_day=15))
    assert window.deadline == D(2023, 4, 17)


def test_policy_from_dict():
    policy = ReportPolicy.from_dict({"mode": "calendar", "send_day": 3, "holidays": ["2023-07-03"]})
    assert policy.mode is WindowMode.CALENDAR
    assert window_for(parse_period("2023-06"), policy).deadline == D(2023, 7, 4)


def test_parse_period_codes_and_labels():
    assert parse_period("2023-Q2") == Period(2023, Cycle.QUARTERLY, 2)
    assert parse_period("2023-Q2").label == "quý II năm 2023"
    assert parse_period("2023-H1").label == "6 tháng đầu năm 2023"
    assert parse_period("2023-9M").code == "2023-9M"
    assert parse_period("2023").cycle is Cycle.ANNUAL
    for bad in ("2023-13", "Q2", "", "2023-Q5"):
        with pytest.raises(PeriodError, match="Kỳ báo cáo không hợp lệ"):
            parse_period(bad)


@given(st.integers(2000, 2100), st.sampled_from(list(Cycle)), st.integers(1, 12))
def test_consecutive_windows_tile_without_gaps(year, cycle, index):
    index = {Cycle.MONTHLY: index, Cycle.QUARTERLY: (index - 1) // 3 + 1}.get(cycle, 1)
    period = Period(year, cycle, index)
    if cycle in (Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.ANNUAL):
        assert window_for(period.next()).start == window_for(period).cutoff + dt.timedelta(days=1)
    assert period.next().previous() == period


def test_working_days_skip_fixed_holidays():
    assert not is_working_day(D(2024, 9, 2))
    assert add_working_days(D(2024, 4, 29), 1) == D(2024, 5, 2)  # 30/4 and 1/5 off
    assert add_working_days(D(2024, 5, 2), -1) == D(2024, 4, 29)


PLAN_DUTY = (
    "Đánh giá, báo cáo tình hình thực hiện nhiệm vụ định kỳ hàng tháng, quý, 6 tháng, 9 tháng, năm "
    "và gửi về Phòng Tài chính - Kế hoạch đúng thời gian quy định (trước ngày 10 hàng tháng và trước "
    "ngày 10 của tháng cuối quý, 6 tháng, 9 tháng, báo cáo năm gửi trước ngày 10/11)."
)


def _duties():
    reports = [
        {"text": PLAN_DUTY, "cycle": cycle, "due": [], "from": ["Các phòng"], "to": ["Văn phòng"]}
        for cycle in ("monthly", "quarterly", "semiannual", "ninemonth", "annual")
    ]
    reports.append({"text": "Báo cáo sơ kết trước ngày 09/9/2024.", "cycle": "once", "due": ["2024-09-09"]})
    reports.append({"text": "báo cáo đúng thời gian quy định", "cycle": "monthly", "due": []})
    return duties_from_extraction(reports)


def test_plan_duties_override_the_defaults():
    duties = _duties()
    assert len(duties) == 6  # the duty with no date at all is left to the policy
    may = window_for(parse_period("2023-05"), duties=duties)
    assert (may.deadline, may.cutoff, may.source) == (D(2023, 5, 10), D(2023, 5, 9), "plan")
    # The data runs on from the previous month's cut-off (10/04/2023 is a Monday).
    assert may.start == D(2023, 4, 10)
    assert window_for(parse_period("2023-Q2"), duties=duties).deadline == D(2023, 6, 10)
    annual = window_for(parse_period("2023"), duties=duties)
    assert (annual.deadline, annual.cutoff) == (D(2023, 11, 10), D(2023, 11, 9))
    # 10/09/2023 is a Sunday: the last working day before it is Friday 08/09, so the
    # cut-off is 07/09 and the unit keeps one working day to send.
    nine = window_for(parse_period("2023-9M"), duties=duties)
    assert (nine.cutoff, nine.deadline) == (D(2023, 9, 7), D(2023, 9, 10))


def test_upcoming_deadline_calendar():
    duties = _duties()
    found = upcoming_deadlines(D(2023, 6, 1), 45, duties=duties)
    assert [(d.deadline, d.cycle) for d in found] == [
        (D(2023, 6, 10), Cycle.MONTHLY),
        (D(2023, 6, 10), Cycle.QUARTERLY),
        (D(2023, 6, 10), Cycle.SEMIANNUAL),
        (D(2023, 7, 10), Cycle.MONTHLY),
    ]
    assert found[0].recipients == ("Văn phòng",)
    once = upcoming_deadlines(D(2024, 9, 1), 10, cycles=(), duties=duties)
    assert [(d.deadline, d.cycle, d.text) for d in once] == [
        (D(2024, 9, 9), None, "Báo cáo sơ kết trước ngày 09/9/2024.")
    ]
    default = upcoming_deadlines(D(2023, 6, 1), 20, cycles=(Cycle.MONTHLY,))
    assert [d.deadline for d in default] == [D(2023, 6, 15)]
