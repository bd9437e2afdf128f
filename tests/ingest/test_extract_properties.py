"""Extraction never fails on arbitrary text: it returns the format or refuses cleanly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nhiemvu.ingest.errors import IngestError
from nhiemvu.ingest.extract import extract_bytes

PIECES = [
    "KẾ HOẠCH", "II. NHIỆM VỤ", "1. Xây dựng kế hoạch", "a) Giao Sở Nội vụ:", "- Rà soát biên chế",
    "+ Cơ quan chủ trì: Sở Y tế", "* Thời gian: Quý II/2025", "STT\tNội dung\tCơ quan chủ trì\tThời gian",
    "1\tViệc A\tSở X\tNăm 2025", "\tnối tiếp\t\t", "| TT | Nhiệm vụ | Chủ trì |", "|---|---|---|", "|",
    "Nơi nhận:", "Điều 2.", "**Sở Tài chính**", "III. TỔ CHỨC THỰC HIỆN", "<b>I</b>\t<b>Phần</b>", "",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=30))
def test_any_text_gives_the_format_or_a_clean_refusal(parts: list[str]) -> None:
    data = "\n".join(parts).encode("utf-8", "surrogatepass")
    try:
        result = extract_bytes(data, "x.txt")
    except IngestError as err:
        assert err.message
        return
    assert result["format"] == "plan-extraction/1"
    for task in result["tasks"]:
        assert task["content"] and isinstance(task["lead"], list)
        first, last = task["source"]["lines"]
        assert 1 <= first <= last
