"""Original files, stored content-addressed: MEDIA_ROOT/documents/<sha256>.

The same bytes are stored once; the StoredFile row keeps the first name they came under.
Files are written before the database row and are never deleted by the application, so a
rolled-back transaction leaves at most an orphan file, never a row without its file.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path

from django.conf import settings

from nhiemvu.tracking.models import StoredFile


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "documents"


def path_for(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("Mã băm không hợp lệ.")
    return storage_dir() / sha256


def _write_once(sha256: str, data: bytes) -> Path:
    target = path_for(sha256)
    if target.exists() and target.stat().st_size == len(data):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file then rename, so a crash never leaves a half-written file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def store(data: bytes, name: str) -> StoredFile:
    """Keep `data` (idempotent by content) and return its row. Call inside the caller's transaction."""
    digest = sha256_of(data)
    _write_once(digest, data)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    stored, _ = StoredFile.objects.get_or_create(
        sha256=digest, defaults={"name": Path(name).name[:255], "size": len(data), "content_type": content_type}
    )
    return stored


def read(stored: StoredFile) -> bytes:
    return path_for(stored.sha256).read_bytes()


def open_file(stored: StoredFile):
    return path_for(stored.sha256).open("rb")
