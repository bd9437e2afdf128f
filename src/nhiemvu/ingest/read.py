"""Bytes → Document: detect the file type from its content and call its reader.

The name is only used in messages: a .pdf renamed .docx is read as a PDF. Every
failure is an IngestError with a Vietnamese message naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nhiemvu.ingest.blocks import Document
from nhiemvu.ingest.detect import detect_kind
from nhiemvu.ingest.errors import IngestError, UnreadableFile, UnsupportedFile
from nhiemvu.ingest.limits import Limits, check_size, default_limits

# progress(stage, done, total): stage "read" or "ocr", pages done of total when known.
Progress = Callable[..., None]

# Kept for callers that pass a plain byte cap.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def _limits(max_bytes: int | None, limits: Limits | None) -> Limits:
    limits = limits or default_limits()
    if max_bytes is not None:
        from dataclasses import replace

        limits = replace(limits, max_bytes=max_bytes)
    return limits


def read_path(path: str | Path, *, max_bytes: int | None = None, limits: Limits | None = None) -> Document:
    path = Path(path)
    limits = _limits(max_bytes, limits)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(f"không mở được tệp ({exc.strerror}).", path.name) from exc
    check_size(size, path.name, limits)  # before reading a huge file into memory
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"không đọc được tệp ({exc.strerror}).", path.name) from exc
    return read_bytes(data, path.name, limits=limits)


def read_bytes(data: bytes, name: str, *, max_bytes: int | None = None, limits: Limits | None = None,
               progress: Progress | None = None) -> Document:
    limits = _limits(max_bytes, limits)
    if progress:
        progress("read")
    check_size(len(data), name, limits)
    if not data.strip():
        raise UnreadableFile("tệp rỗng, không có nội dung.", name)
    kind = detect_kind(data)
    try:
        return _dispatch(kind, data, name, limits, progress)
    except IngestError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise UnreadableFile("tệp quá phức tạp, không đọc được.", name) from exc


def _dispatch(kind: str, data: bytes, name: str, limits: Limits, progress: Progress | None = None) -> Document:
    if kind == "docx":
        from nhiemvu.ingest.readers.docx import read_docx

        return read_docx(data, name, limits)
    if kind == "xlsx":
        from nhiemvu.ingest.readers.xlsx import read_xlsx

        return read_xlsx(data, name, limits)
    if kind == "pdf":
        from nhiemvu.ingest.readers.pdf import read_pdf

        return read_pdf(data, name, limits, progress=progress)
    if kind in ("doc", "odt", "rtf", "xls", "ods"):
        from nhiemvu.ingest.readers.convert import read_converted

        return read_converted(data, name, kind, limits)
    if kind == "encrypted-office":
        raise UnreadableFile("tệp Office được đặt mật khẩu; hãy gỡ mật khẩu rồi nhập lại.", name)
    if kind == "zip":
        raise UnsupportedFile("tệp nén .zip không phải văn bản Word/Excel; hãy giải nén và nhập từng tệp.", name)
    # Text, or bytes the text reader will refuse with its own clear message.
    from nhiemvu.ingest.readers.text import read_text

    legacy = _legacy_8bit(data) if kind == "text" else None
    doc = read_text(legacy or data, name)
    if legacy:
        doc.warnings.append("Văn bản gõ bằng bảng mã cũ (TCVN3/VNI); đã chuyển sang Unicode, cần rà soát.")
    return doc


def _legacy_8bit(data: bytes) -> bytes | None:
    """A text file saved from a TCVN3 or VNI font is 8-bit, not UTF-8: decoded byte for
    byte it shows the legacy letters, which are converted here. None for anything else."""
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    from nhiemvu.ingest.legacy import convert, looks_legacy

    encoding = looks_legacy(text)
    return convert(text, encoding).encode("utf-8") if encoding else None
