"""`nhiemvu extract`: JSON on stdout, --out, --table; bad input → message on stderr naming
the file, exit code ≠ 0, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nhiemvu.cli import main

DOC = (
    "KẾ HOẠCH\nSố: 7/KH-UBND\n\nII. NHIỆM VỤ\n"
    "1. Xây dựng kế hoạch chuyển đổi số năm 2025.\n"
    "- Cơ quan chủ trì: Sở Khoa học và Công nghệ\n"
    "- Thời gian hoàn thành: Quý II/2025\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_extraction_as_json(tmp_path: Path, capsys) -> None:
    f = tmp_path / "kh.txt"
    f.write_text(DOC, encoding="utf-8")
    code, out, err = run(capsys, str(f))
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "plan-extraction/1"
    [task] = data["tasks"]
    assert task["lead"] == ["Sở Khoa học và Công nghệ"]
    assert task["due"] == "2025-06-30"
    assert "Sở Khoa học" in out  # ensure_ascii=False: Vietnamese as written


def test_out_writes_a_file_and_table_prints_a_preview(tmp_path: Path, capsys) -> None:
    f = tmp_path / "kh.txt"
    f.write_text(DOC, encoding="utf-8")
    target = tmp_path / "out.json"
    code, out, err = run(capsys, str(f), "--out", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["tasks"][0]["ref"] == "II.1"
    code, out, _ = run(capsys, str(f), "--table")
    assert code == 0
    assert "Xây dựng kế hoạch chuyển đổi số" in out and "30/06/2025" in out and "1 nhiệm vụ" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "rỗng"),
        (bytes(range(256)) * 8, "nhị phân"),
        ("Tài liệu".encode()[:-1] + b"\x81\x8d\x8f\x90\x9d" * 30, "bảng mã"),
        ("Bài viết về lịch sử, không giao việc gì.\n".encode(), "không tìm thấy nhiệm vụ"),
    ],
    ids=["empty", "binary", "undecodable", "no-tasks"],
)
def test_bad_input_exits_non_zero_with_a_vietnamese_message(tmp_path: Path, capsys, content: bytes,
                                                            words: str) -> None:
    f = tmp_path / "van-ban.txt"
    f.write_bytes(content)
    code, out, err = run(capsys, str(f))
    assert code != 0
    assert out == ""
    assert "van-ban.txt" in err and words in err
    assert "Traceback" not in err


def test_missing_file(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "khong-co.txt"))
    assert code != 0 and "khong-co.txt" in err
