"""Agencies as written: split a responsibility text into its agencies, read an
agency heading ("b) Giao Sở Nội vụ:") or a lead-in line ("Giao X chủ trì, phối hợp với Y:").

Names are kept as written (the directory resolves them to units later). A list is split on
`;` always, and on `,` / ` và ` only where the next part starts like an agency name, so
"Văn phòng HĐND và UBND thành phố" and "Phòng Lao động, Thương binh và Xã hội" stay whole.
Pure.
"""

from __future__ import annotations

import functools
import re

from nhiemvu.ingest.layouts.vn_compat import fold, normalize_space

# First words of an agency name, lower case with accents: folding would confuse "Bộ" with
# "bổ", "Sở" with "số". Strong heads name an agency by themselves ("Sở", "Công an"); weak
# heads are also common words ("Phòng, chống", "Ban hành", "Hội nghị", "Bộ máy") and count
# only before a capitalised word, an abbreviation or a place word ("Phòng Tư pháp").
_STRONG_HEADS = (
    "sở", "ubnd", "ủy ban", "hđnd", "hội đồng nhân dân", "công an", "bộ chỉ huy", "ban chỉ huy", "bch",
    "trung tâm", "văn phòng", "cục", "chi cục", "tổng cục", "liên đoàn", "bảo hiểm xã hội", "ngân hàng",
    "kho bạc", "thủ trưởng", "chủ tịch", "giám đốc", "bệnh viện", "mặt trận", "tỉnh đoàn", "huyện đoàn",
    "thành đoàn", "công ty", "tổng công ty", "học viện", "bưu điện", "điện lực", "chi nhánh",
    "ban quản lý", "ban chỉ đạo", "ban thường vụ", "ban tuyên giáo", "ban dân vận", "ban tổ chức",
    "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "đảng ủy", "tòa án", "viện kiểm sát", "đồn biên phòng",
    "bộ đội biên phòng", "hải quan", "hiệp hội", "tập đoàn", "chủ đầu tư", "hội liên hiệp",
    "hội nông dân", "hội cựu chiến binh", "hội chữ thập đỏ", "đoàn thanh niên", "thanh tra tỉnh",
    "thanh tra thành phố", "thanh tra huyện", "thanh tra chính phủ", "thanh tra bộ", "đài phát thanh",
    "trưởng phòng", "trưởng ban", "chánh văn phòng", "chánh thanh tra", "cảng vụ", "phó thủ tướng",
    "phó chủ tịch", "chính phủ", "trung ương hội", "trung ương đoàn", "ủy ban trung ương",
    "cơ quan liên quan", "cơ quan có liên quan", "đơn vị liên quan", "đơn vị có liên quan",
    "cơ quan chuyên môn", "cơ quan, đơn vị", "bộ trưởng",
    "thống kê tỉnh", "thống kê thành phố", "chi cục thống kê", "cục thống kê", "thông tấn xã",
    "báo và phát thanh",  # "Báo và Phát thanh, Truyền hình tỉnh": a province's merged press body
    "liên minh hợp tác xã",
)
_WEAK_HEADS = (
    "bộ", "phòng", "ban", "hội", "đội", "trường", "thanh tra", "đài", "đoàn", "quận", "huyện", "xã",
    "phường", "thành phố", "thị xã", "tỉnh", "ngành", "đơn vị", "cơ quan", "viện", "tổ", "chánh",
    "đảng đoàn", "ban cán sự", "quỹ", "p.", "thường trực", "tổng thư ký",
    "vụ", "báo", "trạm",  # a ministry's department ("Vụ Pháp chế"), a newspaper, a station ("Trạm Y tế xã")
    "tạp chí", "trung ương",  # "Trung ương Mặt trận Tổ quốc Việt Nam", "Trung ương Đoàn"
)
_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "trung ương", "nhân dân")
# After "Các"/"các": the group noun that makes it an agency phrase.
_GROUP_NOUNS = (
    "cơ quan", "đơn vị", "sở", "phòng", "ban", "ngành", "huyện", "xã", "phường", "thị xã", "địa phương",
    "ubnd", "ủy ban", "tổ chức", "doanh nghiệp", "trường học", "trường", "chủ đầu tư", "thành viên", "hội",
    "đoàn thể", "trung tâm", "chi cục", "cục", "bộ", "tỉnh", "thành phố", "quận", "chủ tịch", "thủ trưởng",
    "giám đốc", "lãnh đạo", "tập thể", "bệnh viện", "hợp tác xã", "ngân hàng", "tổng công ty",
    "công ty", "ban quản lý", "phòng ban", "cấp", "đoàn", "hội đoàn", "đặc khu", "đảng ủy", "tỉnh ủy",
    # non-state actors with duties of their own ("Các hộ gia đình, cá nhân", "Các cơ sở sản xuất")
    "hộ gia đình", "hộ kinh doanh", "cá nhân", "cơ sở",
    "đồng chí",  # "các đồng chí Thứ trưởng", "Các đồng chí Bí thư cấp ủy": office holders addressed
    "cán bộ",  # "Các cán bộ tham dự … chuẩn bị máy tính": the people who must act
)
# After "Các": words that make it something else ("Các trường hợp", "Các bộ phận", "Các nhiệm vụ").
_NOT_GROUP = ("trường hợp", "bộ phận", "cấp độ", "ban hành", "hội nghị", "tổ chức thực hiện", "cơ sở dữ liệu")
_NOT_AGENCY_AFTER_CAC = ("nhiem vu", "giai phap", "chi tieu", "muc tieu", "noi dung", "chinh sach",
                         "chuong trinh", "ke hoach", "hoat dong", "du an", "cong trinh", "van ban")
_ABBREV_RE = re.compile(r"^[A-ZĐ][A-ZĐ0-9.\-&]{1,}(?:[\s,:;]|$)")


@functools.lru_cache(maxsize=8192)
def _starts_like_agency(text: str) -> bool:
    s = text.strip().lstrip("*_ ")
    if not s:
        return False
    letters = [c for c in s[:80] if c.isalpha()]
    shouting = len(s.split()) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    if _ABBREV_RE.match(s) and not shouting and _is_abbreviation(s.split()[0]):  # "UBND …", "TTYTTP"
        return True
    m = re.match(r"(?i)^(giao|đề nghị|yêu cầu)\s+", s)
    if m:
        s = s[m.end():]
    low = s.lower().replace("uỷ", "ủy").replace("hoà", "hòa")
    if low.startswith(("các ", "tất cả ")):
        rest = low.split(" ", 1)[1] if low.startswith("các ") else low[7:]
        if fold(rest).startswith(_NOT_AGENCY_AFTER_CAC) or rest.startswith(_NOT_GROUP):
            return False
        return any(rest == g or rest.startswith((g + " ", g + ",", g + ":")) for g in _GROUP_NOUNS)
    for head in _STRONG_HEADS:
        if low == head or low.startswith((head + " ", head + ":", head + ",")):
            return True
    capitals = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    for head in () if capitals else _WEAK_HEADS:  # "TỔ CHỨC THỰC HIỆN" is not "Tổ …"
        if low.startswith(head + " ") or (head.endswith(".") and low.startswith(head)):
            after = s[len(head):].lstrip()
            if after[:1].isupper() or _ABBREV_RE.match(after) or after.lower().startswith(_PLACE_WORDS):
                return True
    return False


def starts_like_agency(text: str) -> bool:
    """Whether a text begins with an agency name ("Sở …", "UBND …", "Các phòng, ban …")."""
    return _starts_like_agency(text)


def _capital_start(text: str) -> bool:
    s = text.strip()
    words = s.split()
    return bool(s) and (
        s[0].isupper()
        or fold(s).startswith(("cac ", "ubnd", "co quan", "don vi", "tat ca "))
        or (len(words) > 1 and words[1][:1].isupper())  # "phòng Tài chính"
    )


_CAPS_TOKEN_RE = re.compile(r"(?<=[A-ZĐ]{3})\s+(?=(?:Các|Phòng|Sở|Ban|UBND|Ủy ban|Trung tâm|Công an|Văn phòng)\s)")


def split_agencies(text: str | None) -> list[str]:
    """'Phòng Y tế, TTYTTP; Ban CHQS thành phố' → three names, as written."""
    if not text:
        return []
    text = _drop_qualifiers(normalize_space(text))
    text = re.sub(r",\s*(và|&)\s+", r" \1 ", text)
    text = text.strip(" .,;:-–+*•")
    if not text:
        return []
    out: list[str] = []
    for part in re.split(r"\s*;\s*|\s*\n\s*", text):
        part = part.strip(" .,;:")
        if not part:
            continue
        for piece in _CAPS_TOKEN_RE.split(part):
            out.extend(_split_commas(piece))
    return [a for a in (x.strip(" .,;:") for x in out) if a]


# "… trong phạm vi chức năng, nhiệm vụ của mình", "theo chức năng, nhiệm vụ được giao": how
# the agencies act, not who they are.
_QUALIFIER_START = r",?\s+(?:trong phạm vi|theo|căn cứ(?:\s+vào)?)\s+(?:chức năng|nhiệm vụ|quyền hạn|thẩm quyền|lĩnh vực)"
_PAREN_QUALIFIER_RE = re.compile(r"\s*\((?:theo|trong phạm vi|căn cứ)\b[^()]*\)")
_QUALIFIER_CLOSED_RE = re.compile(_QUALIFIER_START + r"[^;]*?(?:của mình|được giao|được phân công|phụ trách)(?=$|[\s,;.:])")
_QUALIFIER_OPEN_RE = re.compile(_QUALIFIER_START + r"[^;]*?(?=\svà\s|;|$)")


def _drop_qualifiers(text: str) -> str:
    if "(" in text:
        text = _PAREN_QUALIFIER_RE.sub("", text)  # "Ban X (theo phạm vi, lĩnh vực)"
    if " theo " not in text and " trong phạm vi " not in text and " căn cứ " not in text:
        return text
    return _QUALIFIER_OPEN_RE.sub("", _QUALIFIER_CLOSED_RE.sub("", text))


def _is_abbreviation(token: str) -> bool:
    """UBND, HĐND, TTYTTP, P.TCKH: capitals without tone marks and few vowels, unlike a word
    in capitals ("QUY", "ĐỊNH")."""
    core = token.strip(".,:;()")
    if not re.fullmatch(r"[A-ZĐ0-9.&\-]{2,}", core):
        return False
    letters = [c for c in core if c.isalpha()]
    vowels = sum(1 for c in letters if c in "AEIOUY")
    return bool(letters) and vowels <= max(1, len(letters) // 3)


def _is_abbrev(token: str) -> bool:
    return bool(re.fullmatch(r"[A-ZĐ][A-ZĐ0-9.&\-]+", token))


_GROUP_CONTINUATION = (["nganh"], ["ban"], ["so"], ["phong"], ["hoi"], ["doan"], ["xa"], ["phuong"], ["huyen"])


def _split_commas(text: str) -> list[str]:
    pieces = re.split(r"(,\s*|\s+và\s+|\s+&\s+)", text)
    out = [pieces[0]]
    listing = ":" in pieces[0]  # "Các phòng: Tài chính, Nội vụ, …" lists names after the colon
    i = 1
    while i < len(pieces):
        sep, piece = pieces[i], pieces[i + 1] if i + 1 < len(pieces) else ""
        joiner_and = sep.strip() in ("và", "&")
        prev = out[-1]
        fprev, fpiece = fold(prev), fold(piece)
        prev_words = prev.split()
        glued = (
            # "HĐND và UBND", "ĐTXD và PTQĐ": one office, one name.
            (joiner_and and fprev.endswith("hdnd") and fpiece.startswith("ubnd"))
            or (joiner_and and prev_words and _is_abbrev(prev_words[-1]) and _is_abbrev(piece.strip()))
            # "Các phòng, ban chuyên môn": one group.
            or (not joiner_and and piece[:1].islower() and not fpiece.startswith(("cac ", "ubnd", "tat ca "))
                and not (len(piece.split()) > 1 and piece.split()[1][:1].isupper()))
            or fpiece.startswith("xa hoi")
            # "các sở, ban, ngành Thành phố": one more noun of the same group.
            or (not joiner_and and piece[:1].islower() and fpiece.split()[:1] in _GROUP_CONTINUATION
                and re.search(r"\bcac\b", fprev) is not None)
        )
        new = listing and not joiner_and and piece[:1].isupper()
        if not glued and (new or (_starts_like_agency(piece) and _capital_start(piece))):
            out.append(piece)
        else:
            out[-1] = prev + sep + piece
        i += 2
    return out


def lead_and_support(text: str | None) -> tuple[list[str], list[str]]:
    """A responsibility written as a sentence: 'Sở X chủ trì, phối hợp với Sở Y và UBND
    các huyện' → ([Sở X], [Sở Y, UBND các huyện]). Plain lists are all lead."""
    if not text:
        return [], []
    t = normalize_space(text)
    marked = _MARKED_LEAD_RE.search(t)
    if marked:
        # "Sở Tài chính (chủ trì); các sở, ngành liên quan": the marked name leads.
        names = split_agencies(_MARKED_LEAD_RE.sub("", t))
        lead_name = _MARKED_LEAD_RE.sub("", re.split(r"[,;]", t[: marked.end()])[-1]).strip(" .,;:")
        lead = [n for n in names if n == lead_name] or [lead_name]
        return lead, [n for n in names if n not in lead]
    f = fold(t)
    m = re.search(r"\bchu tri\b", f)
    # "Các cơ quan được giao chủ trì thực hiện" is a name, not a sentence.
    if m and m.start() > 0 and not f[: m.start()].rstrip().endswith(("duoc giao", "duoc")):
        lead_part = t[: m.start()]
        rest = t[m.end():]
        fr = fold(rest)
        p = re.search(r"phoi hop(\s+voi)?\b", fr)
        before_p = rest[: p.start()] if p else ""
        if p and (p.group(1) or not split_agencies(before_p.split(";")[-1])):
            support_part = rest[p.end():]  # "chủ trì, phối hợp với Sở Y"
        elif ";" in rest:
            # "Sở X chủ trì tham mưu …; Sở Y và các sở, ngành chủ động …": the others help.
            support_part = rest.split(";", 1)[1]
        else:
            support_part = ""
        # "các đơn vị liên quant ham mưu …": a crawl moved a letter across the space after
        # "liên quan"; the names end there.
        support_part = _GLUED_AFTER_RE.sub(r"\1", support_part)
        return split_agencies(_trim_tail(lead_part)), split_agencies(_trim_tail(_cut_support(support_part)))
    return split_agencies(t), []


_GLUED_AFTER_RE = re.compile(r"\b(liên quan)[a-zđ]\s+[a-zà-ỹđ][^,;]*$")
_MARKED_LEAD_RE = re.compile(r"\s*\(\s*(?:cơ quan |đơn vị )?chủ trì\s*\)", re.IGNORECASE)
_TAIL_RE = re.compile(
    r"\s+(?:theo chuc nang|theo nhiem vu|can cu|co trach nhiem|chiu trach nhiem|thuc hien|trien khai|"
    r"tap trung|khan truong|quan triet|chu dong|phoi hop|chu tri|nghien cuu|"
    r"theo doi|de xuat|lanh dao)\b.*$"
)


def _trim_tail(text: str) -> str:
    """Cut the verb phrase off an agency phrase ('Sở X có trách nhiệm …' → 'Sở X')."""
    t = text.strip().strip(":").strip()
    f = fold(t)
    for m in _TAIL_RE.finditer(f) if len(f) == len(t) else []:
        # A capitalised word is part of a name ("Viện Nghiên cứu phát triển"), not the verb.
        if t[m.start() + 1: m.start() + 2].islower():
            return t[: m.start()].strip(" ,;:.")
    if len(f) != len(t):
        m = _TAIL_RE.search(f)
        if m:
            t = t[: m.start()]
    return t.strip(" ,;:.")


def agency_heading(text: str) -> tuple[list[str], list[str]] | None:
    """When a heading or lead-in names the agency responsible for what follows, its
    (lead, support); otherwise None."""
    t = normalize_space(text)
    if not t or len(t) > 400:
        return None
    marked = _MARKED_LEAD_RE.search(t)
    if marked and marked.end() == len(t.rstrip(" :")):
        t = t[: marked.start()]  # "Sở Tài chính (cơ quan chủ trì)": the lead of what follows
    duty = _HEADING_DUTY_RE.search(t)
    if duty and len(t[: duty.start()].split()) >= 2:
        t = t[: duty.start()] + ":"  # "12. Các tổ chức, cá nhân … trên địa bàn có trách nhiệm" over its items
    f = fold(t)
    giao = re.match(r"^(giao|de nghi|yeu cau)\s+", f)
    if giao is None and t.endswith(":"):
        giao = re.match(r"^doi voi\s+", f)  # "Đối với các sở, ngành:" over what they do
    body = t[giao.end():] if giao else t
    if not _starts_like_agency(body):
        return None
    before_colon = body.split(":", 1)[0] if ":" in body else body
    listed = _GROUP_LIST_RE.match(body)
    if listed and len(listed.group(0).split()) <= 25:
        # "Các Bộ, cơ quan: Tài chính, Xây dựng:": the group and the names it lists.
        return [listed.group(1).strip()], []
    words = before_colon.split()
    if len(words) > 40:
        return None
    ends_colon = t.rstrip().endswith(":")
    fb = fold(before_colon)
    # "7. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, … trên địa bàn tỉnh":
    # a long group name, with no verb of duty, is still a heading.
    long_group = fb.startswith("cac ") and len(words) <= 30 and _open_verb(before_colon) is None
    sentence = (len(words) > 14 and not long_group) or "." in before_colon.rstrip(".") or re.search(
        r"\bchu tri\b|\bphoi hop\b", fb)
    if not ends_colon and sentence and not (giao and re.search(r"\bchu tri\b", fb)):
        return None  # a heading without a colon is a short name, not a sentence
    if ":" in body and not ends_colon:
        # "Sở Nội vụ: chủ trì, phối hợp … các nhiệm vụ sau:" names its agency before the colon.
        if len(words) <= 12 and not re.search(r"\b(chu tri|phoi hop)\b", fb):
            lead = split_agencies(_trim_tail(_PAREN_ALIAS_RE.sub("", before_colon)))
            return (lead, []) if lead else None
        return None
    before_colon = _PAREN_ALIAS_RE.sub("", before_colon)
    if re.search(r"\bchu tri\b", fb):
        lead, support = lead_and_support(before_colon)
    else:
        verb = _open_verb(before_colon) or _HEADING_VERB_RE.search(before_colon)
        if verb and verb.start() > 0 and not ends_colon and not giao and not _HEADING_VERB_RE.search(before_colon) \
                and len(before_colon[verb.end():].split()) >= 3:
            return None  # "Bộ Y tế tăng cường phòng chống dịch": a headline, not an agency heading
        name = before_colon[: verb.start()] if verb and verb.start() > 0 else before_colon
        lead, support = split_agencies(_trim_tail(name)), []
    if not lead:
        return None
    return lead, support


_HEADING_DUTY_RE = re.compile(r"\s(?:có trách nhiệm|có nhiệm vụ|chịu trách nhiệm)\s*:?\s*$")
# "(sau đây gọi tắt là “Ban Quản lý”)": an alias, not part of the name.
_PAREN_ALIAS_RE = re.compile(r"\s*\((?:sau đây|dưới đây|gọi tắt)[^)]*\)")
_HEADING_VERB_RE = re.compile(r"\s(?:có quyền hạn|có nhiệm vụ|lãnh đạo|có các nhiệm vụ|thực hiện các nhiệm vụ)(?=[\s,;:.]|$)")


def opening_agency(text: str) -> tuple[list[str], list[str]] | None:
    """An item that opens with its agency ('Sở Y tế chủ trì …', 'Giao Công an tỉnh …')."""
    t = normalize_space(text)
    topic = _TOPIC_RE.match(t)
    if topic and re.match(r"(?i)(giao|yêu cầu|đề nghị)\s", t[topic.end():]):
        t = t[topic.end():]  # "Về cơ chế tài chính: Giao Bộ X chủ trì …": the topic, then who acts
    elif topic and _starts_like_agency(t[topic.end():]):
        # "Về mặt bằng: Tỉnh X khẩn trương …"; not "Về tồn tại: Ban Chỉ đạo … chỉ ra những
        # hạn chế …" (a finding, whose subject runs on past the name).
        found = opening_agency(t[topic.end():])
        pieces = [piece for name in (found[0] if found else []) for piece in re.split(r"[,:]", name)]
        return found if found and all(len(piece.split()) <= 10 for piece in pieces) else None
    speaker = _SPEAKER_RE.match(t)
    if speaker:
        t = "Giao " + t[speaker.end():]  # "Chính phủ trân trọng đề nghị X …": X must act
    f = fold(t)
    giao = re.match(r"^(giao|yeu cau|de nghi|khuyen khich)\s+(dong chi\s+)?", f)
    body = t[giao.end():] if giao else t
    if not _starts_like_agency(body):
        return None
    fb = fold(body)
    colon = body.find(":")
    if colon > 0 and _short_subject(body[:colon]) and _starts_like_agency(body[:colon]) \
            and not re.search(r"\b(chu tri|phoi hop)\b", fb[:colon]) and not _open_verb(body[:colon]):
        names = _names_after_colon(body, colon)
        if names:
            # "Ủy ban nhân dân các tỉnh: Tuyên Quang, Đồng Nai quyết liệt …": one group, named.
            return [body[:names].strip(" ,")], []
        return split_agencies(body[:colon]), []  # "Cục Di sản văn hóa: chủ trì …"
    m = _open_verb(body)
    if m and _short_subject(body[: m.start()]):
        # "Sở X chủ trì, phối hợp với Sở Y …" in the task's own sentence: only the opening
        # agency is split out; the agencies it works with stay in the text. A list in brackets
        # after the names ("UBND 15 tỉnh (Cao Bằng, Điện Biên, …)") says which, it is no name.
        return [_cut_builds(a) for a in split_agencies(_PLACE_LIST_RE.sub("", body[: m.start()]))], []
    if giao:
        verb = _TAIL_RE.search(fb)
        if verb and len(body[: verb.start()].split()) <= 15:
            return split_agencies(body[: verb.start()]), []
    return None


# "Ban Tuyên giáo Trung ương xây dựng kế hoạch …" (a crawl's bold ended mid-sentence): after a
# capitalised word "xây dựng" is the duty, not part of the name ("Sở Xây dựng", "Ban Quản lý
# dự án đầu tư xây dựng" keep theirs).
_BUILDS_RE = re.compile(r"(\s[A-ZĐÀ-Ỹ][^\s,;:]*)\s+xây dựng\b")


def _cut_builds(name: str) -> str:
    m = _BUILDS_RE.search(name)
    if m is None:
        return name
    head = name[: m.end(1)]
    return head if _starts_like_agency(head) else name


# Who asks, before the agency asked: "Chính phủ trân trọng đề nghị …", "Thủ tướng Chính phủ yêu cầu …".
_SPEAKER_RE = re.compile(r"^(?:Chính phủ|Thủ tướng(?: Chính phủ)?|Ủy ban nhân dân tỉnh|UBND tỉnh|Bộ Chính trị|Ban Bí thư)"
                         r"\s+(?:trân trọng\s+|cũng\s+)?(?:đề nghị|yêu cầu|giao)\s+")
_GROUP_LIST_RE = re.compile(r"^((?:Các|các)\s[^:;.]{2,40}:\s*[^:;.]{3,160}?)\s*:\s*$")
_TOPIC_RE = re.compile(r"^(?:Về|Đối với)\s+[^:;.]{3,260}?:\s*")


def _names_after_colon(body: str, colon: int) -> int | None:
    """Where a list of place names after a group's colon ends ("các tỉnh: Nghệ An, Hà
    Tĩnh tập trung …" → before "tập trung"), or None when the colon opens the duty."""
    verb = _open_verb(body[colon:])
    if verb is None:
        return None
    pieces = [p.strip() for p in re.split(r",|\svà\s", body[colon + 1: colon + verb.start()])]
    if len(pieces) < 2 or not all(p[:1].isupper() and len(p.split()) <= 6 and not _OPEN_VERB_RE.match(" " + p.lower())
                                  for p in pieces):
        return None
    return colon + verb.start()


_MODAL_VERB_RE = re.compile(r"\s(?:khẩn trương|có trách nhiệm|chịu trách nhiệm|chủ động|tiếp tục|phải|cần|tập trung)(?=[\s,;:.]|$)")


_PLACE_LIST_RE = re.compile(r"\s*\([^()]*,[^()]*,[^()]*\)\s*$")


def _short_subject(head: str) -> bool:
    """A subject short enough to be agency names: one name, or a list of them
    ("Bộ Xây dựng, Bộ Quốc phòng, các tỉnh Ninh Bình, Hưng Yên, Đồng Nai")."""
    head = _PLACE_LIST_RE.sub("", _drop_qualifiers(head))
    n = len(head.split())
    return 1 <= n <= 15 or (n <= 30 and "," in head) or (n <= 45 and head.count(";") >= 2)


# The verb right after an opening agency ("Bộ Tài chính tiếp tục …", "Sở Y tế chủ trì, phối
# hợp với …"). Lower-case only, and none that occur inside names ("xây dựng", "quản lý").
_OPEN_VERB_RE = re.compile(
    r"\s(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|phải|cần|tiếp tục|khẩn trương|chủ động|tập trung|"
    r"nâng cao|tăng cường|đẩy mạnh|đẩy nhanh|thực hiện|tổ chức|triển khai|tham mưu|nghiên cứu|rà soát|kiểm tra|"
    r"theo dõi|tổng hợp|đề xuất|hướng dẫn|tuyên truyền|hoàn thiện|hoàn thành|ban hành|bảo đảm|đảm bảo|"
    r"giải quyết|xử lý|cập nhật|vận động|chỉ đạo|đôn đốc|trình|báo cáo|lập|sửa đổi|bổ sung|hỗ trợ|"
    r"tiến hành|đánh giá|duy trì|khảo sát|thu hút|căn cứ|kịp thời|thường xuyên|quyết liệt|nghiêm túc|"
    r"phát huy|trực tiếp|xuất cấp|huy động|bố trí|ưu tiên|sớm|nghiêm|tích cực|khẩn cấp|kiên quyết|cung cấp|"
    r"phân bổ|tiếp nhận|thẩm định|phê duyệt|rà|làm việc|quán triệt|chấn chỉnh|theo chức năng|tham gia|đăng ký|phấn đấu|"
    r"giám sát|xem xét|chuẩn bị|khi|trong quá trình|phổ biến|lồng ghép|đưa tin|lãnh đạo(?=,? chỉ đạo)|là (?:cơ quan|đơn vị|đầu mối)|định kỳ|(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày)|trước(?= (?:ngày|tháng|quý|năm|\d)))"
    r"(?=[\s,;:.]|$)"
)


# Not the verb: "tổ chức" as a noun ("doanh nghiệp, tổ chức, cá nhân có liên quan"), a verb
# inside a relative clause of the name ("các dự án đang triển khai thi công"), after a
# plural ("các tổ chức") or inside a compound noun ("công trình", "chương trình").
_NOUN_AFTER_RE = re.compile(r"\s*(?:$|,|;|và\b|cá nhân|có liên quan|liên quan|đoàn thể|chính trị|xã hội|kinh tế|thành viên|đảng\b)")
_CLAUSE_BEFORE_RE = re.compile(r"(?:\bđang|\bđã|\bđược|\bsẽ|\bchưa|\bbị|\bcác|\bnhững|\bmọi)\s*$")
_BODY_BEFORE_RE = re.compile(r"(?:\bđoàn|\btổ|\bnhóm|\blực lượng)\s*$")
_COMPOUND_BEFORE_RE = re.compile(r"(?i)(?:\bcông|\bchương|\bquy|\blộ|\btờ|\bthành|\bthiết)\s*$")


def opening_verb(text: str) -> bool:
    """Whether `text` starts (after a space) with a verb that ends an agency's name."""
    return _OPEN_VERB_RE.match(text) is not None


def _open_verb(text: str) -> re.Match[str] | None:
    """The verb that ends the agency a sentence opens with."""
    assigned = re.match(r"[^,;:]{0,40}?\sđược giao\b", text)
    if assigned:
        # "Các cơ quan được giao nhiệm vụ soạn thảo, trình, thẩm tra dự án luật khẩn trương
        # …": the duty verbs inside the relative clause name the agencies; the modal ends it.
        modal = _MODAL_VERB_RE.search(text, assigned.end())
        if modal and len(text[: modal.start()].split()) <= 30:
            return modal
    for m in _OPEN_VERB_RE.finditer(text):
        word = m.group(0).strip()
        if word == "tổ chức" and _NOUN_AFTER_RE.match(text, m.end()):
            continue
        if _CLAUSE_BEFORE_RE.search(text, 0, m.start()):
            continue
        if _BODY_BEFORE_RE.search(text, 0, m.start()):
            continue  # "các đoàn kiểm tra của Bộ Chính trị": a body named by its work
        if text.count("(", 0, m.start()) > text.count(")", 0, m.start()):
            continue  # inside brackets: "Các cán bộ tham dự (theo hình thức trực tiếp …)"
        if word in ("trình", "lập") and _COMPOUND_BEFORE_RE.search(text, 0, m.start()):
            continue
        if word == "tham mưu" and re.search(r"(?i)\b(cơ quan|đơn vị)\s*$", text[: m.start()]):
            continue  # "các cơ quan tham mưu, quản lý nhà nước": what kind of body, not its duty
        return m
    return None


# Lower-case verbs that end an agency phrase inside a sentence ("phối hợp với Sở Y tế
# nâng cao …"). Agency names are capitalised ("Ban Quản lý"), so only lower-case words cut.
_VERB_RE = re.compile(
    r"\s(?:nâng|tăng|đẩy|thực hiện|tổ chức|triển khai|tham mưu|xây dựng|nghiên cứu|rà soát|kiểm tra|"
    r"theo dõi|tổng hợp|đề xuất|hướng dẫn|tuyên truyền|hoàn thiện|hoàn thành|ban hành|bảo đảm|đảm bảo|"
    r"giải quyết|xử lý|phát triển|cập nhật|vận động|chỉ đạo|đôn đốc|quản lý|khẩn trương|tập trung|chủ động|"
    r"trình|báo cáo|lập|có(?! liên quan)|để|nhằm|trong|về|tiếp tục|thẩm định|sửa đổi|bổ sung|hỗ trợ|tiến hành|đánh giá|"
    r"duy trì|khảo sát|thu hút|cấp(?! (?:xã|huyện|tỉnh|cơ sở|trên|dưới|trung ương|phường|thôn))|căn cứ|theo|tại|"
    r"đối với|kịp thời|thường xuyên|định kỳ)(?=[\s,;:.]|$)"
)


# Follow-up duties written after a name in an assignment cell ("Sở X thúc đẩy, theo dõi,
# báo cáo chỉ tiêu"); never inside a name.
_FOLLOW_UP_RE = re.compile(r"\s(?:thúc đẩy|theo dõi|điều phối)(?=[\s,;:.]|$)")


def trim_duty(name: str) -> str:
    """A name that runs on into what the agency does ("Sở Khoa học và Công nghệ thúc đẩy,
    theo dõi, báo cáo chỉ tiêu" in a table cell) ends before the verb."""
    m = _FOLLOW_UP_RE.search(name)
    if m is None or m.start() == 0:
        return name
    head = name[: m.start()].strip(" ,;:")
    return head if len(head.split()) >= 2 and _starts_like_agency(head) else name


def _cut_support(text: str) -> str:
    m = _VERB_RE.search(text)
    return text[: m.start()] if m else text
