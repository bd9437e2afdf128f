"""Bytes → Document: detect the file type from its content and call its reader.

Owned by the readers' work (issue 3); this first version reads text only.
"""

from __future__ import annotations

from pathlib import Path

from nhiemvu.ingest.blocks import Document
from nhiemvu.ingest.errors import TooLarge, UnreadableFile

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"không mở được tệp ({exc.strerror}).", path.name) from exc
    if size > max_bytes:
        raise TooLarge(f"tệp nặng {size / 1e6:.1f} MB, vượt giới hạn {max_bytes / 1e6:.0f} MB.", path.name)
    return read_bytes(path.read_bytes(), path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if len(data) > max_bytes:
        raise TooLarge(f"tệp nặng {len(data) / 1e6:.1f} MB, vượt giới hạn {max_bytes / 1e6:.0f} MB.", name)
    if not data.strip():
        raise UnreadableFile("tệp rỗng, không có nội dung.", name)
    from nhiemvu.ingest.readers.text import read_text

    return read_text(data, name)
