"""Group phrases: names that stand for several units ("UBND các phường, xã", "Các phòng,
ban chuyên môn") or for nobody in particular ("Các cơ quan, đơn vị liên quan", which the
lead agency decides). Pure: no I/O, no Django.

A group is described by unit kinds (the codes of `Unit.Kind`), so the matcher expands
it with whatever units the jurisdiction has; nothing here knows a city.
"""

from __future__ import annotations

from dataclasses import dataclass

from nhiemvu.directory.names import Place, words_of

WARD_KINDS = frozenset({"ubnd_phuong"})
COMMUNE_KINDS = frozenset({"ubnd_xa", "ubnd_thi_tran"})
# Specialised agencies of a People's Committee (cơ quan chuyên môn thuộc UBND).
DEPARTMENT_KINDS = frozenset({"van_phong", "phong", "thanh_tra"})
# "Các cơ quan, đơn vị" means the agencies and units of this level, not the committees
# of the wards below it, the committee itself, or Party bodies.
NOT_AGENCY_KINDS = frozenset({"ubnd", "ubnd_phuong", "ubnd_xa", "ubnd_thi_tran", "dang"})

RELATED = "related"
WARDS = "wards"
DEPARTMENTS = "departments"
ALL_AGENCIES = "all"
PLURAL = "plural"


@dataclass(frozen=True)
class Group:
    key: str  # related | wards | departments | all | plural
    include: frozenset[str] | None = None  # unit kinds; None = every kind not excluded
    exclude: frozenset[str] = frozenset()
    prefix: tuple[str, ...] = ()  # for PLURAL: the folded words every member starts with

    def has_kind(self, kind: str) -> bool:
        if kind in self.exclude:
            return False
        return self.include is None or kind in self.include


_ROLE_HEADS = (("chu", "tich"), ("thu", "truong"), ("lanh", "dao"), ("nguoi", "dung", "dau"), ("giam", "doc"))
_SETTLEMENTS = {"phuong": WARD_KINDS, "xa": frozenset({"ubnd_xa"}), "thi tran": frozenset({"ubnd_thi_tran"}),
                "dac khu": frozenset({"ubnd_xa"})}
_BODY_NOUNS = ("co quan", "don vi", "phong", "ban", "so", "nganh", "dia phuong")
_CUT_AT = (("truc", "thuoc"), ("thuoc",), ("tren", "dia", "ban"))
_RELATED_HEADS = {"co", "quan", "don", "vi", "so", "ban", "nganh", "phong", "dia", "phuong", "to", "chuc", "ca",
                  "nhan", "doanh", "nghiep", "cac", "va", "lien", "khac", "huu"}


def _strip_role(words: list[str]) -> list[str]:
    for head in _ROLE_HEADS:
        if tuple(words[: len(head)]) == head:
            return words[len(head) :]
    return words


def _cut_qualifier(words: list[str], place: Place) -> list[str]:
    for i in range(1, len(words)):
        rest = tuple(words[i:])
        if any(rest[: len(c)] == c for c in _CUT_AT):
            return words[:i]
        if rest in place.tails() or rest[:1] in (("tp",), ("tpvt",)) or rest[:2] == ("thanh", "pho"):
            return words[:i]
    return words


def _take_nouns(words: list[str], nouns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Read a list of nouns ("phòng, ban", "cơ quan, đơn vị") off the front of `words`."""
    found: list[str] = []
    i = 0
    while i < len(words):
        for noun in sorted(nouns, key=lambda n: -len(n.split())):
            parts = noun.split()
            if words[i : i + len(parts)] == parts:
                found.append(noun)
                i += len(parts)
                break
        else:
            if words[i] == "va":
                i += 1
                continue
            break
    return found, words[i:]


def detect(text: str, place: Place | None = None) -> Group | None:
    """The group a phrase names, or None when it names (or may name) one unit."""
    place = place or Place()
    words = _strip_role(words_of(text))
    if not words:
        return None
    # "Các cơ quan, đơn vị liên quan", "cơ quan có liên quan", "các sở, ngành liên quan".
    if words[-2:] == ["lien", "quan"] and set(words) <= _RELATED_HEADS:
        return Group(RELATED)
    if words[0] == "ubnd" and words[1:2] in (["cac"], ["cap"]):
        words = words[1:]
    if words[:2] == ["cap", "xa"]:
        return Group(WARDS, WARD_KINDS | COMMUNE_KINDS)
    if words[0] != "cac":
        # "UBND xã, phường, đặc khu": a list of settlement kinds, no name after them.
        if words[0] == "ubnd" and len(words) > 2:
            settlements, rest = _take_nouns(words[1:], tuple(_SETTLEMENTS))
            if len(settlements) >= 2 and not rest:
                return Group(WARDS, frozenset().union(*(_SETTLEMENTS[s] for s in settlements)))
        return None
    words = _cut_qualifier(words[1:], place)
    settlements, rest = _take_nouns(words, tuple(_SETTLEMENTS))
    if settlements and not rest:
        kinds: frozenset[str] = frozenset()
        for s in settlements:
            kinds |= _SETTLEMENTS[s]
        return Group(WARDS, kinds)
    nouns, rest = _take_nouns(words, _BODY_NOUNS)
    specialised = rest[:2] == ["chuyen", "mon"]
    if specialised:
        rest = rest[2:]
    if nouns and not rest:
        kinds_named = set(nouns)
        if "don vi" in kinds_named or (kinds_named == {"co quan"} and not specialised):
            return Group(ALL_AGENCIES, None, NOT_AGENCY_KINDS)
        if kinds_named & {"phong", "so"} or specialised:
            return Group(DEPARTMENTS, DEPARTMENT_KINDS)
    # "Các Ban Quản lý dự án …": every unit whose name starts so; the matcher decides.
    if words:
        return Group(PLURAL, prefix=tuple(words))
    return None
