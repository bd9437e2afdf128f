import json
from datetime import date

import pytest

from nhiemvu.vn.timeframe import Timeframe, find_deadline, parse_timeframe

D = date

CASES = [
    # the forms of EXTRACTION_FORMAT.md
    ("Cả năm 2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("Trong năm 2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("Thường xuyên trong năm 2023", D(2023, 1, 1), D(2023, 12, 31), True),
    ("Quý II/2023", D(2023, 4, 1), D(2023, 6, 30), False),
    ("Quý I năm 2023", D(2023, 1, 1), D(2023, 3, 31), False),
    ("Quý III và Quý IV năm 2023", D(2023, 7, 1), D(2023, 12, 31), False),
    ("Quý III-IV/2023", D(2023, 7, 1), D(2023, 12, 31), False),
    ("Quý I, II/2024", D(2024, 1, 1), D(2024, 6, 30), False),
    ("quý 2/2024", D(2024, 4, 1), D(2024, 6, 30), False),
    ("Tháng 4-5/2023", D(2023, 4, 1), D(2023, 5, 31), False),
    ("Tháng 12/2022 đến tháng 01/2023", D(2022, 12, 1), D(2023, 1, 31), False),
    ("Từ tháng 12 đến tháng 01/2023", D(2022, 12, 1), D(2023, 1, 31), False),
    ("Hoàn thành trong tháng 4 năm 2023", D(2023, 4, 1), D(2023, 4, 30), False),
    ("tháng 01 năm 2023", D(2023, 1, 1), D(2023, 1, 31), False),
    ("Tháng 6/2023", D(2023, 6, 1), D(2023, 6, 30), False),
    ("Tháng 1 và cả năm 2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("Hoàn thành trước ngày 10/5/2023", None, D(2023, 5, 10), False),
    ("Trước 01/01/2023", None, D(2023, 1, 1), False),
    ("Trước 30/6/2023", None, D(2023, 6, 30), False),
    ("Chậm nhất ngày 15/3/2024", None, D(2024, 3, 15), False),
    ("Chậm nhất ngày 15 tháng 3 năm 2024", None, D(2024, 3, 15), False),
    ("Trước ngày cuối tháng 8 năm 2022", None, D(2022, 8, 31), False),
    ("6 tháng đầu năm 2023", D(2023, 1, 1), D(2023, 6, 30), False),
    ("6 tháng cuối năm 2023", D(2023, 7, 1), D(2023, 12, 31), False),
    ("06 tháng cuối năm 2024", D(2024, 7, 1), D(2024, 12, 31), False),
    ("9 tháng đầu năm 2024", D(2024, 1, 1), D(2024, 9, 30), False),
    ("2023", D(2023, 1, 1), D(2023, 12, 31), False),
    ("2022-2030", D(2022, 1, 1), D(2030, 12, 31), False),
    ("Năm 2023-2025", D(2023, 1, 1), D(2025, 12, 31), False),
    ("Giai đoạn 2021-2025", D(2021, 1, 1), D(2025, 12, 31), False),
    ("Giai đoạn 2021 – 2025", D(2021, 1, 1), D(2025, 12, 31), False),
    ("Từ năm 2021 đến năm 2025", D(2021, 1, 1), D(2025, 12, 31), False),
    ("Quý IV năm 2025 và các năm tiếp theo", D(2025, 10, 1), None, False),
    ("Năm 2024 và những năm tiếp theo", D(2024, 1, 1), None, False),
    ("Từ năm 2023 trở đi", D(2023, 1, 1), None, False),
    ("Đến hết năm 2025", None, D(2025, 12, 31), False),
    ("Hằng năm (trước 15/12/2023)", None, D(2023, 12, 15), True),
    ("Hằng năm", None, None, True),
    ("Hàng tháng", None, None, True),
    ("Định kỳ hằng tháng", None, None, True),
    ("Định kỳ 6 tháng, hằng năm", None, None, True),
    ("Thường xuyên", None, None, True),
    ("Thường xuyên, liên tục", None, None, True),
    ("Khi có yêu cầu", None, None, False),
    ("Khi có sự thay đổi nhân sự", None, None, False),
    ("theo Kế hoạch được phê duyệt", None, None, False),
    ("Theo tiến độ của dự án 2023-2025", None, None, False),
    ("Theo Kế hoạch số 178/KH-UBND ngày 30/9/2022", None, None, False),
    ("Quý II", None, None, False),  # no year named: nothing guessed
    ("6 tháng cuối năm", None, None, False),
    ("", None, None, False),
    (None, None, None, False),
]


@pytest.mark.parametrize(("text", "start", "due", "recurring"), CASES)
def test_parse_timeframe(text, start, due, recurring):
    assert parse_timeframe(text) == Timeframe(start, due, recurring)


def test_default_year_fills_a_missing_year():
    assert parse_timeframe("Quý II", default_year=2023) == Timeframe(D(2023, 4, 1), D(2023, 6, 30), False)
    assert parse_timeframe("6 tháng cuối năm", default_year=2023) == Timeframe(
        D(2023, 7, 1), D(2023, 12, 31), False
    )
    # a year written in the phrase wins over the default
    assert parse_timeframe("Quý II/2024", default_year=2023).start == D(2024, 4, 1)


def test_document_references_are_not_the_timeframe():
    tf = parse_timeframe("Quý II/2023 (theo Quyết định số 1455/QĐ-UBND ngày 16/12/2022)")
    assert tf == Timeframe(D(2023, 4, 1), D(2023, 6, 30), False)


def test_every_gold_timeframe(gold_dir):
    """parse_timeframe(due_text) reproduces start, due and recurring of every gold task."""
    total = passed = 0
    failures = []
    for path in sorted(gold_dir.glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            total += 1
            tf = parse_timeframe(task["due_text"])
            got = (tf.start and tf.start.isoformat(), tf.due and tf.due.isoformat(), tf.recurring)
            want = (task["start"], task["due"], task["recurring"])
            if got == want:
                passed += 1
            else:
                failures.append((path.name, task["ref"], task["due_text"], want, got))
    print(f"gold timeframes: {passed}/{total}")
    assert total > 300
    assert not failures, failures[:10]


DEADLINES = [
    ("Xây dựng đề án. Hoàn thành trước ngày 20/12/2025.", "Hoàn thành trước ngày 20/12/2025"),
    ("Tổ chức sơ kết, hoàn thành trong tháng 02/2026", "hoàn thành trong tháng 02/2026"),
    ("Trình UBND tỉnh chậm nhất ngày 15 tháng 3 năm 2024", "chậm nhất ngày 15 tháng 3 năm 2024"),
    ("Báo cáo UBND tỉnh trước ngày 30/6/2023.", "trước ngày 30/6/2023"),
    ("Hoàn thành trong Quý II/2024", "Hoàn thành trong Quý II/2024"),
    ("hoàn thành xong trước 31/12/2024", "hoàn thành xong trước 31/12/2024"),
]
NOT_DEADLINES = [
    "Báo cáo định kỳ trước ngày cuối tháng 8 năm 2022, tháng 8 năm 2023",
    "Báo cáo trước ngày 10 hằng tháng",
    "Thực hiện đạt hiệu quả các nhiệm vụ trọng tâm trong năm 2022",
    "Phấn đấu trong năm 2023 xây dựng từ 5 đến 7 sản phẩm",
    "Định kỳ hằng tháng, trước ngày 25/01/2024 báo cáo",
    "Căn cứ Quyết định số 1455/QĐ-UBND ngày 16/12/2022",
    "",
]


@pytest.mark.parametrize(("sentence", "phrase"), DEADLINES)
def test_find_deadline(sentence, phrase):
    assert find_deadline(sentence) == phrase


@pytest.mark.parametrize("sentence", NOT_DEADLINES)
def test_find_deadline_ignores_cadence_and_prose(sentence):
    assert find_deadline(sentence) is None


def test_found_deadline_parses():
    phrase = find_deadline("Ban hành quy chế, hoàn thành trước ngày 20/12/2025")
    assert parse_timeframe(phrase) == Timeframe(None, D(2025, 12, 20), False)


# Timing phrases as written in real documents of other provinces (the corpus).
CORPUS_PHRASES = [
    ("Quý IV/2026", D(2026, 10, 1), D(2026, 12, 31), False),
    ("Năm 2025 - 2026", D(2025, 1, 1), D(2026, 12, 31), False),
    ("2021 – 2026", D(2021, 1, 1), D(2026, 12, 31), False),
    ("Hằng năm.", None, None, True),
    ("Không quá 08 ngày làm việc", None, None, False),
    ("Trong thời hạn 45 ngày làm việc", None, None, False),
    ("Từ tháng 11/2025 và hoàn thành trong tháng 3/2026", D(2025, 11, 1), D(2026, 3, 31), False),
    ("04 năm (2025 - 2028)", D(2025, 1, 1), D(2028, 12, 31), False),
    ("2025 và 2026", D(2025, 1, 1), D(2026, 12, 31), False),
    ("Tháng 10/2023", D(2023, 10, 1), D(2023, 10, 31), False),
    ("Trong ngày nhận được đủ hồ sơ", None, None, False),
    ("tháng... năm ...", None, None, False),
    ("tháng ….. năm 20…", None, None, False),
    ("Trong quý I năm 2026", D(2026, 1, 1), D(2026, 3, 31), False),
    ("Trước ngày 15 tháng 12 năm 2025", None, D(2025, 12, 15), False),
    ("Từ năm 2025, phấn đấu hoàn thành chậm nhất năm 2027", D(2025, 1, 1), D(2027, 12, 31), False),
    ("Tháng 11 - 12/2025", D(2025, 11, 1), D(2025, 12, 31), False),
    ("Từ ngày 01/01/2026", D(2026, 1, 1), None, False),
    ("Đến ngày 31/12/2025", None, D(2025, 12, 31), False),
    ("Sau khi Quyết định được ban hành", None, None, False),
    ("Năm 2026 (trước 30/6/2026)", D(2026, 1, 1), D(2026, 6, 30), False),
]


@pytest.mark.parametrize(("text", "start", "due", "recurring"), CORPUS_PHRASES)
def test_corpus_phrases(text, start, due, recurring):
    assert parse_timeframe(text) == Timeframe(start, due, recurring)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("chậm nhất vào cuối năm 2026", D(2026, 12, 31)),
        ("Chậm nhất trong tháng 7/2026", D(2026, 7, 31)),
        ("Trước cuối năm 2025", D(2025, 12, 31)),
        ("Hoàn thành chậm nhất Quý II/2025", D(2025, 6, 30)),
        ("Trước Quý III/2025", D(2025, 6, 30)),  # "before" a period: before it begins
        ("Trước tháng 6/2023", D(2023, 5, 31)),
    ],
)
def test_deadline_words(text, due):
    assert parse_timeframe(text) == Timeframe(None, due, False)


def test_deadlines_from_corpus_sentences():
    assert find_deadline("Hoàn thành sớm, hoàn thành chậm nhất vào cuối năm 2026.") == (
        "hoàn thành chậm nhất vào cuối năm 2026"
    )
    assert find_deadline("nhà đầu tư chậm nhất trong tháng 7/2026 phải hoàn thành") == "chậm nhất trong tháng 7/2026"
    assert find_deadline("Triển khai toàn trình, hoàn thành trong tháng 10 năm 2025.") == (
        "hoàn thành trong tháng 10 năm 2025"
    )


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trước Tết Nguyên đán 2024", D(2024, 12, 31)),
        ("Trước kỳ họp HĐND tháng 12/2023", D(2023, 12, 31)),
        ("Trước khi tổ chức Đại hội năm 2025", D(2025, 12, 31)),
        ("Trước năm 2025", D(2024, 12, 31)),
    ],
)
def test_deadline_before_an_event_is_bounded_by_its_period(text, due):
    assert parse_timeframe(text) == Timeframe(None, due, False)


def test_every_corpus_gold_timeframe():
    """The timeframes of the hand-made answers for real documents of other provinces
    (tests/ingest/corpus_gold/, in the repository)."""
    from pathlib import Path

    gold_dir = Path(__file__).resolve().parent.parent / "ingest" / "corpus_gold"
    failures, total = [], 0
    for path in sorted(gold_dir.glob("*.json")):
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            total += 1
            tf = parse_timeframe(task["due_text"])
            got = (tf.start and tf.start.isoformat(), tf.due and tf.due.isoformat(), tf.recurring)
            if got != (task["start"], task["due"], task["recurring"]):
                failures.append((path.stem, task["due_text"], got))
    if not total:
        pytest.skip("no corpus gold")
    print(f"corpus gold timeframes: {total - len(failures)}/{total}")
    assert not failures, failures


def test_until_the_end_of_a_day():
    assert parse_timeframe("hết ngày 15/9/2025") == Timeframe(None, D(2025, 9, 15), False)
