"""Failure types found on a third held-out set of real documents, each shown on a small
document written for the purpose (in a form different from any corpus document): news and
legal-news pages that report who must do what, with no directive header of their own."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text


def tasks(text: str, name: str = "tin.md") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


# --- 1a. a news page: "… giao X chủ trì, phối hợp với Y thực hiện các nội dung sau:" + bullets -

_NEWS_LEAD_IN = """# Huyện Mẫu Sơn chuẩn bị mùa khô

Tại cuộc họp chiều qua, Phó Chủ tịch UBND huyện yêu cầu Phòng Nông nghiệp và Môi trường chủ trì,
phối hợp với Hạt Kiểm lâm và UBND các xã thực hiện ngay các việc sau:

- Kiểm tra toàn bộ hồ chứa nước nhỏ trước ngày 15/12/2026.

- Lập phương án cấp nước sinh hoạt cho các thôn vùng cao.

Bài và ảnh: Thu Hà.
"""


def test_news_lead_in_with_a_lead_gives_each_bullet_as_its_task() -> None:
    got = tasks(_NEWS_LEAD_IN)
    assert [t["content"] for t in got] == [
        "Kiểm tra toàn bộ hồ chứa nước nhỏ trước ngày 15/12/2026.",
        "Lập phương án cấp nước sinh hoạt cho các thôn vùng cao.",
    ]
    assert all(t["lead"] == ["Phòng Nông nghiệp và Môi trường"] for t in got)
    assert got[0]["support"] == ["Hạt Kiểm lâm", "UBND các xã"]


def test_news_bullets_without_a_leading_agency_stay_refused() -> None:
    # Addressees with no one leading ("yêu cầu người dân:"): advice, not assigned work.
    page = _NEWS_LEAD_IN.replace(
        "yêu cầu Phòng Nông nghiệp và Môi trường chủ trì,\nphối hợp với Hạt Kiểm lâm và UBND các xã thực hiện ngay",
        "khuyến cáo người dân lưu ý")
    with pytest.raises(NoTasks):
        tasks(page)
