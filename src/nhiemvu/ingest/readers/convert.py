""".doc / .odt / .rtf (and .xls / .ods) → .docx / .xlsx with LibreOffice, then the usual reader.

Old binary Office formats are converted by LibreOffice (`soffice --headless
--convert-to docx`) when it is installed, in a private profile directory so that
parallel imports do not fight over one. Without it the user is told what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nhiemvu.ingest.blocks import Document
from nhiemvu.ingest.detect import KIND_NAMES
from nhiemvu.ingest.errors import UnreadableFile, UnsupportedFile
from nhiemvu.ingest.limits import Limits

TIMEOUT_S = int(os.environ.get("NHIEMVU_CONVERT_TIMEOUT", "120"))
_TARGET = {"doc": "docx", "odt": "docx", "rtf": "docx", "xls": "xlsx", "ods": "xlsx"}


def soffice_path() -> str | None:
    return os.environ.get("NHIEMVU_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def convert_bytes(data: bytes, kind: str, name: str, target: str) -> bytes:
    exe = soffice_path()
    if not exe:
        raise UnsupportedFile(
            f"tệp {KIND_NAMES.get(kind, kind)} cần LibreOffice để chuyển đổi nhưng máy chưa cài; "
            f"hãy cài gói {'libreoffice-calc-nogui' if target == 'xlsx' else 'libreoffice-writer-nogui'} "
            "(Debian/Ubuntu) hoặc lưu lại tệp dưới dạng .docx/.xlsx.",
            name,
        )
    with tempfile.TemporaryDirectory(prefix="nhiemvu-convert-") as tmp:
        src = Path(tmp) / f"input.{kind}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            run = subprocess.run(
                [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", target, "--outdir", tmp, str(src)],
                capture_output=True, timeout=TIMEOUT_S, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise UnreadableFile(f"LibreOffice không chuyển đổi xong sau {TIMEOUT_S} giây.", name) from exc
        out = Path(tmp) / f"input.{target}"
        if run.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            hint = " (bảng tính cần thêm gói libreoffice-calc-nogui)" if target == "xlsx" else ""
            raise UnreadableFile(
                f"LibreOffice không chuyển đổi được tệp {KIND_NAMES.get(kind, kind)} "
                f"(tệp hỏng hoặc có mật khẩu){hint}.",
                name,
            )
        return out.read_bytes()


def read_converted(data: bytes, name: str, kind: str, limits: Limits) -> Document:
    target = _TARGET[kind]
    converted = convert_bytes(data, kind, name, target)
    if target == "docx":
        from nhiemvu.ingest.readers.docx import read_docx

        doc = read_docx(converted, name, limits)
    else:
        from nhiemvu.ingest.readers.xlsx import read_xlsx

        doc = read_xlsx(converted, name, limits)
    doc.kind = kind
    return doc
