"""Vietnamese numbers and numeric targets (chỉ tiêu).

`parse_number("11,47") == 11.47`, `parse_number("7.000") == 7000`: Vietnamese writes the
decimal mark as "," and groups thousands with ".".

`parse_targets(sentence)` reads every number an indicator sentence sets, with its
comparator ("đạt", "trên", "từ … trở lên", "dưới", "<", "khoảng"), value, unit as written
("%", "‰", "tỷ đồng", "m2/người", "lao động", "hộ") and scope ("Dịch vụ", "phường"):

    "Tỷ lệ rác thải được thu gom xử lý đối với phường 97% và xã 79%."
    → [{"scope": "phường", "comparator": ">=", "value": 97, "unit": "%"},
       {"scope": "xã", "comparator": ">=", "value": 79, "unit": "%"}]

A number only counts as a target when a unit follows it: "mức độ 2", years, dates and
document numbers are not targets.

Pure: no I/O, no Django.
"""

from __future__ import annotations

import re

from nhiemvu.vn.text import fold_aligned, nfc

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+\.\d+|\d+(?:[.,]\d+)?"
_NUMBER_RE = re.compile(rf"(?<![\w.,/])({_NUMBER})(?![\w/]|[.,]\d)")


def _to_float(token: str) -> float | None:
    t = token.strip()
    if not t:
        return None
    if "." in t and "," in t:
        # the last mark is the decimal one: "1.234,5" (VN) or "1,234.5" (EN)
        vn = t.rfind(",") > t.rfind(".")
        t = t.replace(".", "").replace(",", ".") if vn else t.replace(",", "")
    elif "," in t:
        t = t.replace(",", ".") if t.count(",") == 1 else t.replace(",", "")
    elif "." in t:
        groups = t.split(".")
        # "7.000", "1.234.567": thousands groups; "1.5": a decimal written the English way
        if len(groups) > 2 or (len(groups[-1]) == 3 and groups[0] not in ("", "0")):
            t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """The first number in the text, read with Vietnamese separators, or None."""
    if not text:
        return None
    m = re.search(_NUMBER, text)
    return _to_float(m.group(0)) if m else None


def _number_value(v: float) -> int | float:
    return int(v) if v.is_integer() else v


# Units, longest first (folded). A word unit must end at a word boundary; "/x" suffixes
# ("m2/người", "%/năm", "bác sĩ/vạn dân") are kept as written.
_WORD_UNITS = sorted(
    {
        "nghin ty dong", "ngan ty dong", "ty dong", "trieu dong", "nghin dong", "ngan dong", "dong",
        "ty usd", "trieu usd", "usd", "trieu nguoi", "nghin nguoi", "nguoi", "luot nguoi",
        "trieu luot khach", "nghin luot khach", "luot khach", "trieu luot", "nghin luot", "luot",
        "lao dong", "ho", "ho gia dinh", "truong", "truong hoc", "lop", "hoc sinh", "sinh vien",
        "xa", "phuong", "thi tran", "thon", "ap", "khu pho", "to dan pho", "lang",
        "doanh nghiep", "hop tac xa", "to hop tac", "san pham", "du an", "cong trinh", "de an",
        "km", "km2", "m", "m2", "m3", "ha", "hecta", "hec ta", "tan", "ta", "kg", "lit",
        "mw", "kw", "kwh", "gw", "gwh", "mwh", "gbps", "mbps", "kbps", "tbps", "gb", "tb", "mb", "mhz", "ghz",
        "giuong benh", "giuong", "bac si", "duoc si", "dieu duong", "tram y te",
        "co so", "cho", "sieu thi", "cua hang", "can", "can ho", "can nha", "nha", "nha o",
        "con", "cay", "tieu chi", "thu tuc", "ho so", "van ban", "cuoc", "lan", "diem", "sao",
        "vu", "vu viec", "doan vien", "hoi vien", "dang vien", "chi bo", "to chuc", "don vi",
        "co quan", "thiet che", "nha van hoa", "cong chuc", "vien chuc", "can bo", "thanh vien",
    },
    key=len,
    reverse=True,
)
_PER = r"(?:\s*/\s*(?:nguoi|nam|thang|van dan|nghin dan|ngan dan|dan|ha|ho|km2|tuan|ngay|lop|s|giay))*"
_UNIT_RE = re.compile(
    r"\s*(?:(%|‰)" + _PER + r"|(" + "|".join(re.escape(u) for u in _WORD_UNITS) + r")" + _PER
    + r")(?![a-z0-9])"
)

_COMPARATOR_WORDS = [
    (r"<=|≤|=<", "<="),
    (r">=|≥|=>", ">="),
    (r"<", "<"),
    (r">", ">"),
    (r"=", "="),
    (r"khong vuot qua|khong qua|toi da|khong cao hon|khong lon hon", "<="),
    (r"duoi|it hon|thap hon|giam xuong duoi|xuong duoi", "<"),
    (r"tren|nhieu hon|cao hon|vuot", ">"),
    (r"toi thieu|it nhat|khong duoi|khong thap hon|tu", ">="),
    (r"khoang|chiem|bang|xap xi|giu on dinh|on dinh o muc|o muc", "="),
]
_COMPARATOR_TAIL_RE = [
    (re.compile(rf"(?:^|[^a-z])(?:{words})\s*:?\s*$"), op) for words, op in _COMPARATOR_WORDS
]
# Words between a scope and its number ("Dịch vụ tăng 13,36%"): stripped off the scope.
_VERB_TAIL_RE = re.compile(
    r"(?:\s|^)(?:phan dau|dat|tang|giam|chiem|la|co|cho|khoang|tren|duoi|tu|toi thieu|it nhat|"
    r"khong qua|toi da|binh quan|dat muc|o muc|bang|xap xi|[<>=≤≥]+|khong vuot qua|vuot|len|xuong|"
    r"tang them|giam them|con)\s*:?\s*$"
)
_INDICATOR_HEAD_RE = re.compile(r"^(?:ty le|tong|toc do|so |muc|gia tri|thu nhap|ty trong|co cau|chi so)")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")


def _comparator(left_folded: str, right_folded: str) -> str:
    if re.match(r"\s*(?:tro len|tro len tren)", right_folded):
        return ">="
    if re.match(r"\s*tro xuong", right_folded):
        return "<="
    tail = left_folded[-40:]
    for regex, op in _COMPARATOR_TAIL_RE:
        if regex.search(tail):
            return op
    return ">="


def _strip_verbs(s: str) -> str:
    """Cut comparator/verb words off the end of a folded left context (length-aligned)."""
    prev = None
    while prev != s:
        prev = s
        m = _VERB_TAIL_RE.search(s)
        if m:
            s = s[: m.start()]
        s = s.rstrip(" :,-–")
    return s


_BOUNDARY_RE = re.compile(r"[;:()]|trong do|doi voi|\bgom\b|\bbao gom\b")
_LIST_BOUNDARY_RE = re.compile(r",|\bva\b")


# A number said as a target ("tối thiểu 1 trạm", "đạt 3 sao") takes the word after it as
# its unit even when the word is not in the list above.
_TARGET_WORD_BEFORE_RE = re.compile(
    r"(?:^|\s)(?:dat|toi thieu|it nhat|tren|duoi|khoang|toi da|khong qua|co|cho|tang|giam|them)\s*$"
)
_WORD_AFTER_RE = re.compile(r"\s*([a-z]{2,12})(?![\w])")
_NOT_UNITS = frozenset(
    ["nam", "thang", "ngay", "tuan", "quy", "gio", "phut", "va", "den", "tro", "hoac", "so", "cua", "trong", "voi", "la", "duoc", "co", "cac", "nhung", "moi", "lan", "nua", "muc", "do", "tuoi"]
)


def _word_unit(folded: str, m: re.Match[str]) -> re.Match[str] | None:
    if not _TARGET_WORD_BEFORE_RE.search(folded[max(0, m.start() - 20): m.start()]):
        return None
    word = _WORD_AFTER_RE.match(folded, m.end())
    if word is None or word.group(1) in _NOT_UNITS:
        return None
    return word


def _clean_scope(original: str) -> str | None:
    s = " ".join(original.split()).strip(" ,;:.-–()")
    return s or None


def _targets_in(sentence: str) -> list[dict]:
    folded = fold_aligned(sentence)
    found: list[dict] = []
    prev_end = 0  # end of the previous target's unit
    prev_right_scope = False
    matches = []
    for m in _NUMBER_RE.finditer(folded):
        unit = _UNIT_RE.match(folded, m.end()) or _word_unit(folded, m)
        if unit is None:
            continue
        matches.append((m, unit))
    # a range "từ 5 đến 7 sản phẩm": the first number takes the unit of the second
    for m in _NUMBER_RE.finditer(folded):
        if any(m is mm for mm, _ in matches):
            continue
        nxt = re.match(rf"\s*(?:den|-|–|toi)\s*({_NUMBER})", folded[m.end():])
        if nxt:
            j = m.end() + nxt.start(1)
            for mm, unit in matches:
                if mm.start() == j:
                    matches.append((m, unit))
                    break
    matches.sort(key=lambda p: p[0].start())
    for i, (m, unit) in enumerate(matches):
        value = _to_float(m.group(1))
        if value is None:
            continue
        unit_text = " ".join(sentence[unit.start(): unit.end()].split())
        # boundary: the nearest clause mark before the number; a "," or "và" only when it
        # separates this target from a previous one ("phường 97% và xã 79%")
        cut = 0
        mid = False
        strong_after_prev = None
        for b in _BOUNDARY_RE.finditer(folded, 0, m.start()):
            cut, mid = b.end(), True
            if strong_after_prev is None and b.start() >= prev_end and b.group(0) != "doi voi":
                strong_after_prev = b.start()
        if found:
            # a list mark counts only before a stronger clause mark ("75%, trong đó có bằng
            # cấp, chứng chỉ đạt 35%": the scope starts after "trong đó")
            limit = strong_after_prev if strong_after_prev is not None else m.start()
            for b in _LIST_BOUNDARY_RE.finditer(folded, prev_end, limit):
                if b.end() > cut:
                    cut, mid = b.end(), True
            if prev_end > cut:
                cut, mid = prev_end, True
        left_folded = folded[cut: m.start()]
        right_folded = folded[unit.end():]
        comparator = _comparator(folded[max(0, m.start() - 40): m.start()], right_folded)
        if i + 1 < len(matches) and matches[i + 1][1] is unit:
            comparator = ">="  # lower end of a range
        elif i > 0 and matches[i - 1][1] is unit and re.search(r"(?:den|-|–|toi)\s*$", folded[: m.start()]):
            comparator = "<="  # upper end of a range
        scope = None
        head = _strip_verbs(left_folded)
        if mid and head.strip() and len(head.split()) <= 5 and not _INDICATOR_HEAD_RE.match(head.strip()):
            scope = _clean_scope(sentence[cut: cut + len(head)])
        right_scope = False
        if scope is None:
            rm = re.match(r"\s*(so(?! voi)|doi voi)\s+", right_folded)
            if rm or prev_right_scope:
                start = unit.end() + (rm.end() if rm else 0)
                nxt = matches[i + 1][0].start() if i + 1 < len(matches) else len(folded)
                stop = re.search(r"[;.()]|\bdat\b|\btro len\b|\bso voi\b|,\s*(?=\d)", folded[start:nxt])
                end = start + stop.start() if stop else nxt
                if rm and rm.group(1) == "doi voi":
                    comma = folded.find(",", start, end)
                    end = comma if comma >= 0 else end
                if end - start < 80:
                    scope = _clean_scope(sentence[start:end])
                    right_scope = scope is not None
        prev_right_scope = right_scope
        found.append(
            {"scope": scope, "comparator": comparator, "value": _number_value(value), "unit": unit_text}
        )
        prev_end = unit.end()
    return found


def parse_targets(text: str) -> list[dict]:
    """Every numeric target an indicator sentence sets: [{"scope", "comparator", "value",
    "unit"}] (see EXTRACTION_FORMAT.md). [] when it sets none ("đạt và vượt chỉ tiêu")."""
    if not text or not text.strip():
        return []
    text = nfc(text)
    out: list[dict] = []
    for sentence in _SENTENCE_RE.split(text):
        if sentence.strip():
            out.extend(_targets_in(sentence))
    return out
