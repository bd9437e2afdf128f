"""Assignment tables: one task per numbered row.

The header row is found by its column names (STT, Nội dung/Nhiệm vụ, Cơ quan chủ trì, Cơ
quan phối hợp, Thời gian, Sản phẩm, Kinh phí, Nhiệm vụ chung, Ghi chú, …) in any order and
with columns missing. Later tables without a header continue the last header (page
breaks), and a repeated header row is skipped. A row with an empty number cell continues
the task above (a row split by a page break). A number glued to the content cell
("30 Triển khai …") is split off and the columns realigned. Section rows (Roman numbers,
bold rows, or a "Nhiệm vụ chung" column) set the section and the outer part of the ref.

Web crawls damage tables in ways handled here too: a header glued to the text above it
(signature, appendix title, the last row of the part before), an STT column left empty
(rows numbered per group), a row of dots for elided rows (group "?"), an empty middle
cell that cut a row in two, a site footer after the last row. Of several lead columns the
chairing/drafting one wins over "Cơ quan trình"; a helper in brackets ("X (Y phối hợp)")
is support. Pure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from nhiemvu.ingest.blocks import Cell, Document, Row, Table
from nhiemvu.ingest.layouts.agencies import lead_and_support, split_agencies, starts_like_agency, trim_duty
from nhiemvu.ingest.layouts.numbering import is_roman
from nhiemvu.ingest.layouts.responsibility import field_of, parse_fields
from nhiemvu.ingest.layouts.task import Draft
from nhiemvu.ingest.layouts.vn_compat import fold_words, normalize_space

NUM, CONTENT, SECTION, NOTE, STEP = "num", "content", "section", "note", "step"
_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$")
_GLUED_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(?=\S)")
_SECTION_LABEL_RE = re.compile(r"^([IVXLC]{1,7}|[A-Z])\s*[.):\-–]?\s+(.*)$", re.S)


@functools.lru_cache(maxsize=8192)
def column_role(name: str) -> str | None:
    f = fold_words(name)
    if not f:
        return None
    if re.fullmatch(r"(so )?(stt|tt|so tt|so thu tu|thu tu)", f):
        return NUM
    if re.match(r"^(buoc|cac buoc|ten buoc|trinh tu|quy trinh|thu tu (cong viec|thuc hien|cac buoc|xu ly))\b", f):
        return STEP
    if re.match(r"^(nhiem vu chung|linh vuc|nhom nhiem vu|noi dung chung)\b", f):
        return SECTION
    if re.match(r"^(ghi chu|van ban giao|van ban chi dao|can cu)\b", f):
        return NOTE  # where the task came from ("Văn bản giao nhiệm vụ"), not the task
    if re.match(r"^(co quan|don vi) duoc giao$", f):
        return "lead"
    # Column names that only tables use (a responsibility line would not read so).
    if re.match(r"^(nam (thuc hien|hoan thanh|trien khai)|lo trinh( thuc hien)?|giai doan thuc hien)$", f):
        return "due_text"
    if re.match(r"^(du kien kinh phi|kinh phi du kien)\b", f):
        return "funding"
    if re.match(r"^lanh dao( (ubnd|uy ban nhan dan)( (tinh|thanh pho|huyen|xa|phuong))?)? (phu trach|chi dao)$", f):
        return "directed_by"
    if re.match(r"^ten (van ban|du an|du thao|chinh sach|nhiem vu)\b", f):
        return CONTENT  # a legislative plan: the document to draft is the task
    if re.fullmatch(r"(ten |cac )?chi tieu( (phan cong|duoc giao|giao|phat trien))?", f):
        return CONTENT  # "TT | Chỉ tiêu | Chủ trì": an agency assigned to carry each target
    role = field_of(name)
    if role is not None:
        return role
    if re.search(r"\b(noi dung|nhiem vu|cong viec|ten nhiem vu|ten de an|de an|giai phap|hoat dong|danh muc)\b", f):
        return CONTENT
    return None


def header_roles(row: Row) -> list[str | None] | None:
    if any(len(c.text) > 90 for c in row.cells):
        return None  # column names are short; a long cell is data
    roles = [column_role(c.text) for c in row.cells]
    known = [r for r in roles if r is not None]
    if CONTENT not in known or STEP in known:
        return None  # no task column, or the steps of an administrative procedure
    if not ({"lead", "support", "due_text"} & set(known)):
        return None
    if len(known) < 3 and "lead" not in known:
        return None  # two columns only when they are the task and who does it
    if "lead" not in known and "support" not in known and any(
        r is None and c.text.strip() for r, c in zip(roles, row.cells, strict=False)
    ):
        return None  # no agency column and columns of another kind: a form, a budget table
    if len(set(known)) < len(known) - 1:
        return None  # the same name many times: a data row that happens to match
    _one_column_per_field(roles, row)
    # An empty header cell right after the content column: the content header spans the
    # number and the text ("Nhiệm vụ cụ thể" over "7 | Xây dựng …").
    for i in range(len(roles) - 1):
        if roles[i] == CONTENT and not row.cells[i + 1].text.strip() and NUM not in roles:
            roles[i], roles[i + 1] = NUM, CONTENT
            break
    return roles


# Which of several lead columns names who does the work: the agency that chairs or drafts,
# before the one that carries it out, advises, or only submits it ("Cơ quan trình").
_LEAD_RANK = (r"\bchu tri\b", r"\bsoan thao\b", r"\b(thuc hien|phu trach|chiu trach nhiem|dau moi|duoc giao)\b",
              r"\btham muu\b", r"\btrinh\b")


# Of a deadline ("Thời hạn") and a progress column ("Tiến độ": done / in progress) in
# one table, the deadline is the timing.
_DUE_RANK = (r"^(thoi han|thoi gian|han|moc thoi gian)\b", r"^tien do\b")


def _one_column_per_field(roles: list[str | None], row: Row) -> None:
    for role, ranking in (("lead", _LEAD_RANK), ("due_text", _DUE_RANK)):
        columns = [i for i, r in enumerate(roles) if r == role]
        if len(columns) < 2:
            continue

        def rank(i: int, ranking: tuple[str, ...] = ranking) -> int:
            f = fold_words(row.cells[i].text)
            return next((k for k, pattern in enumerate(ranking) if re.search(pattern, f)), len(ranking))

        best = min(columns, key=rank)
        for i in columns:
            if i != best:
                roles[i] = None


@dataclass
class _State:
    roles: list[str | None] | None = None
    width: int = 0
    section_ref: str | None = None
    section: str | None = None
    sub_ref: str | None = None
    numbered: bool = False  # some data row under this header had a number
    count: int = 0  # tasks of an unnumbered table
    last_row: Row | None = None  # the row of the last task, while it may still be completed
    last_count: int = 0  # `count` before that row
    first_task: int = 0  # index in the output of the first task under the current header
    carry: Draft | None = None  # the task above in this group: its cells reach down merged rows
    carry_key: tuple[str | None, ...] = ()  # the group `carry` belongs to
    last_carry: Draft | None = None  # `carry` before the last row (restored when it is completed)
    sub_rows: int = 0  # rows of the last numbered task's own sub-tasks (rowspan number cell)
    lines: tuple[str, ...] = ()  # the document's lines: a crawl's bars tell an empty cell from a merged one


_DURATION_RE = re.compile(r"^\s*(trong\s+|tối đa\s+|không quá\s+)?\d+([.,/]\d+)?\s*(ngày|giờ|tuần|phút)", re.I)


def extract_tables(doc: Document) -> list[Draft]:
    out: list[Draft] = []
    state = _State(lines=tuple(doc.lines))
    group_start = 0
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        after_header = False
        for row in _rows(block):
            if row is None:
                # Rows left out with dots ("…………"): the group of the rows after is unknown.
                state.section_ref, state.section, state.sub_ref, state.count = "?", None, None, 0
                continue
            roles = header_roles(row)
            found = _header_at_end(row) if roles is None and len(row.cells) > 3 else _number_column_first(row, roles)
            if found is not None:
                head, row = found
                roles = header_roles(row)
                if state.roles is not None:
                    _before_header(head, state, out)
            if roles is not None:
                if state.roles is None or roles != state.roles:
                    _drop_procedures(out, group_start)
                    group_start = len(out)
                    state.roles, state.width = roles, len(row.cells)
                    state.numbered, state.first_task = False, len(out)
                after_header = True
                continue
            if state.roles is None:
                continue
            if after_header and _merge_subheader(row, state):
                continue  # "Cơ quan thực hiện" over "Chủ trì | Phối hợp": a two-row header
            after_header = False
            _row(row, state, out)
    _drop_procedures(out, group_start)
    return out


_ELISION_RE = re.compile(r"^[.…·\s]{3,}$")


def _rows(table: Table) -> Iterator[Row | None]:
    """The rows of a table, a row that holds a cell of dots cut in two around it (a crawl
    that lost the end of a row before the elided part), and None where rows were elided."""
    for row in table.rows:
        cut = [i for i, c in enumerate(row.cells) if _ELISION_RE.match(c.text) and _dots(c.text) >= 3]
        if not cut:
            yield row
            continue
        start = 0
        for i in [*cut, len(row.cells)]:
            part = row.cells[start:i]
            if any(c.text.strip() for c in part):
                yield Row(cells=part, line=row.line, end_line=row.end_line)
            if i < len(row.cells):
                yield None
            start = i + 1


def _dots(text: str) -> int:
    return text.count(".") + 3 * text.count("…")


def _header_at_end(row: Row) -> tuple[Row, Row] | None:
    """A crawl that lost the row breaks before a table puts what came above it (signature,
    appendix title, the last row of the table before and its title) and the header in one
    row: (the cells before, the header from the first column name on)."""
    for k in range(1, len(row.cells) - 2):
        if column_role(row.cells[k - 1].text) == STEP:
            return None  # the steps of a procedure ("Các bước | Nội dung công việc | …")
        name = row.cells[k].text
        if len(name.split()) <= 6 and not name[:1].isdigit() and column_role(name) in (NUM, CONTENT):
            tail = Row(cells=row.cells[k:], line=row.line, end_line=row.end_line)
            if header_roles(tail) is not None:
                return Row(cells=row.cells[:k], line=row.line, end_line=row.end_line), tail
    return None


def _number_column_first(row: Row, roles: list[str | None] | None) -> tuple[Row, Row] | None:
    """The STT column comes first: text in cells before it (an appendix title that
    happens to read like a column name) was glued to the header by the crawl."""
    if roles is None or NUM not in roles or roles.index(NUM) == 0:
        return None
    k = roles.index(NUM)
    if not any(c.text.strip() for c in row.cells[:k]):
        return None
    if any(r is not None and r not in roles[k:] for r in roles[:k]):
        return None  # real columns before the number ("Nhiệm vụ chung | STT | …")
    tail = Row(cells=row.cells[k:], line=row.line, end_line=row.end_line)
    if header_roles(tail) is None:
        return None
    return Row(cells=row.cells[:k], line=row.line, end_line=row.end_line), tail


def _before_header(head: Row, state: _State, out: list[Draft]) -> None:
    """The cells in front of a repeated header: the last data row of the table above (as
    wide as the header), then the title of the part that starts ("2. Các nhiệm vụ …")."""
    data = Row(cells=head.cells[:state.width], line=head.line, end_line=head.end_line)
    if any(c.text.strip() for c in data.cells[1:]):
        _row(data, state, out)
    title = normalize_space(" ".join(c.text for c in head.cells[state.width:]))
    if not title:
        return
    m = re.match(r"^(\d{1,2})[.)]\s+(.*)$", title)
    state.section_ref, state.section = _group_head(title) or ((m.group(1), m.group(2)) if m else (None, title))
    state.sub_ref, state.count = None, 0


_SUBHEADER_ROLES = {"lead", "support", "due_text", "product", "funding", "directed_by"}


def _merge_subheader(row: Row, state: _State) -> bool:
    """The second row of a two-row header names the parts of a spanning column."""
    assert state.roles is not None
    texts = [c.text.strip() for c in row.cells]
    named = [(i, column_role(t)) for i, t in enumerate(texts) if t]
    if not named or any(r not in _SUBHEADER_ROLES for _, r in named):
        return False
    roles = list(state.roles) + [None] * max(0, len(texts) - len(state.roles))
    if any(roles[i] in (NUM, CONTENT) for i, _ in named):
        # Only the names under the spanning column, as a web table copied one cell per
        # line has them: they replace that column, which named who does the work.
        parent = next((i for i, r in enumerate(state.roles) if r in _SUBHEADER_ROLES - {"due_text"}), None)
        if parent is None or len(named) != len(texts):
            return False
        state.roles = [*state.roles[:parent], *(r for _, r in named), *state.roles[parent + 1:]]
        state.width += len(named) - 1
        return True
    for i, role in named:
        roles[i] = role
    state.roles = roles
    return True


def _drop_procedures(out: list[Draft], start: int) -> None:
    """The steps of an administrative procedure ("0,5 ngày", "10 ngày làm việc") look like
    an assignment table but are durations of a process, not tasks with deadlines."""
    group = out[start:]
    timed = [d for d in group if d.due_text]
    if timed and sum(1 for d in timed if _DURATION_RE.match(d.due_text or "")) >= 0.6 * len(timed):
        del out[start:]


def _aligned(row: Row, roles: list[str | None]) -> tuple[str, dict[str, str], bool]:
    """(number, role → text, every non-empty cell but the number bold) of a data row."""
    cells = [c.text if "  " not in c.text and "\n" not in c.text else normalize_space(c.text) for c in row.cells]
    # Footnote marks of the source ("Ủy ban Đối ngoại [3]") are not part of the text.
    cells = [_FOOTNOTE_RE.sub("", c) if "[" in c else c for c in cells]
    bold_cells = [c.bold for c in row.cells if c.text.strip() and not _NUMBER_RE.match(c.text.strip())]
    all_bold = bool(bold_cells) and all(bold_cells)
    roles = list(roles)
    while roles and roles[-1] is None:
        roles.pop()
    number = ""
    if NUM in roles:
        j = roles.index(NUM)
        if j < len(cells) and _NUMBER_RE.match(cells[j] or "x") or (j < len(cells) and _is_section_label(cells[j])):
            number = cells[j]
            del cells[j]
        elif j < len(cells) and _GLUED_RE.match(cells[j]) and len([c for c in cells if c]) < len([r for r in roles if r]) + 1:
            m = _GLUED_RE.match(cells[j])
            number = m.group(1)
            cells[j] = cells[j][m.end():]
            # Glued: the content moved into the number column. When the row still has all
            # its cells (a Word cell spanning number and content, then an empty placeholder),
            # the placeholder goes so that the columns after it stay aligned.
            if len(cells) >= len(roles) and j + 1 < len(cells) and not cells[j + 1]:
                del cells[j + 1]
        elif j < len(cells):
            if not cells[j]:
                del cells[j]
            else:
                # The content sits in the number column: shifted row, no number.
                pass
        roles = [r for r in roles if r != NUM]
    else:
        content_at = roles.index(CONTENT) if CONTENT in roles else 0
        for j in range(0, min(len(cells), content_at + 2)):
            if _NUMBER_RE.match(cells[j]):
                number = cells[j]
                del cells[j]
                break
        else:
            for j in range(0, min(len(cells), content_at + 1)):
                m = _GLUED_RE.match(cells[j])
                if m and j >= content_at - 0 and len(cells[j]) > m.end():
                    number = m.group(1)
                    cells[j] = cells[j][m.end():]
                    break
            # An empty spare cell where the number would be keeps the columns aligned.
            if not number and len(cells) > len(roles):
                for j in range(0, min(len(cells), content_at + 2)):
                    if not cells[j] and j >= content_at:
                        del cells[j]
                        break
    values: dict[str, str] = {}
    for role, text in zip(roles, cells, strict=False):
        if role is None or not text:
            continue
        values[role] = f"{values[role]} {text}" if role in values else text
    return number, values, all_bold


_TOTAL_RE = re.compile(r"^(tổng cộng|cộng|tổng số|tổng)\s*:?\s*$", re.I)
_BULLET_RE = re.compile(r"(^|[;,\n])\s*[-+•–]\s+")


def _unbullet(text: str | None) -> str | None:
    """"- Sở Y tế; - Sở Tài chính" (one agency per bullet in a cell) → "Sở Y tế; Sở Tài chính"."""
    return _BULLET_RE.sub(r"\1 ", text).strip() if text else text


_COLUMN_INDEX_RE = re.compile(r"^\(?\d{1,2}\)?$")
_ROLE_LABEL_RE = re.compile(r"(?i)(?:(?:cơ quan|đơn vị)\s+)?(?:chủ trì|phối hợp)(?:\s+thực hiện)?\s*:")
_PAREN_LABEL_RE = re.compile(r"^(?P<lead>.*\S)\s*\(\s*(?:cùng\s+)?phối hợp(?:\s+với)?\s*:?\s*(?P<support>[^()]+?)\s*\)\s*$", re.I)
_PAREN_SUPPORT_RE = re.compile(r"^(?P<lead>.*\S)\s*\((?P<support>[^()]+?)\s+(?:cùng\s+)?phối hợp\b[^()]*\)\s*$")
_FOOTNOTE_RE = re.compile(r"\s*\[\d{1,3}\](?=[\s.,;:)]|$)")


def _group_head(text: str) -> tuple[str, str] | None:
    """(label, title) of a group row written in one cell: "II. Lĩnh vực y tế", "B) Tuyên
    truyền". A lone capital letter counts only with its full stop or bracket."""
    m = _SECTION_LABEL_RE.match(text)
    if not m:
        return None
    label = m.group(1)
    if is_roman(label) or re.match(r"^[A-Z]\s*[.)]", text):
        return label, normalize_space(m.group(2))
    return None


def _is_section_label(text: str) -> bool:
    return bool(text) and (is_roman(text.rstrip(".")) or bool(re.fullmatch(r"[A-Z]\.?", text)))


def _row(row: Row, state: _State, out: list[Draft]) -> None:
    assert state.roles is not None
    if not any(c.text.strip() for c in row.cells):
        return
    prev, state.last_row = state.last_row, None
    if prev is not None and out and out[-1].row == prev.line and _completes(prev, row, state):
        # A web table copied one cell per line writes an empty cell as two bars, which
        # also close a row: a short row and the fragment after it are one row with empty
        # cells between them.
        out.pop()
        state.count, state.carry = state.last_count, state.last_carry
        gap = [Cell(text="") for _ in range(state.width - len(prev.cells) - len(row.cells))]
        _row(Row(cells=[*prev.cells, *gap, *row.cells], line=prev.line, end_line=row.last_line), state, out)
        return
    count_before = state.count
    short = [c.text for c in row.cells if c.text.strip()]
    if len(short) >= 3 and all(_COLUMN_INDEX_RE.match(c.strip()) for c in short):
        return  # "(1) | (2) | (3)": the columns numbered under the header
    if (out and out[-1].layout == "table" and "lead" in state.roles and len(short) <= 2
            and len(row.cells) < len([r for r in state.roles if r]) - 1 and all(starts_like_agency(c) for c in short)):
        # A row under row-spanned cells (number, task, deadline) that only adds agencies:
        # the first is one more lead, the second its support.
        _continue(out[-1], dict(zip(("lead", "support"), short, strict=False)), row)
        return
    if _sub_row(row, state, out):
        return
    number, values, all_bold = _aligned(row, state.roles)
    section_cell = values.pop(SECTION, None)
    if section_cell:
        state.section_ref, state.section = _group_head(section_cell) or (None, section_cell)
        state.sub_ref, state.count = None, 0
    content = values.get(CONTENT, "")
    others = {k: v for k, v in values.items() if k not in (CONTENT, NOTE)}
    if number and _is_section_label(number):
        state.section_ref, state.section, state.sub_ref = number.rstrip("."), content or None, None
        state.count = 0
        return
    head = _group_head(content)
    if not number and content and not others and (all_bold or head):
        state.section_ref, state.section = head or (None, content)
        state.sub_ref, state.count = None, 0
        return
    if number and all_bold and not others:
        # "1 | Lĩnh vực …" in bold with nothing assigned: a sub-section row.
        state.sub_ref, state.section = number.rstrip(".)"), content or state.section
        return
    if number:
        state.numbered = True
    elif not state.numbered and content[:1].isupper() and (
            NUM not in state.roles or {"lead", "due_text"} & set(others)):
        # A table with no numbers at all (or an STT column left empty): every row that
        # starts a sentence, and under an STT column names who or when, is a task,
        # numbered from 1 in each group.
        state.count += 1
        number = str(state.count)
    if not number:
        if sum(1 for c in row.cells if c.text.strip()) > state.width:
            # More cells than the table has columns: not the rest of a split row but what
            # follows the table in a crawl (a site footer); the table has ended.
            state.roles = None
            return
        if _TOTAL_RE.match(content):
            return  # the totals row of a table with a budget column
        if len(out) > state.first_task and out[-1].layout == "table":
            _continue(out[-1], values, row)  # not into a task of a table with another header
        return
    if not content:
        return
    parts = [p for p in (state.section_ref, state.sub_ref) if p]
    if state.sub_ref and number.startswith(state.sub_ref + "."):
        parts = [p for p in (state.section_ref,) if p]
    ref = ".".join([*parts, number.rstrip(".)")])
    lead_text = values.get("lead")
    helpers: list[str] = []
    m = _PAREN_SUPPORT_RE.match(lead_text or "") or _PAREN_LABEL_RE.match(lead_text or "")
    if m:
        # "Ban X (Viện Y phối hợp chuẩn bị)", "Sở X (phối hợp: Sở Y)": the helper in
        # brackets supports.
        lead_text, helpers = m.group("lead"), split_agencies(m.group("support"))
    if lead_text and re.search(r"(?i)(chủ trì|phối hợp)\s*:", lead_text):
        # One "Cơ quan thực hiện" cell holding "Chủ trì: Sở A. Phối hợp: Sở B, Sở C".
        fields = dict(parse_fields(lead_text))
        label = _ROLE_LABEL_RE.search(lead_text)
        before = lead_text[:label.start()].strip(" ;,.-–") if label else ""
        lead_text = fields.get("lead", lead_text if "lead" not in fields and "support" not in fields else "")
        if not lead_text and before and starts_like_agency(before):
            lead_text = before  # "Sở A; phối hợp: Sở B": the agency before the label leads
        if fields.get("support") and not values.get("support"):
            values["support"] = fields["support"]
    lead, support_from_lead = lead_and_support(_unbullet(lead_text))
    support = split_agencies(_unbullet(values.get("support"))) or support_from_lead
    support += [h for h in helpers if h not in support]
    lead, support = [trim_duty(a) for a in lead], [trim_duty(a) for a in support]
    carried = _carried(row, number, state)
    if "support" in carried and not support:
        support = list(carried["support"])
    for fld in ("due_text", "product", "funding", "directed_by"):
        if fld in carried and not values.get(fld):
            values[fld] = carried[fld]
    out.append(Draft(
        ref=ref,
        section=state.section,
        content=content,
        lead=lead,
        support=support,
        due_text=values.get("due_text"),
        product=values.get("product"),
        funding=values.get("funding"),
        directed_by=values.get("directed_by"),
        lines=(row.line, row.last_line),
        row=row.line,
        layout="table",
    ))
    state.last_row, state.last_count, state.last_carry = row, count_before, state.carry
    state.carry, state.carry_key, state.sub_rows = out[-1], _group_key(state), 0


# The columns a vertically merged cell (rowspan) can cover: a web crawl drops the cell
# from every row but the first, so these rows end early.
_CARRIED = ("support", "due_text", "product", "funding", "directed_by")


def _group_key(state: _State) -> tuple[str | None, ...]:
    return state.section_ref, state.sub_ref, state.section


def _carried(row: Row, number: str, state: _State) -> dict:
    """The values a short row takes from the task above in its group: the columns after its
    last cell, which a merged cell spanning both rows filled (a group row ends the span)."""
    assert state.roles is not None
    source = state.carry
    if source is None or state.carry_key != _group_key(state) or NUM not in state.roles:
        return {}
    data = [r for r in state.roles if r != NUM]
    while data and data[-1] is None:
        data.pop()
    cells = [c.text.strip() for c in row.cells]
    present = len(cells) - (1 if number and number in cells[:1] else 0)
    if present < 2 or present >= len(data) or not _merged_after(row, state):
        return {}  # not a row cut short after its task and who does it
    return {r: getattr(source, r) for r in data[present:] if r in _CARRIED and getattr(source, r)}


def _bars_after(row: Row, state: _State) -> int:
    """Lines holding only a bar after the row's last cell. A web table copied one cell per
    line closes a row with two bars and writes an empty cell as one more; other readers
    (Word, Excel, tab-separated text) keep or fill every cell, and have none."""
    bars = 0
    for line in state.lines[row.last_line:row.last_line + 6]:
        if line.strip() != "|":
            break
        bars += 1
    return bars


def _merged_after(row: Row, state: _State) -> bool:
    """The cells missing from the end of a crawled row were merged with the row above (two
    bars: nothing written), not left empty (three) or dropped by another reader."""
    return _bars_after(row, state) == 2


def _sub_row(row: Row, state: _State, out: list[Draft]) -> bool:
    """A row with no number under a numbered task whose number cell spans it, holding a task
    and an agency of its own ("Xây dựng hạ tầng dự phòng … | Trung tâm X"), the cells after
    them merged with the task above: a sub-task (ref "1.2"), not a page-break continuation."""
    assert state.roles is not None
    parent = state.carry
    if parent is None or not state.numbered or parent is not (out[-1] if out else None):
        return False
    data = [r for r in state.roles if r != NUM]
    while data and data[-1] is None:
        data.pop()
    texts = [normalize_space(c.text) for c in row.cells]
    if NUM not in state.roles or data[:2] != [CONTENT, "lead"] or not 2 <= len(texts) <= len(data) - 2:
        return False
    content, lead_text = texts[0], texts[1]
    if (not content[:1].isupper() or len(content.split()) < 4 or _NUMBER_RE.match(content.split()[0])
            or _GLUED_RE.match(content) or not starts_like_agency(lead_text) or starts_like_agency(content)):
        return False
    if not parent.lead or parent.content.rstrip()[-1:] in (",", ";", ":") or not parent.ref:
        return False
    state.sub_rows += 1
    base = parent.ref if state.sub_rows == 1 else parent.ref.rpartition(".")[0]
    values = dict(zip(data, texts, strict=False))
    if _bars_after(row, state) > 2:
        parent = Draft(ref=parent.ref, section=parent.section, content="")  # nothing merged
    lead, support_from_lead = lead_and_support(_unbullet(lead_text))
    support = split_agencies(_unbullet(values.get("support"))) or support_from_lead or list(parent.support)
    sub = Draft(
        ref=f"{base}.{state.sub_rows + 1}",
        section=parent.section,
        content=content,
        lead=lead,
        support=support,
        due_text=values.get("due_text") or parent.due_text,
        product=values.get("product") or parent.product,
        funding=values.get("funding") or parent.funding,
        directed_by=values.get("directed_by") or parent.directed_by,
        lines=(row.line, row.last_line),
        row=row.line,
        layout="table",
    )
    out.append(sub)
    sub_rows = state.sub_rows
    state.last_row, state.last_count, state.last_carry = None, state.count, state.carry
    state.carry, state.sub_rows = sub, sub_rows
    return True


def _completes(prev: Row, row: Row, state: _State) -> bool:
    """Whether `row` is the rest of `prev` cut off at an empty cell: together they fit the
    header with a cell to spare, and the rest does not open with a number of its own."""
    first = row.cells[0].text.strip() if row.cells else ""
    return (len(prev.cells) + len(row.cells) < state.width
            and not _NUMBER_RE.match(first) and not _is_section_label(first) and not _GLUED_RE.match(first))


def _continue(task: Draft, values: dict[str, str], row: Row) -> None:
    """A row split by a page break: join each cell to the same column of the task above."""
    task.content = normalize_space(f"{task.content} {values.get(CONTENT, '')}")
    if values.get("lead"):
        joined = " ".join([*task.lead, values["lead"]]) if task.lead else values["lead"]
        task.lead = _rejoin(task.lead, values["lead"], joined)
    if values.get("support"):
        task.support = _rejoin(task.support, values["support"], None)
    for fld in ("due_text", "product", "funding", "directed_by"):
        if values.get(fld):
            old = getattr(task, fld)
            setattr(task, fld, normalize_space(f"{old} {values[fld]}") if old else values[fld])
    task.lines = (task.lines[0], row.last_line)


def _rejoin(agencies: list[str], more: str, _joined: str | None) -> list[str]:
    """The continuation of a split cell ends the last agency ('Chi cục' + 'thuế Khu vực …')
    unless it starts a new one."""
    extra = split_agencies(more)
    if not agencies:
        return extra
    if extra and extra[0][:1].islower():
        return [*agencies[:-1], f"{agencies[-1]} {extra[0]}", *extra[1:]]
    return [*agencies, *extra]


def drop_table_summaries(items: list[Draft], table_tasks: list[Draft]) -> list[Draft]:
    """A numbered list in the text that names the groups of the assignment table ("1. Kiện
    toàn … 2. … (Chi tiết tại Phụ lục)") summarises the table: its items are not tasks.
    Recognised when two or more items of one list, none with an agency, read as the title
    of a group of the table."""
    titles = {_title_key(d.section) for d in table_tasks if d.section}
    titles = {t for t in titles if len(t.split()) >= 3}
    if len(titles) < 2:
        return items
    lists: dict[tuple[str | None, str], list[Draft]] = {}
    for d in items:
        if not d.lead and d.ref:
            lists.setdefault((d.section, d.ref.rpartition(".")[0]), []).append(d)
    summaries: set[int] = set()
    for members in lists.values():
        keys = [_title_key(d.content) for d in members]
        hits = sum(1 for k in keys if any(k == t or k.startswith(t + " ") for t in titles))
        if hits >= 2:
            summaries.update(id(d) for d in members)
    return [d for d in items if id(d) not in summaries]


def _title_key(text: str) -> str:
    return fold_words(text).strip()
