"""Plain text / Markdown → Document.

Each line of the file is one block: a table row when it carries tab-separated cells
(as text copied out of Word does) or is a Markdown pipe row (`| a | b |`), otherwise a
Paragraph. Consecutive rows form one Table; a blank or text line ends it. Inline markup
(`<b>…</b>`, `**…**`, `*…*`) is removed from the text and whole-bold lines or cells get
`bold=True`. A pipe table that a crawl cut at the line breaks inside its cells is rebuilt
row by row; a web table copied one cell per line (bars on lines of their own) is read
too. Line numbers are the file's own (1-based) so every extracted field points back at
the source.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from nhiemvu.ingest.blocks import Cell, Document, Paragraph, Row, Table
from nhiemvu.ingest.errors import UnreadableFile
from nhiemvu.ingest.legacy import to_unicode

_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|br|span|sup|sub|p|font)\b[^>]*>", re.IGNORECASE)
_BOLD_WRAP_RE = re.compile(r"^\s*(?:<(?:b|strong)>\s*(.*?)\s*</(?:b|strong)>|\*\*(.*?)\*\*|__(.*?)__)\s*$", re.S)
_STAR_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_BOOKMARK_RE = re.compile(r"\[bookmark:[^\]]*\]")
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+")
_PIPE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
# Control characters that never occur in a real text document (tab, CR, LF, FF allowed).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def strip_inline(text: str) -> tuple[str, bool]:
    """Text without inline markup, and whether the whole of it was bold."""
    bold = False
    m = _BOLD_WRAP_RE.match(text)
    if m and text.strip():
        inner = next(g for g in m.groups() if g is not None)
        # "**a** text **b**" is not whole-bold: the inner part must not close and reopen.
        if "**" not in inner and "</b>" not in inner.lower():
            bold = bool(inner.strip())
    text = _BOOKMARK_RE.sub("", text)
    text = _TAG_RE.sub("", text)
    text = text.replace("**", "").replace("__", "")
    text = _STAR_RE.sub(r"\1", text)
    return text, bold


def decode(data: bytes, name: str) -> str:
    """Bytes → str: BOMs first, then strict UTF-8, then Windows-1258 when the bytes look
    like Vietnamese text in it. Anything else is refused, never guessed into mojibake."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name)
    if data.count(b"\x00") > len(data) // 4 and len(data) >= 4:
        # UTF-16 without BOM: every other byte zero in ASCII-heavy Vietnamese text.
        even_zero = data[1::2].count(0) > len(data) // 3
        odd_zero = data[0::2].count(0) > len(data) // 3
        if even_zero or odd_zero:
            text = _strict(data, "utf-16-le" if even_zero else "utf-16-be", name)
            if _mostly_latin(text):
                return text
        raise UnreadableFile("tệp nhị phân, không phải văn bản.", name)
    if b"\x00" in data:
        raise UnreadableFile("tệp nhị phân, không phải văn bản.", name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise UnreadableFile("không nhận ra bảng mã của văn bản (không phải UTF-8, UTF-16 hay Windows-1258).", name) from exc
    if not _looks_vietnamese_cp1258(data):
        raise UnreadableFile("không nhận ra bảng mã của văn bản (không phải UTF-8, UTF-16 hay Windows-1258).", name)
    return text


def _mostly_latin(text: str) -> bool:
    """Vietnamese text is Latin letters with accents, digits, spaces and punctuation."""
    ok = sum(1 for c in text if " " <= c <= "~" or c in _VN_LETTERS or c in "\t\r\n"
             or "\u1ea0" <= c <= "\u1ef9" or "\u2000" <= c <= "\u206f" or "\u0300" <= c <= "\u0323")
    return ok >= 0.8 * len(text)


_VN_LETTERS = set("àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"văn bản hỏng, không đọc được theo bảng mã {encoding.upper()}.", name) from exc


def _looks_vietnamese_cp1258(data: bytes) -> bool:
    """Windows-1258 text is mostly ASCII letters with tone marks (0xCC, 0xD2, 0xDE, 0xEC,
    0xF2 combining) and letters such as ă â ê ô ơ ư đ in the high half."""
    high = [b for b in data if b >= 0x80]
    if not high:
        return True
    letters = sum(1 for b in data if 0x41 <= b <= 0x7A)
    vietnamese = sum(1 for b in high if b in _CP1258_VN)
    return letters > len(data) * 0.4 and vietnamese >= len(high) * 0.6


_CP1258_VN = set(b"\xcc\xd2\xde\xec\xf2\xc3\xe3\xc2\xe2\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xd0\xf0\xc0\xc1\xc8\xc9\xcd\xd3\xda\xe0\xe1\xe8\xe9\xed\xf3\xfa\xf9\xd9\xf9\xec\xcc\xd1\xf1")


def _is_tab_row(raw: str) -> bool:
    """Tab-separated cells: two tabs or more, or one tab with text on both sides. A line
    that is only indented with a tab is a paragraph."""
    body = raw.rstrip("\r\n")
    n = body.count("\t")
    if n >= 2:
        return bool(body.strip()) or False
    if n == 1:
        left, right = body.split("\t")
        return bool(left.strip()) and bool(right.strip())
    return False


def _is_pipe_row(raw: str) -> bool:
    s = raw.strip()
    return s.startswith("|") and (s.count("|") >= 2 or s == "|")


def _cells(raw: str, pipe: bool) -> list[Cell]:
    body = raw.strip("\r\n")
    if pipe:
        body = body.strip()
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
        parts = re.split(r"(?<!\\)\|", body)
    else:
        parts = body.split("\t")
    cells = []
    for part in parts:
        text, bold = strip_inline(part.replace("\\|", "|"))
        cells.append(Cell(text=" ".join(text.split()), bold=bold))
    return cells


_LABEL_START_RE = re.compile(
    r"^(?:[-+*•–—·▪►]|\d{1,3}(?:\.\d{1,3})*\s*[.):]|\d{1,3}(?:\.\d{1,3})+\s|[a-zđ]\s*[).]\s|\((?:\d{1,3}|[a-zđ])\)|"
    r"[IVXLC]{1,7}\s*[.):\-–]|(?:Điều|ĐIỀU|Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s|#|\|)"
)
_BARE_LABEL_RE = re.compile(
    r"^(?:(?:Điều|ĐIỀU|Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+[\dIVXLC]+|[IVXLC]{1,7}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.):]?$"
)
_TERMINAL = (".", ":", ";", "!", "?", ")", "…", "”", '"')


def _bare(line: str) -> str:
    """The line without leading markup, for deciding where a paragraph starts."""
    s = _BOOKMARK_RE.sub("", line)
    s = _TAG_RE.sub("", s).strip()
    return s.lstrip("*_ ").strip() if s.startswith(("**", "__")) else s


def _hard_wrapped(lines: list[str]) -> bool:
    """Text copied from a web page or PDF often breaks every paragraph into short lines.
    Recognised by many lines continuing with a lower-case word."""
    # Only lines of running text count: the short cells of a crawled table are not wrapped.
    text_lines = [x for x in lines if len(x.split()) >= 6 and not _is_pipe_row(x) and not _is_tab_row(x)]
    if len(text_lines) < 10:
        return False
    cont = sum(1 for a, b in zip(lines, lines[1:], strict=False)
               if len(a.split()) >= 6 and b.strip() and _bare(b)[:1].islower() and not _LABEL_START_RE.match(_bare(b)))
    return cont >= 0.15 * len(text_lines)


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether `line` goes on with the paragraph of the line before it (no blank between)."""
    nxt = _bare(line)
    if not nxt or _LABEL_START_RE.match(nxt):
        return False
    if _BARE_LABEL_RE.match(strip_inline(previous)[0].strip().rstrip("*_ ")):
        return True  # "**Điều 18." then its title on the next line
    if nxt[:1].islower():
        return True  # a sentence does not start in lower case: the line was wrapped
    if not wrapped:
        return False
    prev = strip_inline(previous)[0].rstrip()
    if _capitals(prev) and not _capitals(nxt):
        return False  # a title in capitals, then running text
    return bool(prev) and not prev.endswith(_TERMINAL)


def _open_bold(para: list[str], line: str) -> bool:
    """A bold run opened and not yet closed ("**1. Sở" / "Tài chính **(chủ trì)"): a crawl
    cut a heading over lines; the next line goes on with it unless it starts an item."""
    nxt = _bare(line)
    return bool(nxt) and not _LABEL_START_RE.match(nxt) and sum(x.count("**") for x in para) % 2 == 1


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_MAX_CELL_LINES = 60


def _vertical_table(lines: list[str], start: int, wrapped: bool) -> tuple[Table, int] | None:
    """A table copied from a web page with one cell per run of lines and a line holding
    only "|" between cells; two bars in a row end a table row. `start` is the 0-based index
    of the opening bar. Returns the table and the 1-based line number to resume at."""
    rows: list[Row] = []
    cells: list[Cell] = []
    first_line = last_line = 0
    bar = start
    while True:
        nxt = bar + 1
        while nxt < len(lines) and lines[nxt].strip() != "|" and nxt - bar <= _MAX_CELL_LINES:
            if not lines[nxt].strip():
                break  # a blank line: the table ended at the last bar
            nxt += 1
        if nxt >= len(lines) or lines[nxt].strip() != "|":
            break
        segment = lines[bar + 1:nxt]
        if _is_body(segment):
            break  # a short letter or decision crawled into the header table: its body is text
        if not segment:
            if cells:
                rows.append(Row(cells=cells, line=first_line, end_line=last_line if last_line != first_line else None))
                cells = []
        else:
            if not cells:
                first_line = bar + 2
            last_line = nxt
            cells.append(_vertical_cell(segment, wrapped))
        bar = nxt
    if cells:
        rows.append(Row(cells=cells, line=first_line, end_line=last_line if last_line != first_line else None))
    if not rows:
        return None
    return Table(rows=rows), bar + 2


# "Điều 2. …" opening a line, or "… chỉ đạo như sau:" followed by item "1.": the operative
# part of a document, which a crawl may put in a cell of its header table when it is short.
_ARTICLE_LINE_RE = re.compile(r"^[*_\s]*Điều\s+\d+\s*[.:]")
_FOLLOWS_RE = re.compile(r"(như sau|sau đây)\s*:[*_\s]*$")
_FIRST_ITEM_RE = re.compile(r"^[*_\s]*1\s*[.)]")


def _is_body(segment: list[str]) -> bool:
    if any(_ARTICLE_LINE_RE.match(line) for line in segment):
        return True
    return any(_FOLLOWS_RE.search(a) and _FIRST_ITEM_RE.match(b) for a, b in zip(segment, segment[1:], strict=False))


def _vertical_cell(segment: list[str], wrapped: bool) -> Cell:
    text = segment[0].strip()
    for prev, line in zip(segment, segment[1:], strict=False):
        text += (" " if _continues(prev, line, True) or wrapped else "\n") + line.strip()
    stripped, bold = strip_inline(text)
    return Cell(text="\n".join(" ".join(part.split()) for part in stripped.split("\n")), bold=bold)


_ROW_END_RE = re.compile(r"\|\s*\|\s*$")
_PIPES_ONLY_RE = re.compile(r"^[\s|]*\|[\s|]*$")


def _pipe_region(lines: list[str], start: int) -> int:
    """End (exclusive, 0-based) of the run of lines from `start` that belong to one pipe
    table as a crawl breaks it: pipe rows, lines of bars, and cell text cut onto lines of
    its own (holding a bar, or followed by a line that opens with one)."""
    end = start
    while end < len(lines):
        s = lines[end].strip()
        if not s:
            break
        if "|" in s:
            end += 1
            continue
        if end + 1 < len(lines) and lines[end + 1].strip().startswith("|"):
            end += 1
            continue
        break
    return end


def _non_empty(cells: list[Cell]) -> int:
    return sum(1 for c in cells if c.text)


def _broken_pipe_table(lines: list[str], start: int, end: int) -> Table | None:
    """A Markdown table whose rows a crawl has cut at the line breaks inside cells: one row
    over several lines, a cell's text on a line with no bar in front. Rows are rebuilt by
    joining lines until one ends with an empty cell (`… | |`) or holds only bars, which is
    how such crawls close a row. Kept only when the rebuilt rows match the header's width
    far better than the lines did; otherwise None and the lines are read one by one."""
    body = [i for i in range(start, end) if not _PIPE_SEP_RE.match(lines[i])]
    header_at = next((i for i in body if lines[i].strip().startswith("|")
                      and _non_empty(_cells(lines[i], True)) >= 3), None)
    if header_at is None:
        return None
    head_cells = _cells(lines[header_at], True)
    # A header line that closes with a bar and holds only column names is a row by itself.
    closed_header = lines[header_at].rstrip().endswith("|") and all(len(c.text) <= 60 for c in head_cells)
    groups: list[list[int]] = []
    current: list[int] = []
    for i in body:
        if i < header_at:
            continue
        current.append(i)
        s = lines[i].strip()
        if _ROW_END_RE.search(s) or _PIPES_ONLY_RE.match(s) or (i == header_at and closed_header):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    width = len(head_cells)
    joined_head = _cells("\n".join(lines[i].strip() for i in groups[0]), True)
    if all(len(c.text) <= 60 for c in joined_head):
        width = max(width, len(joined_head))  # a header cut over lines like the rows
    rows: list[Row] = []
    for group in groups:
        joined = "\n".join(lines[i].strip() for i in group)
        cells = _cells(joined, True)
        if not any(c.text for c in cells):
            continue
        rows.append(Row(cells=cells, line=group[0] + 1, end_line=group[-1] + 1 if len(group) > 1 else None))

    def fits(cell_rows: list[list[Cell]]) -> float:
        data = [c for c in cell_rows if _non_empty(c) >= 2]
        return sum(1 for c in data if width - 2 <= len(c) <= width + 1) / len(data) if data else 0.0

    as_lines = [_cells(lines[i], True) for i in body if i >= header_at and lines[i].strip().startswith("|")]
    if len(rows) < 2 or len(rows) == len(as_lines) or fits([r.cells for r in rows]) < max(0.75, fits(as_lines) + 0.25):
        return None
    return Table(rows=rows)


def read_text(data: bytes, name: str) -> Document:
    text = decode(data, name)
    if _CONTROL_RE.search(text[:200000]) and len(_CONTROL_RE.findall(text)) > max(3, len(text) // 1000):
        raise UnreadableFile("tệp nhị phân, không phải văn bản.", name)
    text = unicodedata.normalize("NFC", to_unicode(text))
    text = unicodedata.normalize("NFC", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not any(line.strip() for line in lines):
        raise UnreadableFile("tệp rỗng, không có nội dung.", name)
    blocks: list[Paragraph | Table] = []
    table: Table | None = None
    table_pipe = False
    wrapped = _hard_wrapped(lines)
    para: list[str] = []  # raw lines of the paragraph being read
    para_start = 0

    def flush(last: int) -> None:
        if not para:
            return
        raw = " ".join(x.strip() for x in para)
        style = None
        heading = _MD_HEADING_RE.match(raw)
        if heading:  # Markdown "## Title": a heading, its level kept as a style name
            style = f"Heading {len(heading.group(1))}"
            raw = raw[heading.end():]
        stripped, bold = strip_inline(raw)
        if stripped.strip():
            blocks.append(Paragraph(text=" ".join(stripped.split()), line=para_start,
                                    end_line=last if last != para_start else None,
                                    bold=bold or bool(style), style=style))
        para.clear()

    skip_to = 0
    for number, raw in enumerate(lines, start=1):
        if number < skip_to:
            continue
        if _is_pipe_row(raw) and raw.strip() != "|" and (table is None or not table_pipe):
            end = _pipe_region(lines, number - 1)
            broken = _broken_pipe_table(lines, number - 1, end) if end - number >= 2 else None
            if broken is not None:
                flush(number - 1)
                blocks.append(broken)
                table = None
                skip_to = end + 1
                continue
        if raw.strip() == "|":
            found = _vertical_table(lines, number - 1, wrapped)
            if found is not None:
                flush(number - 1)
                vtable, skip_to = found
                blocks.append(vtable)
                table = None
                continue
            continue  # a stray bar
        pipe = _is_pipe_row(raw)
        if pipe and _PIPE_SEP_RE.match(raw):
            continue  # |---|---| separator under a Markdown header
        if pipe or _is_tab_row(raw):
            flush(number - 1)
            if table is None or table_pipe != pipe:
                table = Table(rows=[])
                table_pipe = pipe
                blocks.append(table)
            table.rows.append(Row(cells=_cells(raw, pipe), line=number))
            continue
        table = None
        if not raw.strip():
            flush(number - 1)
            continue
        if para and (_continues(para[-1], raw, wrapped) or _open_bold(para, raw)):
            para.append(raw)
            continue
        flush(number - 1)
        para.append(raw)
        para_start = number
    flush(len(lines))
    return Document(blocks=blocks, lines=lines, name=name, kind="text")
