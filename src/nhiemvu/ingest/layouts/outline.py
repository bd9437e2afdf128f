"""The document's paragraphs as an outline tree, from their numbering labels.

Two paragraphs with the same label style are siblings; a new style nests under the one
before (so `I.` › `1.` › `1.1.` › `a)` › `-` › `+` whatever order a document uses).
Unlabelled paragraphs continue the paragraph before them. Responsibility lines are not
outline entries: they are attached, as a block, to the item they follow. The distribution
list and signature ("Nơi nhận" …) are skipped up to the title of an attached document
(the plan or appendix a decision issues), which is read as a new part. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from nhiemvu.ingest.blocks import Document, Paragraph
from nhiemvu.ingest.layouts.agencies import agency_heading, opening_agency, starts_like_agency
from nhiemvu.ingest.layouts.numbering import Label, paragraph_label
from nhiemvu.ingest.layouts.responsibility import parse_fields, parse_line
from nhiemvu.ingest.layouts.sections import is_document_title
from nhiemvu.ingest.layouts.vn_compat import fold_words, normalize_space

_HEADING_RANK = {"part": 0, "chapter": 1, "article": 2}
_END_RE = re.compile(r"^(noi nhan|tm uy ban nhan dan|tm ubnd|kt chu tich|tren day la (ke hoach|chuong trinh|quyet dinh|chi thi|noi dung|thong bao))\b")


@dataclass
class Node:
    label: Label | None
    text: str  # text after the label, whitespace-normalised
    line: int
    last_line: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # unlabelled paragraphs that continue it
    resp: dict[str, str] = field(default_factory=dict)  # responsibility block: field → value
    resp_lines: list[int] = field(default_factory=list)
    heading_level: int | None = None  # Markdown / Word heading level
    regulation: bool = False  # inside a Quy định / Quy chế: standing rules, not assigned work
    lead_in: str | None = None  # root only: the preamble's last sentence when it ends with ":"
    content_field: bool = False  # "(1) Nội dung thực hiện:" with no item above: the task itself
    content_parts: tuple[int, int] | None = None  # its (extra, children) when "Tổ chức thực hiện:" came

    @property
    def is_bullet(self) -> bool:
        return bool(self.label and self.label.is_bullet)

    @property
    def full_text(self) -> str:
        return normalize_space(" ".join([self.text, *self.extra]))

    def ancestors(self) -> list[Node]:
        """From the parent up, without the root."""
        out, node = [], self.parent
        while node is not None and node.parent is not None:
            out.append(node)
            node = node.parent
        return out

    def descendants(self) -> list[Node]:
        out = []
        for c in self.children:
            out.append(c)
            out.extend(c.descendants())
        return out

    @property
    def end_line(self) -> int:
        last = max([self.last_line, *self.resp_lines])
        for c in self.children:
            last = max(last, c.end_line)
        return last


def _key(node: Node) -> tuple:
    if node.heading_level is not None:
        return ("heading", node.heading_level)
    assert node.label is not None
    return node.label.key


def is_end_marker(text: str) -> bool:
    return bool(_END_RE.match(fold_words(text)))


_CONTENT_FIELD_RE = re.compile(r"^(nhiem vu|noi dung|noi dung (thuc hien|cong viec|nhiem vu|chu yeu)|yeu cau)$")
_HEADER_FIELD_RE = re.compile(r"^(to chuc thuc hien|phan cong thuc hien|trach nhiem thuc hien|co quan thuc hien|don vi thuc hien)$")


_ARTICLE_TEXT_RE = re.compile(r"(?i)^\**\s*(?:theo đó|như vậy|trên đây là|xem thêm|xem chi tiết|tải về|nguồn\s*:|lưu ý\s*:)")
_ELISION_RE = re.compile(r"^(\[\s*(\.{3,}|…)\s*\]|\(\s*(\.{3,}|…)\s*\))$")
_DETAIL_FIELD_RE = re.compile(
    r"^(dia diem|dia ban|thanh phan|thanh phan tham du|thanh phan tham gia|hinh thuc|quy mo|doi tuong|"
    r"doi tuong tham gia|phuong thuc|so luong|noi dung|yeu cau|ghi chu)$"
)


def _is_detail_field(text: str) -> bool:
    """A bullet that is one labelled detail of an item ("Địa điểm: Hội trường …")."""
    if ":" not in text:
        return False
    name, value = text.split(":", 1)
    return bool(value.strip()) and bool(_DETAIL_FIELD_RE.match(fold_words(name)))


def _field(text: str) -> tuple[str, str] | None:
    """A labelled paragraph that is one field of the item above it: "a) Nhiệm vụ: …",
    "b) Cơ quan thực hiện:", "c) Thời gian thực hiện: …", "(2) Tổ chức thực hiện:"."""
    if ":" not in text:
        return None
    name, value = text.split(":", 1)
    f = fold_words(name)
    if _CONTENT_FIELD_RE.match(f):
        return "content", value.strip()
    if _HEADER_FIELD_RE.match(f) and not value.strip():
        return "header", ""
    return parse_line(text)


_HEAD_WORD_RE = re.compile(r"^(Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)$")
_HEAD_NUMBER_RE = re.compile(r"^(\d{1,3}|[IVXLC]{1,7})\s*[.:\-–]?(\s|$)")


def _join_split_names(out: list) -> list:
    """A crawl that cut one agency name over two bullets ("- Cục Chuyển đổi số" / "- Cơ yếu
    chủ trì …"): a bullet that is only a name, then a bullet whose first words are not an
    agency but are followed by the duty verb, are one item ("Cục Chuyển đổi số - Cơ yếu …")."""
    joined: list = []
    i = 0
    while i < len(out):
        cur = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        if (nxt is not None and cur[0] is not None and nxt[0] is not None and cur[2] is not None
                and nxt[2] is not None and cur[2].is_bullet and nxt[2].is_bullet and cur[2].key == nxt[2].key
                and _bare_name(cur[2].rest) and _continues_name(nxt[2].rest)):
            text = f"{cur[1]} - {nxt[2].rest}"
            label = replace(cur[2], rest=f"{cur[2].rest} - {nxt[2].rest}")
            block = replace(cur[0], text=text, end_line=nxt[0].last_line)
            joined.append((block, text, label, None))
            i += 2
            continue
        joined.append(cur)
        i += 1
    return joined


def _bare_name(text: str) -> bool:
    t = text.strip()
    return (1 < len(t.split()) <= 8 and not t.endswith((".", ";", ":", ",")) and starts_like_agency(t)
            and opening_agency(t) is None and agency_heading(t) is not None)


def _continues_name(text: str) -> bool:
    t = text.strip()
    if not t[:1].isupper() or starts_like_agency(t):
        return False
    own = opening_agency("Sở " + t)  # read as the tail of a name: "<name tail> chủ trì …"
    if not own or len(own[0]) != 1:
        return False
    return 1 <= len(own[0][0].split()) - 1 <= 3  # one to three words before the verb


def _join_split_headings(blocks: list) -> list:
    """"Điều" on a line of its own and "13. Trách nhiệm …" on the next (a wrapped heading)
    are one heading: "Điều 13. Trách nhiệm …"."""
    out: list = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, Paragraph) and isinstance(prev, Paragraph) and not prev.label and not block.label
                and _HEAD_WORD_RE.match(prev.text.strip()) and _HEAD_NUMBER_RE.match(block.text.strip())):
            out[-1] = replace(prev, text=f"{prev.text.strip()} {block.text.strip()}", end_line=block.last_line,
                              bold=prev.bold or block.bold)
            continue
        out.append(block)
    return out


def _paragraphs(doc: Document) -> list[tuple[Paragraph | None, str, Label | None, tuple[str, str] | None]]:
    """(paragraph, text, label, field) in order; None entries stand for tables."""
    out: list = []
    for block in _join_split_headings(doc.blocks):
        if not isinstance(block, Paragraph):
            out.append((None, "", None, None))
            continue
        text = block.text if "  " not in block.text and "\n" not in block.text else normalize_space(block.text)
        if not text:
            continue
        label = paragraph_label(block.label, text)
        field_ = _field(label.rest) if label is not None and not label.is_bullet else None
        out.append((block, text, label, field_))
    out = _join_split_names(out)
    # A numbered paragraph is a field only among sibling fields (a), b), c) of one item);
    # alone ("1. Thời gian triển khai thực hiện: năm 2025") it is an item of its own.
    numbered = [i for i, (b, _, lab, _) in enumerate(out) if b is not None and lab is not None and not lab.is_bullet]
    for n, i in enumerate(numbered):
        if out[i][3] is None:
            continue
        style = out[i][2].key
        prev = out[numbered[n - 1]] if n > 0 else None
        nxt = out[numbered[n + 1]] if n + 1 < len(numbered) else None
        if not any(x is not None and x[3] is not None and x[2].key == style for x in (prev, nxt)):
            out[i] = (*out[i][:3], None)
    return out


def build(doc: Document) -> Node:
    root = Node(label=None, text="", line=0, last_line=0)
    stack: list[Node] = [root]
    last_resp: tuple[Node, str] | None = None
    skipping = False  # in a distribution list / signature, until an attached document starts
    regulation = False  # reading a Quy định / Quy chế (its articles are rules, not tasks)
    for block, text, label, field_ in _paragraphs(doc):
        if block is None:
            last_resp = None
            continue
        if skipping:
            if is_document_title(text):
                # An attached plan or appendix after the signature: read it as a new part.
                skipping = False
                regulation = _is_regulation_title(text)
                del stack[1:]
            continue
        if _ELISION_RE.match(text) and len(stack) > 1:
            # "[...]" where an article cuts a quoted directive: what follows is the article's
            # own text, not the item above.
            del stack[1:]
            last_resp = None
            continue
        if is_end_marker(text):
            skipping = True
            last_resp = None
            continue
        heading_level = _heading_level(block)
        if field_ is not None and len(stack) > 1 and heading_level is None:
            kind, value = field_
            top = stack[-1]
            if kind == "content" and label is not None and not label.is_bullet and (
                    top.label is None or top.content_field):
                # "(1) Nội dung thực hiện: …" under a heading, not under an item: the task
                # itself, whose "(2) Tổ chức thực hiện:" lines follow.
                node = Node(label=label, text=value, line=block.line, last_line=block.last_line,
                            regulation=regulation, content_field=True)
                _place(stack, node)
                last_resp = None
                continue
            if kind == "header" and any(n.content_field for n in stack):
                # "(2) Tổ chức thực hiện:": the lines below belong to the content item.
                while not stack[-1].content_field:
                    stack.pop()
                top = stack[-1]
                if top.content_parts is None:
                    top.content_parts = (len(top.extra), len(top.children))
                last_resp = None
                continue
            if kind == "content":
                top.extra.append(value)
                top.last_line = block.last_line
                last_resp = None
                continue
            if kind == "header":
                last_resp = None
                continue
        # A numbered paragraph ("1. Thời gian triển khai: …") is an item, not a
        # responsibility line, unless it is one of a group of fields (above).
        resp = parse_fields(text) if label is None or label.is_bullet else ([field_] if field_ else [])
        if resp and len(stack) > 1 and heading_level is None:
            node = stack[-1]
            for fld, value in resp:
                node.resp[fld] = normalize_space(f"{node.resp[fld]}; {value}") if node.resp.get(fld) else value
            node.resp_lines.append(block.line)
            last_resp = (node, resp[-1][0])
            continue
        # A Quy chế's title may run on with its subject in capitals (over 14 words); not
        # "QUY ĐỊNH …", which is also a decision's subject ("Quyết định / Quy định giờ …").
        if label is None and (is_document_title(text) or _is_regulation_title(text)
                              and not fold_words(text).startswith("quy dinh")) \
                and (len(stack) > 1 or not block.italic) and not _awaits_title(stack[-1]):
            # The title of an attached document (the signature block may sit in a table, so
            # no "Nơi nhận" was seen): a new part starts. In the preamble it is the
            # document's own title.
            regulation = _is_regulation_title(text) or (regulation and _is_regulation_heading(text))
            if len(stack) > 1:
                del stack[1:]
                last_resp = None
                continue
        if label is None and heading_level is not None and len(stack) == 1 and _LEGAL_KIND_RE.match(fold_words(text)):
            regulation = True  # "## NGHỊ ĐỊNH" as a Markdown heading: a decree's articles are rules
        if label is None and heading_level is None and _is_closing(text):
            # "… nghiêm túc thực hiện Chỉ thị này./.": the closing formula ends the body.
            skipping = True
            last_resp = None
            continue
        if label is None and heading_level is None:
            if last_resp is not None and _continues_value(last_resp[0].resp[last_resp[1]]):
                node, fld = last_resp
                node.resp[fld] = normalize_space(f"{node.resp[fld]} {text}")
                node.resp_lines.append(block.last_line)
                continue
            last_resp = None
            top = stack[-1]
            if top is not root and _ARTICLE_TEXT_RE.match(text):
                # "Theo đó, …" / "Trên đây là …" after a quoted list: the article speaks again;
                # what follows belongs to no item.
                del stack[1:]
                continue
            if block.bold and _assigning_lead_in(text):
                # "**Giao Vụ X chủ trì, phối hợp … thực hiện các nhiệm vụ sau:**" over the
                # items ("Một là, …"): a heading whose sentence names who leads them.
                _place(stack, Node(label=Label(style="bold", text="", rest=text), text=text, line=block.line,
                                   last_line=block.last_line, regulation=regulation))
                continue
            if top is root:
                if _LEGAL_KIND_RE.match(fold_words(text)):
                    regulation = True  # a decree or circular: its articles are rules for all
                # "… yêu cầu Giám đốc các sở … thực hiện tốt các nhiệm vụ sau:" over the items
                root.lead_in = text if text.rstrip().endswith(":") and not root.children else None
                continue  # preamble: title, legal bases
            if not top.text and top.label is not None and not top.children and not top.extra:
                # "Chương V" with its title on the next line: the title is the heading's text.
                top.text = text
                top.last_line = block.last_line
                continue
            if block.bold and len(text.split()) <= 15 and not text.endswith(".") and agency_heading(text):
                # "**Sở Y tế**" over its bullets: an agency heading without a number.
                _place(stack, Node(label=Label(style="bold", text="", rest=text), text=text, line=block.line,
                                   last_line=block.last_line, regulation=regulation))
                continue
            if top.is_bullet and top.text.rstrip().endswith(".") and not top.extra and _NOTE_LINE_RE.match(text):
                # "- … chuẩn bị máy tính." then "Đầu mối đăng ký: Đồng chí X, số điện thoại …":
                # a note of the part, not the rest of its last bullet.
                while len(stack) > 1 and stack[-1].is_bullet:
                    stack.pop()
                continue  # (not the heading's closing line either: that may be its lead-in)
            top.extra.append(text)
            top.last_line = block.last_line
            continue
        if (last_resp is not None and label is not None and label.is_bullet and len(label.rest.split()) <= 15
                and _continues_value(last_resp[0].resp[last_resp[1]]) and starts_like_agency(label.rest)):
            # "Đơn vị thực hiện:" followed by one bullet per agency.
            node, fld = last_resp
            node.resp[fld] = normalize_space(f"{node.resp[fld]}; {label.rest}".lstrip("; "))
            node.resp_lines.append(block.last_line)
            continue
        if (label is not None and label.is_bullet and heading_level is None and len(stack) > 1
                and not stack[-1].children and _is_detail_field(label.rest)
                and stack[-1].label is not None and agency_heading(stack[-1].text) is None):
            # "- Địa điểm: …" / "- Thành phần: …" among an item's fields: a detail of that
            # item, not a sub-item (which would take the field lines below it). Under an
            # agency heading, "- Nội dung: …" bullets are its tasks.
            top = stack[-1]
            name, value = label.rest.split(":", 1)
            kind = fold_words(name)
            if kind in ("noi dung", "yeu cau"):
                top.extra.append(value.strip())  # "- Nội dung: …": the item's content, label dropped
            elif kind not in ("dia diem", "dia ban"):
                top.extra.append(text)  # where it happens is not what is to be done
            top.last_line = block.last_line
            last_resp = None
            continue
        last_resp = None
        node = Node(label=label, text=label.rest if label else text, line=block.line,
                    last_line=block.last_line, heading_level=heading_level, regulation=regulation)
        _place(stack, node)
    return root


_NOTE_LINE_RE = re.compile(r"^[A-ZĐÀ-Ỹ][^:.;]{2,160}:\s+\S")
_REGULATION_RE = re.compile(r"^(quy dinh|quy che|dieu le|noi quy)\b")


_LEGAL_KIND_RE = re.compile(r"^(nghi dinh|thong tu|thong tu lien tich)$")


def _is_regulation_title(text: str) -> bool:
    """QUY ĐỊNH / QUY CHẾ / ĐIỀU LỆ as a document title (in capitals): standing rules."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return bool(letters) and upper >= len(letters) * 0.8 and bool(_REGULATION_RE.match(fold_words(text)))


def _awaits_title(node: Node) -> bool:
    """"Chương I" whose title ("QUY ĐỊNH CHUNG") is on the next line."""
    return bool(node.label and node.label.is_heading_style and not node.text and not node.children and not node.extra)


def _is_regulation_heading(text: str) -> bool:
    """Inside a regulation, its chapter titles ("QUY ĐỊNH CHUNG") keep it one."""
    return bool(_REGULATION_RE.match(fold_words(text)))


_HANDS_OVER_RE = re.compile(r"(?i)^(giao|đề nghị|yêu cầu)\s")
_CLOSING_RE = re.compile(
    r"\b(thuc hien|trien khai|chap hanh|quan triet)( nghiem tuc| nghiem)? (chi thi|ke hoach|quyet dinh|thong bao|"
    r"chuong trinh|cong van|nghi quyet) nay\b"
)


def _is_closing(text: str) -> bool:
    t = text.rstrip()
    if _HANDS_OVER_RE.match(t) and starts_like_agency(t):
        return False  # "Giao X chủ trì … theo dõi việc thực hiện Nghị quyết này.": an assignment
    return t.endswith(("./.", "/.")) or bool(_CLOSING_RE.search(fold_words(text)))


def _continues_value(value: str) -> bool:
    v = value.rstrip()
    return not v or v.endswith((",", ";", "và", ":", "–", "-"))


def _heading_level(p: Paragraph) -> int | None:
    if p.style:
        m = re.match(r"(?i)^(heading|title)\s*(\d*)", p.style)
        if m:
            return int(m.group(2) or 0)
    return None


_ASSIGNING_LEAD_IN_RE = re.compile(r"(?:^|\s)(?:[Gg]iao|yêu cầu|đề nghị)\s+([^,;:]{3,120}?)\schủ trì\b[^.;]*:$")


def _assigning_lead_in(text: str) -> bool:
    m = _ASSIGNING_LEAD_IN_RE.search(text.strip())
    return bool(m and len(text.split()) <= 60 and starts_like_agency(m.group(1)))


def _place(stack: list[Node], node: Node) -> None:
    key = _key(node)
    rank = _HEADING_RANK.get(node.label.style) if node.label and node.heading_level is None else None
    if node.heading_level is not None:
        # A Markdown/Word heading closes everything up to a heading of a higher level.
        while len(stack) > 1 and not (stack[-1].heading_level is not None and stack[-1].heading_level < node.heading_level):
            stack.pop()
    elif rank is not None:
        while len(stack) > 1 and not (
            (stack[-1].heading_level is not None)
            or (stack[-1].label and _HEADING_RANK.get(stack[-1].label.style, 99) < rank)
        ):
            stack.pop()
    else:
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].heading_level is None and _key(stack[i]) == key:
                del stack[i:]
                break
            if stack[i].heading_level is not None or (stack[i].label and stack[i].label.is_heading_style):
                break  # numbering restarts under each heading / article
    parent = stack[-1]
    node.parent = parent
    parent.children.append(node)
    stack.append(node)


def promote_blocks(root: Node) -> None:
    """A block read after a sub-bullet of an item belongs to the item when it is the
    item's only block and closes it (`2.2. … - a - b + Cơ quan chủ trì: …`)."""
    for node in [root, *root.descendants()]:
        if node.is_bullet or node.label is None or node.resp:
            continue
        inner = _bullet_descendants(node)
        with_block = [b for b in inner if b.resp]
        if len(with_block) == 1 and with_block[0] is inner[-1]:
            b = with_block[0]
            node.resp, b.resp = b.resp, {}
            node.resp_lines, b.resp_lines = b.resp_lines, []


def _bullet_descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    for c in node.children:
        if not c.is_bullet:
            return []  # has numbered children: it is a heading, not an item
        out.append(c)
        out.extend(_bullet_descendants(c))
    return out
