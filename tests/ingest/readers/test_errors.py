"""Bad input gives a clear Vietnamese IngestError naming the file (and exit ≠ 0 from
`nhiemvu extract`, without a traceback), never a crash."""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import pytest

from nhiemvu.cli import main
from nhiemvu.ingest.errors import IngestError, TooLarge, UnreadableFile, UnsupportedFile
from nhiemvu.ingest.limits import Limits
from nhiemvu.ingest.read import read_bytes, read_path
from tests.fixtures.small_docs import build, p


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return build(p("1. Giao Phòng Tư pháp chủ trì kiểm tra văn bản.") + p("Thời gian: Quý I/2023"))


@functools.cache
def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))  # 300 MB of zeros, ~300 KB zipped
    return out.getvalue()


def _encrypted_office() -> bytes:
    # What Word writes for a password-protected .docx: an OLE2 container holding the
    # encrypted package, not a zip.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    names = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le")
    return header + names + b"\0" * 2048


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, encrypt="mat-khau")
    c.drawString(72, 720, "Ke hoach")
    c.save()
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "error", "words"),
    [
        ("rong.docx", lambda d: b"", UnreadableFile, "rỗng"),
        ("cut.docx", lambda d: d[: len(d) // 2], UnreadableFile, "hỏng"),
        ("bomb.docx", lambda d: _zip_bomb(), TooLarge, "zip bomb"),
        ("khoa.docx", lambda d: _encrypted_office(), UnreadableFile, "mật khẩu"),
        ("khoa.pdf", lambda d: _encrypted_pdf(), UnreadableFile, "mật khẩu"),
        ("noise.docx", lambda d: bytes(range(256)) * 40, UnreadableFile, ""),
        ("pk.zip", lambda d: _plain_zip(), UnsupportedFile, "zip"),
    ],
)
def test_bad_files_raise_clear_errors(good_docx, name, make, error, words):
    with pytest.raises(error) as info:
        read_bytes(make(good_docx), name)
    assert info.value.name == name
    assert words in str(info.value)


def _plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.txt", "xin chào")
    return out.getvalue()


def test_size_cap_is_checked_before_reading(tmp_path: Path, monkeypatch):
    big = tmp_path / "lon.docx"
    with big.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(TooLarge, match="200.0 MB"):
        read_path(big)
    monkeypatch.setenv("NHIEMVU_MAX_FILE_MB", "0.001")
    with pytest.raises(TooLarge):
        read_bytes(b"x" * 5000, "nho.txt")
    with pytest.raises(TooLarge):
        read_bytes(b"x" * 5000, "nho.txt", limits=Limits(max_bytes=100, max_unzipped=100))


def test_scanned_pdf_without_ocr_says_what_to_install(monkeypatch):
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(Image.new("L", (200, 200), 255)), 72, 72, 300, 300)  # a page that is a picture
    c.save()
    monkeypatch.setenv("NHIEMVU_OCR", "off")  # simulate a machine without Tesseract
    with pytest.raises(UnsupportedFile, match="bản quét.*tesseract-ocr-vie"):
        read_bytes(out.getvalue(), "scan.pdf")


def test_doc_without_libreoffice_names_the_package(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("NHIEMVU_SOFFICE", raising=False)
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 1024
    with pytest.raises(UnsupportedFile, match="libreoffice-writer-nogui"):
        read_bytes(doc, "cu.doc")


def test_pdf_renamed_docx_is_read_as_pdf(good_docx):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.exists():
        pytest.skip("fonts-dejavu is not installed")
    pdfmetrics.registerFont(TTFont("DejaVuPlain", str(font)))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont("DejaVuPlain", 12)
    c.drawString(72, 760, "Giao Phòng Tư pháp chủ trì kiểm tra văn bản.")
    c.save()
    doc = read_bytes(out.getvalue(), "that-ra-la-pdf.docx")
    assert doc.kind == "pdf"
    assert doc.blocks[0].text == "Giao Phòng Tư pháp chủ trì kiểm tra văn bản."


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04broken", _encrypted_office()])
def test_cli_exits_nonzero_without_traceback(tmp_path: Path, capsys, content):
    path = tmp_path / "hong.docx"
    path.write_bytes(content)
    code = main(["extract", str(path)])
    err = capsys.readouterr().err
    assert code != 0
    assert "hong.docx" in err and "Traceback" not in err


def test_every_error_is_an_ingest_error():
    assert issubclass(TooLarge, IngestError) and issubclass(UnsupportedFile, IngestError)
