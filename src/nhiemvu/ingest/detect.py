"""File type from content (magic bytes), never from the name.

A .pdf renamed .docx is still a PDF; a Word file saved as .doc is OLE2 whatever
its extension says. Pure: bytes in, a kind out.
"""

from __future__ import annotations

import io
import zipfile

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KINDS = (
    "docx",
    "xlsx",
    "odt",
    "ods",
    "pdf",
    "doc",
    "xls",
    "rtf",
    "encrypted-office",
    "zip",
    "text",
    "binary",
)

# Human names used in messages.
KIND_NAMES = {
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "odt": "OpenDocument (.odt)",
    "ods": "OpenDocument bảng tính (.ods)",
    "pdf": "PDF",
    "doc": "Word cũ (.doc)",
    "xls": "Excel cũ (.xls)",
    "rtf": "RTF",
    "encrypted-office": "Office có mật khẩu",
    "zip": "tệp nén .zip",
    "text": "văn bản thuần",
    "binary": "nhị phân không rõ loại",
}


def _zip_kind(data: bytes) -> str:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # A truncated Office file still starts with PK; say which it was meant to be.
        head = data[:4096]
        if b"word/" in head:
            return "docx"
        if b"xl/" in head:
            return "xlsx"
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "mimetype" in names:
        try:
            mimetype = zf.read("mimetype")[:100]
        except Exception:
            mimetype = b""
        if b"opendocument.text" in mimetype:
            return "odt"
        if b"opendocument.spreadsheet" in mimetype:
            return "ods"
    # Office files with a non-standard main part name are found through [Content_Types].xml.
    if "[Content_Types].xml" in names:
        try:
            types = zf.read("[Content_Types].xml")[:200_000]
        except Exception:
            types = b""
        if b"wordprocessingml.document.main" in types:
            return "docx"
        if b"spreadsheetml.sheet.main" in types:
            return "xlsx"
    return "zip"


def _ole_kind(data: bytes) -> str:
    # Directory entry names are UTF-16LE; a full CFB parser is not needed to tell these apart.
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "encrypted-office"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    return "binary"


def looks_binary(head: bytes) -> bool:
    """Control bytes that no text file has (UTF-16 with a BOM is text)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    bad = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return bad > max(2, len(head) // 100)


def detect_kind(data: bytes) -> str:
    """One of KINDS, from the content."""
    head = data[:8]
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    # Some producers put junk before the header; PDF readers accept it within 1 KB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head == OLE2_MAGIC:
        return _ole_kind(data)
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if looks_binary(data[:8192]):
        return "binary"
    return "text"
