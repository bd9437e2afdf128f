"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) → Unicode, and NFD → NFC.

Before Unicode, Vietnamese offices typed with 8-bit fonts: TCVN3 (ABC; fonts
`.VnTime`, `.VnArial`, capitals-only `.VnTimeH`) and VNI (fonts `VNI-Times`...).
Opened without the font, such text shows as `Phßng Tµi chÝnh` (TCVN3) or
`Phoøng Taøi chính` (VNI). A .docx tells us the font of each run; plain text does
not, so `looks_legacy` recognises the encodings from characters that never occur
in real Vietnamese. Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (TCVN 5712:1993, VN3): one 8-bit code per letter ---------------------------
_TCVN3_PAIRS = (
    # a ă â and tones
    "àµ ả¶ ã· á¸ ạ¹ ă¨ ằ» ẳ¼ ẵ½ ắ¾ ặÆ â© ầÇ ẩÈ ẫÉ ấÊ ậË "
    # đ, e ê
    "đ® èÌ ẻÎ ẽÏ éĐ ẹÑ êª ềÒ ểÓ ễÔ ếÕ ệÖ "
    # i o ô ơ
    "ì× ỉØ ĩÜ íÝ ịÞ òß ỏá õâ óã ọä ô« ồå ổæ ỗç ốè ộé ơ¬ ờê ởë ỡì ớí ợî "
    # u ư y
    "ùï ủñ ũò úó ụô ư­ ừõ ửö ữ÷ ứø ựù ỳú ỷû ỹü ýý ỵþ "
    # capitals that have their own code in the normal (lower-case) fonts
    "Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
)
# "éĐ" above: the TCVN3 code for é is 0xD0, which is Ð (U+00D0) in Latin-1.
_TCVN3: dict[str, str] = {}
for _pair in _TCVN3_PAIRS.split():
    _uni, _code = _pair[0], _pair[1]
    if _code == "Đ":
        _code = "\u00d0"
    _TCVN3[_code] = _uni
_TCVN3_TABLE = str.maketrans(_TCVN3)

# --- VNI: base letter + a mark character --------------------------------------------
# Marks after a vowel. Tone marks alone:
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# Marks that add a circumflex (â) or breve (ê) and possibly a tone at once.
_VNI_CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Single characters with their own code.
_VNI_SINGLE = {
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "ô": "ơ",
    "ö": "ư",
    "î": "ỵ",
    "ñ": "đ",
    "Í": "Í",
    "Ì": "Ì",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "Ô": "Ơ",
    "Ö": "Ư",
    "Î": "Ỵ",
    "Ñ": "Đ",
}


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for lower in (True, False):

        def m(c: str, lower: bool = lower) -> str:
            return c if lower else c.upper()

        for base in "aeiouy":
            for mark, comb in _VNI_TONE.items():
                table[m(base) + m(mark)] = unicodedata.normalize("NFC", m(base) + comb)
        for base in "aeo":
            for mark, comb in _VNI_CIRC.items():
                table[m(base) + m(mark)] = unicodedata.normalize("NFC", m(base) + "\u0302" + comb)
        for mark, comb in _VNI_BREVE.items():
            table[m("a") + m(mark)] = unicodedata.normalize("NFC", m("a") + "\u0306" + comb)
        for base, horn in (("ô", "o"), ("ö", "u")):
            for mark, comb in _VNI_TONE.items():
                table[m(base) + m(mark)] = unicodedata.normalize("NFC", m(horn) + "\u031b" + comb)
    return table


_VNI_PAIRS = _build_vni()
# One pass over pairs and single codes: a converted letter must not be converted again.
_VNI_ALL = {**_VNI_SINGLE, **_VNI_PAIRS}
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_ALL, key=len, reverse=True)))

# Characters that occur in one legacy encoding and never in real Vietnamese text.
_TCVN3_STRONG = set("µ¶·¸¹»¼½¾¨©ª«¬®ßÞ×ÐÇ¡¢£¤¥¦§")
_VNI_STRONG = set("øûïöñäåëüæîØÛÏÖÑÄÅËÜÆÎ")
_WORD = re.compile(r"[^\W\d_]+|[^\s\d.,;:!?()\[\]\"'/\\-]+")

_TONES = {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
# Vowel nuclei of Vietnamese syllables (without tone), longest first.
_NUCLEI = [
    "iêu",
    "yêu",
    "oai",
    "oay",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uya",
    "uyê",
    "oeo",
    "uyu",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "oo",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "ươ",
    "ưa",
    "ưi",
    "ưu",
    "uy",
    "yê",
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
]
# A Vietnamese syllable (tone marks removed): initial consonant(s), a nucleus, a final.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?(?:"
    + "|".join(_NUCLEI)
    + r")(?:ch|ng|nh|[cmnpt])?"
)


def is_syllable(word: str) -> bool:
    """A Vietnamese syllable (any case, with at most one tone mark)."""
    return _is_syllable(word)


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.fullmatch(bare))


def _plausible(converted_words: list[str]) -> int:
    """How many converted words are Vietnamese syllables with at least one plain letter."""
    return sum(1 for w in converted_words if any("a" <= c <= "z" for c in w) and _is_syllable(w))


def looks_legacy(text: str) -> str | None:
    """'tcvn3' or 'vni' when the text looks typed in that encoding, else None.

    A few odd Latin-1 characters (©, «») are not enough: the words that contain them
    must become real Vietnamese syllables once converted.
    """
    if not text or text.isascii():
        return None
    if not any(c in _TCVN3_STRONG or c in _VNI_STRONG for c in text):
        return None
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return None
    if len(words) > 400:  # a sample is enough to decide
        words = words[:: len(words) // 400 + 1]
    best, best_score = None, 0
    for encoding, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        changed = [convert(w).lower() for w in words]
        changed = [c for c, w in zip(changed, words, strict=True) if c != w.lower()]
        ok = _plausible(changed)
        if ok >= 2 and ok >= 0.7 * len(changed) and ok > best_score:
            best, best_score = encoding, ok
    if best is None:
        return None
    # Real Unicode Vietnamese words must not outnumber the legacy ones.
    real = sum(1 for w in words if _is_syllable(w))
    return best if best_score > real * 0.5 else None


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name implies: '.VnTime' → tcvn3, 'VNI-Times' → vni."""
    if not font:
        return None
    f = font.strip().lower()
    if f.startswith(".vn") or f.startswith("vn3") or f.startswith("abc "):
        return "tcvn3"
    if f.startswith("vni-") or f.startswith("vni "):
        return "vni"
    return None


def _is_capitals_font(font: str | None) -> bool:
    # TCVN3 capitals fonts (.VnTimeH, .VnArialH) draw the lower-case codes as capitals.
    return bool(font) and font.strip().lower().startswith(".vn") and font.strip().endswith("H")


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def vni_to_unicode(text: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_ALL[m.group(0)], text)


def _capital_line(line: str) -> str:
    """TCVN3's normal fonts have no accented capitals, so a heading typed in capitals
    reads "KÕ HO¹CH" → "Kế HOạCH": a line whose plain letters are all capitals is
    upper-cased whole."""
    ascii_letters = [c for c in line if c.isascii() and c.isalpha()]
    if len(ascii_letters) >= 3 and all(c.isupper() for c in ascii_letters):
        return line.upper()
    return line


def _unprivate(text: str) -> str:
    # Word stores symbol-font characters at U+F0xx; the legacy code is the low byte.
    if any("\uf000" <= c <= "\uf0ff" for c in text):
        text = "".join(chr(ord(c) - 0xF000) if "\uf020" <= c <= "\uf0ff" else c for c in text)
    return text


def to_unicode(text: str, font: str | None = None) -> str:
    """Convert legacy-encoded text to NFC Unicode; unchanged (but NFC) when it is not legacy.

    With `font` (a .docx run's font name) the font decides; without it the text's own
    characters do.
    """
    if not text:
        return text
    encoding = font_encoding(font)
    if encoding:
        text = _unprivate(text)
    else:
        encoding = looks_legacy(text)
    return convert(text, encoding, capitals=_is_capitals_font(font))


def convert(text: str, encoding: str | None, capitals: bool = False) -> str:
    """Convert text known to be in `encoding` ('tcvn3', 'vni', or None) to NFC Unicode."""
    if encoding == "tcvn3":
        text = tcvn3_to_unicode(text)
        text = text.upper() if capitals else "\n".join(_capital_line(line) for line in text.split("\n"))
    elif encoding == "vni":
        text = vni_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def from_unicode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (lower-case font codes). For building test fixtures; capitals
    without their own code are lowered, as the old fonts required."""
    reverse = {v: k for k, v in _TCVN3.items()}
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in reverse:
            out.append(reverse[c])
        elif c.lower() in reverse and not c.isascii():
            out.append(reverse[c.lower()])
        else:
            out.append(c)
    return "".join(out)


def from_unicode_vni(text: str) -> str:
    """Unicode → VNI, for building test fixtures."""
    reverse = {v: k for k, v in _VNI_PAIRS.items()}
    reverse.update({v: k for k, v in _VNI_SINGLE.items()})
    return "".join(reverse.get(c, c) for c in unicodedata.normalize("NFC", text))
