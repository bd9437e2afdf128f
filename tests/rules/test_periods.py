from __future__ import annotations

import datetime as dt

import pytest

from nhiemvu.rules.periods import PeriodError, parse_period, period_of

D = dt.date


@pytest.mark.parametrize(
    ("code", "start", "end", "canon"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31), "2023"),
        ("2023-Q1", D(2023, 1, 1), D(2023, 3, 31), "2023-Q1"),
        ("2023-q2", D(2023, 4, 1), D(2023, 6, 30), "2023-Q2"),
        ("2023-Q4", D(2023, 10, 1), D(2023, 12, 31), "2023-Q4"),
        ("2023-M05", D(2023, 5, 1), D(2023, 5, 31), "2023-05"),
        ("2023-05", D(2023, 5, 1), D(2023, 5, 31), "2023-05"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "2024-02"),  # leap year
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "2023-02"),
        ("2023-12", D(2023, 12, 1), D(2023, 12, 31), "2023-12"),
        ("2023-H1", D(2023, 1, 1), D(2023, 6, 30), "2023-H1"),
        ("2023-H2", D(2023, 7, 1), D(2023, 12, 31), "2023-H2"),
        ("2023-9M", D(2023, 1, 1), D(2023, 9, 30), "2023-9M"),
        (" 2023-9m ", D(2023, 1, 1), D(2023, 9, 30), "2023-9M"),
    ],
)
def test_parse(code: str, start: dt.date, end: dt.date, canon: str) -> None:
    p = parse_period(code)
    assert (p.start, p.end, p.code) == (start, end, canon)
    assert start in p and end in p
    assert start - dt.timedelta(days=1) not in p and end + dt.timedelta(days=1) not in p


@pytest.mark.parametrize("bad", ["", "23", "2023-Q5", "2023-13", "2023-M00", "2023-H3", "2023-8M", "Q2-2023", "abc"])
def test_bad_codes_raise_a_vietnamese_error(bad: str) -> None:
    with pytest.raises(PeriodError, match="Kỳ không hợp lệ"):
        parse_period(bad)


def test_labels() -> None:
    assert parse_period("2023-Q2").label == "Quý II/2023"
    assert parse_period("2023-05").label == "Tháng 05/2023"
    assert parse_period("2023-H1").label == "6 tháng đầu năm 2023"
    assert parse_period("2023-9M").label == "9 tháng đầu năm 2023"
    assert parse_period("2023").label == "Năm 2023"


def test_period_of() -> None:
    assert period_of(D(2023, 6, 30)).code == "2023-Q2"
    assert period_of(D(2023, 7, 1)).code == "2023-Q3"
    assert period_of(D(2023, 7, 1), "half").code == "2023-H2"
    assert period_of(D(2023, 7, 1), "month").code == "2023-07"
    assert period_of(D(2023, 9, 30), "ninemonth").code == "2023-9M"
    with pytest.raises(PeriodError):
        period_of(D(2023, 10, 1), "ninemonth")
