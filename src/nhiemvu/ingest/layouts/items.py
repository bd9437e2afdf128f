"""Tasks from the outline of the document's paragraphs.

Three layouts share the outline:
- numbered items followed by their responsibility block (`+ Cơ quan chủ trì: …`); a block
  after several items that have none of their own applies to each of them; an item's
  sub-bullets are part of its content;
- agency headings and lead-in lines ("3.2. Văn phòng HĐND và UBND", "b) Giao Sở Nội vụ:",
  "Giao X chủ trì, phối hợp với Y:") whose items are that agency's tasks;
- prose task lists with no stated agency (`lead: []`): the innermost items of a part whose
  heading says it lists tasks ("Nhiệm vụ", "Giải pháp", "Nội dung").
Parts that hold no tasks (purpose, viewpoints, targets, funding) are skipped. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from nhiemvu.ingest.layouts import sections
from nhiemvu.ingest.layouts.agencies import (
    agency_heading,
    lead_and_support,
    opening_agency,
    opening_verb,
    split_agencies,
    starts_like_agency,
)
from nhiemvu.ingest.layouts.outline import Node
from nhiemvu.ingest.layouts.task import Draft
from nhiemvu.ingest.layouts.vn_compat import find_deadline, fold_words, normalize_space

# The closing article of every decision ("… chịu trách nhiệm thi hành Quyết định này",
# "Quyết định này có hiệu lực …"): execution formulas, not tasks.
_BOILERPLATE = re.compile(
    r"can cu (noi dung )?(quyet dinh|ke hoach|chi thi|chuong trinh|thong bao)( nay)? (de )?(to chuc )?"
    r"(trien khai )?(thuc hien|thi hanh)|"
    r"chiu trach nhiem thi hanh|thi hanh (quyet dinh|nghi quyet|chi thi|nghi dinh|thong tu) nay|"
    r"(quyet dinh|nghi quyet|chi thi|nghi dinh|thong tu|ke hoach) nay co hieu luc|co hieu luc (thi hanh )?(ke )?tu ngay"
)


_OWNER_RE = re.compile(r"(?i)^\s*(?:về\s+)?(?:trách nhiệm|nhiệm vụ|phân công nhiệm vụ|nhiệm vụ, quyền hạn)\s+(?:của|cho)\s+")


@dataclass(frozen=True)
class Context:
    cls: str | None = None  # sections.TASKS / IMPLEMENTATION / ASSIGNMENT / NONE / None
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    agency_from_heading: bool = False
    in_article: bool = False  # under "Điều"/"Chương": regulation clauses, not a task list
    lead_in: bool = False  # the lead is from a lead-in sentence: an item naming its own wins
    agency_list: bool = False  # a numbered list whose every item opens with its agency
    # The lead-in hands the items to one agency that leads ("giao Sở X chủ trì … sau:"): an
    # explicit assignment even on a page that is not the directive itself.
    assigned: bool = False
    heading_lead_in: bool = False  # the lead-in is the heading's own sentence ("Điều 3. Giao X …:")
    section: str | None = None
    refs: tuple[str, ...] = field(default_factory=tuple)


def extract_items(root: Node, *, allow_prose: bool = True) -> list[Draft]:
    out: list[Draft] = []
    ctx = Context()
    named = _lead_in(root.lead_in) if root.lead_in else None
    if named:
        # The preamble hands the items below to its addressees; an item naming its own wins.
        ctx = replace(ctx, lead=tuple(named), support=tuple(_lead_in_support(root.lead_in)),
                      agency_from_heading=True, lead_in=True, assigned=_assigns_lead(root.lead_in))
    _visit_children(root, ctx, out, allow_prose)
    return out


def _is_heading(node: Node) -> bool:
    return any(not c.is_bullet for c in node.children) or (bool(node.children) and not node.resp)


def _visit_children(parent: Node, ctx: Context, out: list[Draft], allow_prose: bool) -> None:
    kids = parent.children
    # An article with no title of its own ("Điều 2." over "1. Bộ X …", "2. Đề nghị Y …") is
    # a decision's operative part, not a regulation's clause.
    untitled_article = parent.label is not None and parent.label.style == "article" and not parent.text
    listed = _agency_list_items(kids, ctx) if (not allow_prose and not ctx.in_article) or untitled_article else set()
    if listed:
        # Outside a directive (a letter quoted in an article), a numbered list whose every
        # item opens with the agency that must act is a list of assignments.
        for k in kids:
            if id(k) in listed:
                _emit(k, replace(ctx, agency_list=True), out, allow_prose, block=None)
            else:
                _visit(k, ctx, out, allow_prose)
        return
    if any(k.resp for k in kids):
        # Items with responsibility blocks: bullets are content, a block covers the items
        # before it that have none.
        pending: list[Node] = []
        for k in kids:
            if _assigns_nothing(k):
                _flush(pending, None, ctx, out, allow_prose)  # a part of its own ends the run
                pending = []
                continue
            if not k.resp and (any(not c.is_bullet for c in k.children) or (k.children and sections.classify(k.text) in (
                    sections.IMPLEMENTATION, sections.ASSIGNMENT))):
                # a part of its own ("(5) Tổ chức triển khai" over bullets): its bullets are items
                _flush(pending, None, ctx, out, allow_prose)
                pending = []
                _visit(k, ctx, out, allow_prose)
                continue
            if k.label is not None and k.label.is_heading_style and not k.resp:
                _visit(k, ctx, out, allow_prose)
                continue
            if not k.resp and not ctx.in_article and _own_agency(k):
                # An item that opens with its own agency does not wait for the next block.
                _emit(k, ctx, out, allow_prose, block=None)
                continue
            pending.append(k)
            if k.resp:
                _flush(pending, k, ctx, out, allow_prose)
                pending = []
        _flush(pending, None, ctx, out, allow_prose)
        return
    for k in kids:
        _visit(k, ctx, out, allow_prose)


def _child_context(node: Node, ctx: Context) -> Context:
    cls = sections.classify(node.text)
    if cls is None and node.children and node.extra and _names_tasks_below(node.extra[-1]):
        cls = sections.TASKS  # "1. Thể chế" › "… *Trọng tâm:*" › "a) …": the topic's tasks
    new = replace(ctx, section=node.text or ctx.section)
    if cls is not None:
        new = replace(new, cls=cls)
    if node.label is not None and not node.label.is_heading_style and (
            node.heading_level is None or not node.label.is_bullet):
        # A Markdown heading that carries its number ("### II. NHIỆM VỤ", "#### 1. Sở X") is
        # part of the refs like any numbered part.
        new = replace(new, refs=_push_ref(ctx.refs, node))
    elif node.label is not None and node.label.style == "article" and not any(
            c.label is not None and c.label.style in ("roman", "part", "chapter") for c in node.children):
        # "Điều 2" over "1." › "a)": its number leads the refs (2.1.a), unless the article
        # holds a whole plan in Roman parts (Điều 1 › I. › 1.).
        new = replace(new, refs=(*ctx.refs, node.label.text))
    if node.label is not None and node.label.style in ("article", "chapter"):
        new = replace(new, in_article=True)
    agency = agency_heading(node.text) if cls is None else None
    if cls == sections.ASSIGNMENT:
        # "Trách nhiệm của Sở X", "Nhiệm vụ của UBND các xã": the part's agency follows.
        owner = _OWNER_RE.match(node.text)
        if owner:
            agency = agency_heading(node.text[owner.end():])
    if node.label is not None and node.label.style == "bold" and node.children and _assigns_lead(node.text):
        # A bold lead-in over its items: "Giao Vụ X chủ trì, phối hợp với Y … sau:".
        return replace(new, lead=tuple(_lead_in(node.text) or ()), support=tuple(_lead_in_support(node.text)),
                       agency_from_heading=True, lead_in=True, assigned=True)
    if agency and node.children and node.extra and _assigns_lead(node.extra[-1]):
        agency = None  # the heading's closing sentence names who leads the items below
    if agency:
        lead, support = agency
        # "Điều 3. Giao Sở X chủ trì, phối hợp …:" is a lead-in too: an item naming its own
        # agency ("5. Văn phòng UBND tỉnh tham mưu …") is that agency's.
        new = replace(new, lead=tuple(lead), support=tuple(support), agency_from_heading=True,
                      lead_in=bool(_LEAD_IN_RE.search(node.text)), assigned=False,
                      heading_lead_in=bool(_LEAD_IN_RE.search(node.text)))
    elif node.children and node.extra:
        named = _lead_in(node.extra[-1]) or _agency_paragraph(node.extra[-1])
        if named:
            support = _lead_in_support(node.extra[-1]) if _lead_in(node.extra[-1]) else []
            new = replace(new, lead=tuple(named), support=tuple(support), agency_from_heading=True, lead_in=True,
                          assigned=_assigns_lead(node.extra[-1]), heading_lead_in=False)
    return new


def _names_tasks_below(text: str) -> bool:
    """A short closing line that says the items below are tasks ("Trọng tâm:", "Nhiệm vụ
    trọng tâm:", "Các giải pháp:")."""
    t = text.strip().strip("*_ ")
    return t.endswith(":") and len(t.split()) <= 6 and sections.classify(t.rstrip(": ")) == sections.TASKS


_LEAD_IN_RE = re.compile(r"(?i)\b(?:yêu cầu|giao|đề nghị)\s+(?!.*\b(?:yêu cầu|giao|đề nghị)\s)(.+):\s*$")


def _lead_in(text: str) -> list[str] | None:
    """The agencies a heading's closing sentence hands the items below to ("… do vậy, yêu
    cầu các bộ, ngành, địa phương liên quan:")."""
    m = _LEAD_IN_RE.search(text)
    if not m or not starts_like_agency(m.group(1)):
        return None
    # "Giám đốc các sở, …, Chủ tịch UBND các xã thực hiện tốt các nhiệm vụ sau": the names
    # end at the verb.
    if _CHU_TRI_RE.search(m.group(1)):
        # "giao Sở X chủ trì, phối hợp với Sở Y thực hiện các nội dung sau:": X leads.
        lead = lead_and_support(m.group(1))[0]
        return lead if lead and len(" ".join(lead).split()) <= 25 else None
    names = split_agencies(_ADDRESSEES_END_RE.split(m.group(1), maxsplit=1)[0])
    if sum(len(name.split()) for name in names) > 25:
        return None  # counted without "trong phạm vi chức năng, quyền hạn của mình"
    return names or None


_CHU_TRI_RE = re.compile(r"^[^,;:]{3,120}?\schủ trì\b")


def _assigns_lead(text: str) -> bool:
    m = _LEAD_IN_RE.search(text)
    return bool(m and _CHU_TRI_RE.search(m.group(1)) and _lead_in(text))


def _lead_in_support(text: str) -> list[str]:
    """The agencies a lead-in's lead works with ("… chủ trì, phối hợp với Sở Y thực hiện …:")."""
    m = _LEAD_IN_RE.search(text)
    if not m or not _CHU_TRI_RE.search(m.group(1)):
        return []
    return lead_and_support(m.group(1))[1]


_ADDRESSEES_END_RE = re.compile(
    r"\s(?:thực hiện|triển khai|tập trung|khẩn trương|quán triệt|chỉ đạo|nghiêm túc|chủ động|tiếp tục|"
    r"tổ chức thực hiện|có trách nhiệm|căn cứ|theo chức năng|phối hợp)(?=[\s,;:.]|$)"
)


def _visit(node: Node, ctx: Context, out: list[Draft], allow_prose: bool) -> None:
    if _assigns_nothing(node):
        return
    if _lists_its_content(node):
        # "4.4. Nền tảng …" / "Triển khai các hệ thống như:" over "- Hệ thống A", "- Hệ thống
        # B": one task, the list is what it covers.
        body = [*node.extra] + [f"{c.label.text} {c.full_text}" for c in node.children if c.label is not None]
        _emit(node, ctx, out, allow_prose, block=None, content=normalize_space(" ".join(body)))
        return
    if _bullets_are_content(node, ctx):
        # "b) Triển khai nền tảng số, gồm:" over "- …" lines: the bullets spell out that one
        # task (format: sub-bullets of a task belong to its content).
        _emit(node, ctx, out, allow_prose, block=None)
        return
    if _sentence_over_bullets(node):
        # "1. Các cơ quan, đơn vị … xây dựng kế hoạch …; đề ra giải pháp …" over "- Giới thiệu …",
        # "- Khen thưởng …": one duty of the agency it opens with, spelled out below.
        _emit(node, ctx, out, allow_prose, block=None)
        return
    if _milestones(node):
        # "X khẩn trương triển khai …, bảo đảm tiến độ cụ thể như sau:" over "+ … trước ngày …"
        # lines: one task, its milestones part of it (the first one is its due_text).
        _emit(node, ctx, out, allow_prose, block=None)
        return
    if _advises_on(node, ctx):
        # "- Nghiên cứu, tham mưu Lãnh đạo Bộ:" over "+ Các chính sách …", "+ …": one duty
        # whose object the sub-bullets spell out.
        _emit(node, ctx, out, allow_prose, block=None)
        return
    if _directs_another(node, ctx):
        # "- Chỉ đạo Tổng công ty X:" over "+ …" under the agency's heading: the agency's one
        # task is to have X do those things.
        _emit(node, ctx, out, allow_prose, block=None)
        return
    if node.children and not node.resp:
        _visit_children(node, _child_context(node, ctx), out, allow_prose)
        return
    if node.label is None or node.label.is_heading_style or node.heading_level is not None:
        if node.children:
            _visit_children(node, _child_context(node, ctx), out, allow_prose)
        elif node.label is not None and node.label.style == "article" and _HANDS_OVER_RE.match(node.text) \
                and opening_agency(node.text):
            # "Điều 3. Giao Tổng Thư ký … chủ trì …": an article that is one assignment.
            _emit(node, replace(ctx, agency_list=True), out, allow_prose, block=None)
        elif node.label is not None and node.label.style == "article" and allow_prose:
            # "Điều 2. Quyết định này có hiệu lực … Giao Sở X chủ trì …": the assignment
            # sentences of an article that opens with something else.
            found = _assignment_sentences(node.full_text)
            for i, sentence in enumerate(found, start=1):
                _emit(node, replace(ctx, agency_list=True), out, allow_prose, block=None, content=sentence,
                      ref_suffix=str(i) if len(found) > 1 else None)
        return
    if not node.resp and not node.children and node.extra and sections.classify(node.text) is None \
            and not node.text.rstrip().endswith((".", ";")):  # "22. Báo X." is an entry of a list
        agency = agency_heading(node.text)
        whole = opening_agency(node.full_text) if agency and _continues_name(node.extra[0]) else None
        if whole and whole[0] and whole[0][0].startswith(node.text.strip()) \
                and 0 < len(whole[0][0].split()) - len(node.text.split()) <= 2:
            agency = None  # "1. Liên minh Hợp tác xã Việt" / "Nam chủ trì …": a name cut by a line break
        if agency:
            # "3.8. Phòng Quản lý đô thị" followed by unnumbered text: that text is its task.
            lead, support = agency
            sub = replace(_child_context(node, ctx), lead=tuple(lead), support=tuple(support))
            _emit(node, sub, out, allow_prose, block=None, content=" ".join(node.extra), ref_suffix="1")
            return
    if node.label.style in ("roman", "upper") and not node.resp and sections.classify(node.text) is not None:
        # "V. Kinh phí thực hiện" with plain text under it: a part, not a task; but in a part
        # that assigns, a paragraph "Giao X …" with no number of its own is X's task.
        if sections.classify(node.text) != sections.NONE and allow_prose and not node.children:
            handed = [para for para in node.extra if _HANDS_OVER_RE.match(para) and opening_agency(para)]
            for i, paragraph in enumerate(handed, start=1):
                _emit(node, _child_context(node, ctx), out, allow_prose, block=None, content=paragraph,
                      ref_suffix=str(i))
        return
    cut = _handed_over(node) if allow_prose and not node.resp else None
    if cut is not None:
        # "5. …" then a paragraph "Giao Văn phòng X theo dõi, tổng hợp …" with no number:
        # that paragraph is a task of its own, not the rest of item 5.
        _emit(node, ctx, out, allow_prose, block=None,
              content=normalize_space(" ".join([node.text, *node.extra[:cut]])))
        emitted = False
        for paragraph in node.extra[cut:]:
            if _HANDS_OVER_RE.match(paragraph) and opening_agency(paragraph):
                before = len(out)
                _emit(node, ctx, out, allow_prose, block=None, content=paragraph, no_ref=True)
                emitted = len(out) > before
            elif emitted:
                out[-1].content = normalize_space(f"{out[-1].content} {paragraph}")
        return
    _emit(node, ctx, out, allow_prose, block=node if node.resp else None)


def _continues_name(paragraph: str) -> bool:
    """"Nam chủ trì …" after "1. Liên minh Hợp tác xã Việt": one or two capitalised words
    that end the name, then the verb; not "Chủ trì …", which starts the task."""
    words = paragraph.split()
    return (len(words) > 2 and words[0][:1].isupper() and not opening_verb(" " + paragraph[:40].lower())
            and any(opening_verb(" " + " ".join(words[k:k + 3])) for k in (1, 2)))


def _handed_over(node: Node) -> int | None:
    """Where the paragraphs after a numbered item start handing work to another agency."""
    if node.is_bullet or node.children or not node.extra:
        return None
    before = node.text
    for i, paragraph in enumerate(node.extra):
        if before.rstrip().endswith((".", ";", "./.")) and _HANDS_OVER_RE.match(paragraph) and opening_agency(paragraph):
            return i
        before = paragraph
    return None


def _sentence_over_bullets(node: Node) -> bool:
    """A numbered item that is a whole sentence opening with its agency (not a heading that
    names one), over plain bullets that name none."""
    text = node.full_text.strip()
    return (node.label is not None and not node.is_bullet and not node.label.is_heading_style
            and node.heading_level is None and not node.resp and bool(node.children)
            and len(text.split()) >= 15 and text.rstrip().endswith((".", ";"))
            and agency_heading(text) is None and opening_agency(text) is not None
            and all(c.is_bullet and not c.children and not c.resp and not opening_agency(c.full_text)
                    for c in node.children))


_SCHEDULE_RE = re.compile(r"(?i)\b(tiến độ|lộ trình|mốc thời gian|thời hạn)\b[^:]{0,60}:$")


def _milestones(node: Node) -> bool:
    """An item that opens with its agency and ends "… tiến độ cụ thể như sau:", over bullets
    that each name a date: the dated steps of one task."""
    text = node.full_text.strip().strip("*").strip()
    return (node.label is not None and not node.resp and bool(node.children) and bool(_SCHEDULE_RE.search(text))
            and opening_agency(text) is not None
            and all(c.is_bullet and not c.children and not c.resp and find_deadline(c.full_text) for c in node.children))


_ADVISES_RE = re.compile(r"(?i)^(?:nghiên cứu|tham mưu|đề xuất|hướng dẫn|chủ trì|phối hợp)\b[^:]{0,80}:$")


def _advises_on(node: Node, ctx: Context) -> bool:
    return (node.is_bullet and bool(ctx.lead) and not node.resp and bool(node.children)
            and bool(_ADVISES_RE.match(node.text.strip()))
            and all(c.is_bullet and not c.children and not c.resp for c in node.children))


_DIRECTS_RE = re.compile(r"(?i)(?:^|\s)chỉ đạo\s+([^:]{3,150}):$")


def _directs_another(node: Node, ctx: Context) -> bool:
    """"- Chỉ đạo Công ty X:" / "d) Giao Ban Y chỉ đạo các đơn vị … có trách nhiệm:" over
    bullets: what the others must do is one task of the one who directs them."""
    text = node.text.strip()
    m = _DIRECTS_RE.search(text)
    return (node.label is not None and bool(ctx.lead) and m is not None and starts_like_agency(m.group(1))
            and (m.start() == 0 or opening_agency(text) is not None)
            and not node.resp and bool(node.children)
            and all(c.is_bullet and not c.children and not c.resp for c in node.children))


def _assigns_nothing(node: Node) -> bool:
    """"IV. KINH PHÍ THỰC HIỆN" over "Kinh phí thực hiện gồm: …": a part that assigns
    nothing, even when its first line reads like a field."""
    return sections.classify(node.text) == sections.NONE and (
        bool(node.children) or node.heading_level is not None
        or (node.label is not None and node.label.style in ("roman", "upper", "part", "chapter")))


_SUCH_AS_RE = re.compile(r"(?i)\bnhư\s*:\s*$")


def _lists_its_content(node: Node) -> bool:
    """A heading whose paragraph ends "… như:" over plain bullets naming things."""
    return (node.label is not None and not node.is_bullet and not node.resp and bool(node.extra)
            and bool(_SUCH_AS_RE.search(node.extra[-1])) and bool(node.children)
            and all(c.is_bullet and not c.children and not c.resp and not opening_agency(c.text)
                    for c in node.children))


def _agency_paragraph(text: str) -> list[str] | None:
    """A paragraph that is only its agencies and a colon ("Sở Nội vụ, Sở Tài chính:"): the
    bullets below are theirs."""
    if not text.rstrip().endswith(":") or len(text.split()) > 25:
        return None
    agency = agency_heading(text)
    return agency[0] if agency else None


def _bullets_are_content(node: Node, ctx: Context) -> bool:
    """A lettered item under an agency (or lead-in) whose only children are plain bullets;
    not a short topic over them ("a) Đào tạo và bồi dưỡng:"), whose bullets are the tasks."""
    return (node.label is not None and not _TOPIC_TITLE_RE.match(node.text.strip()) and not (node.extra and _agency_paragraph(node.extra[-1])) and node.label.style in ("letter", "paren-letter")
            and not node.resp and bool(node.children)
            and all(c.is_bullet and not c.children and not c.resp and not opening_agency(c.text) for c in node.children)
            and sections.classify(node.text) is None and agency_heading(node.text) is None)


_TOPIC_TITLE_RE = re.compile(r"(?i)^(?!.*\b(?:gồm|như|sau|cụ thể)\b)\S+(?:\s+\S+){0,5}:$")


def _agency_list_items(kids: list[Node], ctx: Context) -> set[int]:
    """The items (ids) of runs of three or more consecutive numbered items, each opening
    with its agency, with no sub-items or blocks of their own."""
    found: set[int] = set()
    run: list[Node] = []
    for k in [*kids, None]:
        first = k is not None and k.label is not None and k.label.text.strip("()") in ("1", "a")
        ok = (k is not None and k.label is not None and not k.is_bullet and not k.label.is_heading_style
              and not k.children and not k.resp and not k.regulation and (bool(run) != first)
              and opening_agency(k.full_text) is not None)
        if ok:
            run.append(k)
            continue
        if len(run) >= 3:
            found.update(id(x) for x in run)
        # A list counts from its first item: "(2) … (4)" of a quoted law is a fragment.
        run = [k] if (first and k is not None and not k.is_bullet and not k.children
                      and opening_agency(k.full_text) is not None) else []
    return found


def _own_agency(node: Node) -> tuple[list[str], list[str]] | None:
    """The agency an item's text opens with, or its body under a title line
    ("3. Xây dựng văn bản …" / "Sở, ban, ngành … có trách nhiệm …")."""
    if node.label is None or node.is_bullet:
        return None
    if sections.classify(node.text) == sections.NONE or _STEP_RE.match(node.text):
        return None  # a procedure's steps say who acts in it, they assign nothing
    own = opening_agency(node.text)
    if own is None and node.extra and not node.text.rstrip().endswith((".", ";")):
        own = opening_agency(node.extra[0])  # under a title line, the body says who
    return own


_PLACEHOLDER_RE = re.compile(r"\.{3,}\s*\(\d+\)|\(\d+\)\s*\.{3,}|\.{8,}|…{3,}|_{5,}")
_HANDS_OVER_RE = re.compile(r"(?i)^(giao|đề nghị|yêu cầu|khuyến khích)\s")
_SENTENCE_END_RE = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")


def _assignment_sentences(text: str) -> list[str]:
    """After the first sentence, each sentence handing work to an agency ("Giao Sở X …"),
    with the sentences that follow it up to the next one or an execution formula."""
    out: list[str] = []
    for sentence in _SENTENCE_END_RE.split(text)[1:]:
        if _BOILERPLATE.search(fold_words(sentence)):
            if out:
                break
            continue
        if _HANDS_OVER_RE.match(sentence) and opening_agency(sentence):
            out.append(sentence)
        elif out:
            out[-1] = f"{out[-1]} {sentence}"
    return out
_NAMES_ITS_LEAD_RE = re.compile(r"(?i)^(giao|đề nghị|yêu cầu|khuyến khích)\s|^[^,;:]{3,120}?\schủ trì\b"
                                r"|^(?:Chính phủ|Thủ tướng)[^,;:]{0,30}\s(?:đề nghị|yêu cầu|giao)\s")
_STEP_RE = re.compile(r"(?i)^bước\s+\d")


def _flush(items: list[Node], block: Node | None, ctx: Context, out: list[Draft], allow_prose: bool) -> None:
    for item in items:
        _emit(item, ctx, out, allow_prose, block=block)


def _emit(node: Node, ctx: Context, out: list[Draft], allow_prose: bool, *, block: Node | None,
          content: str | None = None, ref_suffix: str | None = None, no_ref: bool = False) -> None:
    if ctx.cls == sections.NONE:
        return
    if node.label is None or node.regulation:
        return  # a regulation's clauses are standing rules for everyone, not assigned work
    if node.label.style == "ordinal" and not ctx.assigned:
        return  # "Thứ nhất, …" in a speech: its points, unless a lead-in hands them to an agency
    if content is None and (ctx.agency_list or ctx.assigned) and not allow_prose:
        # Outside a directive the paragraphs after the list are the article's own text.
        content = node.text
    text = content if content is not None else _content(node)
    if len(text.split()) < 3 or _BOILERPLATE.search(fold_words(text)) or _PLACEHOLDER_RE.search(text):
        return  # too short, an execution formula, or a form's blank ("....(2)....")
    if _enacts(node, text):
        return  # "Ủy ban nhân dân ban hành Quyết định …" after the legal bases: the enacting formula
    resp = block.resp if block is not None else {}
    lead: list[str]
    support: list[str]
    layout = "items"
    if "lead" in resp:
        lead, support_from_lead = lead_and_support(resp["lead"])
        support = split_agencies(resp["support"]) if "support" in resp else support_from_lead
    elif resp:
        lead = list(ctx.lead)
        support = split_agencies(resp["support"]) if "support" in resp else list(ctx.support)
    elif ctx.lead:
        # Under a group ("1. Các bộ, ngành:"), "b) Bộ Tài chính bố trí …" names one of them.
        group = all(fold_words(a).startswith("cac ") for a in ctx.lead)
        own = opening_agency(text) if ctx.lead_in or group or _NAMES_ITS_LEAD_RE.match(text) else None
        if own and ctx.heading_lead_in and any(len(name.split()) > 12 for name in own[0]):
            own = None  # the sentence was cut past the name ("UBND các xã niêm yết công khai tại …")
        # Under an agency heading, "Giao X …" / "X chủ trì …" names the item's own lead.
        lead, support = own if own else (list(ctx.lead), list(ctx.support))
        if own and not support and ctx.agency_from_heading:
            support = _heading_helpers(lead, ctx)
        layout = "agency"
    else:
        # Inside an article ("Điều 5. …") a sentence opening with an agency is a rule of the
        # regulation unless the article is about who does what.
        opening = (None if ctx.in_article and ctx.cls is None and not ctx.agency_list
                   else opening_agency(text) or _own_agency(node))
        if opening:
            lead, support = opening
            layout = "agency"
        else:
            if ctx.cls != sections.TASKS or not allow_prose or ctx.in_article:
                return
            if _PLAN_FIELD_RE.match(fold_words(text)):
                return  # "1. Chủ đề thi đua …", "2. Thời gian thực hiện: …": a detail of the plan
            lead, support = [], []
            layout = "prose"
    if not resp and ctx.cls is None and layout == "agency" and not ctx.agency_from_heading and not allow_prose \
            and not ctx.agency_list and node.is_bullet:
        # An item opening with an agency outside any task part: only in a directive (a
        # numbered one is kept for the caller, which takes it beside agency headings).
        return
    if ctx.cls == sections.IMPLEMENTATION and not resp and not ctx.lead and layout != "agency":
        return
    last = max(node.end_line, block.end_line if block is not None and block is node else node.end_line)
    if (ctx.agency_list or ctx.assigned) and not allow_prose:
        last = node.line if node.extra else node.last_line
    ref_parts = (*ctx.refs, ref_suffix) if ref_suffix else _push_ref(ctx.refs, node)
    out.append(Draft(
        ref=None if no_ref else ".".join(ref_parts) or None,
        section=ctx.section if ref_suffix else _section(node, ctx),
        content=text,
        lead=lead,
        support=support,
        due_text=resp.get("due_text"),
        product=resp.get("product"),
        funding=resp.get("funding"),
        directed_by=resp.get("directed_by"),
        lines=(node.line, last),
        layout=layout,
        implementation=ctx.cls == sections.IMPLEMENTATION,
        under_agency=bool(ctx.lead) and "lead" not in resp,
        agency_list=ctx.agency_list,
        assigned=ctx.assigned and "lead" not in resp,
        bullet=node.is_bullet,
    ))


def _heading_helpers(lead: list[str], ctx: Context) -> list[str]:
    """Under a heading naming several agencies ("2. Sở X, Sở Y"), an item opening with one
    of them as its lead ("Sở X chủ trì, phối hợp với Sở Y …"): the others help it."""
    named = [*ctx.lead, *ctx.support]
    if len(named) < 2:
        return []
    keys = {fold_words(a) for a in named}
    if not all(fold_words(a) in keys for a in lead):
        return []  # an agency of its own, not one the heading names
    mine = {fold_words(a) for a in lead}
    return [a for a in named if fold_words(a) not in mine]


_ENACTING_RE = re.compile(r"^[a-z0-9 ]{3,60}? (ban hanh|quyet dinh|quyet nghi)( (quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi))?\b")
_BASIS_RE = re.compile(r"^(can cu|theo de nghi|xet de nghi|xet to trinh)\b")


def _enacts(node: Node, text: str) -> bool:
    """The sentence after the legal bases ("Căn cứ …", "Theo đề nghị …") that says who
    enacts the document: it assigns nothing."""
    parent = node.parent
    if parent is None or node not in parent.children:
        return False
    i = parent.children.index(node)
    return (i > 0 and bool(_BASIS_RE.match(fold_words(parent.children[i - 1].text)))
            and bool(_ENACTING_RE.match(fold_words(text))))


_PLAN_FIELD_RE = re.compile(r"^(chu de|khau hieu|thoi gian( thuc hien| to chuc| trien khai)?|doi tuong|pham vi|dia diem)\b")


def _section(node: Node, ctx: Context) -> str | None:
    parent = node.parent
    if parent is None or parent.parent is None:
        return ctx.section
    return parent.text or ctx.section


def _content(node: Node) -> str:
    if node.content_parts is not None:
        # "(1) Nội dung: …" up to its "(2) Tổ chức thực hiện:": what came after is not the task.
        n_extra, n_children = node.content_parts
        parts = [normalize_space(" ".join([node.text, *node.extra[:n_extra]]))]
        descendants = [x for c in node.children[:n_children] for x in (c, *c.descendants())]
    else:
        parts = [node.full_text]
        descendants = node.descendants()
    for d in descendants:
        marker = d.label.text if d.label is not None else ""
        if d.label is not None and d.label.style in ("letter", "arabic)"):
            marker += ")"
        elif d.label is not None and d.label.style == "arabic":
            marker += "."
        parts.append(f"{marker} {d.full_text}".strip())
    text = normalize_space(" ".join(parts))
    return text.lstrip("-+•* ") if node.content_parts is not None and not node.text else text


def _push_ref(refs: tuple[str, ...], node: Node) -> tuple[str, ...]:
    label = node.label
    if label is None:
        return refs
    if label.is_bullet:
        parent = node.parent
        if parent is None:
            return (*refs, "1")
        siblings = [c for c in parent.children if c.is_bullet]
        # A heading number written twice ("3.7. Phòng Nội vụ", "3.7. Phòng Văn hóa …"):
        # its bullets are counted on from the first one's, so refs stay unique.
        before = 0
        grand = parent.parent
        if grand is not None and parent.label is not None:
            for uncle in grand.children:
                if uncle is parent:
                    break
                if uncle.label is not None and uncle.label.text and uncle.label.text == parent.label.text:
                    before += sum(1 for c in uncle.children if c.is_bullet)
        return (*refs, str(before + siblings.index(node) + 1))
    text = label.text
    if label.style == "arabic" and label.depth > 1:
        # "2.1" under "2": the number already carries its parent.
        prefix = text.rsplit(".", label.depth - 1)[0]
        parts = list(refs)
        while parts and (text.startswith(parts[-1] + ".") or parts[-1] == prefix):
            parts.pop()
            break
        return (*parts, text)
    return (*refs, text)
