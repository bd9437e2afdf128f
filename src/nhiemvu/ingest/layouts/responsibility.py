"""Responsibility lines under an item: `+ Cơ quan chủ trì (tham mưu): …`, `* Đơn vị thực
hiện đánh giá: …`, `Cơ quan phối hợp: …`, `Thời gian hoàn thành: …`, `Tiến độ thực hiện: …`,
`Chỉ đạo thực hiện: …`, `Sản phẩm: …`, `Kinh phí: …`, with a `+ - * •` marker or none.

Also the column names of assignment tables, which use the same words. Pure.
"""

from __future__ import annotations

import functools
import re

from nhiemvu.ingest.layouts.vn_compat import fold_words

FIELDS = ("lead", "support", "due_text", "directed_by", "product", "funding")

_LINE_RE = re.compile(r"^\s*(?:[-+*•–·▪]\s*)?([^:]{2,80}?)\s*:\s*(.*)$", re.S)


@functools.lru_cache(maxsize=8192)
def field_of(name: str) -> str | None:
    """Which task field a responsibility name or a table column name fills."""
    f = fold_words(name)
    f = re.sub(r"^(cac )?", "", f)
    if not f or len(f.split()) > 10:
        return None
    if re.match(r"^((lanh dao|don vi|co quan) )?chi dao( (thuc hien|chung|dieu hanh|trien khai)\b.*)?$", f):
        # "Chỉ đạo thực hiện:" is a field; "Chỉ đạo Tổng công ty X:" hands work to X.
        return "directed_by"
    if "phoi hop" in f and "chu tri" not in f:
        return "support"
    f = re.sub(r"^((co quan|don vi|bo phan|to chuc|ca nhan|nguoi)\s*){2,}", r"\2 ", f)  # "Cơ quan, bộ phận, người thực hiện"
    if re.match(r"^(co quan|don vi|bo phan|co quan don vi|to chuc|nguoi|cq|dv|ca nhan)\s+(duoc giao\s+)?"
                r"(chu tri|tham muu|thuc hien|chiu trach nhiem|phu trach|dau moi|trinh|soan thao)\b", f):
        return "lead"
    if re.match(r"^(chu tri|chu tri thuc hien|chu tri tham muu|trach nhiem thuc hien|trach nhiem chinh|"
                r"phan cong thuc hien|phan cong)$", f) or f in ("tham muu", "thuc hien"):
        return "lead"
    if re.match(r"^(thoi gian|thoi han|tien do|moc thoi gian|han hoan thanh|thoi diem)\b", f):
        return "due_text"  # as a table column; a line's label is checked by parse_line
    if re.match(r"^(san pham|ket qua san pham|hinh thuc san pham|san pham dau ra|ket qua dau ra|ket qua du kien|"
                r"ket qua dat duoc|hinh thuc van ban|du kien san pham|hinh thuc the hien)\b|^ket qua$", f):
        return "product"
    if re.match(r"^(kinh phi|nguon kinh phi|nguon von|du toan kinh phi|tong kinh phi|nguon ngan sach)\b", f):
        return "funding"
    return None


# Timing labels of a task; not any "Thời gian …" ("Thời gian giải quyết thủ tục: 45 ngày",
# "Thời gian di chuyển: 3 giờ" describe something else).
_TIMING = (
    r"^(thoi gian|thoi han|moc thoi gian|thoi diem)"
    r"( (va |, )?(du kien|tien do|lo trinh|cu the))*"
    r"( (thuc hien|hoan thanh|trien khai|to chuc|bat dau|ket thuc|trinh|ban hanh|bao cao|nop|gui|xong|"
    r"hoan thien|chuan bi|tham muu|de xuat|thuc hien va hoan thanh|thuc hien hoan thanh)\b.*)?$|"
    r"^(tien do|han hoan thanh|han)\b"
)


_PLACEHOLDER_RE = re.compile(r"\([^)]*\)|[.…_\-–:;,\s]")


def parse_line(text: str) -> tuple[str, str] | None:
    """(field, value as written) when the paragraph is a responsibility line. A blank form
    ("Cơ quan phối hợp: ………… (Nêu rõ …)") is not one."""
    m = _LINE_RE.match(text)
    if not m:
        return None
    field = field_of(m.group(1))
    if field is None or field == "due_text" and not re.match(_TIMING, fold_words(m.group(1))):
        return None
    value = m.group(2).strip()
    if value and not _PLACEHOLDER_RE.sub("", value):
        return None
    if "……" in value or "....." in value:
        return None
    return field, value


_SPLIT_RE = re.compile(r"[;.]\s+|\s+[-–]\s+|,\s+")


def parse_fields(text: str) -> list[tuple[str, str]]:
    """Every responsibility field of a line that holds several ("Đơn vị thực hiện: Sở X;
    thời gian: năm 2025"), or [] when the line is not a responsibility line."""
    first = parse_line(text)
    if first is None:
        return []
    field, value = first
    out: list[tuple[str, str]] = []
    start = 0
    for m in _SPLIT_RE.finditer(value):
        if m.start() <= start:
            continue
        rest = value[m.end():]
        nxt = parse_line(rest) if ":" in rest[:80] else None
        if nxt is None:
            continue
        out.append((field, value[start:m.start()].strip()))
        field = nxt[0]
        start = m.end() + rest.index(":") + 1
    out.append((field, value[start:].strip()))
    return out
