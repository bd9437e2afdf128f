"""File type from content; legacy Vietnamese encodings."""

from __future__ import annotations

import pytest

from nhiemvu.ingest.detect import detect_kind
from nhiemvu.ingest.legacy import from_unicode_tcvn3, from_unicode_vni, looks_legacy, to_unicode
from nhiemvu.ingest.read import read_bytes
from tests.fixtures.small_docs import build, p

SENTENCE = "Giao Phòng Tài chính – Kế hoạch chủ trì, phối hợp với Sở Nội vụ và UBND các phường, xã thực hiện."


def test_detect_by_content_not_name():
    docx = build(p("xin chào"))
    assert detect_kind(docx) == "docx"
    assert detect_kind(b"%PDF-1.7\n...") == "pdf"
    assert detect_kind(b"{\\rtf1\\ansi hello}") == "rtf"
    assert detect_kind("Kế hoạch số 12".encode()) == "text"
    assert detect_kind(b"\x00\x01\x02\x03" * 100) == "binary"
    assert detect_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")) == "doc"


def test_tcvn3_paragraph():
    legacy = "Phßng Tµi chÝnh – KÕ ho¹ch chñ tr×, phèi hîp víi c¸c c¬ quan, ®¬n vÞ liªn quan."
    assert looks_legacy(legacy) == "tcvn3"
    assert to_unicode(legacy) == "Phòng Tài chính – Kế hoạch chủ trì, phối hợp với các cơ quan, đơn vị liên quan."


def test_vni_paragraph():
    legacy = from_unicode_vni(SENTENCE)
    assert looks_legacy(legacy) == "vni"
    assert to_unicode(legacy) == SENTENCE


def test_round_trip_tcvn3_keeps_letters():
    # TCVN3's normal fonts have no code for most accented capitals: compare ignoring case.
    assert to_unicode(from_unicode_tcvn3(SENTENCE)).lower() == SENTENCE.lower()


@pytest.mark.parametrize(
    "text",
    [SENTENCE, "© 2023 «Ủy ban»", "Giá 5 µg, ½ lít, café «très bien»", "Plain ASCII text only", ""],
)
def test_unicode_and_foreign_text_left_alone(text):
    assert looks_legacy(text) is None
    assert to_unicode(text) == text


def test_nfd_becomes_nfc():
    import unicodedata

    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert to_unicode(nfd) == SENTENCE


def test_legacy_docx_without_font_hint_is_converted():
    # Text typed in TCVN3 but in a font whose name does not say so.
    body = p("Phßng Tµi chÝnh – KÕ ho¹ch chñ tr× thùc hiÖn kÕ ho¹ch n¨m 2023.")
    doc = read_bytes(build(body), "cu.docx")
    assert doc.blocks[0].text == "Phòng Tài chính – Kế hoạch chủ trì thực hiện kế hoạch năm 2023."
    assert doc.warnings


def test_legacy_8bit_text_file_is_converted():
    text = "KẾ HOẠCH\n1. Giao Phòng Tài chính – Kế hoạch chủ trì thực hiện.\n"
    for legacy in (from_unicode_tcvn3(text), from_unicode_vni(text)):
        doc = read_bytes(legacy.encode("cp1252"), "cu.txt")
        assert doc.lines[:2] == ["KẾ HOẠCH", "1. Giao Phòng Tài chính – Kế hoạch chủ trì thực hiện."]
        assert doc.warnings
