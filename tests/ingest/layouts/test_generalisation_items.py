"""Items, headings and agencies on small documents written for the purpose, each in a form
different from the corpus document that showed the feature (see bench/score_corpus.py):
the extractor must find tasks from structure, whatever the province or the wording."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.extract import extract_document
from nhiemvu.ingest.readers.text import read_text

DECISION = (
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nSố: 210/QĐ-UBND\nQUYẾT ĐỊNH\n"
    "Về việc ban hành Quy chế phối hợp quản lý cụm công nghiệp\n\n"
)


def tasks(text: str, name: str = "vb.txt") -> list[dict]:
    return extract_document(read_text(text.encode("utf-8"), name))["tasks"]


# --- regulations: standing rules, not assigned work ---------------------------------------


def test_attached_regulation_with_wrapped_article_headings_assigns_nothing() -> None:
    text = DECISION + (
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
        "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "KT. CHỦ TỊCH\n\n"
        "QUY CHẾ\nPhối hợp quản lý cụm công nghiệp\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
        "Điều\n1. Phạm vi điều chỉnh\n"
        "Quy chế này quy định việc phối hợp quản lý cụm công nghiệp.\n"
        "Chương II\nTRÁCH NHIỆM\n"
        "Điều\n5. Trách nhiệm của Sở Công Thương\n"
        "1. Chủ trì, phối hợp với các sở, ngành hướng dẫn chủ đầu tư hạ tầng cụm công nghiệp.\n"
        "2. Tổng hợp, báo cáo tình hình hoạt động các cụm công nghiệp trên địa bàn tỉnh.\n"
        "Điều\n6. Trách nhiệm của Ủy ban nhân dân cấp xã\n"
        "1. Ủy ban nhân dân cấp xã kiểm tra việc chấp hành pháp luật của doanh nghiệp trong cụm.\n"
    )
    with pytest.raises(NoTasks):
        tasks(text)


def test_chapter_titled_general_provisions_does_not_make_a_plan_a_regulation() -> None:
    text = (
        "UBND HUYỆN MƯỜNG TÈ\nSố: 31/KH-UBND\nKẾ HOẠCH\nPhòng chống thiên tai năm 2025\n"
        "Chương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Phân công nhiệm vụ\n"
        "1. Phòng Nông nghiệp và Môi trường chủ trì rà soát các điểm sạt lở trên địa bàn huyện.\n"
        "2. Công an huyện bảo đảm an ninh trật tự tại các điểm sơ tán dân.\n"
    )
    got = tasks(text)
    assert [t["lead"] for t in got] == [["Phòng Nông nghiệp và Môi trường"], ["Công an huyện"]]
