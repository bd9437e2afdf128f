"""Optional PDF of any generated .docx/.xlsx through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed or failed; the message is Vietnamese."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice_path() is not None


def to_pdf(data: bytes, suffix: str = ".docx", timeout: int = 120) -> bytes:
    """Convert one document to PDF in a private temporary directory and profile, so
    several conversions may run at once."""
    exe = soffice_path()
    if exe is None:
        raise PdfUnavailable("Chưa cài LibreOffice (soffice) nên không xuất được PDF; hãy tải tệp .docx/.xlsx.")
    with tempfile.TemporaryDirectory(prefix="nhiemvu-pdf-") as tmp:
        work = Path(tmp)
        source = work / f"baocao{suffix}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"LibreOffice không chuyển được tệp sang PDF: {exc}") from exc
        out = work / "baocao.pdf"
        if not out.exists():
            raise PdfUnavailable("LibreOffice không tạo ra tệp PDF.")
        return out.read_bytes()
