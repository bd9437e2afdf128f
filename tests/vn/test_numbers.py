import json

import pytest

from nhiemvu.vn.numbers import parse_number, parse_targets


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11,47", 11.47),
        ("7.000", 7000),
        ("1.234,5", 1234.5),
        ("12.345.678", 12345678),
        ("0,98", 0.98),
        ("02", 2),
        ("1.5", 1.5),
        ("1,234.5", 1234.5),
        ("đạt 96%", 96),
        ("abc", None),
        ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def t(scope, comparator, value, unit):
    return {"scope": scope, "comparator": comparator, "value": value, "unit": unit}


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Tổng vốn đầu tư toàn xã hội đạt trên 7.000 tỷ đồng.", [t(None, ">", 7000, "tỷ đồng")]),
        ("Tỷ lệ tăng dân số tự nhiên: < 7,5‰", [t(None, "<", 7.5, "‰")]),
        ("Tỷ lệ hộ nghèo giảm xuống dưới 1,5%", [t(None, "<", 1.5, "%")]),
        ("Chỉ số hài lòng đạt từ 85% trở lên", [t(None, ">=", 85, "%")]),
        ("Thu ngân sách không quá 1.234,5 tỷ đồng", [t(None, "<=", 1234.5, "tỷ đồng")]),
        ("Tỷ lệ hộ nghèo cuối năm khoảng 0,98%.", [t(None, "=", 0.98, "%")]),
        ("Tỷ lệ cây xanh đạt 10,6 m2/người.", [t(None, ">=", 10.6, "m2/người")]),
        ("Tăng trưởng GRDP bình quân 7,6%/năm", [t(None, ">=", 7.6, "%/năm")]),
        (
            "Cơ cấu kinh tế: Dịch vụ chiếm 50,71%; Nông nghiệp chiếm 8,78%.",
            [t("Dịch vụ", "=", 50.71, "%"), t("Nông nghiệp", "=", 8.78, "%")],
        ),
        (
            "Tỷ lệ thu gom rác đối với phường 97% và xã 79%.",
            [t("phường", ">=", 97, "%"), t("xã", ">=", 79, "%")],
        ),
        (
            "Tỷ lệ cấp nước sạch đạt: 86% đối với thị trấn, 48% đối với xã.",
            [t("thị trấn", ">=", 86, "%"), t("xã", ">=", 48, "%")],
        ),
        (
            "Xây dựng từ 5 đến 7 sản phẩm OCOP",
            [t(None, ">=", 5, "sản phẩm"), t(None, "<=", 7, "sản phẩm")],
        ),
        ("Có 02 trường đạt chuẩn mức độ 2 (Trường A và B).", [t(None, ">=", 2, "trường")]),
        ("Tổng thu ngân sách phấn đấu đạt và vượt chỉ tiêu dự toán tỉnh giao.", []),
        ("Hoàn thành trong năm 2023 theo Quyết định số 12/QĐ-UBND ngày 03/01/2023.", []),
        ("", []),
    ],
)
def test_parse_targets(text, targets):
    assert parse_targets(text) == targets


def _key(target):
    return (target["scope"], target["comparator"], round(float(target["value"]), 4), target["unit"])


def test_every_gold_indicator(gold_dir):
    """parse_targets(text) reproduces the targets of every gold indicator, scope included."""
    total = passed = 0
    failures = []
    for path in sorted(gold_dir.glob("*.json")):
        for ind in json.loads(path.read_text(encoding="utf-8")).get("indicators") or []:
            total += 1
            got = [_key(x) for x in parse_targets(ind["text"])]
            if got == [_key(x) for x in ind["targets"]]:
                passed += 1
            else:
                failures.append((ind["ref"], ind["text"], got))
    print(f"gold indicators: {passed}/{total}")
    assert total >= 16
    assert not failures, failures


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Tốc độ tăng trưởng kinh tế (GRDP) đạt 8% trở lên", [(None, ">=", 8, "%")]),
        ("GRDP bình quân đầu người đạt 120 triệu đồng/người", [(None, ">=", 120, "triệu đồng/người")]),
        ("Kim ngạch xuất khẩu đạt 1,2 tỷ USD", [(None, ">=", 1.2, "tỷ USD")]),
        ("Thu ngân sách đạt 15.000 tỷ đồng trở lên", [(None, ">=", 15000, "tỷ đồng")]),
        ("Tỷ lệ đô thị hóa đạt 45-46%", [(None, ">=", 45, "%"), (None, "<=", 46, "%")]),
        ("Tạo việc làm mới cho khoảng 30.000 lao động", [(None, "=", 30000, "lao động")]),
        ("Tỷ lệ che phủ rừng duy trì ở mức 52%", [(None, "=", 52, "%")]),
        (
            "Tỷ lệ trường đạt chuẩn quốc gia: mầm non 80%, tiểu học 90%, THCS 85%",
            [("mầm non", ">=", 80, "%"), ("tiểu học", ">=", 90, "%"), ("THCS", ">=", 85, "%")],
        ),
        ("Năm 2025, tỷ lệ dân số được cấp nước sạch đạt 100%", [(None, ">=", 100, "%")]),
        (
            "95% rác thải sinh hoạt đô thị được thu gom; dưới 50% được chôn lấp; trên 50% bãi rác được cải tạo.",
            [(None, ">=", 95, "%"), (None, "<", 50, "%"), (None, ">", 50, "%")],
        ),
    ],
)
def test_targets_of_other_provinces(text, targets):
    got = [(x["scope"], x["comparator"], x["value"], x["unit"]) for x in parse_targets(text)]
    assert got == targets


def test_word_after_a_target_number_is_its_unit():
    got = parse_targets("100% các khu công nghiệp có tối thiểu 1 trạm phát sóng 5G.")
    assert [(x["comparator"], x["value"], x["unit"]) for x in got] == [(">=", 100, "%"), (">=", 1, "trạm")]
    # an age or a duration is not a target
    assert parse_targets("Trẻ em dưới 5 tuổi được tiêm chủng") == []
    assert parse_targets("Có 2 năm liên tục") == []


def test_every_corpus_gold_indicator():
    """Targets of the hand-made answers for real documents (tests/ingest/corpus_gold/)."""
    from pathlib import Path

    gold_dir = Path(__file__).resolve().parent.parent / "ingest" / "corpus_gold"
    wrong, total = [], 0
    for path in sorted(gold_dir.glob("*.json")):
        for ind in json.loads(path.read_text(encoding="utf-8")).get("indicators") or []:
            total += 1
            got = sorted((x["comparator"], float(x["value"]), x["unit"].lower()) for x in parse_targets(ind["text"]))
            want = sorted((x["comparator"], float(x["value"]), x["unit"].lower()) for x in ind["targets"])
            if got != want:
                wrong.append((ind["text"][:60], got, want))
    if not total:
        pytest.skip("no corpus gold")
    assert not wrong, wrong
