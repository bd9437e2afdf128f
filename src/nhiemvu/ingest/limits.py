"""Size limits for imported files, configurable from the environment.

A directive is a few hundred kilobytes; the caps stop a huge upload or a zip bomb
(a small .docx/.xlsx that inflates to gigabytes) before it exhausts memory.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from nhiemvu.ingest.errors import TooLarge, UnreadableFile

MB = 1024 * 1024


def _env_mb(name: str, default: int) -> int:
    try:
        return int(float(os.environ.get(name, "")) * MB)
    except ValueError:
        return default * MB


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # the file itself
    max_unzipped: int  # total decompressed size of a .docx/.xlsx/.odt
    max_zip_members: int = 5000
    max_pages: int = 500  # PDF pages read (and OCR'd)


def default_limits() -> Limits:
    """NHIEMVU_MAX_FILE_MB (default 50) and NHIEMVU_MAX_UNZIPPED_MB (default 200)."""
    return Limits(
        max_bytes=_env_mb("NHIEMVU_MAX_FILE_MB", 50),
        max_unzipped=_env_mb("NHIEMVU_MAX_UNZIPPED_MB", 200),
    )


def check_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise TooLarge(
            f"tệp nặng {size / MB:.1f} MB, vượt giới hạn {limits.max_bytes / MB:.0f} MB "
            "(đặt NHIEMVU_MAX_FILE_MB để đổi giới hạn).",
            name,
        )


def check_zip(zf: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse an archive whose declared content is too big, before inflating anything.

    zipfile stops inflating a member at its declared size, so the declared sizes bound
    what any reader can inflate from this archive.
    """
    infos = zf.infolist()
    if len(infos) > limits.max_zip_members:
        raise TooLarge(f"tệp nén chứa quá nhiều thành phần ({len(infos)}).", name)
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped:
        raise TooLarge(
            f"nội dung giải nén {total / MB:.0f} MB, vượt giới hạn {limits.max_unzipped / MB:.0f} MB "
            "(nghi là tệp nén độc hại — zip bomb).",
            name,
        )


def open_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """Open an Office/ODF archive after checking it is a sound zip within the caps.

    zipfile never inflates a member past the size declared in the central directory
    (it raises on a mismatch), so checking the declared sizes bounds the memory used.
    """
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableFile(
            "tệp bị hỏng hoặc không trọn vẹn (không mở được phần nén bên trong).", name
        ) from exc
    check_zip(zf, name, limits)
    return zf
