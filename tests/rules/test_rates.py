from __future__ import annotations

from nhiemvu.rules.rates import rates


def test_three_rates_name_their_numerator_and_denominator() -> None:
    r = rates({"assigned": 20, "due": 10, "done_due": 7, "completed": 9, "on_time": 6})
    assert r["done_of_due"].value == 70.0
    assert (r["done_of_due"].numerator_label, r["done_of_due"].denominator_label) == ("Hoàn thành", "Đến hạn")
    assert r["done_of_assigned"].value == 45.0
    assert r["done_of_assigned"].denominator_label == "Được giao"
    assert r["on_time_of_done"].value == 66.7
    assert r["on_time_of_done"].label == "Hoàn thành đúng hạn / Hoàn thành"


def test_zero_denominator_is_no_rate_not_zero() -> None:
    r = rates({})
    assert all(rate.value is None for rate in r.values())
    assert r["done_of_due"].display() == "– (0/0)"
    assert rates({"due": 3, "done_due": 1})["done_of_due"].display() == "33,3 % (1/3)"
    assert r["done_of_due"].as_dict()["value"] is None
