"""Document → the plan extraction (format `plan-extraction/1`, see EXTRACTION_FORMAT.md).

Every layout looks at the same blocks: assignment tables, the outline of numbered items
(with responsibility blocks, agency headings, prose lists), then the document-level parts
(metadata, indicators, reporting duties). Each task carries `source` (its lines and, for
tables, its row) for the review screen. Pure apart from `extract_file`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from nhiemvu.ingest.blocks import Document, Paragraph, Table
from nhiemvu.ingest.errors import NoTasks
from nhiemvu.ingest.layouts import outline
from nhiemvu.ingest.layouts.agencies import opening_agency
from nhiemvu.ingest.layouts.indicators import extract_indicators, indicator_line_ranges
from nhiemvu.ingest.layouts.items import extract_items
from nhiemvu.ingest.layouts.metadata import extract_metadata
from nhiemvu.ingest.layouts.paragraphs import agency_paragraphs
from nhiemvu.ingest.layouts.reports import extract_reports
from nhiemvu.ingest.layouts.sections import is_document_title
from nhiemvu.ingest.layouts.tables import drop_table_summaries, extract_tables
from nhiemvu.ingest.layouts.task import Draft
from nhiemvu.ingest.layouts.vn_compat import find_deadline

FORMAT = "plan-extraction/1"

_NUMBER_RE = re.compile(r"\bSố\s*:?\s*[\d.…\s]*/\s*(?:\d{4}/)?[A-ZĐ]{1,6}(?:-[A-ZĐ0-9]+)*")


def looks_directive(doc: Document) -> bool:
    """A directive names its kind in a short title line (QUYẾT ĐỊNH, KẾ HOẠCH, PHỤ LỤC …)
    or carries a document number (Số: 12/KH-UBND) near the top."""
    label = ""  # the last metadata label seen ("Số hiệu:"), waiting for its value
    seen = 0
    for in_table, line in _head_texts(doc):
        seen += 0 if in_table else 1  # the first 60 paragraphs, and the tables among them
        if seen > 60:
            break
        if _LAW_RE.match(line):
            return False  # a law or code: rules for everyone, not assigned work
        if _NUMBER_RE.search(line) or is_document_title(line) or is_document_title(_leading_capitals(line)):
            return True
        found = _META_LABEL_RE.search(line)
        value = line[found.end():] if found else line
        if found:
            label = found.group(1)
        if label and value.strip(" |*:"):
            kind = _metadata_kind(label, value)
            if kind is not None:
                return kind
            label = ""
    return False


def _head_texts(doc: Document) -> Iterator[tuple[bool, str]]:
    """Paragraph texts and table cells in reading order: a crawl puts the document's number
    and kind in a metadata table ("Số hiệu | 12/KH-UBND") or a header table."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text.strip("|* "):
                yield False, text
        elif isinstance(block, Table):
            for row in block.rows[:40]:
                for cell in row.cells:
                    if cell.text.strip("|* "):
                        yield True, cell.text.strip()


# A crawl's metadata field: "Số hiệu:", "Số ký hiệu", "Loại văn bản:" (the value follows,
# on the same line, in the next cell or on the next line).
_META_LABEL_RE = re.compile(r"(?:^|[#*|]\s*)(Số hiệu|Số,? ký hiệu|Ký hiệu|Loại văn bản)\s*:?\**\s*", re.IGNORECASE)
_KIND_VALUE_RE = re.compile(
    r"^(Quyết định|Kế hoạch|Chỉ thị|Công văn|Chương trình|Thông báo|Công điện|Kết luận|Nghị quyết)\b", re.IGNORECASE
)
_RULES_VALUE_RE = re.compile(r"^(Luật|Bộ luật|Hiến pháp|Pháp lệnh|Nghị định|Thông tư)\b", re.IGNORECASE)


def _metadata_kind(label: str, value: str) -> bool | None:
    """True when a metadata field names a directive, False for a law or regulation kind,
    None when it says neither."""
    value = value.strip(" |*:")
    if label.lower().startswith("loại"):
        if _RULES_VALUE_RE.match(value):
            return False
        return True if _KIND_VALUE_RE.match(value) else None
    return True if re.match(r"^\d+[\w.]*/(?:\d{4}/)?[A-ZĐ]{1,6}(?:-[A-ZĐ0-9]+)*", value) else None


def _leading_capitals(text: str) -> str:
    """The words in capitals a paragraph opens with ("KẾ HOẠCH HÀNH ĐỘNG Thực hiện …")."""
    words = []
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
            break
        words.append(word)
    return " ".join(words)


_LAW_RE = re.compile(r"^(LUẬT|BỘ LUẬT|HIẾN PHÁP|PHÁP LỆNH)(\s+[A-ZÀ-ỸĐ ,]+)?$")


def _default_year(meta: dict) -> int | None:
    for value in (meta.get("issued_on"), (meta.get("period") or {}).get("start")):
        if value and re.match(r"\d{4}", str(value)):
            return int(str(value)[:4])
    return None


def find_tasks(doc: Document) -> list[Draft]:
    directive = looks_directive(doc)
    drafts = extract_tables(doc)
    root = outline.build(doc)
    outline.promote_blocks(root)
    items = extract_items(root, allow_prose=directive)
    # Indicator lists ("(1) Tỷ lệ … đạt 96%") are targets, not tasks.
    skip = indicator_line_ranges(doc)
    items = [d for d in items if not _inside(d.lines, skip)]
    items = drop_table_summaries(items, drafts)  # a list naming the table's groups
    if not directive:
        # Outside a directive only explicit structure counts: responsibility blocks, or a
        # numbered list whose every item opens with the agency that must act.
        parts = _agency_parts(items) | _assigned_in_implementation(items) if _quotes_directive(doc) else set()
        items = [d for d in items if (d.layout == "items" and d.lead) or d.agency_list or d.assigned or id(d) in parts]
        # A page reporting a directive: its runs of paragraphs that each open with the agency.
        taken = [d.lines for d in drafts + items]
        items += [d for d in agency_paragraphs(doc) if not any(a <= d.lines[0] <= b for a, b in taken)]
    main = drafts + [d for d in items if not d.implementation]
    implementation = [d for d in items if d.implementation]
    if not any(d.lead for d in main):
        pass  # the "Tổ chức thực hiện" part is where the tasks are assigned
    elif any(d.layout == "items" and d.lead for d in main):
        # Items with their own responsibility lines are the assignment; the "Tổ chức thực
        # hiện" part then restates duties (report, follow up), unless an item there opens
        # with its agency and sets a date of its own ("c) Bộ X chủ trì … trước ngày …").
        implementation = [d for d in implementation if _dated_own(d)]
    elif any(d.layout == "table" and d.lead for d in main):
        # Beside an assignment table only a per-agency part (an agency heading over its
        # duties) assigns more; its one-sentence clauses restate the table.
        # So does a bullet under another heading that opens with the agency that must act
        # ("- Sở X định kỳ hằng quý tổng hợp …").
        implementation = [d for d in implementation if d.under_agency or (
            d.layout == "agency" and d.bullet and not _RESTATED_RE.search(" ".join(d.lead))) or _dated_own(d)]
    else:
        # Beside tasks under agency headings, its clauses that name an agency assign work
        # ("Giao Văn phòng … chủ trì …"); the rest (timing, funding) is not a task.
        implementation = [d for d in implementation if d.lead]
    return sorted(main + implementation, key=lambda d: d.lines[0])


def _dated_own(d: Draft) -> bool:
    """A numbered item of the implementation part that opens with the agency that acts and
    names a deadline: new work, not a restatement."""
    return (d.layout == "agency" and bool(d.lead) and not d.under_agency and not d.bullet
            and not _RESTATED_RE.search(" ".join(d.lead)) and find_deadline(d.content) is not None)


# "Kế hoạch 6981/KH-UBND", "Quyết định số 110/QĐ-BXD", "Kết luận 155-KL/TW": an article
# that names the directive it quotes.
_DIRECTIVE_REF_RE = re.compile(
    r"\b(Quyết định|Kế hoạch|Chỉ thị|Kết luận|Công văn|Công điện|Thông báo|Nghị quyết|Chương trình)"
    r"\s+(số\s+)?\d+[/-]\S*[A-ZĐ]"
)


def _quotes_directive(doc: Document) -> bool:
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)][:30]
    return any(_DIRECTIVE_REF_RE.search(p.text) for p in paragraphs)


def _agency_parts(items: list[Draft]) -> set[int]:
    """Outside a directive, the duties under two or more agency headings (an article quoting
    who does what): each heading followed by duties that open with a verb."""
    under = [d for d in items if d.under_agency and d.lead]
    duties = [d for d in under if _OPENS_WITH_DUTY_RE.match(d.content.strip(" -+*•")) or opening_agency(d.content)]
    # Two headings: two parts (the heading is the part's section), not one heading whose
    # items name agencies of their own.
    if len({d.section for d in duties}) < 2 or len(duties) < 0.6 * len(under):
        return set()
    # A numbered item beside those headings that opens with its own agency ("(4) UBND thành
    # phố X chủ trì …", "(4) Đề nghị các tổ chức …") is one more part of the same list.
    lists = {_parent_ref(_parent_ref(d.ref)) for d in under}
    beside = [d for d in items if d.layout == "agency" and d.lead and not d.under_agency and not d.bullet
              and not d.implementation and _parent_ref(d.ref) in lists]
    return {id(d) for d in under + beside}


def _parent_ref(ref: str | None) -> str:
    return (ref or "").rpartition(".")[0]


def _assigned_in_implementation(items: list[Draft]) -> set[int]:
    """Outside a directive, the implementation part of a quoted directive whose items open
    with the agency that acts ("- Văn phòng các tỉnh ủy chuẩn bị …"): two or more of them."""
    found = [d for d in items if d.implementation and d.layout == "agency" and d.lead and not d.under_agency]
    sections: dict[str | None, list[Draft]] = {}
    for d in found:
        sections.setdefault(d.section, []).append(d)
    return {id(d) for group in sections.values() if len(group) >= 2 for d in group}


_OPENS_WITH_DUTY_RE = re.compile(
    r"(?i)^(chủ trì|phối hợp|chịu trách nhiệm|có trách nhiệm|tiếp tục|khẩn trương|chủ động|tập trung|nâng cao|"
    r"tăng cường|đẩy mạnh|đẩy nhanh|thực hiện|tổ chức|triển khai|tham mưu|nghiên cứu|tiếp thu|rà soát|kiểm tra|"
    r"theo dõi|tổng hợp|đề xuất|hướng dẫn|tuyên truyền|hoàn thiện|hoàn thành|ban hành|bảo đảm|đảm bảo|"
    r"giải quyết|xử lý|cập nhật|vận động|chỉ đạo|lãnh đạo|đôn đốc|trình|báo cáo|lập|xây dựng|sửa đổi|bổ sung|"
    r"hỗ trợ|tiến hành|đánh giá|duy trì|khảo sát|bố trí|cân đối|cung cấp|phân bổ|thẩm định|phê duyệt|"
    r"quán triệt|tham gia|giám sát|xem xét|chuẩn bị|quản lý|công bố|phát động|vận hành|cử|thường xuyên)\b"
)


# "Các cơ quan, đơn vị được phân công nhiệm vụ …": the addressees of the table, restated.
_RESTATED_RE = re.compile(r"được (?:phân công|giao)\b")


def _inside(lines: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(a <= lines[0] and lines[1] <= b for a, b in ranges)


def extract_document(doc: Document) -> dict:
    drafts = find_tasks(doc)
    if not drafts:
        raise NoTasks("không tìm thấy nhiệm vụ nào được giao trong văn bản "
                      "(không có bảng phân công, mục có cơ quan chủ trì hay danh sách nhiệm vụ).", doc.name)
    meta = extract_metadata(doc)
    year = _default_year(meta)
    tasks = [d.to_dict(year) for d in drafts]
    if doc.ocr:
        # Text read by OCR may hold misread names, numbers and dates: every task is
        # flagged so the review screen asks a person to check it against the scan.
        for task in tasks:
            task.setdefault("source", {})["ocr"] = True
    result = {
        "format": FORMAT,
        "document": meta,
        "tasks": tasks,
        "indicators": extract_indicators(doc),
        "reports": extract_reports(doc, meta.get("issued_on")),
    }
    if doc.warnings:
        result["warnings"] = list(doc.warnings)  # Vietnamese, e.g. legacy font converted, OCR used
    return result


def extract_bytes(data: bytes, name: str, progress=None) -> dict:
    """`progress(stage, done=None, total=None)` is told each stage (see ingest.read)."""
    from nhiemvu.ingest.read import read_bytes

    doc = read_bytes(data, name, progress=progress)
    if progress:
        progress("extract")
    return extract_document(doc)


def extract_file(path: str | Path) -> dict:
    from nhiemvu.ingest.read import read_path

    return extract_document(read_path(path))
