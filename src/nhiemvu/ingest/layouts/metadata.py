"""Document metadata: kind, number, issue date, issuer, title (subject line), plan period.

Read from the document's header STRUCTURE, as Vietnamese administrative documents lay it
out (Nghị định 30/2020 on document format): the issuing body and "Số: 14515/QĐ-UBND" on
the left, "<Place>, ngày 29 tháng 12 năm 2022" on the right, then the kind line
("QUYẾT ĐỊNH", "KẾ HOẠCH", "Phụ lục") followed by the subject lines, then the enacting
authority ("ỦY BAN NHÂN DÂN THÀNH PHỐ …") and the "Căn cứ …" recitals. An appendix says
what it is attached to: "(Ban hành kèm theo Quyết định số … ngày … của …)".

Pure: no I/O, no Django.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date

from nhiemvu.ingest.blocks import Document, Paragraph, Table
from nhiemvu.vn.dates import make_date, plausible_year
from nhiemvu.vn.text import clean, fold, fold_words
from nhiemvu.vn.timeframe import parse_timeframe

# Kind lines, by their folded first words → the canonical kind.
KINDS = [
    ("phu luc", "Phụ lục"),
    ("quyet dinh", "Quyết định"),
    ("ke hoach", "Kế hoạch"),
    ("chuong trinh", "Chương trình"),
    ("chi thi", "Chỉ thị"),
    ("nghi quyet", "Nghị quyết"),
    ("thong bao", "Thông báo"),
    ("cong van", "Công văn"),
    ("bao cao", "Báo cáo"),
    ("to trinh", "Tờ trình"),
    ("huong dan", "Hướng dẫn"),
    ("de an", "Đề án"),
    ("ket luan", "Kết luận"),
    ("quy che", "Quy chế"),
    ("quy dinh", "Quy định"),
    ("nghi dinh", "Nghị định"),
    ("thong tu", "Thông tư"),
    ("chien luoc", "Chiến lược"),
]
# The type code inside a document number ("14515/QĐ-UBND") when no kind line is found.
_NUMBER_CODES = {
    "qd": "Quyết định", "kh": "Kế hoạch", "ctr": "Chương trình", "ct": "Chỉ thị",
    "nq": "Nghị quyết", "tb": "Thông báo", "bc": "Báo cáo", "tt": "Thông tư", "nd": "Nghị định",
    "hd": "Hướng dẫn", "tr": "Tờ trình", "kl": "Kết luận", "da": "Đề án",
}
_KIND_TAIL_RE = re.compile(r"^(?:hanh dong|thuc hien|so\s*\S*|[ivxlc]+|\d+[a-z]?|kem theo)?$")
_NUMBER_RE = re.compile(r"\bSố(?: hiệu)?\s*:\s*(\d[\w.]*(?:\s*/\s*[\w.Đđ-]+)+)", re.IGNORECASE)
_ATTACHED_RE = re.compile(
    r"kèm theo\s+(Quyết định|Kế hoạch|Nghị quyết|Chỉ thị|Thông báo|Chương trình|Công văn|Văn bản)"
    r"\s+(?:số\s*:?\s*)?(?P<number>\S*/\S+)?(?P<rest>.*)",
    re.IGNORECASE,
)
_DATE_AFTER_NGAY_RE = re.compile(
    r"ngày\s+(\d{1,2})\s*(?:tháng\s*(\d{1,2})\s*(?:,\s*)?năm\s*(\d{4})|([/.-])\s*(\d{1,2})\s*\4\s*(\d{4}))",
    re.IGNORECASE,
)
_AUTHORITY_RE = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|HỘI ĐỒNG NHÂN DÂN|"
    r"BAN CHẤP HÀNH|BAN THƯỜNG VỤ|BAN CHỈ ĐẠO|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|"
    r"ỦY BAN THƯỜNG VỤ|UỶ BAN THƯỜNG VỤ|QUỐC HỘI|CHÍNH PHỦ|TỔNG GIÁM ĐỐC)\b"
)
# Words of a body's name that keep their capital when an all-caps name is re-cased.
_PROPER = [
    ("ủy ban thường vụ quốc hội", "Ủy ban Thường vụ Quốc hội"), ("quốc hội", "Quốc hội"),
    ("chính phủ", "Chính phủ"), ("trung ương", "Trung ương"), ("việt nam", "Việt Nam"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    # "Thành phố" is part of this city's name and keeps its capital
    ("thành phố hồ chí minh", "Thành phố Hồ Chí Minh"),
]
_STOP_RE = re.compile(
    r"^(?:căn cứ|xét đề nghị|theo đề nghị|kính gửi|điều 1|thực hiện|nay,|-{3,}|_{3,}|độc lập|cộng hòa|cộng hoà)",
    re.IGNORECASE,
)
_LEVELS = ["thành phố", "tỉnh", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường", "đặc khu"]
_LEVEL_RE = "|".join(_LEVELS)
_ISSUER_SENTENCE_RE = re.compile(
    rf"(?:^|[,.;]\s*|Nay\s*,?\s*)((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:{_LEVEL_RE})\b.*?)"
    r"\s+(?:ban hành|xây dựng|triển khai|tổ chức|đề ra|giao)\b",
    re.IGNORECASE,
)
# Where an issuer's name ends inside running text.
_NAME_END_RE = re.compile(
    r"[,;:()]|\s(?:về|ban hành|như sau|gồm|trên|trong|có|sau|cụ thể|chi tiết|đối với|tại|theo|và các|"
    r"xây dựng|triển khai|tổ chức|đề ra|giao|thực hiện|quy định)(?!\w)"
)


def _name_in_text(text: str) -> str | None:
    """An agency name at the start of running text, without what the sentence says next."""
    m = _NAME_END_RE.search(text)
    name = (text[: m.start()] if m else text).strip(" .;)")
    return name if name and len(name.split()) <= 12 else None


@dataclass
class _Item:
    text: str
    line: int
    last_line: int
    bold: bool = False


def _items(doc: Document, limit: int = 200) -> list[_Item]:
    """Header-zone text pieces in reading order: paragraphs, and each line of each table
    cell (headers are often laid out in a borderless table)."""
    out: list[_Item] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            last = block.last_line
            if last > block.line and last <= len(doc.lines) and last - block.line < 40:
                # a paragraph the reader joined from several lines (a soft-wrapped web page):
                # the header's own lines ("KẾ HOẠCH" / subject / …) are read one by one
                for n in range(block.line, last + 1):
                    text = clean(doc.lines[n - 1]).strip("* |")
                    if text:
                        out.append(_Item(text, n, n, block.bold))
                continue
            text = clean(block.text).strip("* ")
            if text:
                out.append(_Item(text, block.line, block.last_line, block.bold))
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    for piece in cell.text.split("\n"):
                        text = clean(piece).strip("* |")
                        if text:
                            out.append(_Item(text, row.line, row.last_line, cell.bold))
        if len(out) >= limit:
            break
    return out


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _kind_of_line(item: _Item) -> str | None:
    text = item.text.strip(" .")
    if len(text) > 60 or text.endswith(":") or len(text.split()) > 6:
        return None
    f = fold_words(text)
    for prefix, kind in KINDS:
        if f == prefix or f.startswith(prefix + " "):
            tail = f[len(prefix):].strip()
            if _KIND_TAIL_RE.match(tail) and (_is_upper(text) or item.bold or not tail):
                return kind
    return None


def _find_kind_line(items: list[_Item]) -> int | None:
    for i, item in enumerate(items[:60]):
        if fold(item.text).startswith("can cu"):
            return None
        # a web page's metadata panel ("Loại văn bản: | Quyết định") is not the kind line
        if _kind_of_line(item) and not (i and items[i - 1].text.endswith(":")):
            return i
    return None


def _header_text(items: list[_Item]) -> str:
    """Text of the header zone: everything before the first recital ("Căn cứ …")."""
    parts = []
    for item in items[:60]:
        if fold(item.text).startswith(("can cu", "kinh gui", "dieu 1")):
            break
        parts.append(item.text)
    return " ".join(parts)


def _date_after_ngay(text: str) -> date | None:
    m = _DATE_AFTER_NGAY_RE.search(text)
    if not m:
        return None
    if m.group(2):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        d, mo, y = int(m.group(1)), int(m.group(5)), int(m.group(6))
    return make_date(y, mo, d) if plausible_year(y) else None


def _issue_date(header: str) -> date | None:
    # "<Place>, ngày 29 tháng 12 năm 2022": the comma after the place name marks it.
    for m in re.finditer(r",\s*(ngày\s+.{0,30})", header, re.IGNORECASE):
        d = _date_after_ngay(m.group(1))
        if d:
            return d
    return None


def _clean_number(raw: str | None) -> str | None:
    if not raw:
        return None
    number = re.sub(r"\s+", "", raw).rstrip(".,;)")
    return number if re.match(r"\d", number) else None


def _title_case_place(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def _proper(name: str) -> str:
    for low, cased in _PROPER:
        name = re.sub(rf"(?<!\w){low}(?!\w)", cased, name, flags=re.IGNORECASE)
    return name


def issuer_from_caps(text: str) -> str:
    """"ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI" → "UBND thành phố Quảng Ngãi"."""
    s = re.sub(r"[-_=.*]{2,}", " ", " ".join(text.split())).strip(" .,:;")
    if not _is_upper(s):
        return s
    s = re.sub(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\b", "UBND", s)
    s = re.sub(r"\bỦY BAN NHÂN DÂN\b|\bUỶ BAN NHÂN DÂN\b", "UBND", s)
    s = re.sub(r"\bHỘI ĐỒNG NHÂN DÂN\b", "HĐND", s)
    m = re.search(rf"\b({_LEVEL_RE})\s+(.+)$", s, re.IGNORECASE)
    if m:
        head = s[: m.start()].strip()
        words = head.split()
        head = " ".join(
            w if w in ("UBND", "HĐND") else (w[:1] + w[1:].lower() if i == 0 else w.lower())
            for i, w in enumerate(words)
        )
        return _proper(f"{head} {m.group(1).lower()} {_title_case_place(m.group(2))}".strip())
    # "BỘ TRƯỞNG BỘ TÀI CHÍNH" → "Bộ trưởng Bộ Tài chính": each body word opens a name
    out: list[str] = []
    for i, w in enumerate(s.split()):
        low = w.lower()
        if w in ("UBND", "HĐND"):
            out.append(w)
            continue
        after_body = bool(out) and out[-1] in ("Bộ", "Sở", "Cục") and low != "trưởng"
        opens = i == 0 or after_body or low in ("bộ", "sở")
        out.append(w[:1] + low[1:] if opens else low)
    return _proper(" ".join(out))


def _named(issuer: str) -> bool:
    """The issuer names its place or field, not only its level ("Ủy ban nhân dân tỉnh")."""
    return not re.search(rf"(?:{_LEVEL_RE})\s*$", issuer, re.IGNORECASE)


def _issuer(items: list[_Item], kind_idx: int | None, doc: Document) -> str | None:
    candidates = [
        _enacting_authority(items, kind_idx),
        _attached_to(items),
        _header_body(items),
        _preamble_issuer(doc),
    ]
    found = [c for c in candidates if c]
    return next((c for c in found if _named(c)), found[0] if found else None)


def _enacting_authority(items: list[_Item], kind_idx: int | None) -> str | None:
    """The authority line between the subject and the recitals ("ỦY BAN NHÂN DÂN …")."""
    start = kind_idx + 1 if kind_idx is not None else 0
    window = items[start: start + 12]
    for i, item in enumerate(window):
        if fold(item.text).startswith("can cu"):
            break
        prev = window[i - 1] if i else None
        if prev is not None and _is_upper(prev.text) and re.search(r"(?:[,;]|\s(?:CỦA|VÀ|VỀ|TRÊN|THUỘC|CHO|TẠI))$", prev.text):
            continue  # "…, / UBND CẤP XÃ THỰC HIỆN …": the subject line wrapped, not the authority
        if _is_upper(item.text) and _AUTHORITY_RE.match(item.text):
            # "CHỦ TỊCH ỦY BAN NHÂN" / "DÂN TỈNH NGHỆ AN": one line broken in two
            parts = [item.text]
            for nxt in window[i + 1: i + 3]:
                # (a blank line may sit between the two halves in a Markdown page)
                if not _is_upper(nxt.text) or nxt.line > item.last_line + 2 * len(parts) \
                        or fold(nxt.text).startswith("can cu"):
                    break
                parts.append(nxt.text)
            return issuer_from_caps(" ".join(parts))
    return None


def _attached_to(items: list[_Item]) -> str | None:
    """An appendix: "(Ban hành kèm theo Quyết định số … của UBND thành phố Vũng Tàu)"."""
    for i, item in enumerate(items):
        text = item.text
        for nxt in items[i + 1: i + 3]:
            if text.count("(") <= text.count(")") or not re.search(r"\bcủa\s+\S", text):
                break  # only a name begun on this line and cut by the wrap is completed
            text = f"{text} {nxt.text}"  # "(Kèm theo … của Chủ tịch UBND tỉnh Đồng" / "Nai)"
        m = _ATTACHED_RE.search(text)
        if m and re.match(r"\(?\s*(?:ban hành\s+)?kèm theo", text, re.IGNORECASE):
            of = re.search(r"\bcủa\s+(.+?)\s*\)?\s*$", m.group("rest"))
            if of and (name := _name_in_text(of.group(1))):
                return name
    return None


def _preamble_issuer(doc: Document) -> str | None:
    """The preamble sentence: "Nay, UBND thành phố X xây dựng kế hoạch …"."""
    for block in doc.blocks[:80]:
        if isinstance(block, Paragraph):
            m = _ISSUER_SENTENCE_RE.search(clean(block.text))
            if m and (name := _name_in_text(m.group(1))):
                return name
    return None


_BODY_RE = re.compile(
    r"(?:ỦY BAN|UỶ BAN|UBND|HĐND|HỘI ĐỒNG|BỘ|SỞ|BAN|VĂN PHÒNG|TRUNG TÂM|CHÍNH PHỦ|QUỐC HỘI|THỦ TƯỚNG|"
    r"CỤC|TỔNG CỤC|CHI CỤC|PHÒNG|THANH TRA|CÔNG AN|BỘ CHỈ HUY|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY)\b"
)


def _header_body(items: list[_Item]) -> str | None:
    """The issuing body at the top left, often broken over several lines."""
    pieces: list[str] = []
    # start at the first line that names a body (a web page may put a panel above it)
    start = next((i for i, it in enumerate(items[:80]) if _is_upper(it.text) and _BODY_RE.match(it.text)), None)
    if start is None:
        return None
    for item in items[start: start + 12]:
        if _kind_of_line(item) or re.match(r"cong hoa|doc lap|so\s*(?:hieu)?\s*:", fold(item.text)):
            if pieces:
                break
            continue
        if re.fullmatch(r"[-_=.* ]+", item.text):
            if pieces:
                break
            continue
        if _is_upper(item.text):
            pieces.append(item.text)
        elif pieces:
            break
    # "UBND TỈNH X" over "SỞ Y": the lower line is the body that issues
    child = next((i for i, p in enumerate(pieces) if i and re.match(
        r"(?:SỞ|PHÒNG|TRUNG TÂM|BAN|VĂN PHÒNG|CỤC|CHI CỤC|TỔNG CỤC|THANH TRA|CÔNG AN|BỘ CHỈ HUY)\b", p)), None)
    joined = " ".join(pieces[child:] if child is not None else pieces)
    if joined and re.search(r"ỦY BAN|UỶ BAN|UBND|BỘ |SỞ |HỘI ĐỒNG|BAN |TRUNG TÂM|PHÒNG|CỤC", joined):
        # the line under a parent body names the issuer itself ("UBND TỈNH X / SỞ Y")
        return issuer_from_caps(joined)
    return None


def _title(items: list[_Item], kind_idx: int | None) -> str | None:
    if kind_idx is None:
        for item in items[:40]:
            m = re.match(r"^(?:V/v|Về việc)\s*:?\s*(.+)$", item.text, re.IGNORECASE)
            if m:
                return clean(m.group(1))
        return None
    parts: list[str] = []
    prev: _Item | None = None
    for item in items[kind_idx + 1: kind_idx + 12]:
        text = item.text
        if (
            _STOP_RE.match(text) and parts
            or text.startswith("(")
            or _AUTHORITY_RE.match(text) and _is_upper(text) and parts
            or re.fullmatch(r"[-_=.* ]+", text)
            or fold(text).startswith(("can cu", "kinh gui", "dieu 1"))
        ):
            break
        if prev is not None and item.line > prev.last_line + 1 and not text[:1].islower():
            break  # a new paragraph after a blank line, not a continuation
        parts.append(text)
        prev = item
        if sum(len(p) for p in parts) > 600:
            break
    title = clean(" ".join(parts))
    return title if title and not title.endswith(":") else None


_TITLE_PERIOD_RES = [
    re.compile(r"giai doan\s*(?:tu\s*)?(?:nam\s*)?\d{4}\s*(?:-|–|—|den)\s*(?:nam\s*)?\d{4}"),
    re.compile(r"(?<!nhiem ky )(?:(?:den|toi)\s+(?:het\s+)?)?nam\s+\d{4}(?:\s*(?:-|–|—)\s*\d{4})?"),
]
_TIMING_LINE_RE = re.compile(
    r"^(?:[\dIVXivx]+[.)]\s*|[a-zđ][.)]\s*|[-+*•]\s*)*(?:Thời gian|Thời hạn|Tiến độ)[^:]{0,40}:\s*(.*)$",
    re.IGNORECASE,
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _title_period(title: str) -> dict | None:
    folded = " ".join(fold(title).split())
    # document references ("Quyết định số 06/QĐ-TTg ngày 02 tháng 01 năm 2025") are
    # not the plan's own period
    folded = re.sub(
        r"\d+(?:/\d{4})?[/-][a-z][\w./-]*(?:\s+ngay\s+\d{1,2}(?:\s+thang\s+\d{1,2}\s+nam|\s*/\s*\d{1,2}\s*/)\s*\d{4})?",
        " ",
        folded,
    )
    folded = re.sub(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}", " ", folded)
    for regex in _TITLE_PERIOD_RES:
        found = regex.findall(folded)
        if found:
            tf = parse_timeframe(found[-1])
            if tf.start or tf.due:
                return {"start": _iso(tf.start), "due": _iso(tf.due)}
    return None


def _period(title: str | None, doc: Document) -> dict:
    """The plan's own timing line when it has exactly one ("Thời gian thực hiện: giai
    đoạn 2022 – 2023"), else the period its title names ("… năm 2023"), else the union of
    its items' timing phrases (open-ended when one of them names no date)."""
    lines = _timing_lines(doc)
    if len(lines) == 1:
        tf = parse_timeframe(lines[0])
        if tf.start or tf.due:
            return {"start": _iso(tf.start), "due": _iso(tf.due)}
    if title and (found := _title_period(title)):
        return found
    starts: list[date | None] = []
    dues: list[date | None] = []
    for phrase in lines + _timing_cells(doc):
        tf = parse_timeframe(phrase)
        starts.append(tf.start)
        dues.append(tf.due)
    if not any(starts) and not any(dues):
        return {"start": None, "due": None}
    # every item has a start → the earliest; an item with a date but no start ("trước
    # ngày …") leaves the start open; an item with no date at all ("Thường xuyên")
    # leaves the end open
    dated = [(a, b) for a, b in zip(starts, dues, strict=True) if a or b]
    start = None if any(a is None for a, _ in dated) else min(a for a, _ in dated if a)
    due = None if any(b is None for b in dues) else max(b for b in dues if b)
    return {"start": _iso(start), "due": _iso(due)}


_TIMING_HEAD_RE = re.compile(r"^(?:thoi gian|tien do|thoi han)")


def _timing_lines(doc: Document) -> list[str]:
    """The "Thời gian …: X" lines (X may be the next paragraph when the line ends with
    its colon)."""
    lines: list[str] = []
    waiting = False
    for block in doc.blocks:
        if isinstance(block, Table):
            waiting = False
            continue
        if not isinstance(block, Paragraph):
            continue
        text = clean(block.text)
        if waiting and text:
            lines.append(text)
            waiting = False
            continue
        m = _TIMING_LINE_RE.match(text)
        if m:
            value = m.group(1).strip()
            if value:
                lines.append(re.split(r";", value)[0])
            else:
                waiting = True
    return lines


def _timing_cells(doc: Document) -> list[str]:
    """The cells of each table's "Thời gian hoàn thành" / "Tiến độ" column."""
    cells: list[str] = []
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        column = None
        for row in block.rows:
            heads = [fold_words(clean(t)) for t in row.texts]
            found = next((j for j, h in enumerate(heads) if _TIMING_HEAD_RE.match(h)), None)
            if found is not None:
                column = found  # a header row (repeated at page breaks)
                continue
            if column is not None and column < len(row.cells):
                cells.append(clean(row.cells[column].text))
    return cells


# The last document's answer: the report layout asks again for the same document.
_LAST: list[tuple] = [(None, None)]


def extract_metadata(doc: Document) -> dict:
    """The "document" object of the extraction format."""
    last = _LAST[0]
    if last[0] is not doc:
        last = (doc, _extract_metadata(doc))
        _LAST[0] = last
    return copy.deepcopy(last[1])


def _extract_metadata(doc: Document) -> dict:
    items = _items(doc)
    kind_idx = _find_kind_line(items)
    header = _header_text(items)

    kind = _kind_of_line(items[kind_idx]) if kind_idx is not None else None
    m = _NUMBER_RE.search(header)
    number = _clean_number(m.group(1)) if m else None
    issued = _issue_date(header)

    # An appendix carries the number and date of the document it is attached to.
    for item in items:
        att = _ATTACHED_RE.search(item.text)
        if not att or not re.match(r"\(?\s*(?:ban hành\s+)?kèm theo", item.text, re.IGNORECASE):
            continue  # "ban hành kèm theo Quyết định số …" inside a sentence names another text
        if not att.group("number") and not _date_after_ngay(att.group("rest")):
            continue  # "Ban hành kèm theo Nghị quyết này …": names nothing
        if kind == "Phụ lục" or kind is None or not (number or issued):
            number = number or _clean_number(att.group("number"))
            issued = issued or _date_after_ngay(att.group("rest"))
            break

    if kind is None and number:
        codes = [p.split("-")[0] for p in fold(number).split("/")[1:] if not p.isdigit()]
        kind = _NUMBER_CODES.get(codes[0]) if codes else None
        if kind is None and any(re.match(r"^(?:V/v|Về việc)\b", it.text, re.IGNORECASE) for it in items[:40]):
            kind = "Công văn"

    title = _title(items, kind_idx)
    issuer = _issuer(items, kind_idx, doc)
    if kind_idx is None and number is None and (quoted := _quoted_document(items)):
        # a page that reports on a document ("Công văn 4505/BVHTTDL-MTNATL …"; "Ngày
        # 03/9/2025, Bộ … đã có Công văn 4505/…"): the document it is about
        kind, number, issued_q, issuer_q = quoted
        issued, issuer = issued or issued_q, issuer or issuer_q
    return {
        "kind": kind,
        "number": number,
        "issued_on": _iso(issued),
        "issuer": issuer,
        "title": title,
        "period": _period(title, doc),
    }


_QUOTED_RE = re.compile(
    r"^(Công văn|Quyết định|Kế hoạch|Chỉ thị|Thông báo|Nghị quyết|Thông tư|Nghị định|Chương trình)\s+"
    r"(?:số\s+)?(\d+[\w.-]*/[\w/.Đđ-]+)"
)


def _quoted_document(items: list[_Item]) -> tuple[str, str, date | None, str | None] | None:
    for item in items[:6]:
        m = _QUOTED_RE.match(item.text)
        if not m:
            continue
        kind, number = m.group(1), m.group(2).rstrip(".,;")
        issued = issuer = None
        said = re.compile(
            r"Ngày\s+(.{4,30}?),\s*(.{3,80}?)\s+(?:đã\s+)?(?:có|ban hành|ký ban hành|ký)\s+"
            + re.escape(kind) + r"\s+(?:số\s+)?" + re.escape(number)
        )
        for other in items[:60]:
            w = said.search(other.text)
            if w:
                issued = _date_after_ngay("ngày " + w.group(1))
                issuer = w.group(2).strip()
                break
        return kind, number, issued, issuer
    return None
