"""Positioned words → lines → paragraphs and borderless tables. Pure geometry, no I/O.

Shared by the PDF text-layer reader and by OCR, which both yield words with boxes.
A word is a dict with x0, x1, top, bottom, text and optionally bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKER = re.compile(
    r"^(?:[IVXLC]+\.|\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|\(\d{1,3}\)|\([a-zđ]\)|[-+*•–▪➢]|Điều\s+\d+)\s"
)


@dataclass
class Line:
    words: list[dict]
    top: float
    bottom: float
    x0: float
    x1: float
    page: int = 0
    size: float = 10.0
    bold: bool = False
    segments: list[list[dict]] = field(default_factory=list)  # words split at wide gaps

    @property
    def text(self) -> str:
        return join_words(self.words)


def join_words(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words if w["text"])


def group_lines(words: list[dict], page: int = 0, tolerance: float = 3.0) -> list[Line]:
    """Words on the same baseline (top within `tolerance`) form a line, left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1].top) <= tolerance:
            line = lines[-1]
            line.words.append(w)
            line.bottom = max(line.bottom, w["bottom"])
            line.x1 = max(line.x1, w["x1"])
            line.x0 = min(line.x0, w["x0"])
        else:
            lines.append(Line(words=[w], top=w["top"], bottom=w["bottom"], x0=w["x0"], x1=w["x1"], page=page))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        line.size = max(1.0, max(w.get("size") or (w["bottom"] - w["top"]) for w in line.words))
        line.bold = all(w.get("bold") for w in line.words if w["text"].strip())
        line.segments = split_segments(line.words, line.size)
    return lines


def split_segments(words: list[dict], size: float) -> list[list[dict]]:
    """Split a line where the gap between words is far wider than a space (a column gap)."""
    segs: list[list[dict]] = []
    gap = max(12.0, 1.6 * size)
    for w in words:
        if segs and w["x0"] - segs[-1][-1]["x1"] <= gap:
            segs[-1].append(w)
        else:
            segs.append([w])
    return segs


def join_wrapped(parts: list[str]) -> str:
    """Join the visual lines of one paragraph or cell: a space, except after a soft
    hyphen or a word broken with a hyphen ("Covid-" + "19")."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith("\u00ad"):
            out = out[:-1] + part
        elif re.search(r"\w-$", out) and not out.endswith(" -"):
            out += part
        elif re.search(r"\b\d{1,2}/\d{1,2}/\d{1,3}$", out) and re.match(r"\d{1,3}\b", part) and re.search(
            r"/(\d{4})$", out + re.match(r"\d{1,3}", part).group(0)
        ):
            out += part  # a date broken inside its year: "10/5/20" + "23"
        elif _broken_word(out, part):
            out += part  # a word too long for a narrow cell, broken between letters
        else:
            out += " " + part
    return out


_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _broken_word(before: str, after: str) -> bool:
    """'Thườn' + 'g xuyên': the next line starts with letters that cannot be a word
    (no vowel) and complete the last word of the line before."""
    from nhiemvu.ingest.legacy import is_syllable

    head = re.match(r"[^\W\d_]+", after)
    tail = re.search(r"[^\W\d_]+$", before)
    if not head or not tail or any(c in _VOWELS for c in head.group(0).lower()):
        return False
    if len(head.group(0)) > 3 or head.group(0).isupper() and len(head.group(0)) > 1:
        return False
    return is_syllable(tail.group(0) + head.group(0))


def paragraphs(lines: list[Line], right_edge: float | None = None) -> list[tuple[str, bool, list[Line]]]:
    """Group lines into paragraphs: (text, bold, lines).

    A new paragraph starts after a wide vertical gap, after a line that stops well short
    of the right edge (of its page), at a first-line indent, where boldness changes, or
    at a list marker ("2.", "-") unless the line above runs to the right edge: then the
    "2." is a number that wrapped to the start of a line.
    """
    edges: dict[int, float] = {}
    for line in lines:
        edges[line.page] = max(edges.get(line.page, 0.0), line.x1)
    groups: list[list[Line]] = []
    for line in lines:
        if not groups:
            groups.append([line])
            continue
        prev = groups[-1][-1]
        edge = right_edge if right_edge is not None else edges.get(prev.page, prev.x1)
        edge = max(edge, edges.get(prev.page, 0.0)) if right_edge is None else edge
        gap = line.top - prev.bottom
        # A page break alone does not end a paragraph (the gap is measured on one page).
        new = line.page == prev.page and (gap > 0.6 * line.size or gap < -2)
        new = new or prev.x1 < edge - 4 * line.size
        new = new or bool(_MARKER.match(line.text)) and prev.x1 < edge - 1.0 * line.size
        new = new or line.x0 > prev.x0 + 1.5 * line.size and line.page == prev.page
        new = new or line.bold != prev.bold
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return [(join_wrapped([ln.text for ln in g]), all(ln.bold for ln in g), g) for g in groups]


def gap_tables(lines: list[Line], min_rows: int = 3) -> list[tuple[int, int, list[float]]]:
    """Runs of lines laid out in columns without ruling lines: (first, last, column x0s).

    A run is at least `min_rows` consecutive lines with two or more segments whose
    starts line up with the run's columns.
    """
    found: list[tuple[int, int, list[float]]] = []

    def candidate(line: Line) -> bool:
        # "1.   Mục đích" is a numbered paragraph (a tab after its label), not two cells.
        segs = line.segments
        if len(segs) < 2:
            return False
        return not (len(segs) == 2 and _MARKER.match(geo_text(segs[0]) + " "))

    i = 0
    while i < len(lines):
        if not candidate(lines[i]):
            i += 1
            continue
        cols = [s[0]["x0"] for s in lines[i].segments]
        j = i + 1
        while j < len(lines):
            segs = lines[j].segments
            if candidate(lines[j]) and all(any(abs(s[0]["x0"] - c) < 6 for c in cols) or s[0]["x0"] > cols[-1] for s in segs):
                for s in segs:
                    if not any(abs(s[0]["x0"] - c) < 6 for c in cols):
                        cols = sorted([*cols, s[0]["x0"]])
                j += 1
            elif len(segs) == 1 and j + 1 < len(lines) and len(lines[j + 1].segments) >= 2 and segs[0][0]["x0"] > cols[0] + 6:
                j += 1  # a wrapped cell line inside the table
            else:
                break
        rows = sum(1 for k in range(i, j) if candidate(lines[k]))
        if rows >= min_rows and len(cols) >= 3:
            found.append((i, j - 1, cols))
            i = j
        else:
            i += 1
    return found


def geo_text(words: list[dict]) -> str:
    return join_words(words)


def gap_rows(lines: list[Line], cols: list[float]) -> list[list[str]]:
    """Cells of a borderless table: each segment goes to the column it starts in; a line
    whose first column is empty continues the row above (a wrapped cell)."""
    rows: list[list[list[str]]] = []
    for line in lines:
        cells: list[list[str]] = [[] for _ in cols]
        for seg in line.segments:
            x = seg[0]["x0"]
            k = max((n for n, c in enumerate(cols) if c <= x + 6), default=0)
            cells[k].append(join_words(seg))
        if rows and not cells[0] and any(cells):
            for k, parts in enumerate(cells):
                rows[-1][k].extend(parts)
        else:
            rows.append(cells)
    return [[join_wrapped(parts) for parts in row] for row in rows]
