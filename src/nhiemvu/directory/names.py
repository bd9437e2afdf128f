"""Folding and tokenising agency names: the shared vocabulary of the splitter, the group
rules and the matcher. Pure: no I/O, no Django."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")

# Multi-word terms written both in full and abbreviated: the key uses the short form so
# that "Ủy ban nhân dân" and "UBND" compare equal.
CONTRACTIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("uy", "ban", "nhan", "dan"), "ubnd"),
    (("hoi", "dong", "nhan", "dan"), "hdnd"),
    (("mat", "tran", "to", "quoc"), "mttq"),
)

# Words that open a unit's name and say what kind of body it is, longest first.
# (folded words, canonical type, abbreviations of the type alone)
TYPE_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (("van", "phong"), "van phong"),
            (("phong",), "phong"),
            (("so",), "so"),
            (("bo",), "bo"),
            (("ubnd", "dac", "khu"), "dac khu"),
            (("dac", "khu"), "dac khu"),
            (("trung", "tam"), "trung tam"),
            (("chi", "cuc"), "chi cuc"),
            (("cuc",), "cuc"),
            (("ban",), "ban"),
            (("cong", "an"), "cong an"),
            (("thanh", "tra"), "thanh tra"),
            (("bao", "hiem"), "bao hiem"),
            (("hoi",), "hoi"),
            (("doi",), "doi"),
            (("doan",), "doan"),
            (("don",), "don"),
            (("co", "quan"), "co quan"),
            (("ubnd", "phuong"), "phuong"),
            (("phuong",), "phuong"),
            (("ubnd", "xa"), "xa"),
            (("ubnd", "thi", "tran"), "thi tran"),
            (("thi", "tran"), "thi tran"),
            (("ubnd",), "ubnd"),
            (("buu", "dien"), "buu dien"),
            (("kho", "bac"), "kho bac"),
            (("benh", "vien"), "benh vien"),
            (("truong",), "truong"),
            (("bo", "phan"), "bo phan"),
            (("chi", "nhanh"), "chi nhanh"),
        ),
        key=lambda item: -len(item[0]),
    )
)
# "xã" alone also opens "Xã hội"; it counts as a type only before a name.
_AMBIGUOUS_TYPE_HEADS = {("xa",): {"hoi"}}

# Words for the level of a place, as they precede its name ("thành phố Vũng Tàu").
PLACE_LEVELS: tuple[tuple[str, ...], ...] = (
    ("thanh", "pho"),
    ("thi", "xa"),
    ("huyen",),
    ("quan",),
    ("tinh",),
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, tags removed, whitespace collapsed: how a name is shown and stored."""
    text = _TAG_RE.sub("", nfc(text or "").translate(_INVISIBLE))
    text = text.replace("**", "")
    return " ".join(text.split())


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case without accents (đ → d): for comparing, never for display."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def contract(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        for long, short in CONTRACTIONS:
            if tuple(words[i : i + len(long)]) == long:
                out.append(short)
                i += len(long)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def words_of(text: str) -> list[str]:
    """Folded words of a name, with the usual contractions applied."""
    return list(_words(text))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    # Names repeat across cells and documents: fold each distinct text once.
    return tuple(contract(_WORD_RE.findall(fold(text.replace("&", " và ")))))


def key(text: str) -> str:
    """The comparison key of a name: folded words, punctuation gone."""
    return " ".join(words_of(text))


@dataclass(frozen=True)
class Token:
    word: str  # folded
    abbr: bool  # may stand for the initials of several words (TCKH, TP, P.)
    capital: bool  # written with a capital first letter


def tokens_of(text: str) -> list[Token]:
    """Folded tokens, remembering which ones were written as abbreviations."""
    return list(_tokens(text))


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[Token, ...]:
    text = clean(text.replace("&", " và "))
    out: list[Token] = []
    for m in _WORD_RE.finditer(text):
        raw = m.group(0)
        letters = [c for c in raw if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters)
        dotted = text[m.end() : m.end() + 1] == "."
        abbr = upper and (len(letters) >= 2 or dotted)
        if raw.lower() in ("tp", "tx"):
            abbr = True
        out.append(Token(fold(raw), abbr, raw[:1].isupper()))
    # Contractions on the plain words ("Ủy ban nhân dân" → ubnd).
    words = [t.word for t in out]
    result: list[Token] = []
    i = 0
    while i < len(out):
        for long, short in CONTRACTIONS:
            if tuple(words[i : i + len(long)]) == long:
                result.append(Token(short, False, out[i].capital))
                i += len(long)
                break
        else:
            result.append(out[i])
            i += 1
    return tuple(result)


def type_prefix(words: list[str]) -> tuple[str, int]:
    """The unit type a name opens with and how many words it takes ("", 0 if none)."""
    for phrase, canonical in TYPE_PHRASES:
        n = len(phrase)
        if tuple(words[:n]) == phrase:
            blocked = _AMBIGUOUS_TYPE_HEADS.get(phrase)
            if blocked and len(words) > n and words[n] in blocked:
                continue
            return canonical, n
    return "", 0


@dataclass(frozen=True)
class Place:
    """The jurisdiction a name may end with: "thành phố Vũng Tàu", "TP", "TPVT", "VT"."""

    level: tuple[str, ...] = ()
    name: tuple[str, ...] = ()

    @classmethod
    def parse(cls, jurisdiction_name: str) -> Place:
        words = words_of(jurisdiction_name)
        if words[:1] == ["ubnd"]:
            words = words[1:]
        for level in PLACE_LEVELS:
            if tuple(words[: len(level)]) == level:
                return cls(level, tuple(words[len(level) :]))
        return cls((), tuple(words))

    def tails(self) -> list[tuple[str, ...]]:
        """Word sequences that may close a unit's name, longest first."""
        return list(_tails(self))


@lru_cache(maxsize=256)
def _tails(place: Place) -> tuple[tuple[str, ...], ...]:
    if True:
        level, name = place.level, place.name
        level_abbr = ("".join(w[0] for w in level),) if level else ()
        name_abbr = ("".join(w[0] for w in name),) if len(name) > 1 else ()
        candidates = [
            level + name,
            level_abbr + name,
            (level_abbr[0] + name_abbr[0],) if level_abbr and name_abbr else (),
            level,
            level_abbr,
            name,
            name_abbr,
            # The generic level words, for names written without the place.
            ("thanh", "pho"),
            ("tp",),
        ]
        seen: list[tuple[str, ...]] = []
        for tail in candidates:
            if tail and tail not in seen:
                seen.append(tail)
        return tuple(sorted(seen, key=len, reverse=True))


# A ward's or commune's committee is named both "UBND phường 1" and "Phường 1".
_CANONICAL_HEADS = {("ubnd", "phuong"): ("phuong",), ("ubnd", "xa"): ("xa",), ("ubnd", "thi", "tran"): ("thi", "tran")}


def canonical(words: list[str]) -> list[str]:
    for head, short in _CANONICAL_HEADS.items():
        if tuple(words[: len(head)]) == head and len(words) > len(head):
            return list(short) + words[len(head) :]
    return words


def key_variants(words: list[str], place: Place) -> list[str]:
    """Keys of a name: as written, then without each closing place suffix."""
    words = canonical(words)
    out = [" ".join(words)]
    for tail in place.tails():
        n = len(tail)
        if len(words) > n and tuple(words[-n:]) == tail:
            stripped = " ".join(words[:-n])
            if stripped not in out:
                out.append(stripped)
    return out


def core_of(words: list[str], place: Place) -> tuple[str, list[str]]:
    """(type, the words after the type) of a name without its place suffix."""
    words = canonical(words)
    stripped = min(key_variants(words, place), key=len).split()
    kind, n = type_prefix(stripped)
    return kind, stripped[n:]
