from datetime import date

from nhiemvu.vn.dates import find_dates, next_day_month, parse_date, quarter_span


def test_parse_date_forms():
    assert parse_date("29/12/2022") == date(2022, 12, 29)
    assert parse_date("ngày 29 tháng 12 năm 2022") == date(2022, 12, 29)
    assert parse_date("Ngày 29 Tháng 12 Năm 2022") == date(2022, 12, 29)
    assert parse_date("29-12-2022") == date(2022, 12, 29)
    assert parse_date("29.12.2022") == date(2022, 12, 29)
    assert parse_date("ngày 9/9/2024") == date(2024, 9, 9)


def test_parse_date_rejects_blanks_and_impossible_dates():
    assert parse_date("ngày tháng năm 2024") is None
    assert parse_date("ngày     tháng 01 năm 2023") is None
    assert parse_date("31/02/2023") is None
    assert parse_date("Tháng 4-5/2023") is None
    assert parse_date("") is None


def test_find_dates_in_order():
    text = "Quyết định số 14515/QĐ-UBND ngày 29/12/2022; Luật ngày 19 tháng 6 năm 2015"
    assert find_dates(text) == [date(2022, 12, 29), date(2015, 6, 19)]


def test_next_day_month_after_issue_date():
    assert next_day_month(10, 11, date(2022, 12, 29)) == date(2023, 11, 10)
    assert next_day_month(10, 11, date(2023, 1, 1)) == date(2023, 11, 10)
    assert next_day_month(29, 2, date(2023, 3, 1)) == date(2024, 2, 29)


def test_quarter_span():
    assert quarter_span(2023, 3) == (date(2023, 7, 1), date(2023, 9, 30))
