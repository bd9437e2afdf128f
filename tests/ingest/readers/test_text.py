"""Text / Markdown reader: encodings, tables (tabs and pipes), markup, line numbers."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from nhiemvu.ingest.blocks import Paragraph, Table
from nhiemvu.ingest.errors import UnreadableFile
from nhiemvu.ingest.readers.text import read_text

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: letters with their own accents (â ê ô ă ơ ư),
    tone marks as combining characters."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in _TONES))
        out += (base + "".join(m for m in d[1:] if m in _TONES)).encode("cp1258")
    return out


SAMPLE = "KẾ HOẠCH\nTriển khai nhiệm vụ năm 2024\n\n1. Xây dựng kế hoạch của Sở Nội vụ.\n"


def paragraphs(doc) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM: recognised by its zero bytes
        to_cp1258(SAMPLE),  # Windows-1258 (tone marks as combining characters)
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "cp1258"],
)
def test_encodings_give_the_same_nfc_text(data: bytes) -> None:
    doc = read_text(data, "kh.txt")
    texts = [p.text for p in paragraphs(doc)]
    assert texts == ["KẾ HOẠCH", "Triển khai nhiệm vụ năm 2024", "1. Xây dựng kế hoạch của Sở Nội vụ."]
    assert doc.lines[0] == "KẾ HOẠCH"


def test_decomposed_input_is_normalised_to_nfc() -> None:
    doc = read_text(unicodedata.normalize("NFD", SAMPLE).encode("utf-8"), "a.txt")
    assert paragraphs(doc)[0].text == "KẾ HOẠCH"
    assert unicodedata.is_normalized("NFC", paragraphs(doc)[2].text)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "rỗng"),
        (b"   \n\n\t\n", "rỗng"),
        (bytes(range(256)) * 20, "nhị phân"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\xff" * 100, "nhị phân"),
        ("Tài liệu".encode()[:-1] + b"\x81\x8d\x8f\x90\x9d" * 30, "bảng mã"),
    ],
    ids=["empty", "blank", "binary", "png", "undecodable"],
)
def test_bad_input_is_refused_with_a_message_naming_the_file(data: bytes, words: str) -> None:
    with pytest.raises(UnreadableFile) as err:
        read_text(data, "hong.txt")
    assert err.value.name == "hong.txt"
    assert words in err.value.message


def test_tab_rows_become_one_table_with_file_line_numbers() -> None:
    text = "Phụ lục\nSTT\tNội dung\tCơ quan chủ trì\n1\tViệc A\tSở X\n<b>II</b>\t<b>Phần hai</b>\t\n\nSau bảng\n"
    doc = read_text(text.encode(), "p.txt")
    [table] = tables(doc)
    assert [r.line for r in table.rows] == [2, 3, 4]
    assert table.rows[1].texts == ["1", "Việc A", "Sở X"]
    assert table.rows[2].texts == ["II", "Phần hai", ""]
    assert table.rows[2].cells[0].bold and table.rows[2].cells[1].bold
    assert not table.rows[1].cells[1].bold
    assert [(p.text, p.line) for p in paragraphs(doc)] == [("Phụ lục", 1), ("Sau bảng", 6)]


def test_a_line_only_indented_with_a_tab_is_a_paragraph() -> None:
    doc = read_text("\tSố: 12/KH-UBND\n\t- Việc thường xuyên\n".encode(), "p.txt")
    assert not tables(doc)
    assert [p.text for p in paragraphs(doc)] == ["Số: 12/KH-UBND", "- Việc thường xuyên"]


def test_pipe_tables_skip_the_separator_and_keep_empty_cells() -> None:
    text = "| STT | Nội dung | Chủ trì |\n|---|:---:|---|\n| 1 | **Việc A** | Sở X |\n| 2 | Việc B \\| C | |\n"
    doc = read_text(text.encode(), "p.md")
    [table] = tables(doc)
    assert [r.line for r in table.rows] == [1, 3, 4]
    assert table.rows[1].texts == ["1", "Việc A", "Sở X"]
    assert table.rows[1].cells[1].bold
    assert table.rows[2].texts == ["2", "Việc B | C", ""]


def test_markup_is_removed_and_whole_bold_lines_flagged() -> None:
    text = "**I. MỤC ĐÍCH**\n<b>Tiêu đề</b>\n3.11. *Đảm bảo 100% cơ sở*\n* Đơn vị thực hiện: Phòng Y tế\nCó **một phần** đậm\n"
    doc = read_text(text.encode(), "p.md")
    ps = paragraphs(doc)
    assert [p.text for p in ps] == [
        "I. MỤC ĐÍCH", "Tiêu đề", "3.11. Đảm bảo 100% cơ sở", "* Đơn vị thực hiện: Phòng Y tế", "Có một phần đậm",
    ]
    assert [p.bold for p in ps] == [True, True, False, False, False]


def test_markdown_headings_keep_their_level_as_style() -> None:
    doc = read_text("# Kế hoạch\n## II. Nhiệm vụ\nNội dung\n".encode(), "p.md")
    ps = paragraphs(doc)
    assert [(p.text, p.style) for p in ps] == [("Kế hoạch", "Heading 1"), ("II. Nhiệm vụ", "Heading 2"), ("Nội dung", None)]


def test_wrapped_lines_join_into_one_paragraph_spanning_them() -> None:
    text = (
        "1. Tiếp tục giữ vững sự đoàn kết, thống nhất cao trong chỉ đạo,\n"
        "phát huy sức mạnh tập thể.\n"
        "2. Việc khác.\n"
    )
    doc = read_text(text.encode(), "p.txt")
    ps = paragraphs(doc)
    assert [(p.text, p.line, p.last_line) for p in ps] == [
        ("1. Tiếp tục giữ vững sự đoàn kết, thống nhất cao trong chỉ đạo, phát huy sức mạnh tập thể.", 1, 2),
        ("2. Việc khác.", 3, 3),
    ]
    assert doc.lines[1] == "phát huy sức mạnh tập thể."


def test_hard_wrapped_web_text_joins_broken_labels() -> None:
    body = "\n".join(
        ["**5. Cục", "Di sản văn hóa:** Chủ trì, phối hợp với các cơ quan, đơn vị liên", "quan tham mưu các giải pháp."]
        + [line for i in range(8) for line in (f"Dòng văn bản số {i} được ngắt giữa câu và", "tiếp tục ở dòng sau.")]
    )
    doc = read_text(body.encode(), "web.md")
    assert paragraphs(doc)[0].text == (
        "5. Cục Di sản văn hóa: Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu các giải pháp."
    )


def test_lines_keep_the_file_lines_and_blocks_point_into_them() -> None:
    text = "A\r\n\r\nB\tC\r\nD\r\n"
    doc = read_text(text.encode(), "p.txt")
    assert doc.lines == ["A", "", "B\tC", "D"]
    assert doc.blocks[0].line == 1 and doc.blocks[1].line == 3 and doc.blocks[2].line == 4


def test_vertical_web_table_one_cell_per_run_of_lines() -> None:
    text = (
        "Trước bảng.\n"
        "|\n**TT**\n|\n**Nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n"
        "|\n1\n|\nRà soát, sửa đổi quy chế\nphối hợp liên ngành.\n|\nSở Tài chính\n|\n"
        "|\n2\n|\nXây dựng cơ sở dữ liệu\n|\nSở Xây dựng\n|\n|\n"
        "\nSau bảng.\n"
    )
    doc = read_text(text.encode(), "web.md")
    [table] = tables(doc)
    assert [r.texts for r in table.rows] == [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì"],
        ["1", "Rà soát, sửa đổi quy chế phối hợp liên ngành.", "Sở Tài chính"],
        ["2", "Xây dựng cơ sở dữ liệu", "Sở Xây dựng"],
    ]
    assert table.rows[0].cells[0].bold
    assert (table.rows[1].line, table.rows[1].last_line) == (10, 15)
    assert [p.text for p in paragraphs(doc)] == ["Trước bảng.", "Sau bảng."]
