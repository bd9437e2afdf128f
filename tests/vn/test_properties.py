"""Property tests: the pure Vietnamese parsers never raise and never return start > due."""

from hypothesis import given, settings
from hypothesis import strategies as st

from nhiemvu.vn.dates import find_dates, parse_date
from nhiemvu.vn.numbers import parse_number, parse_targets
from nhiemvu.vn.text import clean, fold, fold_aligned
from nhiemvu.vn.timeframe import find_deadline, parse_timeframe

WORDS = [
    "Quý", "quý", "I", "II", "III", "IV", "Tháng", "tháng", "năm", "Năm", "Cả", "Trong", "trước",
    "Trước", "ngày", "Hoàn thành", "chậm nhất", "đến", "và", "các năm tiếp theo", "6 tháng đầu năm",
    "6 tháng cuối năm", "Thường xuyên", "hằng năm", "định kỳ", "Giai đoạn", "từ", "trở lên", "đạt",
    "trên", "dưới", "<", "khoảng", "%", "‰", "tỷ đồng", "đối với", "phường", "xã", "trong đó:", ";",
    ",", "/", "-", "–", ".", " ", "số", "ngày cuối",
]
NUMBERS = st.integers(min_value=0, max_value=3000).map(str)
PHRASES = st.lists(st.one_of(st.sampled_from(WORDS), NUMBERS), max_size=14).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=80), PHRASES)


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, st.one_of(st.none(), st.integers(min_value=1900, max_value=2200)))
def test_parse_timeframe_never_raises_and_start_before_due(text, default_year):
    tf = parse_timeframe(text, default_year=default_year)
    if tf.start and tf.due:
        assert tf.start <= tf.due
    find_deadline(text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_parse_date_never_raises(text):
    d = parse_date(text)
    assert d is None or d in find_dates(text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_parse_targets_never_raises(text):
    for target in parse_targets(text):
        assert target["comparator"] in {">=", "<=", "<", ">", "="}
        assert isinstance(target["value"], int | float)
        assert target["unit"]
    parse_number(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_text_helpers_never_raise(text):
    assert len(fold_aligned(text)) == len(text)
    fold(text)
    clean(text)
