"""Agency-led paragraphs on a page that reports a directive (a news or legal-news page with
no directive header of its own): consecutive unnumbered paragraphs that each open with the
agency that must act ("Bộ X chủ trì, phối hợp …", "Bộ Y, Bộ Z tiếp tục …", "Thủ tướng yêu
cầu Đài W đẩy mạnh …"). One such paragraph alone is reporting; a run of them is the
directive's assignment. Pure."""

from __future__ import annotations

import re

from nhiemvu.ingest.blocks import Document, Paragraph, Table
from nhiemvu.ingest.layouts.agencies import opening_agency
from nhiemvu.ingest.layouts.task import Draft

# "Thủ tướng yêu cầu …", "Phó Thủ tướng Trần Văn A giao …", "Bộ trưởng đề nghị …": the
# person who directs, then the agency.
_SPEAKER_RE = re.compile(
    r"^(?:(?:Theo đó|Đồng thời|Do đó|Ngoài ra),?\s+)?(?:Phó Thủ tướng|Thủ tướng|Bộ trưởng|Thứ trưởng|"
    r"Phó Chủ tịch|Chủ tịch)\b[^.;:]{0,80}?\s(?:cũng\s+)?(yêu cầu|giao|đề nghị)\s+"
)

# What the agency does next: a duty, not a report of what happened ("Bộ X cho biết …").
_DUTY_RE = re.compile(
    r"(?i)^[\s,:]*(?:cần\s+|phải\s+|có trách nhiệm\s+|chịu trách nhiệm\s+)?(?:chủ trì|phối hợp|tiếp tục|khẩn trương|"
    r"chủ động|tập trung|tăng cường|đẩy mạnh|đẩy nhanh|khẩn cấp|sớm|nghiên cứu|rà soát|kiểm tra|hướng dẫn|"
    r"theo dõi|tổng hợp|đề xuất|hoàn thiện|hoàn thành|ban hành|bảo đảm|đảm bảo|chỉ đạo|đôn đốc|huy động|"
    r"xây dựng|tổ chức|triển khai|tham gia|bố trí|cân đối|quyết liệt|thực hiện|tham mưu|trình|xem xét|"
    r"quán triệt|trực tiếp|vào cuộc)\b"
)

_MIN_WORDS = 8

# "(Cao Bằng, Điện Biên, …)" after the names: which ones, before the duty.
_LEADING_BRACKET_RE = re.compile(r"^\s*\([^()]*\)")

# "Đối với Thủ trưởng các đơn vị quán triệt …" (no comma after the name): the addressee acts.
_REGARDING_RE = re.compile(r"^Đối với\s+(?=[^,]{3,80}\s)")
# "Đồng thời, tham mưu …", "Ngoài ra, …": the paragraph goes on with the task above.
_GOES_ON_RE = re.compile(r"^(?:Đồng thời|Ngoài ra|Bên cạnh đó)\s*,\s*(?!\S+\s+(?:yêu cầu|giao|đề nghị)\b)")
# A speaker's assignment after a first sentence of comment ("Xóa nhà tạm … quan trọng.
# Thủ tướng yêu cầu các bộ …"): the task starts with it.
_SPEAKER_INSIDE_RE = re.compile(r"(?<=[.;!])\s+(?=(?:Phó Thủ tướng|Thủ tướng|Bộ trưởng|Chủ tịch)\b[^.;:]{0,80}?\s"
                                r"(?:cũng\s+)?(?:yêu cầu|giao|đề nghị)\s)")

# Lower-case verbs inside a "name": the sentence was cut in the wrong place.
_NOT_A_NAME_RE = re.compile(
    r"\s(?:yêu cầu|giao|đề nghị|có|cũng|đã|đang|sẽ|thúc đẩy|đề xuất|truyền đạt|cho biết|tổ chức)(?=\s|$)")
# A city or province named as the one who acts is a news subject ("TP HCM đề xuất …").
_PLACE_RE = re.compile(r"^(?:TP\.?|TPHCM|Thành phố|Tỉnh|Hà Nội)(?:\s|$)")


def _plain(text: str) -> str:
    """Without the bold markup a crawl leaves inside a paragraph ("**Giao Vụ X chủ trì**, …")."""
    return re.sub(r"\s+", " ", text.replace("**", "")).strip()


def assigning_paragraph(text: str) -> tuple[list[str], list[str]] | None:
    """(lead, support) of a paragraph that opens with the agency that must act, else None."""
    t = _plain(text)
    speaker = _SPEAKER_RE.match(t)
    addressed = _REGARDING_RE.match(t) if speaker is None else None
    # "Thủ tướng yêu cầu X …" / "Đối với Thủ trưởng các đơn vị quán triệt …": X must act.
    body = "giao " + t[speaker.end():] if speaker else "giao " + t[addressed.end():] if addressed else t
    if len(t.split()) < _MIN_WORDS or "?" in t:
        return None  # too short, or a Q&A page's question
    found = opening_agency(body)
    if not found or not found[0]:
        return None
    lead = found[0]
    if any(_NOT_A_NAME_RE.search(name) or _PLACE_RE.match(name) for name in lead):
        return None  # a misread subject ("Bộ X thúc đẩy", "Văn phòng có văn bản …") or a place
    # The words after the last lead name must be a duty ("… chủ trì", "… tiếp tục huy động").
    rest = body
    for name in lead:
        at = rest.find(name)
        if at < 0:
            return None
        rest = rest[at + len(name):]
    if not _DUTY_RE.match(_LEADING_BRACKET_RE.sub("", rest)):
        return None
    return found


def agency_paragraphs(doc: Document, *, min_run: int = 2) -> list[Draft]:
    """The runs of `min_run` or more consecutive assigning paragraphs; short bold
    headings between them do not break a run."""
    out: list[Draft] = []
    run: list[Draft] = []

    def close() -> None:
        if len(run) >= min_run:
            out.extend(run)
        run.clear()

    for block in doc.blocks:
        if isinstance(block, Table):
            close()
            continue
        if not isinstance(block, Paragraph) or not block.text.strip():
            continue
        if block.label is not None or (block.style or "").lower().startswith(("heading", "title")):
            close()
            continue
        out_text = _plain(block.text)
        found = assigning_paragraph(out_text)
        if found is None:
            inside = _SPEAKER_INSIDE_RE.search(out_text)
            if inside is not None and len(out_text[:inside.start()].split()) <= 60:
                out_text = out_text[inside.end():]
                found = assigning_paragraph(out_text)
        if found is None:
            if run and _GOES_ON_RE.match(out_text) and opening_agency(out_text[_GOES_ON_RE.match(out_text).end():]) is None:
                task = run[-1]
                task.content = f"{task.content} {out_text}"
                task.lines = (task.lines[0], block.last_line)
                continue
            if not (block.bold and len(block.text.split()) <= 30):
                close()
            continue
        if out_text.rstrip(" *").endswith(":"):
            # "Bộ trưởng giao Vụ X chủ trì … các nhiệm vụ:" over its items: a lead-in, which
            # the outline reads with the items it hands over.
            if not (block.bold and len(block.text.split()) <= 30):
                close()
            continue
        lead, support = found
        run.append(Draft(ref=None, section=None, content=out_text, lead=list(lead), support=list(support),
                         lines=(block.line, block.last_line), layout="agency"))
    close()
    return out
