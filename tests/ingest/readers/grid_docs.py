"""Word tables built for the PDF reader's page-break tests: every row's values are known,
identical values in consecutive rows of chosen columns become one vertically merged cell
(vMerge), the header repeats on each page (tblHeader), and row heights are fixed so the
page breaks fall where the test wants them. LibreOffice turns them into PDFs."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document as new_document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


@dataclass
class Grid:
    header: list[str]
    rows: list[list[str]]  # what a reader must give for every row (merged cells copied down)
    widths: list[float]  # column widths, cm
    merge: set[int] = field(default_factory=set)  # columns whose equal neighbours are one cell
    row_height: float = 2.0  # cm, at least; one-line cells keep every row this tall
    can_split: set[int] = field(default_factory=set)  # rows (0-based) a page break may cut
    title: str = "PHỤ LỤC: DANH MỤC NHIỆM VỤ"
    # A header row above `header`: (title, columns it spans); a one-column title is merged
    # down over the header cell below it (which then shows no text of its own).
    group_header: list[tuple[str, int]] | None = None
    row_rules: bool = True  # False: only the column rules and a line under the header

    def header_rows(self) -> list[list[str]]:
        """The header as a reader gives it: spanned columns empty, merged cells copied down."""
        if not self.group_header:
            return [self.header]
        top: list[str] = []
        below = list(self.header)
        for title, span in self.group_header:
            if span == 1:
                below[len(top)] = title
            top.extend([title] + [""] * (span - 1))
        return [top, below]


def _vmerge(grid: Grid) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for k in grid.merge:
        for i in range(1, len(grid.rows)):
            here, above = grid.rows[i][k], grid.rows[i - 1][k]
            if here and here == above:
                out.setdefault((i - 1, k), "restart")
                out[(i, k)] = "continue"
    return out


def _el(tag: str, **attrs: str):
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def grid_docx(grid: Grid) -> bytes:
    doc = new_document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = section.right_margin = Cm(2)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.add_paragraph().add_run(grid.title).bold = True
    table = doc.add_table(rows=0, cols=len(grid.header))
    table.style = "Table Grid"
    twips = [int(w * 567) for w in grid.widths]
    for col, tw in zip(table._tbl.tblGrid.iterchildren(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(tw))
    if not grid.row_rules:
        borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideV"):
            borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
        borders.append(_el("w:insideH", val="nil"))
        table._tbl.tblPr.append(borders)
    merges = _vmerge(grid)
    if grid.group_header:
        _group_header_row(table, grid, twips)
    for i, values in enumerate([grid.header, *grid.rows]):
        data_i = i - 1
        tr = table.add_row()._tr
        for tc in list(tr.iterchildren(qn("w:tc"))):
            tr.remove(tc)
        trpr = tr.get_or_add_trPr()
        if i == 0:
            trpr.append(_el("w:tblHeader"))
            if grid.group_header:
                _header_under_groups(tr, grid, twips)
                continue
        else:
            trpr.append(_el("w:trHeight", val=str(int(grid.row_height * 567)), hRule="atLeast"))
            if data_i not in grid.can_split:
                trpr.append(_el("w:cantSplit"))
        for k, text in enumerate(values):
            tc = _el("w:tc")
            tcpr = _el("w:tcPr")
            tcpr.append(_el("w:tcW", w=str(twips[k]), type="dxa"))
            if i == 0 and not grid.row_rules:
                under = _el("w:tcBorders")
                under.append(_el("w:bottom", val="single", sz="4", space="0", color="000000"))
                tcpr.append(under)
            kind = merges.get((data_i, k)) if i else None
            if kind == "restart":
                tcpr.append(_el("w:vMerge", val="restart"))
            elif kind == "continue":
                tcpr.append(_el("w:vMerge"))
            tc.append(tcpr)
            p = _el("w:p")
            if text and kind != "continue":
                r = _el("w:r")
                if i == 0:
                    rpr = _el("w:rPr")
                    rpr.append(_el("w:b"))
                    r.append(rpr)
                t = _el("w:t")
                t.text = text
                r.append(t)
                p.append(r)
            tc.append(p)
            tr.append(tc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _text_cell(text: str, width: int, span: int = 1, vmerge: str | None = None):
    tc = _el("w:tc")
    tcpr = _el("w:tcPr")
    tcpr.append(_el("w:tcW", w=str(width), type="dxa"))
    if span > 1:
        tcpr.append(_el("w:gridSpan", val=str(span)))
    if vmerge:
        tcpr.append(_el("w:vMerge", val="restart") if vmerge == "restart" else _el("w:vMerge"))
    tc.append(tcpr)
    p = _el("w:p")
    if text:
        r = _el("w:r")
        rpr = _el("w:rPr")
        rpr.append(_el("w:b"))
        r.append(rpr)
        t = _el("w:t")
        t.text = text
        r.append(t)
        p.append(r)
    tc.append(p)
    return tc


def _group_header_row(table, grid: Grid, twips: list[int]) -> None:
    tr = table.add_row()._tr
    for tc in list(tr.iterchildren(qn("w:tc"))):
        tr.remove(tc)
    tr.get_or_add_trPr().append(_el("w:tblHeader"))
    k = 0
    for title, span in grid.group_header or []:
        tr.append(_text_cell(title, sum(twips[k:k + span]), span, "restart" if span == 1 else None))
        k += span


def _header_under_groups(tr, grid: Grid, twips: list[int]) -> None:
    k = 0
    for _title, span in grid.group_header or []:
        if span == 1:
            tr.append(_text_cell("", twips[k], vmerge="continue"))
        else:
            for j in range(k, k + span):
                tr.append(_text_cell(grid.header[j], twips[j]))
        k += span


def page_of(pdf: bytes, needles: list[str]) -> dict[str, int]:
    """The page (0-based) where each text first appears."""
    import pypdfium2 as pdfium

    found: dict[str, int] = {}
    doc = pdfium.PdfDocument(pdf)
    try:
        for n in range(len(doc)):
            page = doc[n]
            text = " ".join(page.get_textpage().get_text_range().split())
            for needle in needles:
                if needle not in found and needle in text:
                    found[needle] = n
            page.close()
    finally:
        doc.close()
    return found
