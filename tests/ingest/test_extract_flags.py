"""What the reader knew about a document's text reaches the extraction: OCR and warnings."""

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.extract import extract_document

LINES = [
    "KẾ HOẠCH",
    "Triển khai công tác chuyển đổi số năm 2024",
    "II. NHIỆM VỤ",
    "1. Xây dựng cơ sở dữ liệu dân cư của xã.",
    "- Cơ quan chủ trì: Phòng Văn hóa và Thông tin",
    "- Thời gian hoàn thành: Quý II/2024",
]


def _doc(ocr: bool, warnings: list[str]) -> Document:
    blocks = [Paragraph(text, line=i, ocr=ocr) for i, text in enumerate(LINES, 1)]
    return Document(blocks=blocks, lines=list(LINES), name="ke-hoach.pdf", kind="pdf", ocr=ocr,
                    warnings=warnings)


def test_tasks_read_by_ocr_are_flagged_for_review_and_warnings_kept():
    result = extract_document(_doc(True, ["Văn bản là bản quét, đã đọc bằng OCR."]))
    assert result["tasks"] and all(t["source"]["ocr"] is True for t in result["tasks"])
    assert result["warnings"] == ["Văn bản là bản quét, đã đọc bằng OCR."]


def test_text_documents_carry_no_ocr_flag_nor_warnings():
    result = extract_document(_doc(False, []))
    assert result["tasks"] and not any(t["source"].get("ocr") for t in result["tasks"])
    assert "warnings" not in result
