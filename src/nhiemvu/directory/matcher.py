"""Splitting responsibility cells into agency names and matching each name to a unit of
one jurisdiction's directory. Pure: no I/O, no Django; the directory comes in as data.

Matching order: exact (case, accents, punctuation and a closing "thành phố …" ignored) →
alias → group phrase → abbreviation (P. = Phòng, initials such as PTNMT, CATP, TTYTTP,
a name without its type word) → fuzzy (rapidfuzz) → unresolved. Whenever two units fit
equally the answer is "ambiguous" with candidates: nothing is guessed silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from nhiemvu.directory import groups as groups_mod
from nhiemvu.directory.names import (
    Place,
    Token,
    canonical,
    clean,
    core_of,
    fold,
    key,
    key_variants,
    tokens_of,
    type_prefix,
    words_of,
)

EXACT = "exact"
ALIAS = "alias"
ABBREVIATION = "abbreviation"
FUZZY = "fuzzy"
GROUP = "group"
RELATED = "related"
AMBIGUOUS = "ambiguous"
UNRESOLVED = "unresolved"
MATCHED = frozenset({EXACT, ALIAS, ABBREVIATION, FUZZY})
_SETTLED = MATCHED | {"group", "related"}

# Fuzzy scores are rapidfuzz ratios (0-100) on folded keys.
FUZZY_ACCEPT = 86.0
FUZZY_MARGIN = 6.0
CANDIDATE_FLOOR = 60.0

# Types that stand alone for the one unit of that kind ("Văn phòng" = the Office).
_BARE_TYPE_KINDS = {
    "van phong": {"van_phong"},
    "thanh tra": {"thanh_tra"},
    "cong an": {"cong_an"},
    "ubnd": {"ubnd"},
}
# Wards, communes, towns: proper names, never matched by similarity alone.
_PLACE_KINDS = {"ubnd_phuong", "ubnd_xa", "ubnd_thi_tran"}
# Words that place a body at another level of government than the jurisdiction's own.
_OTHER_LEVEL = {"tinh", "trung", "uong", "huyen", "quan", "xa", "phuong"}


@dataclass(frozen=True)
class UnitEntry:
    id: int
    name: str
    kind: str = "phong"
    short_name: str = ""
    parent_id: int | None = None


@dataclass
class Resolution:
    text: str
    status: str
    unit_ids: list[int] = field(default_factory=list)
    candidates: list[tuple[int, float]] = field(default_factory=list)
    score: float = 0.0
    group: str = ""  # the group key for status "group"

    @property
    def matched(self) -> bool:
        return self.status in MATCHED


@dataclass
class _Indexed:
    entry: UnitEntry
    keys: list[str]
    kind_words: str  # canonical type phrase ("phong", "trung tam", "")
    core: list[str]  # words after the type, without place suffix
    sequences: list[list[str]]  # word sequences an abbreviation may stand for
    initials: list[str]
    numbers: frozenset[str]


_ROLES = tuple(tuple(r.split()) for r in (
    "pho chu tich", "chu tich", "thu truong", "pho giam doc", "giam doc", "pho truong", "truong",
    "chanh", "pho chanh", "chi huy truong", "lanh dao", "nguoi dung dau",
))


def _role_length(words: list[str]) -> int:
    """Words of a leading title ("Giám đốc", "Trưởng") before a unit-type word, else 0."""
    for role in _ROLES:
        n = len(role)
        if tuple(words[:n]) == role and len(words) > n and type_prefix(words[n:])[0]:
            return n
    return 0


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w != "va")


def _numbers(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if w.isdigit())


# ---------------------------------------------------------------- abbreviations


def _match_tokens(tokens: tuple[Token, ...], words: tuple[str, ...]) -> bool:
    """Do the tokens spell exactly these words? An abbreviation token stands for the
    initials of consecutive words ("và" may be skipped), any token for itself."""

    if not tokens or not words:
        return False
    first = tokens[0]
    # Cheap refusal before the search: the first token must fit the first word.
    if first.word != words[0] and not (first.abbr and (words[0][0] == first.word[0] or words[0] == "va")):
        return False
    memo: dict[tuple[int, int, int], bool] = {}

    def go(i: int, pos: int, j: int) -> bool:
        state = (i, pos, j)
        if state not in memo:
            memo[state] = step(i, pos, j)
        return memo[state]

    def step(i: int, pos: int, j: int) -> bool:
        if i == len(tokens):
            return j == len(words)
        tok = tokens[i]
        if pos == 0 and j < len(words) and tok.word == words[j] and go(i + 1, 0, j + 1):
            return True
        if not tok.abbr:
            return False
        if pos == len(tok.word):
            return go(i + 1, 0, j)
        if j >= len(words):
            return False
        word = words[j]
        if word == "va" and go(i, pos, j + 1):
            return True
        # A contracted word (ubnd, hdnd) is spelt out by its own letters inside an abbreviation.
        if tok.word.startswith(word, pos) and len(word) > 1 and word in ("ubnd", "hdnd", "mttq"):
            return go(i, pos + len(word), j + 1)
        return word[0] == tok.word[pos] and go(i, pos + 1, j + 1)

    return go(0, 0, 0)


# ---------------------------------------------------------------- splitting

# A comma between digits is a decimal point ("0,5 ngày"), not a separator.
_SEPARATORS = re.compile(r"(\s*;\s*|\s*(?:(?<!\d),|,(?!\d))\s*|\s+và\s+|\s*\n\s*)", re.IGNORECASE)
# Names of the standard kind "Văn phòng HĐND và UBND": that "và" never separates agencies.
_FIXED_AND = re.compile(r"\b(HĐND|Hội đồng nhân dân)\s+và\s+(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)", re.IGNORECASE)
_JOINER = "\u0000"
_STARTERS = {("cac",), ("chu", "tich"), ("thu", "truong"), ("lanh", "dao"), ("ubnd",), ("hdnd",),
             ("chu", "dau", "tu")}
# Words that never belong to a place suffix: they open another agency's name.
_NOT_PLACE = {"cac", "va", "ubnd", "phong", "ban", "so", "trung", "chu", "thu", "co", "don", "doi", "hoi"}
_PREFIX_RE = re.compile(r"^\s*(các|cac)\s+([^:]{2,30}?)\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)


def _starts_agency(piece: str) -> bool:
    """Does this piece of a cell open a new agency's name (structure, not a known name)?"""
    toks = tokens_of(piece)
    if not toks:
        return False
    first = toks[0]
    if first.abbr:
        return True
    words = [t.word for t in toks]
    if any(tuple(words[: len(s)]) == s for s in _STARTERS) or _role_length(words):
        return True
    kind, n = type_prefix(words)
    if not kind:
        return False
    if first.capital:
        return True
    # Lower-case type word: "phòng Tài chính" opens a name, "xã" after "các phường," does not.
    return len(toks) > n and toks[n].capital


def _detached_related(previous: str, sep: str, piece: str) -> bool:
    """"cơ quan liên quan" after another agency is its own item, but "đơn vị liên quan"
    in "Các cơ quan, đơn vị liên quan" is the end of one phrase."""
    if not previous or groups_mod.detect(piece) is None or groups_mod.detect(piece).key != groups_mod.RELATED:
        return False
    together = groups_mod.detect(f"{previous}{_sep_text(sep)}{piece}")
    return together is None or together.key == groups_mod.PLURAL


def _is_abbreviation(text: str) -> bool:
    toks = tokens_of(text)
    return len(toks) == 1 and toks[0].abbr


def _singular_prefix(noun: str) -> str:
    """"phòng" → "Phòng": the word a shared-prefix list puts before each item."""
    noun = clean(noun)
    noun = re.split(r"\s*,\s*", noun)[0]
    return noun[:1].upper() + noun[1:]


def split_agencies(text: str, known_names: Iterable[str] = (), *, expand_prefix: bool = True) -> list[str]:
    """Split a responsibility cell on , ; and "và" where they separate two agencies.

    A sequence of pieces that spells a known name is kept whole; otherwise a piece joins
    the previous one unless it opens a new agency (a unit-type word written as a name,
    "các …", an abbreviation). "Các phòng: A, B" gives "Phòng A", "Phòng B" (or, with
    expand_prefix=False, the items as written).
    """
    # One agency per line is a list too; bullets in front of a line are not part of it.
    text = re.sub(r"\s*\n\s*(?:[-+•*]\s+)?", "; ", (text or "").strip())
    text = clean(re.sub(r"^[-+•*]\s+", "", text)).strip(" .;,")
    if not text:
        return []
    text = _FIXED_AND.sub(lambda m: f"{m.group(1)}{_JOINER}{m.group(2)}", text)
    parts = _SEPARATORS.split(text)
    pieces = [p for p in parts[0::2]]
    seps = [""] + [s for s in parts[1::2]]
    known = _known_keys(tuple(known_names))

    out: list[str] = []
    prefix = ""  # active shared prefix ("Phòng") while reading "Các phòng: A, B, C"
    i = 0
    while i < len(pieces):
        piece = pieces[i].strip()
        sep = seps[i].strip()
        head = ""  # "Các phòng: " kept in front of the first item when not expanding
        m = _PREFIX_RE.match(piece)
        if m:
            prefix = _singular_prefix(m.group(2))
            head = piece[: m.start(3)]
            piece = pieces[i] = m.group(3).strip()
            sep = ";"
        elif sep == ";" or (prefix and _starts_agency(piece)):
            prefix = ""
        if not piece:
            i += 1
            continue
        # Longest run of pieces that spells a known name.
        j = _longest_known(pieces, seps, i, known, prefix)
        item = _join(pieces, seps, i, j)
        new_item = (
            j > i
            # An abbreviation never has a comma inside: what follows it is another agency.
            or (out != [] and sep == "," and _is_abbreviation(out[-1]))
            or head != ""
            or not out
            or sep == ";"
            or _starts_agency(piece)
            or _is_known(piece, known, prefix)
            or (prefix != "" and sep.lower() != "và" and piece[:1].isupper())
            or _detached_related(out[-1] if out else "", seps[i], piece)
        )
        if not new_item:
            out[-1] = f"{out[-1]}{_sep_text(seps[i])}{item}"
        elif prefix and expand_prefix:
            out.append(_with_prefix(item, prefix))
        else:
            out.append(head.strip() + " " + item if head else item)
        i = j + 1
    return [clean(p.replace(_JOINER, " và ")).strip(" .;,") for p in out if p.strip(" .;,")]


def _sep_text(sep: str) -> str:
    s = sep.strip()
    if not s:
        return " "
    if s.lower() == "và":
        return f" {s} "
    if s == "-":
        return " - "
    return f"{s} "


def _join(pieces: list[str], seps: list[str], i: int, j: int) -> str:
    text = pieces[i].strip()
    for k in range(i + 1, j + 1):
        text += _sep_text(seps[k]) + pieces[k].strip()
    return text


def _with_prefix(text: str, prefix: str) -> str:
    if not prefix:
        return text
    if type_prefix(words_of(text))[0]:
        return text
    return f"{prefix} {text}"


@lru_cache(maxsize=64)
def _known_keys(names: tuple[str, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for name in names:
        words = canonical(words_of(name.replace(_JOINER, " và ")))
        keys.update(key_variants(words, Place()))
        # Common closings, since the splitter does not know the jurisdiction.
        for n in (2, 3, 4):
            if len(words) > n and words[-n:][:2] == ["thanh", "pho"]:
                keys.add(" ".join(words[:-n]))
        if words[-2:] == ["thanh", "pho"]:
            keys.add(" ".join(words[:-2]))
    return frozenset(keys)


def _is_known(text: str, known: frozenset[str], prefix: str = "") -> bool:
    if not known:
        return False
    words = canonical(words_of(_with_prefix(text.replace(_JOINER, " và "), prefix)))
    if " ".join(words) in known:
        return True
    # A known name followed by the place ("… thành phố Vũng Tàu", "… TP").
    for n in range(1, min(5, len(words))):
        tail = words[-n:]
        is_place = (tail[:2] == ["thanh", "pho"] or tail[0] in ("tp", "tpvt")) and not set(tail) & _NOT_PLACE
        if is_place and " ".join(words[:-n]) in known:
            return True
    return False


def _longest_known(pieces: list[str], seps: list[str], i: int, known: frozenset[str], prefix: str) -> int:
    if not known:
        return i
    for j in range(min(len(pieces), i + 6) - 1, i, -1):
        if any(seps[k].strip() == ";" for k in range(i + 1, j + 1)):
            continue
        if _is_known(_join(pieces, seps, i, j), known, prefix):
            return j
    return i


# ---------------------------------------------------------------- matching


class Matcher:
    """Resolves names against one jurisdiction's units and aliases (all given as data)."""

    def __init__(
        self,
        units: Iterable[UnitEntry],
        aliases: Iterable[tuple[str, int]] = (),
        *,
        jurisdiction_name: str = "",
    ) -> None:
        self.place = Place.parse(jurisdiction_name) if jurisdiction_name else Place()
        self.units: dict[int, UnitEntry] = {}
        self._indexed: list[_Indexed] = []
        self._exact: dict[str, set[int]] = {}
        self._alias: dict[str, set[int]] = {}
        self._cache: dict[str, Resolution] = {}
        self._split_cache: dict[tuple[str, bool], tuple[str, ...]] = {}
        for entry in units:
            self._add_unit(entry)
        for text, unit_id in aliases:
            if unit_id in self.units:
                for k in key_variants(words_of(text), self.place):
                    self._alias.setdefault(k, set()).add(unit_id)
        self._names = tuple(self.names)
        self._by_id = {ix.entry.id: ix for ix in self._indexed}
        # Sequences by their first letter: an abbreviation's first letter picks the few to try.
        self._by_head: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
        self._by_word: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
        for ix in self._indexed:
            for seq in ix.sequences:
                is_core = bool(ix.kind_words and ix.core) and seq is ix.core
                item = (ix.entry.id, tuple(seq), is_core)
                self._by_head.setdefault(seq[0][:1], []).append(item)
                self._by_word.setdefault(seq[0], []).append(item)
        self._fuzzy_keys: list[str] = []
        self._fuzzy_owner: list[int] = []
        for ix in self._indexed:
            for k in ix.keys:
                self._fuzzy_keys.append(k)
                self._fuzzy_owner.append(ix.entry.id)

    @property
    def names(self) -> list[str]:
        return [u.name for u in self.units.values()] + [u.short_name for u in self.units.values() if u.short_name]

    def _add_unit(self, entry: UnitEntry) -> None:
        self.units[entry.id] = entry
        words = canonical(words_of(entry.name))
        keys = key_variants(words, self.place)
        for k in keys:
            self._exact.setdefault(k, set()).add(entry.id)
        if entry.short_name:
            for k in key_variants(words_of(entry.short_name), self.place):
                self._alias.setdefault(k, set()).add(entry.id)
        kind_words, core = core_of(words, self.place)
        base = min(keys, key=len).split()
        sequences = [base] + [base + list(t) for t in self.place.tails()]
        written = words_of(entry.name)
        if written != words:  # "UBND phường 1" also as written, for "UBND P.1"
            sequences.insert(1, written)
        if kind_words and core:
            sequences.append(core)
        self._indexed.append(
            _Indexed(entry, keys, kind_words, core, sequences, [], _numbers(words))
        )

    # -- public

    def split(self, text: str, *, expand_prefix: bool = True) -> list[str]:
        """`split_agencies` with this directory's names, then two neighbours that the
        structure split ("Ban QLDA ĐTXD và PTQĐ") joined again when together they name
        one unit and apart they do not."""
        cached = self._split_cache.get((text, expand_prefix))
        if cached is not None:
            return list(cached)
        result = self._split(text, expand_prefix)
        self._split_cache[(text, expand_prefix)] = tuple(result)
        return result

    def _split(self, text: str, expand_prefix: bool) -> list[str]:
        pieces = split_agencies(text, self._names, expand_prefix=expand_prefix)
        written = fold(clean(text))
        out: list[str] = []
        for piece in pieces:
            if out and not (self.resolve(out[-1]).status in _SETTLED and self.resolve(piece).status in _SETTLED):
                prev = out[-1]
                for glue in (" và ", ", "):
                    merged = prev + glue + piece
                    if fold(merged) not in written:
                        continue
                    if self.resolve(merged).matched:
                        out[-1] = merged
                        break
                else:
                    out.append(piece)
                continue
            out.append(piece)
        return out

    def resolve(self, name: str) -> Resolution:
        hit = self._cache.get(name)
        if hit is None:
            text = clean(name).strip(" .;,:")
            hit = self._cache.get(text)
            if hit is not None:
                self._cache[name] = hit
        if hit is not None:
            return Resolution(hit.text, hit.status, list(hit.unit_ids), list(hit.candidates), hit.score, hit.group)
        result = self._resolve(text)
        self._cache[text] = self._cache[name] = result
        return Resolution(result.text, result.status, list(result.unit_ids), list(result.candidates),
                          result.score, result.group)

    def resolve_all(self, names: Iterable[str]) -> list[Resolution]:
        return [self.resolve(n) for n in names]

    # -- steps

    def _resolve(self, text: str) -> Resolution:
        words = canonical(words_of(text))
        if not words:
            return Resolution(text, UNRESOLVED)
        variants = key_variants(words, self.place)
        for table, status in ((self._exact, EXACT), (self._alias, ALIAS)):
            found = self._lookup(table, variants)
            if found:
                return self._one_or_ambiguous(text, found, status, 100.0)
        head = _role_length(words)
        if head:
            # "Giám đốc Trung tâm Y tế", "Chủ tịch UBND phường 1": the person's unit.
            # Cut the title off the text as written, so that abbreviations keep their case.
            rest = text.split(None, head)[-1] if len(text.split(None, head)) > head else ""
            inner = self._resolve(rest) if rest else Resolution(text, UNRESOLVED)
            if inner.status != UNRESOLVED:
                return Resolution(text, inner.status, inner.unit_ids, inner.candidates, inner.score, inner.group)
        group = groups_mod.detect(text, self.place)
        if group is not None:
            resolved = self._expand(text, group)
            if resolved is not None:
                return resolved
        abbreviated = self._abbreviation(text, words)
        if abbreviated is not None:
            return abbreviated
        return self._fuzzy(text, words)

    def _lookup(self, table: dict[str, set[int]], variants: list[str]) -> set[int]:
        for v in variants:
            if v in table:
                return table[v]
        return set()

    def _one_or_ambiguous(self, text: str, ids: set[int], status: str, score: float) -> Resolution:
        ordered = sorted(ids)
        if len(ordered) == 1:
            return Resolution(text, status, ordered, [(ordered[0], score)], score)
        return Resolution(text, AMBIGUOUS, [], [(i, score) for i in ordered], score)

    def _expand(self, text: str, group: groups_mod.Group) -> Resolution | None:
        if group.key == groups_mod.RELATED:
            return Resolution(text, RELATED, [], [], 100.0, group=group.key)
        if group.key == groups_mod.PLURAL:
            prefix = list(group.prefix)
            members = [ix.entry.id for ix in self._indexed
                       if any(k.split()[: len(prefix)] == prefix for k in ix.keys)]
            if not members:
                return None
            return Resolution(text, GROUP, sorted(members), [], 100.0, group=" ".join(prefix))
        members = [u.id for u in self.units.values() if group.has_kind(u.kind)]
        # A group with no members in this directory is still that group, never a unit.
        return Resolution(text, GROUP, sorted(members), [], 100.0, group=group.key)

    def _abbreviation(self, text: str, words: list[str]) -> Resolution | None:
        toks = tokens_of(text)
        if toks and toks[0].word == "p" and not toks[0].abbr and len(toks) > 1:
            toks[0] = Token("p", True, True)
        tok_tuple = tuple(toks)
        query_kind, type_len = type_prefix(words)
        found: set[int] = set()
        if not toks:
            return None
        head = self._by_head if toks[0].abbr else self._by_word
        for unit_id, seq, is_core in head.get(toks[0].word[:1] if toks[0].abbr else toks[0].word, ()):
            if unit_id in found or (is_core and query_kind):
                continue  # "Phòng Y tế" must not match the core of "Trung tâm Y tế"
            if _match_tokens(tok_tuple, seq):
                found.add(unit_id)
        if not found and query_kind and type_len == len(words) and query_kind in _BARE_TYPE_KINDS:
            kinds = _BARE_TYPE_KINDS[query_kind]
            found = {ix.entry.id for ix in self._indexed if ix.entry.kind in kinds and ix.kind_words == query_kind}
        if not found:
            return self._near_initials(text, toks)
        return self._one_or_ambiguous(text, found, ABBREVIATION, 95.0)

    def _near_initials(self, text: str, toks: list[Token]) -> Resolution | None:
        """One long abbreviation with one letter off (TTYTTTP for TTYTTP)."""
        if len(toks) != 1 or not toks[0].abbr or len(toks[0].word) < 6:
            return None
        word = toks[0].word
        best: dict[int, int] = {}
        for ix in self._indexed:
            if not ix.initials:
                ix.initials = [_initials(seq) for seq in ix.sequences]
            d = min(Levenshtein.distance(word, ini) for ini in ix.initials)
            if d <= 1:
                best[ix.entry.id] = d
        if not best:
            return None
        top = min(best.values())
        ids = {i for i, d in best.items() if d == top}
        score = 100.0 * (1 - top / len(word))
        if len(ids) == 1:
            (only,) = ids
            return Resolution(text, FUZZY, [only], [(only, score)], score)
        return Resolution(text, AMBIGUOUS, [], [(i, score) for i in sorted(ids)], score)

    def _fuzzy(self, text: str, words: list[str]) -> Resolution:
        query_kind, _ = type_prefix(words)
        query_numbers = _numbers(words)
        query_keys = key_variants(words, self.place)
        scores: dict[int, float] = {}
        for q in query_keys:
            for _k, score, idx in process.extract(q, self._fuzzy_keys, scorer=fuzz.ratio,
                                                  score_cutoff=CANDIDATE_FLOOR, limit=12):
                unit_id = self._fuzzy_owner[idx]
                scores[unit_id] = max(scores.get(unit_id, 0.0), float(score))
            if not query_kind:
                # A name written without its type ("Tài nguyên Môi trường").
                for ix in self._indexed:
                    if ix.core:
                        score = fuzz.ratio(q, " ".join(ix.core))
                        if score >= CANDIDATE_FLOOR:
                            scores[ix.entry.id] = max(scores.get(ix.entry.id, 0.0), float(score))
        candidates: list[tuple[int, float]] = []
        _, query_core = core_of(words, self.place)
        for unit_id, score in scores.items():
            ix = self._by_id[unit_id]
            if query_kind and ix.core and query_core:
                # The distinctive words must be close too, not only the shared type words.
                score = min(score, fuzz.ratio(" ".join(query_core), " ".join(ix.core)))
            if query_kind and ix.kind_words and query_kind != ix.kind_words:
                continue  # "Cục Thống kê" is not "Chi cục Thống kê"
            if query_numbers != ix.numbers:
                continue  # "Phường 1" is not "Phường 10"
            if (set(words) & _OTHER_LEVEL) - set(words_of(ix.entry.name)):
                continue  # "Văn phòng UBND tỉnh" is not the city's office
            candidates.append((unit_id, round(score, 1)))
        candidates.sort(key=lambda c: (-c[1], c[0]))
        candidates = candidates[:5]
        settled = candidates and self._by_id[candidates[0][0]].entry.kind in _PLACE_KINDS
        if candidates and candidates[0][1] >= FUZZY_ACCEPT and not settled:
            best = candidates[0][1]
            if len(candidates) == 1 or candidates[1][1] <= best - FUZZY_MARGIN:
                return Resolution(text, FUZZY, [candidates[0][0]], candidates, best)
            return Resolution(text, AMBIGUOUS, [], candidates, best)
        if not candidates:
            candidates = self._suggestions(query_keys[-1])
        return Resolution(text, UNRESOLVED, [], candidates, candidates[0][1] if candidates else 0.0)

    def _suggestions(self, query: str) -> list[tuple[int, float]]:
        """Loose candidates for a person to pick from; never used to decide."""
        best: dict[int, float] = {}
        for _k, score, idx in process.extract(query, self._fuzzy_keys, scorer=fuzz.token_set_ratio,
                                              score_cutoff=CANDIDATE_FLOOR, limit=10):
            unit_id = self._fuzzy_owner[idx]
            best[unit_id] = max(best.get(unit_id, 0.0), round(float(score) * 0.8, 1))
        return sorted(best.items(), key=lambda c: (-c[1], c[0]))[:3]


def fold_key(text: str) -> str:
    """The key aliases are stored under (Alias.folded)."""
    return key(text)


__all__ = [
    "ABBREVIATION", "ALIAS", "AMBIGUOUS", "EXACT", "FUZZY", "GROUP", "RELATED", "UNRESOLVED",
    "Matcher", "Resolution", "UnitEntry", "fold", "fold_key", "split_agencies",
]
