"""Reporting duties (báo cáo định kỳ): who reports, to whom, by when, how often.

A duty is a sentence that asks for a report ("báo cáo") and names a cycle ("định kỳ hằng
tháng", "hàng tháng, quý, 6 tháng, 9 tháng, năm") or a date ("trước ngày 09/9/2024",
"định kỳ ngày 15/8/2022, tháng 8 năm 2023"). A sentence that sets several cycles gives one
duty per cycle (the format's `cycle` is a single value); each date goes to the cycle named
nearest before it ("báo cáo năm gửi trước ngày 10/11" → annual).

- `from`: the agency the sentence opens with ("Giao Phòng X chủ trì …"), else the agency
  heading the sentence sits under ("3.1. Các phòng, ban, UBND các phường, xã:").
- `to`: the agencies after "gửi (về)", "đồng gửi", "qua", "cho", "báo cáo" — the direct
  recipients when the sentence names them before handing on ("…, tham mưu UBND thành phố
  gửi Sở …" is the onward report, not this duty's).
- `due`: every date named (a month alone → its last day; a day and month with no year →
  the first such date after the issue date).

Pure: no I/O, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from nhiemvu.ingest.blocks import Document, Paragraph, Table
from nhiemvu.ingest.layouts.agencies import agency_heading, opening_agency, split_agencies
from nhiemvu.ingest.layouts.numbering import Label, paragraph_label
from nhiemvu.vn.dates import find_due_dates
from nhiemvu.vn.text import clean, fold_aligned

CYCLES = ("weekly", "monthly", "quarterly", "semiannual", "ninemonth", "annual")

_PERIOD_WORDS = [
    (r"(?:0?6|sau)\s+thang", "semiannual"),
    (r"(?:0?9|chin)\s+thang", "ninemonth"),
    (r"tuan", "weekly"),
    (r"thang", "monthly"),
    (r"quy", "quarterly"),
    (r"nam", "annual"),
]
_PERIOD_RE = "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_PERIOD_WORDS))
# A period word that is not a date part: not followed by a number ("tháng 8", "năm 2023")
_PERIOD_TOKEN_RE = re.compile(rf"(?:{_PERIOD_RE})(?![a-z])(?!\s*(?:\d|[ivx]+\b|/|nay|sau|toi))")
_ANCHOR_RE = re.compile(
    r"\b(?:dinh ky|hang|moi|so ket|tong ket|bao cao(?:\s+(?:ket qua|tinh hinh|danh gia|so ket|tong ket))?)\s+"
)
_LIST_SEP_RE = re.compile(r"\s*(?:,|va|hoac|/)\s*(?:hang\s+|bao cao\s+)?")
_REPORT_RE = re.compile(r"\bbao cao\b")
_NOT_DUTY_RE = re.compile(r"^(?:can cu|tren day la|noi nhan|xet de nghi)")

_TRIGGER_RE = re.compile(r"(?<!\w)(?:đồng gửi|gửi\s+về|gửi\s+đến|gửi|cho|qua|báo cáo|trình|về)\s+")
# Where a recipient list ends: punctuation or a lower-case word that is not part of a name.
# Matched on the lower-cased text WITH accents, so "Tài chính" or "các cơ quan" do not stop.
_CHUNK_STOP_RE = re.compile(
    r"[();.:]|\s(?:để|tổng hợp|đúng|trước|định kỳ|tham mưu|theo|trong|xem xét|khi|có|hàng|hằng|"
    r"tình hình|kết quả|về|những|đồng thời|ngày|tháng|trực tiếp|thực hiện|kịp thời|tại|chậm|"
    r"và báo cáo|và gửi|và đề xuất|nhằm|với|sau|bằng|qua|đồng gửi|gửi|báo cáo|trình|cho|"
    r"để|chỉ đạo|giải quyết|phê duyệt|biết|thống nhất|vào|lúc|kèm|số)(?![\w])"
)
_AGENCY_START_RE = re.compile(
    r"^(?:ubnd|uy ban|hdnd|hoi dong|so|phong|van phong|cuc|chi cuc|tong cuc|bo|ban|thanh uy|tinh uy|"
    r"huyen uy|quan uy|dang uy|trung tam|cong an|thanh tra|kho bac|bao hiem|ngan hang|chu tich|"
    r"thu tuong|chinh phu|mat tran|lien doan|doan|hoi|cac so|cac phong|cac co quan|thuong truc|thu truong|"
    r"giam doc|truong phong|cac don vi|cac dia phuong|cac nganh|cac ban|cac huyen|cac xa|cac phuong|"
    r"pho thu tuong|pho chu tich|bo truong|thu truong|lanh dao|cap co tham quyen|"
    r"tt\.?|ttr\.?|[A-Z]{2,})\b"
)
_HEADING_VERB_RE = re.compile(
    r"\s(?:quan triet|co trach nhiem|chiu trach nhiem|theo chuc nang|can cu|thuc hien|trien khai|"
    # "tổ chức" the verb, not "tổ chức chính trị - xã hội" the noun; "xây dựng" the verb,
    # not "Sở Xây dựng" or "đầu tư xây dựng"
    r"to chuc(?!\s+(?:chinh tri|xa hoi|doan the|co lien quan|lien quan|ca nhan|tin dung|kinh te))|"
    r"(?<!so )(?<!dau tu )xay dung|"
    r"chu dong|tap trung|khan truong|chu tri|phoi hop|nghien cuu)\b"
)


@dataclass
class _Para:
    text: str
    label: Label | None
    line: int
    last_line: int

    @property
    def key(self) -> tuple | None:
        return self.label.key if self.label else None


def _paragraphs(doc: Document) -> list[_Para | None]:
    """Paragraphs with their labels split off, a sentence broken by a blank line joined
    back ("… Văn phòng HĐND và UBND thành phố Vũng" + "Tàu) trước ngày 09/9/2024.");
    None stands for a table."""
    out: list[_Para | None] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(None)
            continue
        if not isinstance(block, Paragraph):
            continue
        raw = clean(block.text)
        if not raw:
            continue
        label = paragraph_label(block.label, raw)
        prev = out[-1] if out else None
        # "… về trật tự xã hội" + "- Cơ quan thường trực …": a dash inside a sentence that
        # a line break put at the start of a line, not a bullet
        dash = label is not None and label.is_bullet and label.text == "-" and raw[:1] in "-–"
        if (
            (label is None or dash)
            and prev is not None
            and block.line <= prev.last_line + 2
            and prev.text.rstrip()[-1:] not in ".;:!?"
            and prev.text.count(" ") >= 11
        ):
            prev.text = f"{prev.text} {raw}"
            prev.last_line = block.last_line
            continue
        out.append(_Para(clean(label.rest) if label else raw, label, block.line, block.last_line))
    return out


def _sentences(text: str) -> list[str]:
    """Split at ". " before a capital, not after a short abbreviation ("TP. Hồ Chí Minh")."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text):
        before = re.search(r"(\S*)$", text[max(0, m.start() - 12): m.start()])
        word = before.group(1) if before else ""
        if len(word) <= 3 and word[:1].isupper():
            continue
        out.append(text[start: m.start() + 1].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _cycles(folded: str) -> list[tuple[int, str]]:
    """(offset, cycle) of each cycle word in a cadence phrase: "định kỳ hàng tháng, quý,
    6 tháng, 9 tháng, năm", "báo cáo năm", "hằng quý"."""
    found: list[tuple[int, str]] = []
    for anchor in _ANCHOR_RE.finditer(folded):
        pos = anchor.end()
        # "định kỳ hằng tháng": the second anchor word is part of the first
        pos += len(m.group(0)) if (m := re.match(r"(?:hang|moi)\s+", folded[pos:])) else 0
        first = True
        while True:
            m = _PERIOD_TOKEN_RE.match(folded, pos)
            if not m:
                break
            # "báo cáo năm" / "sơ kết quý" are cadence words only when a period word follows
            # the anchor directly; a bare "năm" after "báo cáo" must end the phrase
            kind = next(c for i, (_, c) in enumerate(_PERIOD_WORDS) if m.group(f"c{i}"))
            if first and anchor.group(0).startswith(("bao cao", "so ket", "tong ket")) and kind == "monthly":
                break  # "báo cáo tháng 8" is a date, "báo cáo tháng" alone is rare
            found.append((m.start(), kind))
            first = False
            pos = m.end()
            sep = _LIST_SEP_RE.match(folded, pos)
            if not sep or not _PERIOD_TOKEN_RE.match(folded, sep.end()):
                break
            pos = sep.end()
    found.sort()
    return found


def _cycle_from_dates(dates: list[date]) -> str:
    if len(dates) < 2:
        return "once"
    ordered = sorted(dates)
    gaps = [(b - a).days / 30.4 for a, b in zip(ordered, ordered[1:], strict=False)]
    mean = sum(gaps) / len(gaps)
    if mean < 0.4:
        return "weekly"
    if mean < 2:
        return "monthly"
    if mean < 4.5:
        return "quarterly"
    if mean < 7.5:
        return "semiannual"
    return "annual"


def _lower(s: str) -> str:
    """Lower case, one character for one (offsets stay valid)."""
    return "".join(c.lower()[:1] or c for c in s)


# Lower-case words that occur inside agency names ("Ủy ban nhân dân tỉnh", "các phường, xã").
_NAME_WORDS = frozenset(
    ["ban", "nhân", "dân", "hội", "đồng", "tỉnh", "thành", "phố", "huyện", "quận", "xã", "phường", "thị",
     "trấn", "các", "và", "cơ", "quan", "đơn", "vị", "liên", "ngành", "sở", "phòng", "trực", "thuộc",
     "trung", "ương", "có", "văn", "hóa", "thông", "tin", "khu", "công", "nghiệp", "nghệ", "cao", "kinh",
     "tế", "dự", "án", "đầu", "tư", "xây", "dựng", "quản", "lý", "phát", "triển", "giao", "vận", "tải",
     "tài", "nguyên", "môi", "trường", "giáo", "dục", "đào", "tạo", "lao", "động", "thương", "binh",
     "nội", "vụ", "pháp", "khoa", "học", "du", "lịch", "thể", "thao", "nông", "thôn", "an", "ninh",
     "quân", "sự", "chính", "thuế", "thống", "kê", "bảo", "hiểm"]
)


def _cut_prose(chunk: str) -> str:
    """Cut a recipient list where running text starts: four lower-case words in a row that
    are not name words ("Quốc hội quyết định điều chỉnh dự toán …" → "Quốc hội")."""
    words = chunk.split(" ")
    run = 0
    for i, w in enumerate(words):
        bare = w.strip(",;.")
        if bare[:1].islower() and bare not in _NAME_WORDS:
            run += 1
            if run == 4:
                return " ".join(words[: i - 3])
        else:
            run = 0
    return chunk


def _chunk_agencies(text: str, lowered: str, start: int) -> list[str]:
    # the stop words are matched as written: in lower case they are prose, capitalised
    # they are part of a name ("Ban Chỉ đạo")
    if lowered.startswith("số ", start):
        return []  # "báo cáo số 386-BC/…" names a report
    stop = _CHUNK_STOP_RE.search(text, start)
    end = stop.start() if stop else len(text)
    chunk = _cut_prose(text[start:end]).strip(" ,;")
    if not chunk or not _AGENCY_START_RE.match(fold_aligned(chunk).strip()) and not re.match(r"[A-ZĐ]{2,}", chunk):
        return []
    return [a for a in split_agencies(chunk) if a]


def _recipients(sentence: str) -> list[str]:
    lowered = _lower(sentence)
    # "tham mưu …", "để tổng hợp, báo cáo …": what follows is handed on by someone else
    onward = [m.start() for m in re.finditer(r"(?<!\w)(?:tham mưu|để tổng hợp|tổng hợp,? báo cáo|để báo cáo)(?!\w)", lowered)]
    groups: list[tuple[int, list[str]]] = []
    for m in _TRIGGER_RE.finditer(lowered):
        if m.group(0).startswith("cho") and re.search(r"(?:tham mưu|giao|tạo điều kiện)\s*$", lowered[: m.start()]):
            continue
        names = _chunk_agencies(sentence, lowered, m.end())
        if names:
            groups.append((m.start(), names))
    # the recipients are the first stretch between hand-on words that names any
    bounds = [0, *onward, len(lowered) + 1]
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        stretch = [(pos, names) for pos, names in groups if lo <= pos < hi]
        if stretch:
            groups = stretch
            break
    out: list[str] = []
    for _, names in groups:
        for name in names:
            if name not in out:
                out.append(name)
    return out


_SECTION_TITLE_RE = re.compile(
    r"^(?:to chuc thuc hien|phan cong|trach nhiem|nhiem vu|giai phap|muc (?:dich|tieu)|yeu cau|kinh phi|"
    r"che do|dieu khoan|noi dung|ke hoach|thoi gian|tien do|quan diem|bao cao)\b"
)


def _heading_agencies(text: str) -> list[str] | None:
    """The agencies an item heading names, or None when it names none."""
    if _SECTION_TITLE_RE.match(fold_aligned(text[:40]).strip()):
        return None  # "IV. TỔ CHỨC THỰC HIỆN" is a part of the document, not an agency
    found = agency_heading(text)
    if found:
        return found[0]
    folded = fold_aligned(text)
    body = text
    if m := re.match(r"(?:giao|de nghi|yeu cau)\s+", folded):
        body, folded = text[m.end():], folded[m.end():]
    elif m := re.match(r"(?:can cu|tren co so|theo|de|nham)\b[^,]{0,150},\s*", folded):
        # "Căn cứ nội dung Kế hoạch …, các sở, ban, ngành … xây dựng …": the subject follows
        body, folded = text[m.end():], folded[m.end():]
    verb = _HEADING_VERB_RE.search(folded)
    head = body[: verb.start()] if verb else body
    if len(head.split()) > 150 or not _AGENCY_START_RE.match(fold_aligned(head[:40]).strip()):
        return None
    names = split_agencies(head.rstrip(" .:"))
    return names or None


# Where the subject of a duty sentence ends: its first verb or time word.
_SUBJECT_END_RE = re.compile(
    r"\s(?:định kỳ|hằng|hàng|báo cáo|gửi|thực hiện|có trách nhiệm|chịu trách nhiệm|chủ động|tổng hợp|"
    r"trước|chậm nhất|phải|cần|khẩn trương|theo dõi|đánh giá|tổ chức|triển khai)(?!\w)"
)


def _opening(sentence: str) -> list[str] | None:
    """The agency a duty sentence opens with: "Giao Sở X chủ trì …", "Sở X có trách
    nhiệm …", or a plain subject "Các sở, ngành định kỳ hằng quý báo cáo …"."""
    found = opening_agency(sentence)
    if found and found[0]:
        # keep the names only: "UBND các huyện định kỳ hằng quý" → "UBND các huyện"
        names = [n[: m.start()] if (m := _SUBJECT_END_RE.search(n)) else n for n in found[0]]
        return [n.strip(" ,") for n in names if n.strip(" ,")] or None
    end = _SUBJECT_END_RE.search(sentence)
    if not end or end.start() == 0 or len(sentence[: end.start()].split()) > 15:
        return None
    head = sentence[: end.start()].strip(" ,")
    if not _AGENCY_START_RE.match(fold_aligned(head[:40])) and not re.match(r"[A-ZĐ]{2,}\b", head):
        return None
    if _SECTION_TITLE_RE.match(fold_aligned(head[:40])):
        return None
    return split_agencies(head) or None


def _reference_date(doc: Document, issued_on: date | str | None) -> date | None:
    if isinstance(issued_on, date):
        return issued_on
    if isinstance(issued_on, str) and issued_on:
        try:
            return date.fromisoformat(issued_on)
        except ValueError:
            pass
    # No issue date (a draft): the plan's start stands in for it ("trước ngày 10/11" in a
    # plan for 2023 is 10/11/2023).
    from nhiemvu.ingest.layouts.metadata import extract_metadata

    start = extract_metadata(doc)["period"]["start"]
    return date.fromisoformat(start) - timedelta(days=1) if start else None


# "báo cáo" that names an existing report or a kind of study, not a duty to report
_NOT_A_REPORT_RE = re.compile(
    r"(?:theo|tai|can cu|thong qua)\s+(?:cac\s+)?bao cao"
    r"|bao cao\s+(?:so|cua|nghien cuu|tien kha thi|kha thi|kinh te|danh gia tac dong|tai chinh|vien)\b"
)
# Words that make a date a due date: "trước ngày …", "chậm nhất …", "định kỳ ngày …"
_DUE_WORD_RE = re.compile(
    r"(?:truoc|cham nhat|dinh ky|han|vao|trong|den|ky|bao cao)\s*(?:ngay|la|cuoi|thang|,)?[\s\w]{0,14}$"
)
# Between two dates of one list: only date words, numbers and separators.
_DATE_LIST_GAP_RE = re.compile(r"[\s\d/.,;–-]*(?:(?:ngay|thang|nam|cuoi|va|hoac)[\s\d/.,;–-]*)*")


def _report_mentions(folded: str) -> list[int]:
    bad = {m.end() - len("bao cao") for m in _NOT_A_REPORT_RE.finditer(folded) if m.group(0).startswith(("theo", "tai", "can", "thong"))}
    bad |= {m.start() for m in _NOT_A_REPORT_RE.finditer(folded) if m.group(0).startswith("bao cao")}
    return [m.start() for m in _REPORT_RE.finditer(folded) if m.start() not in bad]


def _due_dates(sentence: str, folded: str, after: date | None) -> list[tuple[int, date]]:
    """The dates the sentence sets as due dates: each introduced by a due word, or listed
    after one ("định kỳ ngày 15/8/2022, tháng 8 năm 2023 và tháng 4 năm 2024"). A date
    told as history ("Ngày 30/8/1983, Học viện đã báo cáo …") is not one."""
    kept: list[tuple[int, date]] = []
    for pos, d in find_due_dates(sentence, after):
        before = folded[max(0, pos - 30): pos]
        listed = bool(kept) and _DATE_LIST_GAP_RE.fullmatch(folded[kept[-1][0]: pos]) is not None
        if _DUE_WORD_RE.search(before) or listed:
            kept.append((pos, d))
    return kept


def _duties(sentence: str, after: date | None) -> list[tuple[str, list[date]]]:
    folded = fold_aligned(sentence)
    mentions = _report_mentions(folded)
    if not mentions or _NOT_DUTY_RE.match(folded.strip()):
        return []
    # a cycle counts when it is said near the report ("báo cáo … định kỳ hằng tháng")
    cycles = [(p, c) for p, c in _cycles(folded) if any(abs(p - m) <= 160 for m in mentions)]
    dates = _due_dates(sentence, folded, after)
    if not cycles and not dates:
        return []
    if not cycles:
        return [(_cycle_from_dates([d for _, d in dates]), [d for _, d in dates])]
    by_cycle: dict[str, list[date]] = {}
    for _, cycle in cycles:
        by_cycle.setdefault(cycle, [])
    for pos, d in dates:
        before = [c for p, c in cycles if p < pos]
        cycle = before[-1] if before else cycles[0][1]
        if d not in by_cycle[cycle]:
            by_cycle[cycle].append(d)
    return [(cycle, by_cycle[cycle]) for cycle in CYCLES if cycle in by_cycle]


def extract_reports(doc: Document, issued_on: date | str | None = None) -> list[dict]:
    """Every reporting duty: text, from, to, due (ISO dates), cycle, source lines."""
    after = _reference_date(doc, issued_on)
    out: list[dict] = []
    stack: list[tuple] = []
    context: list[tuple[int, list[str]]] = []  # (outline depth, agencies) of open headings
    for p in _paragraphs(doc):
        if p is None:
            continue
        depth = len(stack) + 1
        if p.key is not None:
            if p.key in stack:
                del stack[stack.index(p.key) + 1:]
            else:
                stack.append(p.key)
            depth = len(stack)
            context = [(d, names) for d, names in context if d < depth]
        elif context:
            depth = context[-1][0] + 1
        owner = context[-1][1] if context else []
        heading_names = (
            _heading_agencies(p.text) if p.key is not None and (not p.label or not p.label.is_bullet) else None
        )
        # cheap test first: most paragraphs ask for no report
        sentences = _sentences(p.text) if "báo cáo" in p.text.lower() else []
        for i, sentence in enumerate(sentences):
            # a later sentence of an item that opens with its agencies is theirs
            sentence_owner = heading_names if i and heading_names else owner
            for cycle, dues in _duties(sentence, after):
                out.append(
                    {
                        "text": sentence,
                        "from": _requested(sentence) or _opening(sentence) or list(sentence_owner),
                        "to": _recipients(sentence),
                        "due": [d.isoformat() for d in sorted(dues)],
                        "cycle": cycle,
                        "source": {"lines": [p.line, p.last_line]},
                    }
                )
        if heading_names:
            context.append((depth, heading_names))
    return out


_REQUESTED_RE = re.compile(
    r"(?:^|\s)(?:yêu cầu|đề nghị)\s+(.{3,200}?)\s(?:nghiêm túc|khẩn trương|chủ động|tập trung|triển khai|"
    r"thực hiện|tổ chức|có trách nhiệm|chịu trách nhiệm|căn cứ|theo dõi|phối hợp|chủ trì|định kỳ|báo cáo)(?!\w)"
)


def _requested(sentence: str) -> list[str] | None:
    """"UBND Thành phố yêu cầu các Sở, ban, ngành … triển khai …; định kỳ … báo cáo …":
    the agencies asked are the ones that report."""
    m = _REQUESTED_RE.search(sentence[:260])
    if not m or not _AGENCY_START_RE.match(fold_aligned(m.group(1)[:40])):
        return None
    return split_agencies(m.group(1)) or None
